"""Library actions through the real widgets: create, open, duplicate, archive, delete, and undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from retro.domain import Severity, Stage
from tests.ui.workspace.harness import trigger
from ui.library.new_retro import NewRetroDialog
from ui.main_window import MainWindow

# The offscreen platform cannot pass a top-level window's size limits on; that is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def stored(win: MainWindow) -> None:
    """Let every library operation on the edit runner come back, and the list be read again."""
    win.library.edits.wait_idle(timeout=20)


def titles(win: MainWindow) -> list[str]:
    proxy = win.library.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_fresh_database_lists_the_demo_retro_with_its_report_states(window: MainWindow) -> None:
    model = window.library.model
    assert model.rowCount() == 1
    assert model.index(0, 0).data().startswith("Checkout errors")
    assert model.index(0, 1).data() == "SEV2"
    assert model.index(0, 4).data() in {"Due", "Overdue", "Done"}
    assert model.index(0, 6).data().startswith("4")


def test_new_retro_dialog_creates_and_opens_it_at_setup(qtbot, window: MainWindow) -> None:
    qtbot.mouseClick(window.library.new_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, NewRetroDialog) and w.isVisible())
    qtbot.keyClicks(dialog.title, "Search index stopped updating")
    dialog.severity.setCurrentIndex(list(Severity).index(Severity.SEV1))
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.workspace
    assert window.document is not None
    assert window.document.retro.incident.title == "Search index stopped updating"
    assert window.document.retro.incident.severity is Severity.SEV1
    assert window.workspace.current_stage is Stage.SETUP
    trigger(window.menus.close_retro_action)
    assert "Search index stopped updating" in titles(window)


def test_enter_and_double_click_open_the_selected_retro(qtbot, window: MainWindow) -> None:
    table = window.library.table
    table.setFocus()
    window.library.select(window.library.model.summary(0).id)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.workspace
    trigger(window.menus.close_retro_action)
    assert window.pages.currentWidget() is window.library
    rect = table.visualRect(window.library.proxy.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.pages.currentWidget() is window.workspace


def test_duplicate_then_undo_and_redo(qtbot, window: MainWindow) -> None:
    qtbot.mouseClick(window.library.duplicate_button, Qt.MouseButton.LeftButton)
    stored(window)
    assert len(titles(window)) == 2
    assert any(t.endswith("(copy)") for t in titles(window))
    assert window.menus.undo_action.text().startswith("&Undo Duplicate") or "Undo Duplicate" in window.menus.undo_action.text()
    trigger(window.menus.undo_action)
    stored(window)
    assert len(titles(window)) == 1
    trigger(window.menus.redo_action)
    stored(window)
    assert len(titles(window)) == 2


def test_archive_hides_until_shown_and_undo_brings_it_back(qtbot, window: MainWindow) -> None:
    qtbot.mouseClick(window.library.archive_button, Qt.MouseButton.LeftButton)
    stored(window)
    assert titles(window) == []
    window.library.show_archived.setChecked(True)
    assert titles(window)[0].endswith("(archived)")
    assert window.library.archive_button.text().replace("&", "") == "Unarchive"
    window.library.show_archived.setChecked(False)
    trigger(window.menus.undo_action)
    stored(window)
    assert len(titles(window)) == 1
    assert not window.library.model.summary(0).archived


def test_delete_key_deletes_and_undo_restores_the_same_retro(qtbot, window: MainWindow) -> None:
    original = window.library.model.summary(0)
    window.library.table.setFocus()
    qtbot.keyClick(window.library.table, Qt.Key.Key_Delete)
    stored(window)
    assert titles(window) == []
    assert window.library.store.list_retros(include_archived=True) == []
    assert "Undo Delete" in window.menus.undo_action.text().replace("&", "")
    trigger(window.menus.undo_action)
    stored(window)
    restored = window.library.model.summary(0)
    assert restored.id == original.id
    assert restored.title == original.title
    assert len(window.library.store.load(original.id).events) > 0


def test_search_finds_words_written_anywhere_in_a_retro(qtbot, window: MainWindow) -> None:
    qtbot.keyClicks(window.library.search, "no such words here")
    qtbot.waitUntil(lambda: titles(window) == [], timeout=3000)  # the database searched, moments after typing
    window.library.search.clear()
    qtbot.keyClicks(window.library.search, "reconnect")  # only in the summary / timeline text
    qtbot.waitUntil(lambda: len(titles(window)) == 1, timeout=3000)


def test_follow_through_lists_open_actions_and_opens_one_at_actions(qtbot, window: MainWindow) -> None:
    window.library.tabs.setCurrentIndex(1)
    view = window.library.follow_through
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)  # read off the GUI thread
    assert sum(g.total for g in view.groups) == 4
    first = view.model.index(0, 0, view.model.index(0, 0))
    view.tree.setFocus()
    view.tree.setCurrentIndex(first)
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.workspace
    assert window.workspace.current_stage is Stage.ACTIONS


def test_open_another_database_switches_the_library_and_remembers_it(qtbot, tmp_path, window: MainWindow) -> None:
    other = f"sqlite:///{tmp_path / 'team.sqlite3'}"
    first_store = window.store
    window.open_database(other)
    qtbot.waitUntil(lambda: window.store is not first_store, timeout=10000)
    assert window.library.store is window.store
    assert window.settings.recent_databases()[0] == other
    window.menus.recent_menu.aboutToShow.emit()
    assert other in [a.text() for a in window.menus.recent_menu.actions()]
    assert window.library.model.rowCount() == 1  # a new database starts with the demo retro
    window.store.close()


def test_an_empty_list_says_why(qtbot, window: MainWindow) -> None:
    assert not window.library.empty_hint.isVisible()
    qtbot.keyClicks(window.library.search, "nothing is called this")
    qtbot.waitUntil(window.library.empty_hint.isVisible, timeout=3000)
    assert "clear the search" in window.library.empty_hint.text()
    window.library.search.clear()
    qtbot.waitUntil(lambda: not window.library.empty_hint.isVisible(), timeout=3000)
