# ruff: noqa: F811  (pytest fixtures imported from the shared harness)
"""Setup through its widgets: every kind of edit is one undo step with a readable label, undone and
redone from the Edit menu, and stored."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from retro.domain import IncidentStatus, Role, Severity
from tests.ui.workspace.harness import demo_store, open_demo, stored_retro, trigger, window  # noqa: F401
from ui.main_window import MainWindow
from ui.models.participants_model import ROLES, ParticipantsModel
from ui.stages.setup import SetupStage

# The offscreen platform cannot size, raise or grab windows (popups, completers); not our warnings.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def setup(window: MainWindow) -> SetupStage:
    open_demo(window)
    view = window.workspace.current_view()
    assert isinstance(view, SetupStage)
    return view


def stored(window: MainWindow):
    return stored_retro(window)


def undo_label(window: MainWindow) -> str:
    return window.menus.undo_action.text().replace("&", "")


def leave(qtbot, widget) -> None:
    """Type-and-leave: move focus away so the field commits."""
    widget.clearFocus()
    QApplication.processEvents()


def test_title_edit_commits_once_on_leaving_and_undoes_from_the_edit_menu(qtbot, window, setup) -> None:
    field = setup.text_fields["title"]
    old = window.document.retro.incident.title
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Checkout outage")
    assert stored(window).incident.title == old  # nothing per keystroke
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored(window).incident.title == "Checkout outage"
    assert undo_label(window) == "Undo Rename incident"
    assert window.document.undo_stack.count() == 1
    assert window.workspace.incident_title.text() == "Checkout outage"
    trigger(window.menus.undo_action)
    assert stored(window).incident.title == old
    assert field.text() == old
    trigger(window.menus.redo_action)
    assert field.text() == "Checkout outage"


def test_summary_text_area_commits_on_focus_out(qtbot, window, setup) -> None:
    area = setup.text_fields["surprises"]
    area.setFocus()
    qtbot.keyClick(area, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(area, " Also: the dashboard was empty.")
    leave(qtbot, area)
    assert stored(window).incident.surprises.endswith("Also: the dashboard was empty.")
    assert undo_label(window) == "Undo Edit why we were surprised"
    trigger(window.menus.undo_action)
    assert not area.toPlainText().endswith("empty.")


def test_services_are_split_into_a_list(qtbot, window, setup) -> None:
    field = setup.text_fields["services"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "checkout-api,  search ,")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored(window).incident.services == ("checkout-api", "search")
    assert undo_label(window) == "Undo Edit services"


def test_severity_shows_its_description_and_undoes(qtbot, window, setup) -> None:
    combo = setup.severity
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # SEV2 → SEV1 (keyboard changes emit activated)
    assert stored(window).incident.severity is Severity.SEV1
    assert setup.severity_description.text() == Severity.SEV1.description
    assert window.workspace.severity_badge.text() == "SEV1"
    assert undo_label(window) == "Undo Change severity"
    trigger(window.menus.undo_action)
    assert combo.currentText() == "SEV2"
    assert setup.severity_description.text() == Severity.SEV2.description


def test_status_change_is_one_step(qtbot, window, setup) -> None:
    setup.status.setFocus()
    qtbot.keyClick(setup.status, Qt.Key.Key_Down)
    assert stored(window).incident.status is IncidentStatus.REVIEWED
    trigger(window.menus.undo_action)
    assert stored(window).incident.status is IncidentStatus.IN_REVIEW


def test_times_show_in_the_incident_zone_and_a_changed_zone_reshows_them(qtbot, window, setup) -> None:
    started = setup.times["started_at"]
    assert started.edit.text() == "2026-10-14 10:05"  # 08:05 UTC in Berlin (CEST)
    line = setup.timezone.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "America/New_York")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert stored(window).incident.timezone == "America/New_York"
    assert started.edit.text() == "2026-10-14 04:05"
    assert undo_label(window) == "Undo Change time zone"
    trigger(window.menus.undo_action)
    assert started.edit.text() == "2026-10-14 10:05"


def test_an_unknown_zone_is_put_back_not_stored(qtbot, window, setup) -> None:
    line = setup.timezone.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "Mars/Olympus")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert stored(window).incident.timezone == "Europe/Berlin"
    assert setup.timezone.currentText() == "Europe/Berlin"


def test_out_of_order_time_is_explained_inline_never_a_negative_duration(qtbot, window, setup) -> None:
    detected = setup.times["detected_at"]
    detected.edit.setFocus()
    detected.edit.selectAll()
    qtbot.keyClicks(detected.edit, "2026-10-14 09:01")  # 10:31 → 09:01, before start
    qtbot.keyClick(detected.edit, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert stored(window).incident.detected_at == datetime(2026, 10, 14, 7, 1, tzinfo=UTC)
    assert undo_label(window) == "Undo Change detected time"
    problem = setup.time_problems["detected_at"]
    assert problem.isVisible()
    assert "before started" in problem.text()
    assert re.search(r"-\s*\d", setup.durations.text()) is None
    assert "check both times" in setup.durations.text()
    nav_status = window.workspace.stage_model.index(0).data(Qt.ItemDataRole.UserRole + 1)
    assert "blocker" in nav_status
    trigger(window.menus.undo_action)
    assert not problem.isVisible()


def test_clearing_and_setting_a_time(qtbot, window, setup) -> None:
    declared = setup.times["declared_at"]
    qtbot.mouseClick(declared.toggle, Qt.MouseButton.LeftButton)
    assert stored(window).incident.declared_at is None
    assert declared.edit.text() == "" and declared.edit.placeholderText() == "Not set"
    assert undo_label(window) == "Undo Clear declared time"
    qtbot.mouseClick(declared.toggle, Qt.MouseButton.LeftButton)  # Set: suggests the detected time
    assert stored(window).incident.declared_at == stored(window).incident.detected_at
    assert undo_label(window) == "Undo Set declared time"
    trigger(window.menus.undo_action)
    trigger(window.menus.undo_action)
    assert stored(window).incident.declared_at == datetime(2026, 10, 14, 8, 41, tzinfo=UTC)


def test_participants_model_passes_the_model_tester(qtmodeltester, window, setup) -> None:
    qtmodeltester.check(ParticipantsModel(window.document))


def test_rename_participant_in_the_table(qtbot, window, setup) -> None:
    table = setup.people
    model = setup.participants
    index = model.index(0, 0)
    table.setFocus()
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Mara L.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.undo_stack.count() == 1)  # the delegate commits queued
    assert model.index(0, 0).data() == "Mara L."
    assert undo_label(window) == "Undo Rename participant"
    trigger(window.menus.undo_action)
    assert model.index(0, 0).data() == "Mara Lindqvist"


def test_one_person_can_hold_several_roles(qtbot, window, setup) -> None:
    table = setup.people
    model = setup.participants
    scribe = 1 + ROLES.index(Role.SCRIBE)
    jonas = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Jonas Weber")
    table.setFocus()
    table.setCurrentIndex(model.index(jonas, scribe))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    person = model.participant(jonas)
    assert person.roles == {Role.RESPONDER, Role.SCRIBE}
    assert undo_label(window) == "Undo Give Jonas Weber the Scribe role"
    assert {Role.RESPONDER, Role.SCRIBE} == set(stored(window).participants[person.id].roles)
    trigger(window.menus.undo_action)
    assert model.participant(jonas).roles == {Role.RESPONDER}
    trigger(window.menus.redo_action)
    assert model.index(jonas, scribe).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_add_then_remove_two_participants_as_one_step(qtbot, window, setup) -> None:
    model = setup.participants
    before = model.rowCount()
    qtbot.mouseClick(setup.add_person, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Noor Haddad")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.undo_stack.count() == 2)  # add, then rename
    assert model.rowCount() == before + 1
    assert any(model.index(r, 0).data() == "Noor Haddad" for r in range(model.rowCount()))
    table = setup.people
    table.clearSelection()
    flags = table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows
    for name in ("Noor Haddad", "Sam Whitfield"):
        row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
        table.selectionModel().select(model.index(row, 0), flags)
    qtbot.mouseClick(setup.remove_person, Qt.MouseButton.LeftButton)
    assert model.rowCount() == before - 1
    assert undo_label(window) == "Undo Remove 2 participants"
    trigger(window.menus.undo_action)
    assert model.rowCount() == before + 1
    names = {p.name for p in stored(window).participants.values()}
    assert {"Noor Haddad", "Sam Whitfield"} <= names


def test_a_refused_paragraph_stays_in_its_field_to_be_fixed(qtbot, window, setup) -> None:
    summary = setup.text_fields["summary"]
    old = window.document.retro.incident.summary
    summary.setFocus()
    summary.selectAll()
    qtbot.keyClicks(summary, "A long paragraph typed during the meeting")
    summary.insertPlainText("\x00 pasted from a log")  # a NUL no database can store
    typed = summary.toPlainText()
    with qtbot.waitSignal(window.document.refused):
        leave(qtbot, summary)
    assert summary.toPlainText() == typed  # nothing the person typed is wiped
    assert stored(window).incident.summary == old
    setup.refresh()  # any later refresh (another field, the projector) leaves it alone too
    assert summary.toPlainText() == typed
    notice = window.findChild(QMessageBox, "Notice")
    assert notice is not None and notice.isVisible() and "NUL" in notice.text()
    notice.button(QMessageBox.StandardButton.Ok).click()  # the person reads why, then fixes it

    cursor = summary.textCursor()
    cursor.setPosition(typed.index("\x00"))
    summary.setTextCursor(cursor)
    qtbot.keyClick(summary, Qt.Key.Key_Delete)
    qtbot.keyClick(summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # commit now
    fixed = typed.replace("\x00", "")
    assert stored(window).incident.summary == fixed
    assert summary.toPlainText() == fixed
    assert undo_label(window) == "Undo Edit summary"
    trigger(window.menus.undo_action)
    assert summary.toPlainText() == old  # saved text follows undo again


def test_a_list_field_shows_its_stored_form_once_saved(qtbot, window, setup) -> None:
    services = setup.text_fields["services"]
    services.setFocus()
    services.selectAll()
    qtbot.keyClicks(services, "checkout-api ,payments,,")
    qtbot.keyClick(services, Qt.Key.Key_Return)
    assert stored(window).incident.services == ("checkout-api", "payments")
    assert services.text() == "checkout-api, payments"


def _type_time(qtbot, field, text: str) -> None:
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_a_typed_year_date_and_zone_stick(qtbot, window, setup) -> None:
    """The 2017-style retro: a past year typed over the proposed one is what is stored."""
    resolved = setup.times["resolved_at"]
    _type_time(qtbot, resolved, "2018-02-01 18:14")  # read in the incident's zone (Berlin, CET)
    assert stored(window).incident.resolved_at == datetime(2018, 2, 1, 17, 14, tzinfo=UTC)
    assert resolved.edit.text() == "2018-02-01 18:14"
    _type_time(qtbot, resolved, "2018-02-01 18:14 America/New_York")  # another zone, named
    assert stored(window).incident.resolved_at == datetime(2018, 2, 1, 23, 14, tzinfo=UTC)
    assert resolved.edit.text() == "2018-02-02 00:14"  # shown back in the incident's zone
    _type_time(qtbot, resolved, "1 Feb 2017 6pm UTC")
    assert stored(window).incident.resolved_at == datetime(2017, 2, 1, 18, 0, tzinfo=UTC)


def test_text_that_is_not_a_time_is_refused_inline_and_changes_nothing(qtbot, window, setup) -> None:
    resolved = setup.times["resolved_at"]
    before = stored(window).incident.resolved_at
    undo = undo_label(window)
    _type_time(qtbot, resolved, "2018-02-30 18:14")
    assert stored(window).incident.resolved_at == before
    assert undo_label(window) == undo
    assert resolved.field.problem.isVisible()
    assert "not a real date" in resolved.field.problem.text()
    assert resolved.edit.text() == "2018-02-30 18:14"  # kept to be fixed
    _type_time(qtbot, resolved, "2018-02-28 18:14 Mars/Olympus")
    assert "not a time zone" in resolved.field.problem.text()
    _type_time(qtbot, resolved, "2018-02-28 18:14")
    assert not resolved.field.problem.isVisible()
    assert stored(window).incident.resolved_at == datetime(2018, 2, 28, 17, 14, tzinfo=UTC)
