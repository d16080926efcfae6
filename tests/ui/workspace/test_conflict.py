"""Team databases: a stale edit is refused, the dialog offers reload, and nothing typed is lost."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from retro.domain import Edit, Role
from retro.startup import open_store
from tests.ui.workspace.harness import open_demo, trigger
from ui.main_window import MainWindow
from ui.stages.setup import SetupStage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def someone_else_renames(url: str, incident_id: str, title: str) -> None:
    """A second app (its own RetroStore on the same file) changes the retro."""
    other = open_store(url)
    try:
        incident = other.load(incident_id).incident
        other.update_incident(replace(incident, title=title), incident.version)
    finally:
        other.close()


def type_summary(qtbot, setup: SetupStage, text: str) -> None:
    area = setup.text_fields["summary"]
    area.setFocus()
    area.selectAll()
    qtbot.keyClicks(area, text)
    area.clearFocus()


@pytest.mark.parametrize("reapply", [True, False])
def test_conflict_dialog_reloads_and_reapplies_or_discards(qtbot, sqlite_url: str, window: MainWindow,
                                                           reapply: bool) -> None:
    document = open_demo(window)
    setup = window.workspace.current_view()
    assert isinstance(setup, SetupStage)
    someone_else_renames(sqlite_url, document.incident_id, "Renamed by Priya")

    type_summary(qtbot, setup, "My careful summary of what happened.")
    qtbot.waitUntil(lambda: window.conflicts.dialog is not None and window.conflicts.dialog.isVisible())
    dialog = window.conflicts.dialog
    assert "changed by someone else" in dialog.informativeText()
    button = window.conflicts.reapply_button if reapply else window.conflicts.discard_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    stored = window.store.load(document.incident_id).incident
    assert stored.title == "Renamed by Priya"  # their change is kept either way
    assert window.document.retro.incident.title == "Renamed by Priya"
    assert window.workspace.incident_title.text() == "Renamed by Priya"
    if reapply:
        assert stored.summary == "My careful summary of what happened."
        assert setup.text_fields["summary"].toPlainText() == "My careful summary of what happened."
        assert window.menus.undo_action.text().replace("&", "") == "Undo Re-apply my change"
    else:
        assert stored.summary.startswith("On 14 October 2026")
        assert setup.text_fields["summary"].toPlainText().startswith("On 14 October 2026")
    assert window.conflicts.dialog is None


def someone_else_edits(url: str, incident_id: str, change) -> None:  # type: ignore[no-untyped-def]
    """A second app changes the retro: ``change(retro)`` returns the Edit it stores."""
    other = open_store(url)
    try:
        retro = other.load(incident_id)
        other.apply(incident_id, retro.incident.version, change(retro))
    finally:
        other.close()


def person_named(retro, name: str):  # type: ignore[no-untyped-def]
    return next(p for p in retro.participants.values() if p.name == name)


def rename_in_table(qtbot, setup: SetupStage, name: str, new_name: str) -> None:
    """Double-click-and-type in the participants table, as the facilitator renames someone."""
    model = setup.participants
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
    setup.people.setFocus()
    setup.people.edit(model.index(row, 0))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, new_name)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def answer_conflict(qtbot, window: MainWindow, reapply: bool = True) -> None:
    qtbot.waitUntil(lambda: window.conflicts.dialog is not None and window.conflicts.dialog.isVisible())
    qtbot.mouseClick(window.conflicts.reapply_button if reapply else window.conflicts.discard_button, Qt.MouseButton.LeftButton)


def test_reapplying_a_rename_keeps_the_roles_someone_else_gave_that_person(qtbot, sqlite_url: str,
                                                                            window: MainWindow) -> None:
    document = open_demo(window)
    setup = window.workspace.current_view()
    assert isinstance(setup, SetupStage)
    sam = person_named(document.retro, "Sam Whitfield")
    assert Role.SCRIBE not in sam.roles
    someone_else_edits(sqlite_url, document.incident_id, lambda retro: Edit.of(upsert=[
        replace(retro.participants[sam.id], roles=retro.participants[sam.id].roles | {Role.SCRIBE})]))

    rename_in_table(qtbot, setup, "Sam Whitfield", "Sam Whitfield-Ng")
    answer_conflict(qtbot, window)

    stored = window.store.load(document.incident_id).participants[sam.id]
    assert stored.name == "Sam Whitfield-Ng"  # mine
    assert Role.SCRIBE in stored.roles  # theirs, not put back to what my copy had
    assert window.document.retro.participants[sam.id] == stored


def test_reapplying_a_change_to_something_deleted_meanwhile_drops_it_and_says_so(qtbot, sqlite_url: str,
                                                                                 window: MainWindow) -> None:
    document = open_demo(window)
    setup = window.workspace.current_view()
    assert isinstance(setup, SetupStage)
    sam = person_named(document.retro, "Sam Whitfield")
    someone_else_edits(sqlite_url, document.incident_id, lambda retro: Edit.of(remove=[retro.participants[sam.id]]))

    rename_in_table(qtbot, setup, "Sam Whitfield", "Sam Whitfield-Ng")
    answer_conflict(qtbot, window)

    assert sam.id not in window.store.load(document.incident_id).participants  # not brought back
    assert sam.id not in window.document.retro.participants
    notices = [box for box in window.findChildren(QMessageBox, "Notice") if box.isVisible()]
    assert len(notices) == 1 and "the participant “Sam Whitfield”" in notices[0].text()
    assert "Sam Whitfield" in window.statusBar().currentMessage()


def type_without_leaving(qtbot, setup: SetupStage, text: str) -> None:
    area = setup.text_fields["summary"]
    area.setFocus()
    area.selectAll()
    qtbot.keyClicks(area, text)


@pytest.mark.parametrize("reapply", [True, False])
def test_closing_the_retro_during_a_conflict_waits_for_the_answer(qtbot, sqlite_url: str, window: MainWindow,
                                                                  reapply: bool) -> None:
    document = open_demo(window)
    setup = window.workspace.current_view()
    old_summary = document.retro.incident.summary
    someone_else_renames(sqlite_url, document.incident_id, "Renamed by Priya")
    type_without_leaving(qtbot, setup, "Typed just before closing")

    trigger(window.menus.close_retro_action)
    answer_conflict(qtbot, window, reapply)

    stored = window.store.load(document.incident_id).incident
    assert stored.title == "Renamed by Priya"
    assert stored.summary == ("Typed just before closing" if reapply else old_summary)
    assert window.pages.currentWidget() is window.library  # and then it closed
    assert window.document is None and window.conflicts.dialog is None


def test_closing_the_window_during_a_conflict_keeps_it_open_until_answered(qtbot, sqlite_url: str,
                                                                           window: MainWindow) -> None:
    document = open_demo(window)
    setup = window.workspace.current_view()
    someone_else_renames(sqlite_url, document.incident_id, "Renamed by Priya")
    type_without_leaving(qtbot, setup, "Typed just before quitting")

    window.close()
    qtbot.waitUntil(lambda: window.conflicts.dialog is not None and window.conflicts.dialog.isVisible())
    assert window.isVisible()  # the app would quit with its last window, leaving the question unanswered
    answer_conflict(qtbot, window)

    stored = window.store.load(document.incident_id).incident
    assert (stored.title, stored.summary) == ("Renamed by Priya", "Typed just before quitting")
    assert not window.isVisible()


def test_switching_database_during_a_conflict_saves_the_change_in_the_first(qtbot, tmp_path, sqlite_url: str,
                                                                            window: MainWindow) -> None:
    document = open_demo(window)
    first = window.store
    setup = window.workspace.current_view()
    someone_else_renames(sqlite_url, document.incident_id, "Renamed by Priya")
    type_without_leaving(qtbot, setup, "Typed just before switching")

    window.open_database(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    answer_conflict(qtbot, window)
    qtbot.waitUntil(lambda: window.store is not first, timeout=10_000)

    check = open_store(sqlite_url)
    try:
        assert check.load(document.incident_id).incident.summary == "Typed just before switching"
    finally:
        check.close()
    assert window.document is None and window.pages.currentWidget() is window.library
    window.store.close()
