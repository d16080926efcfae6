"""The facilitator's whole meeting, end to end, through the widgets a person uses.

A fresh database; New retrospective… in the library; Setup (summary, impact, lifecycle times,
participants and their roles); the timeline typed in from the entry row; contributing factors
drawn on the canvas, connected to the impact and given evidence; the leader's statement first,
then someone else's; actions with owner, due date, horizon and the factors they address; the
readiness list at "Ready to publish"; one review question answered. Then the window is closed
and a new one opened on the same file: everything is there, and nobody pressed Save.

Every step is a mouse click, a key press or typing into a real widget; the assertions read
what a person sees (cell texts, labels, the Edit menu). Where a widget is reached another way
the comment says why.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QStyle,
    QStyleOptionViewItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from retro.domain import Horizon, Role, Stage
from retro.domain.accountability import LEADER_FIRST_REASON
from retro.services import RetroStore
from retro.startup import open_store
from tests.ui.workspace.harness import trigger
from ui.graph.title_editor import TitleEditor
from ui.library.new_retro import NewRetroDialog
from ui.main_window import MainWindow
from ui.models.actions_model import ActionColumn
from ui.models.participants_model import ROLES
from ui.models.timeline_model import TimelineColumn
from ui.settings import UiSettings
from ui.stages.accountability import AccountabilityStage, StatementCard
from ui.stages.actions import ActionsStage
from ui.stages.factors import FactorsStage
from ui.stages.review import ReviewStage
from ui.stages.setup import SetupStage
from ui.stages.timeline import TimelineStage
from ui.widgets.datetime_field import DateTimeField
from ui.workspace.navigator import STAGES, STATUS_ROLE

from .workspace.harness import stored_retro

# The offscreen platform cannot size, raise or grab windows (popups, completers): not our warnings.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

TITLE = "Checkout errors after a config push"
SUMMARY = "A config push raised the checkout worker count; the database proxy ran out of connections."
IMPACT = "For 53 minutes about 1 in 5 checkouts failed with an error page."
ZONE = "Europe/Berlin"
#: Lifecycle times typed into the date-time editors (Berlin wall clock; CET is UTC+1 in November).
TIMES = {
    "started_at": "2026-11-18 09:40",
    "detected_at": "2026-11-18 09:52",
    "declared_at": "2026-11-18 10:01",
    "mitigated_at": "2026-11-18 10:20",
    "resolved_at": "2026-11-18 10:45",
}
AMARA, BEN, CHEN, DANA = "Amara Osei", "Ben Carter", "Chen Wei", "Dana Novak"
#: Who holds which roles once Setup is done (a new participant starts as a responder).
ROLES_WANTED = {
    AMARA: {Role.LEADER},
    BEN: {Role.FACILITATOR},
    CHEN: {Role.RESPONDER, Role.INCIDENT_COMMANDER},
    DANA: {Role.RESPONDER},
}
#: Typed out of order, as bare times: they fall on the day the incident started.
EVENTS = (
    ("10:20", "Rolled back the config push"),
    ("09:48", "Config push CFG-12 reaches every checkout pod"),
    ("09:52", "Error rate alert fires for checkout"),
    ("10:01", "On-call engineer declares an incident"),
)
SORTED_EVENTS = [text for _time, text in sorted(EVENTS)]
CANARY = "Config pushes skip the canary stage"
BUDGET = "Nobody tracks the proxy connection budget"
ALERT_ACTION = "Alert when checkout errors double"
CANARY_ACTION = "Send config pushes through the canary stage"
LEADER_WORDS = "I approved pushing config outside the release train to save a day."
CHEN_WORDS = "I rolled back late because I expected the pods to recover by themselves."
DETECTION_ANSWER = "Partly: the alert fired after four minutes, but nobody watched the proxy."


# -- what a person does ----------------------------------------------------------------------


def undo_text(window: MainWindow) -> str:
    """Edit ▸ Undo as the menu shows it, without the mnemonic."""
    return window.menus.undo_action.text().replace("&", "")


def redo_text(window: MainWindow) -> str:
    return window.menus.redo_action.text().replace("&", "")


def click(qtbot: QtBot, widget: QWidget, pos: QPoint | None = None) -> None:
    if pos is None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def reactivate(qtbot: QtBot, window: QWidget) -> None:
    """Make the window active again (typing goes to the active window).

    A window manager gives the main window its focus back when a dialog closes; the offscreen
    platform does not, and now and then it drops the activation after a table's cell editor closes.
    """
    window = window.window()
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)


def go_to(qtbot: QtBot, window: MainWindow, stage: Stage) -> QWidget:
    """Click the stage in the navigator on the left."""
    navigator = window.workspace.navigator
    rect = navigator.visualRect(window.workspace.stage_model.index(STAGES.index(stage), 0))
    click(qtbot, navigator.viewport(), rect.center())
    assert window.workspace.stage_title.text().endswith(stage.label)
    return window.workspace.current_view()


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Click into a field and type."""
    click(qtbot, widget)
    qtbot.keyClicks(widget, text)


def check_indicator(view: QAbstractItemView, index: QModelIndex) -> QPoint:
    """Where the style draws the check box of a checkable cell (what a person aims the mouse at)."""
    option = QStyleOptionViewItem()
    option.initFrom(view.viewport())
    option.rect = view.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    option.displayAlignment = Qt.AlignmentFlag.AlignCenter
    return view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view).center()


def key_to_cell(qtbot: QtBot, table: QAbstractItemView, row: int, column: int) -> None:
    """Walk the keyboard cursor to a cell: Ctrl+Home, then Down and Right."""
    reactivate(qtbot, table)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(row):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    for _ in range(column):
        qtbot.keyClick(table, Qt.Key.Key_Right)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (row, column)


def column_texts(model, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


# -- the database ----------------------------------------------------------------------------


@pytest.fixture
def fresh_store(sqlite_url: str) -> Iterator[RetroStore]:
    """A new, empty database file (no demo retro): the facilitator starts from nothing."""
    store = open_store(sqlite_url)
    yield store
    store.close()


def test_a_facilitator_runs_a_whole_retro_and_finds_it_all_again(qtbot: QtBot, sqlite_url: str,
                                                                  fresh_store: RetroStore) -> None:
    window = MainWindow(fresh_store, UiSettings())
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)

    # 1. The library of a fresh database is empty and says how to start.
    library = window.library
    assert library.empty_hint.isVisible()
    assert "No retrospectives yet" in library.empty_hint.text()
    click(qtbot, library.new_button)
    dialog = library.findChild(NewRetroDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    create = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not create.isEnabled()  # a retro needs a title
    assert QApplication.focusWidget() is dialog.title  # typing starts at once
    qtbot.keyClicks(dialog.title, TITLE)
    qtbot.keyClick(dialog.severity, Qt.Key.Key_Up)  # SEV3 → SEV2
    assert dialog.severity.currentText() == "SEV2"
    click(qtbot, create)
    reactivate(qtbot, window)
    assert window.windowTitle().startswith(TITLE)
    assert window.workspace.incident_title.text() == TITLE
    assert window.workspace.severity_badge.text() == "SEV2"
    setup = window.workspace.current_view()
    assert isinstance(setup, SetupStage)

    # 2. Setup: what happened, the time zone, the lifecycle times, the people and their roles.
    type_into(qtbot, setup.text_fields["summary"], SUMMARY)
    type_into(qtbot, setup.text_fields["customer_impact"], IMPACT)  # leaving the summary commits it
    zone = setup.timezone.lineEdit()
    click(qtbot, zone)
    qtbot.keyClick(zone, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(zone, ZONE)
    qtbot.keyClick(zone, Qt.Key.Key_Return)  # leaving the impact committed it
    assert undo_text(window) == "Undo Change time zone"
    for field, text in TIMES.items():
        editor = setup.times[field]
        assert editor.edit.text() == "" and editor.edit.placeholderText() == "Not set"
        click(qtbot, editor.toggle)  # "Set": fills in a time and puts the cursor in the editor
        assert editor.edit.hasFocus() and editor.toggle.text() == "Clear"
        qtbot.keyClick(editor.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(editor.edit, text)
        qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
        assert editor.edit.text() == text  # the typed date and year stick
    assert undo_text(window) == "Undo Change resolved time"
    durations = setup.durations.text()
    assert "12 min" in durations and "1 h 05 min" in durations  # to detect; to resolve
    assert "Internal postmortem due 2026-11-19 10:45 CET" in setup.due.text()
    assert not any(p.isVisible() for p in setup.time_problems.values())

    people = setup.people
    for name in ROLES_WANTED:
        click(qtbot, setup.add_person)  # adds "New participant" and opens the name for typing
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit) and editor.text() == "New participant"
        qtbot.keyClicks(editor, name)  # the whole name was selected: typing replaces it
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda n=name: n in column_texts(setup.participants, 0))  # the delegate commits queued
    assert column_texts(setup.participants, 0) == list(ROLES_WANTED)
    for row, (name, wanted) in enumerate(ROLES_WANTED.items()):
        for role in ROLES:
            index = setup.participants.index(row, 1 + ROLES.index(role))
            held = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            if held != (role in wanted):
                click(qtbot, people.viewport(), check_indicator(people, index))
                verb = f"Give {name} the {role.label}" if role in wanted else f"Take the {role.label}"
                assert undo_text(window).startswith(f"Undo {verb}")
    for row, (name, wanted) in enumerate(ROLES_WANTED.items()):
        ticked = {role for role in ROLES
                  if setup.participants.index(row, 1 + ROLES.index(role)).data(Qt.ItemDataRole.CheckStateRole)
                  == Qt.CheckState.Checked}
        assert ticked == wanted, name
    assert undo_text(window) == f"Undo Give {CHEN} the Incident commander role"
    assert window.workspace.findings.text() == "✓ Nothing is missing in this stage."

    # 3. Timeline: time, Tab, what happened, Enter — and the row is ready for the next one at once.
    timeline = go_to(qtbot, window, Stage.TIMELINE)
    assert isinstance(timeline, TimelineStage)
    click(qtbot, timeline.entry_time)
    for time_text, text in EVENTS:
        assert timeline.entry_time.hasFocus() and timeline.entry_time.text() == ""
        qtbot.keyClicks(timeline.entry_time, time_text)
        qtbot.keyClick(timeline.entry_time, Qt.Key.Key_Tab)
        assert timeline.entry_text.hasFocus()  # the kind box comes after the text, not before it
        qtbot.keyClicks(timeline.entry_text, text)
        qtbot.keyClick(timeline.entry_text, Qt.Key.Key_Return)
    assert column_texts(timeline.proxy, TimelineColumn.TEXT) == SORTED_EVENTS
    assert column_texts(timeline.proxy, TimelineColumn.TIME) == ["09:48", "09:52", "10:01", "10:20"]
    assert timeline.count_label.text() == "4 events"
    assert undo_text(window) == "Undo Add timeline event"
    # Edit ▸ Undo takes the last event away, Edit ▸ Redo brings it back.
    window.menus.undo_action.trigger()
    assert "On-call engineer declares an incident" not in column_texts(timeline.proxy, TimelineColumn.TEXT)
    assert timeline.count_label.text() == "3 events"
    assert redo_text(window) == "Redo Add timeline event"
    window.menus.redo_action.trigger()
    assert column_texts(timeline.proxy, TimelineColumn.TEXT) == SORTED_EVENTS
    stored = stored_retro(window)
    assert sorted(e.at for e in stored.events.values()) == [
        datetime(2026, 11, 18, h, m, tzinfo=UTC) for h, m in ((8, 48), (8, 52), (9, 1), (9, 20))]
    # Customers will read this timeline: select every event and mark them public in one step.
    click(qtbot, timeline.table.viewport(), timeline.table.visualRect(timeline.proxy.index(0, TimelineColumn.TEXT)).center())
    qtbot.keyClick(timeline.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    audience_menu = next(a for a in timeline.selected_menu().actions() if a.text() == "&Audience").menu()
    next(a for a in audience_menu.actions() if a.text() == "Public").trigger()
    assert undo_text(window) == "Undo Mark 4 events public"
    assert column_texts(timeline.proxy, TimelineColumn.AUDIENCE) == ["Public"] * 4

    # 4. Contributing factors: double-click the canvas, type the title, Enter; Insert for the next.
    factors = go_to(qtbot, window, Stage.FACTORS)
    assert isinstance(factors, FactorsStage)
    view, scene = factors.view, factors.scene
    viewport = view.viewport()
    (impact_card,) = scene.impacts.values()
    spot = QPoint(viewport.width() // 5, viewport.height() // 2)  # empty canvas left of the impact
    assert scene.node_at(view.mapToScene(spot)) is None
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
    assert isinstance(scene.focusItem(), TitleEditor)  # the new card's title is open for typing
    QTest.keyClicks(view, CANARY)
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert undo_text(window) == "Undo Rename factor"
    canary = next(f for f in window.document.retro.factors.values() if f.title == CANARY)
    canary_card = scene.cards[canary.id]
    assert canary_card.title == CANARY
    # Connect it by dragging from the card's round handle onto the impact.
    start = view.mapFromScene(canary_card.mapToScene(canary_card.handle_centre()))
    end = view.mapFromScene(impact_card.sceneBoundingRect().center())
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 7):
        QTest.mouseMove(viewport, start + (end - start) * (step / 6))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert undo_text(window) == "Undo Connect factors"
    (arrow,) = scene.arrows.values()
    assert arrow.cause is canary_card and arrow.effect is impact_card
    # The second factor by keyboard: Insert, type, Enter; then C connects it from a list.
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Insert)
    QTest.keyClicks(view, BUDGET)
    QTest.keyClick(view, Qt.Key.Key_Return)
    budget = next(f for f in window.document.retro.factors.values() if f.title == BUDGET)
    assert scene.selected_factor_ids() == [budget.id]
    QTest.keyClick(view, Qt.Key.Key_C)
    connect = view.connect_dialog
    assert connect is not None and connect.isVisible()
    assert connect.proxy.index(0, 0).data() == impact_card.title  # the impact is offered first
    qtbot.waitUntil(connect.isActiveWindow)
    QTest.keyClick(connect.list, Qt.Key.Key_Home)
    QTest.keyClick(connect.list, Qt.Key.Key_Return)
    reactivate(qtbot, window)
    assert undo_text(window) == "Undo Connect factors"
    assert {(a.cause.node_id, a.effect.node_id) for a in scene.arrows.values()} == {
        (canary.id, impact_card.node_id), (budget.id, impact_card.node_id)}
    # Cite evidence in the side panel: click the card, pick an event, press the button.
    view.ensureVisible(canary_card)  # scrolled back into view, as a person would
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.mapFromScene(canary_card.sceneBoundingRect().center()))
    panel = factors.panel
    assert panel.isVisible() and panel.title.text() == CANARY
    picker = panel.event_picker
    row = next(r for r in range(panel.events_proxy.rowCount())
               if panel.events_proxy.index(r, 0).data().endswith("Config push CFG-12 reaches every checkout pod"))
    click(qtbot, picker.viewport(), picker.visualRect(panel.events_proxy.index(row, 0)).center())
    click(qtbot, panel.link_button)
    assert undo_text(window) == "Undo Cite evidence"
    assert [panel.evidence.item(i).text() for i in range(panel.evidence.count())] == [
        "09:48  Config push CFG-12 reaches every checkout pod"]
    assert canary_card.evidence_count == 1

    # 5. Accountability: the leader speaks first; everyone else waits, and is told why.
    accountability = go_to(qtbot, window, Stage.ACCOUNTABILITY)
    assert isinstance(accountability, AccountabilityStage)

    def card(name: str) -> StatementCard:
        return next(c for c in accountability.cards.values() if c.speaker.participant.name == name)

    assert accountability.order_model.speakers()[0].participant.name == AMARA
    for name in (BEN, CHEN, DANA):
        waiting = card(name)
        assert not waiting.editor.isEnabled() and not waiting.record_button.isEnabled()
        assert waiting.lock_label.isVisible() and waiting.lock_label.text() == f"Locked: {LEADER_FIRST_REASON}"
        assert waiting.status.text() == "Waiting for the manager / leader"
    leader = card(AMARA)
    assert leader.status.text() == "Speaks first" and leader.editor.isEnabled()
    type_into(qtbot, leader.editor, LEADER_WORDS)
    click(qtbot, leader.record_button)
    assert undo_text(window) == f"Undo Record {AMARA}'s statement"
    assert card(AMARA).status.text() == "✓ Statement recorded"
    for name in (BEN, CHEN, DANA):
        assert card(name).editor.isEnabled() and not card(name).lock_label.isVisible()
    type_into(qtbot, card(CHEN).editor, CHEN_WORDS)
    qtbot.keyClick(card(CHEN).editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert undo_text(window) == f"Undo Record {CHEN}'s statement"
    assert card(CHEN).status.text() == "✓ Statement recorded"
    assert card(DANA).status.text() == "May speak now (optional)"  # nobody is asked to speak
    # The room drifts into alerting: ELMO on the projector, and the topic parked for later.
    trigger(window.menus.projector_action)
    projector = window.projector
    assert projector is not None and projector.isVisible()
    reactivate(qtbot, window)
    click(qtbot, window.workspace.elmo_button)
    elmo = projector.meeting_aids.elmo
    assert elmo.isVisible() and elmo.text().startswith("ELMO\nEnough, let's move on")
    entry = window.workspace.parking.entry
    assert entry.hasFocus() and entry.text() == "Accountability: " and entry.selectedText() == entry.text()
    qtbot.keyClicks(entry, ALERT_ACTION)  # typing replaces the offered text
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert undo_text(window) == "Undo Park a topic"
    (parked,) = window.document.retro.parking_lot.values()
    assert (parked.text, parked.stage) == (ALERT_ACTION, Stage.ACCOUNTABILITY)
    strip = projector.meeting_aids.parking
    assert strip.isVisible() and ALERT_ACTION in strip.label.text()  # the room sees it was heard
    trigger(window.menus.projector_action)  # projector closed again
    reactivate(qtbot, window)

    # 6. Actions: the parked topic becomes one; the other typed in the entry row; owner, due date,
    #    horizon and factors in the table.
    parking = window.workspace.parking
    click(qtbot, parking.list.viewport(), parking.list.visualItemRect(parking.list.item(0)).center())
    click(qtbot, parking.to_action)
    assert undo_text(window) == "Undo Turn a parked topic into an action"
    assert window.workspace.current_stage is Stage.ACTIONS
    assert "→ Action" in parking.list.item(0).text() and f"Action: {ALERT_ACTION}" in parking.list.item(0).toolTip()
    actions = window.workspace.current_view()
    assert isinstance(actions, ActionsStage)
    table, rows = actions.table, actions.sorted
    for title in (CANARY_ACTION,):
        type_into(qtbot, actions.new_title, title)
        qtbot.keyClick(actions.new_title, Qt.Key.Key_Return)
        assert actions.new_title.text() == "" and actions.new_title.hasFocus()
    assert undo_text(window) == "Undo Add action"
    assert sorted(column_texts(rows, ActionColumn.TITLE)) == sorted([CANARY_ACTION, ALERT_ACTION])

    def row_of(title: str) -> int:
        return column_texts(rows, ActionColumn.TITLE).index(title)

    def open_cell(title: str, column: ActionColumn) -> QWidget:
        key_to_cell(qtbot, table, row_of(title), column)
        qtbot.keyClick(table, Qt.Key.Key_F2)
        editor = table.focusWidget()
        assert editor is not table
        return editor

    def cell(title: str, column: ActionColumn) -> str:
        return rows.index(row_of(title), column).data()

    for title, owner_typed, owner in ((CANARY_ACTION, "Chen", CHEN), (ALERT_ACTION, "dan", DANA)):
        combo = open_cell(title, ActionColumn.OWNER)
        assert isinstance(combo, QComboBox)
        assert [combo.itemText(i) for i in range(combo.count())] == list(ROLES_WANTED)  # the people in the room
        line = combo.lineEdit()
        qtbot.keyClicks(line, owner_typed)  # the rest of the participant's name is offered, selected
        assert line.text().casefold() == owner.casefold() and line.selectedText()
        qtbot.keyClick(line, Qt.Key.Key_Return)  # takes the offered name
        assert line.text() == owner and not line.selectedText()
        qtbot.keyClick(line, Qt.Key.Key_Return)  # and commits it
        qtbot.waitUntil(lambda t=title, o=owner: cell(t, ActionColumn.OWNER) == o)
    assert undo_text(window) == "Undo Change action owner"
    for title, due in ((CANARY_ACTION, "2026-12-15"), (ALERT_ACTION, "2026-12-01")):
        date_edit = open_cell(title, ActionColumn.DUE)
        assert isinstance(date_edit.parentWidget(), DateTimeField)
        qtbot.keyClick(date_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(date_edit, due)
        qtbot.keyClick(date_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda t=title, d=due: cell(t, ActionColumn.DUE) == d)
    assert undo_text(window) == "Undo Change action due date"
    assert column_texts(rows, ActionColumn.TITLE) == [ALERT_ACTION, CANARY_ACTION]  # sorted by due date
    assert cell(CANARY_ACTION, ActionColumn.HORIZON) == Horizon.FIX_FOR_REAL.label
    horizon = open_cell(ALERT_ACTION, ActionColumn.HORIZON)
    assert isinstance(horizon, QComboBox)
    qtbot.keyClick(horizon, Qt.Key.Key_Up)  # Fix for real → Fix for now (chosen at once)
    qtbot.waitUntil(lambda: cell(ALERT_ACTION, ActionColumn.HORIZON) == Horizon.FIX_FOR_NOW.label)
    assert undo_text(window) == "Undo Change action horizon"
    action_type = open_cell(ALERT_ACTION, ActionColumn.TYPE)
    assert isinstance(action_type, QComboBox)
    qtbot.keyClick(action_type, Qt.Key.Key_Home)  # Prevent → Detect
    qtbot.waitUntil(lambda: cell(ALERT_ACTION, ActionColumn.TYPE) == "Detect")
    assert not actions.all_for_now_banner.isVisible()  # one of them fixes it for real
    for title, addressed in ((CANARY_ACTION, [CANARY]), (ALERT_ACTION, [BUDGET, CANARY])):
        key_to_cell(qtbot, table, row_of(title), ActionColumn.TITLE)
        click(qtbot, actions.factors_button)
        factor_picker = actions.factor_picker
        assert factor_picker is not None and factor_picker.isVisible()
        qtbot.waitUntil(factor_picker.isActiveWindow)
        factor_list = factor_picker.list
        factor_list.setFocus()
        for row in range(factor_picker.model.rowCount()):
            if row:
                qtbot.keyClick(factor_list, Qt.Key.Key_Down)
            if factor_picker.model.item(row).text().split("  (")[0] in addressed:
                qtbot.keyClick(factor_list, Qt.Key.Key_Space)
        click(qtbot, factor_picker.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
        reactivate(qtbot, window)
        assert undo_text(window) == "Undo Change factors addressed"
        assert sorted(cell(title, ActionColumn.FACTORS).split("; ")) == sorted(addressed)

    # 7. Review & export: ready to publish, with warnings at most; one review question answered.
    review = go_to(qtbot, window, Stage.REVIEW)
    assert isinstance(review, ReviewStage)
    assert review.summary.text().startswith("Ready to publish.")
    assert review.findings.blocker_count() == 0
    statuses = [window.workspace.stage_model.index(r, 0).data(STATUS_ROLE) for r in range(len(STAGES))]
    assert not any("blocker" in status for status in statuses), statuses
    type_into(qtbot, review.answers["detection"], DETECTION_ANSWER)
    click(qtbot, review.answers["escalation"])  # leaving the field saves the answer
    assert undo_text(window) == "Undo Answer “Detection”"

    # 8. Close (nothing asks to save) and open the same file in a new window: it is all there.
    incident_id = window.document.incident_id
    window.close()
    fresh_store.close()
    reopened = open_store(sqlite_url)
    try:
        again = MainWindow(reopened, UiSettings())
        qtbot.addWidget(again)
        again.resize(1400, 900)
        again.show()
        qtbot.waitExposed(again)
        assert_everything_is_there(qtbot, again, incident_id)
        again.close()
    finally:
        reopened.close()


def assert_everything_is_there(qtbot: QtBot, window: MainWindow, incident_id: str) -> None:
    """What the facilitator sees in a new window on the same database, stage by stage."""
    library = window.library
    assert library.proxy.rowCount() == 1
    assert library.proxy.index(0, 0).data() == TITLE
    rect = library.table.visualRect(library.proxy.index(0, 0))
    click(qtbot, library.table.viewport(), rect.center())
    qtbot.mouseDClick(library.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.document is not None and window.document.incident_id == incident_id

    setup = window.workspace.current_view()
    assert isinstance(setup, SetupStage)
    assert setup.text_fields["summary"].toPlainText() == SUMMARY
    assert setup.text_fields["customer_impact"].toPlainText() == IMPACT
    assert setup.timezone.currentText() == ZONE
    assert {f: setup.times[f].edit.text() for f in TIMES} == TIMES
    assert column_texts(setup.participants, 0) == list(ROLES_WANTED)
    for row, wanted in enumerate(ROLES_WANTED.values()):
        assert {role for role in ROLES
                if setup.participants.index(row, 1 + ROLES.index(role)).data(Qt.ItemDataRole.CheckStateRole)
                == Qt.CheckState.Checked} == wanted

    timeline = go_to(qtbot, window, Stage.TIMELINE)
    assert isinstance(timeline, TimelineStage)
    assert column_texts(timeline.proxy, TimelineColumn.TEXT) == SORTED_EVENTS

    factors = go_to(qtbot, window, Stage.FACTORS)
    assert isinstance(factors, FactorsStage)
    assert sorted(card.title for card in factors.scene.cards.values()) == sorted([CANARY, BUDGET])
    assert len(factors.scene.arrows) == 2
    assert {card.title: card.evidence_count for card in factors.scene.cards.values()} == {CANARY: 1, BUDGET: 0}

    parking = window.workspace.parking  # the parked topic, and what it became
    assert parking.list.count() == 1 and f"Action: {ALERT_ACTION}" in parking.list.item(0).toolTip()

    accountability = go_to(qtbot, window, Stage.ACCOUNTABILITY)
    assert isinstance(accountability, AccountabilityStage)
    spoken = {c.speaker.participant.name: c.editor.toPlainText()
              for c in accountability.cards.values() if c.speaker.has_spoken}
    assert spoken == {AMARA: LEADER_WORDS, CHEN: CHEN_WORDS}

    actions = go_to(qtbot, window, Stage.ACTIONS)
    assert isinstance(actions, ActionsStage)
    shown = [
        [actions.sorted.index(r, c).data() for c in (ActionColumn.TITLE, ActionColumn.OWNER, ActionColumn.DUE,
                                                     ActionColumn.TYPE, ActionColumn.HORIZON, ActionColumn.FACTORS)]
        for r in range(actions.sorted.rowCount())
    ]
    assert shown == [
        [ALERT_ACTION, DANA, "2026-12-01", "Detect", Horizon.FIX_FOR_NOW.label, f"{CANARY}; {BUDGET}"],
        [CANARY_ACTION, CHEN, "2026-12-15", "Prevent", Horizon.FIX_FOR_REAL.label, CANARY],
    ]

    review = go_to(qtbot, window, Stage.REVIEW)
    assert isinstance(review, ReviewStage)
    qtbot.waitUntil(lambda: not review.findings.is_checking())  # the reopened retro's check follows its paint
    assert review.summary.text().startswith("Ready to publish.")
    assert review.answers["detection"].toPlainText() == DETECTION_ANSWER
