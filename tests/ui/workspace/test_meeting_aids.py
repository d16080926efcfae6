"""Issue 11's meeting aids in the running window: the parking lot, ELMO, the agenda, roles on the
projector, and the navigator and status telling the truth. Real widgets, real keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from retro.domain import FactorCategory, IncidentStatus, ParkingResolution, Severity, Stage
from tests.ui.workspace.harness import open_demo, trigger, wait_checked
from ui.main_window import MainWindow
from ui.stages.factors import FactorsStage
from ui.stages.review import ReviewStage
from ui.stages.setup import SetupStage
from ui.widgets.timebox import AgendaDialog
from ui.workspace.navigator import STATUS_ROLE

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def status(window: MainWindow, stage: Stage) -> str:
    return window.workspace.stage_model.index(list(Stage).index(stage)).data(STATUS_ROLE)


def back_to(qtbot, window: MainWindow) -> None:
    """The facilitator's window active again (the projector took the activation when it opened)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def park_by_keyboard(qtbot, window: MainWindow, text: str) -> None:
    """Ctrl+Shift+P from wherever the focus is, type, Enter."""
    focus = QApplication.focusWidget() or window.workspace.host.currentWidget()
    QTest.keyClick(focus, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    entry = window.workspace.parking.entry
    assert entry.hasFocus()
    QTest.keyClicks(entry, text)
    QTest.keyClick(entry, Qt.Key.Key_Return)


# -- parking lot ---------------------------------------------------------------------------------


def test_one_key_parks_a_topic_from_any_stage_and_undo_takes_it_back(qtbot, window: MainWindow) -> None:
    document = open_demo(window)
    window.go_to_stage(Stage.TIMELINE)
    window.workspace.current_view().setFocus()
    park_by_keyboard(qtbot, window, "Does the vendor SDK retry on 503?")
    (item,) = document.retro.parking_lot.values()
    assert (item.text, item.stage, item.resolution) == ("Does the vendor SDK retry on 503?", Stage.TIMELINE,
                                                        ParkingResolution.OPEN)
    panel = window.workspace.parking
    assert panel.list.count() == 1 and "Does the vendor SDK retry on 503?" in panel.list.item(0).text()
    assert "Timeline" in panel.list.item(0).text() and "1 open" in panel.heading.text()
    assert panel.entry.text() == ""
    assert window.undo_group.activeStack().undoText() == "Park a topic"
    window.undo_group.activeStack().undo()
    assert document.retro.parking_lot == {} and panel.list.count() == 0


def test_a_parked_topic_becomes_an_action_in_one_undo_step(qtbot, window: MainWindow) -> None:
    document = open_demo(window)
    window.go_to_stage(Stage.FACTORS)
    park_by_keyboard(qtbot, window, "Who owns the proxy connection budget?")
    panel = window.workspace.parking
    panel.list.setCurrentRow(0)
    actions_before = set(document.retro.actions)
    qtbot.mouseClick(panel.to_action, Qt.MouseButton.LeftButton)
    (new_id,) = set(document.retro.actions) - actions_before
    item = next(iter(document.retro.parking_lot.values()))
    assert item.resolution is ParkingResolution.ACTION and item.outcome_id == new_id
    assert document.retro.actions[new_id].title == "Who owns the proxy connection budget?"
    assert window.workspace.current_stage is Stage.ACTIONS  # to give it an owner and a date
    assert "Factors · → Action" in panel.list.item(0).text().replace("Contributing factors", "Factors")
    assert "Action: Who owns the proxy" in panel.list.item(0).toolTip()
    assert not panel.to_action.isEnabled() and panel.reopen.isEnabled()
    stack = window.undo_group.activeStack()
    assert stack.undoText() == "Turn a parked topic into an action"
    stack.undo()  # one step takes back both
    assert set(document.retro.actions) == actions_before
    assert next(iter(document.retro.parking_lot.values())).resolution is ParkingResolution.OPEN


def test_a_parked_topic_becomes_a_factor_of_the_chosen_category_or_an_open_question(qtbot, window) -> None:
    document = open_demo(window)
    panel = window.workspace.parking
    panel.park("Status page updates were manual")
    panel.park("Why was the alert archived?")
    panel.select(next(p.id for p in document.retro.parking_lot.values() if p.text.startswith("Status")))
    panel.factor_actions[FactorCategory.PROCESS].trigger()
    factor = next(f for f in document.retro.factors.values() if f.title == "Status page updates were manual")
    assert factor.category is FactorCategory.PROCESS
    assert window.workspace.current_stage is Stage.FACTORS
    panel.select(next(p.id for p in document.retro.parking_lot.values() if p.text.startswith("Why")))
    qtbot.mouseClick(panel.to_question, Qt.MouseButton.LeftButton)
    question = next(p for p in document.retro.parking_lot.values() if p.text.startswith("Why"))
    assert question.resolution is ParkingResolution.QUESTION


def test_esc_leaves_the_entry_without_parking_and_gives_the_focus_back(qtbot, window: MainWindow) -> None:
    document = open_demo(window)
    window.go_to_stage(Stage.SETUP)
    setup = window.workspace.current_view()
    assert isinstance(setup, SetupStage)
    title = setup.text_fields["title"]
    title.setFocus()
    QTest.keyClick(title, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    entry = window.workspace.parking.entry
    QTest.keyClicks(entry, "half a thought")
    QTest.keyClick(entry, Qt.Key.Key_Escape)
    assert entry.text() == "" and document.retro.parking_lot == {}
    assert title.hasFocus()


def test_the_projector_shows_the_open_parked_topics(qtbot, window: MainWindow) -> None:
    open_demo(window)
    trigger(window.menus.projector_action)
    projector = window.projector
    assert projector is not None
    strip = projector.meeting_aids.parking
    assert not strip.isVisible()
    window.workspace.parking.park("Who reviews config pushes?")
    assert strip.isVisible()
    assert "Who reviews config pushes?" in strip.label.text() and "1 open" in strip.label.text()
    panel = window.workspace.parking
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.drop, Qt.MouseButton.LeftButton)
    assert not strip.isVisible()  # dropped: nothing left to show the room


# -- ELMO ----------------------------------------------------------------------------------------


def test_elmo_shows_on_the_projector_and_offers_to_park_the_selected_factor(qtbot, window: MainWindow) -> None:
    document = open_demo(window)
    trigger(window.menus.projector_action)
    factors = window.workspace.view_for(Stage.FACTORS)
    window.go_to_stage(Stage.FACTORS)
    assert isinstance(factors, FactorsStage)
    factor = next(iter(document.retro.factors.values()))
    factors.focus_target(factor.id)
    back_to(qtbot, window)
    qtbot.mouseClick(window.workspace.elmo_button, Qt.MouseButton.LeftButton)
    notice = window.projector.meeting_aids.elmo
    assert notice.isVisible() and notice.text().startswith("ELMO\nEnough, let's move on")
    assert factor.title[:40] in notice.text()
    entry = window.workspace.parking.entry
    assert entry.hasFocus() and entry.text() == factor.title and entry.selectedText() == factor.title
    QTest.keyClick(entry, Qt.Key.Key_Return)
    assert [p.text for p in document.retro.parking_lot.values()] == [factor.title]
    notice.timer.timeout.emit()  # the few seconds are up
    assert not notice.isVisible()


def test_f8_is_elmo_from_the_keyboard(qtbot, window: MainWindow) -> None:
    open_demo(window)
    window.go_to_stage(Stage.ACCOUNTABILITY)
    window.workspace.current_view().setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8)
    assert window.workspace.parking.entry.hasFocus()
    assert window.workspace.parking.entry.text() == "Accountability: "  # no topic known: the stage
    QTest.keyClick(window.workspace.parking.entry, Qt.Key.Key_Escape)
    timeline = window.workspace.view_for(Stage.TIMELINE)
    window.go_to_stage(Stage.TIMELINE)
    event = timeline.current_event()
    if event is None:
        timeline.focus_target(document_first_event(window))
        event = timeline.current_event()
    assert event is not None
    timeline.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8)
    assert window.workspace.parking.entry.text() == event.text  # the selected event is offered


def document_first_event(window: MainWindow) -> str:
    assert window.document is not None
    return window.document.retro.timeline()[0].id


# -- time boxes and the agenda -------------------------------------------------------------------


def test_an_overrun_time_box_runs_negative_in_colour_on_both_screens(qtbot, window: MainWindow) -> None:
    open_demo(window)
    trigger(window.menus.projector_action)
    clock = window.workspace.clock
    clock.tick(clock.total() + 75)
    assert window.workspace.countdown.text() == "\u221201:15 over"
    assert window.workspace.countdown.property("overtime") is True
    assert window.projector.countdown.text() == "\u221201:15 over"
    assert window.projector.countdown.palette().color(window.projector.countdown.foregroundRole()).name() != (
        window.projector.stage_label.palette().color(window.projector.stage_label.foregroundRole()).name())


def test_the_agenda_is_stored_with_the_retro_and_the_time_boxes_follow_it(qtbot, window: MainWindow) -> None:
    document = open_demo(window)
    window.go_to_stage(Stage.SETUP)
    dialog = AgendaDialog(window.settings, window, document)
    qtbot.addWidget(dialog)
    spin = dialog.spins[Stage.TIMELINE]
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "25")
    QTest.keyClick(spin, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # timeline before ground rules
    assert dialog.order[:3] == [Stage.SETUP, Stage.TIMELINE, Stage.GROUND_RULES]
    assert dialog.total.text() == "Total: 70 min"
    dialog.accept()
    agenda = document.retro.incident.agenda
    assert agenda[:3] == ("setup:3", "timeline:25", "ground_rules:2")
    window.go_to_stage(Stage.TIMELINE)
    assert window.workspace.clock.total() == 25 * 60
    assert window.workspace.countdown.text() == "25:00"
    setup = window.workspace.view_for(Stage.SETUP)
    assert isinstance(setup, SetupStage)
    assert setup.agenda_summary.text().startswith("70 min: Setup 3 · Timeline 25")
    window.go_to_stage(Stage.SETUP)  # Ctrl+PgDown moves on in the agenda's order
    QTest.keyClick(window.workspace.navigator, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.current_stage is Stage.TIMELINE
    QTest.keyClick(window.workspace.navigator, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.current_stage is Stage.GROUND_RULES
    window.undo_group.activeStack().undo()
    assert document.retro.incident.agenda == ()
    assert window.workspace.clock.total(Stage.TIMELINE) == window.settings.time_box(Stage.TIMELINE) * 60


# -- roles instead of names ----------------------------------------------------------------------


def test_the_projector_shows_roles_instead_of_names_when_asked(qtbot, window: MainWindow) -> None:
    document = open_demo(window)
    trigger(window.menus.projector_action)
    names = [p.name for p in document.retro.people()]
    window.go_to_stage(Stage.ACCOUNTABILITY)
    shown = " ".join(label.text() for label in window.projector.findChildren(QLabel))
    assert any(name in shown for name in names)
    window.go_to_stage(Stage.SETUP)
    setup = window.workspace.current_view()
    assert isinstance(setup, SetupStage)
    qtbot.mouseClick(setup.roles_on_projector, Qt.MouseButton.LeftButton)
    assert document.retro.incident.projector_shows_roles is True
    for stage in (Stage.SETUP, Stage.ACCOUNTABILITY, Stage.ACTIONS):
        window.go_to_stage(stage)
        view = window.projector.content  # (the previous stage's view may still await deletion)
        texts = [label.text() for label in view.findChildren(QLabel)]
        lines = getattr(view, "lines", lambda: [])()
        shown = " ".join([*texts, *lines])
        leaked = [name for name in names if name in shown]
        assert not leaked, f"{stage.label} shows {leaked}"
    window.undo_group.activeStack().undo()
    window.go_to_stage(Stage.ACCOUNTABILITY)
    shown = " ".join(label.text() for label in window.projector.content.findChildren(QLabel))
    assert any(name in shown for name in names)


# -- truthful state ------------------------------------------------------------------------------


def test_a_brand_new_retro_marks_no_stage_complete_that_is_not(qtbot, window: MainWindow) -> None:
    window.library.create_named("Search index stopped updating", Severity.SEV3)
    assert status(window, Stage.GROUND_RULES) == "Checking…"  # just opened: checked after the first paint
    wait_checked(window)
    for stage in Stage:
        assert not status(window, stage).startswith("Complete"), (stage, status(window, stage))
    assert status(window, Stage.GROUND_RULES).startswith("Not started")
    assert status(window, Stage.REVIEW).startswith("Waits on")
    window.go_to_stage(Stage.GROUND_RULES)
    assert "Not started" in window.workspace.findings.text()


def test_the_demo_marks_ground_rules_complete_and_review_by_its_blockers(qtbot, window: MainWindow) -> None:
    open_demo(window)
    assert status(window, Stage.GROUND_RULES) == "Complete"
    review = status(window, Stage.REVIEW)
    assert review.startswith(("Waits on", "Ready")), review


def test_sharing_both_reports_publishes_the_retro_in_the_same_undo_step(qtbot, window: MainWindow) -> None:
    document = open_demo(window)
    window.go_to_stage(Stage.REVIEW)
    review = window.workspace.current_view()
    assert isinstance(review, ReviewStage)
    assert review.next_step.text().startswith("Next:")
    qtbot.mouseClick(review.internal_shared, Qt.MouseButton.LeftButton)
    assert document.retro.incident.status is IncidentStatus.IN_REVIEW
    qtbot.mouseClick(review.public_shared, Qt.MouseButton.LeftButton)
    assert document.retro.incident.status is IncidentStatus.PUBLISHED
    assert window.workspace.status_label.text() == "Published"
    if review.findings.blocker_count() == 0:
        assert status(window, Stage.REVIEW).startswith("Complete")
    window.undo_group.activeStack().undo()  # un-share the public one: back to In review
    assert document.retro.incident.status is IncidentStatus.IN_REVIEW
    assert document.retro.incident.public_report_shared_at is None


def test_a_new_factors_category_is_chosen_from_the_keyboard(qtbot, window: MainWindow) -> None:
    document = open_demo(window)
    window.go_to_stage(Stage.FACTORS)
    factors = window.workspace.current_view()
    assert isinstance(factors, FactorsStage)
    factors.view.setFocus()
    QTest.keyClick(factors.view, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert factors.new_category.currentData() == FactorCategory.HUMAN_FACTORS
    before = set(document.retro.factors)
    factors.view.setFocus()
    QTest.keyClick(factors.view, Qt.Key.Key_Insert)
    (new_id,) = set(document.retro.factors) - before
    assert document.retro.factors[new_id].category is FactorCategory.HUMAN_FACTORS
    assert QFontMetrics(factors.new_category.font()).horizontalAdvance("Human factors") > 0
