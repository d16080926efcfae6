"""Start-up shows the library first: the workspace and the other library tabs follow its first paint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu

from retro.demo import build_demo_retro
from retro.services import RetroStore
from ui.app import open_window
from ui.library.follow_through_groups import FollowThroughView
from ui.library.model import LibraryModel
from ui.library.open_database import FIRST_SCREEN
from ui.library.page import FOLLOW_THROUGH_TAB, RECURRENCE_TAB
from ui.library.recurrence import RecurrenceView
from ui.main_window import MainWindow
from ui.settings import UiSettings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

REPO = Path(__file__).resolve().parents[2]


def _demo_library(url: str) -> str:
    store = RetroStore(url)
    try:
        return store.add_retro(build_demo_retro())
    finally:
        store.close()


def _view_menu(window: MainWindow) -> list[str]:
    menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&View")
    return [a.text() for a in menu.actions()]


def test_the_workspace_is_built_after_the_first_paint_with_its_menu_actions(qtbot, sqlite_url: str) -> None:
    _demo_library(sqlite_url)
    window = open_window(sqlite_url, UiSettings())
    qtbot.addWidget(window)
    assert not window.workspace_built  # nothing of it before the library is on screen
    assert "&Park a topic" not in _view_menu(window)
    page = window.library
    assert not isinstance(page.tabs.widget(FOLLOW_THROUGH_TAB), FollowThroughView)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "&Retrospectives", "&Follow-through", "Recurring &factors", "&Insights"]  # the tabs are all there
    qtbot.waitUntil(lambda: window.workspace_built, timeout=10_000)
    qtbot.waitUntil(lambda: window.store is not None, timeout=15_000)
    assert window.library.model.rowCount() == 1
    assert _view_menu(window)[-3:] == ["&Park a topic", "&ELMO: enough, let's move on", "&Next stage on the agenda"]
    assert isinstance(page.tabs.widget(FOLLOW_THROUGH_TAB), FollowThroughView)
    assert isinstance(page.tabs.widget(RECURRENCE_TAB), RecurrenceView)
    assert page.tabs.currentIndex() == 0
    window.close()


def test_a_retro_opened_before_the_workspace_is_built_waits_for_it(qtbot, sqlite_url: str) -> None:
    incident_id = _demo_library(sqlite_url)
    store = RetroStore(sqlite_url)
    window = MainWindow(store, UiSettings())  # never shown, so never painted
    qtbot.addWidget(window)
    assert not window.workspace_built
    assert window.open_retro(incident_id)
    assert window.workspace_built and window.pages.currentWidget() is window.workspace
    assert window.document is not None and window.document.incident_id == incident_id
    assert window.menus.stage_actions[0].isEnabled()
    window.close()
    store.close()


def test_a_tab_shown_before_it_is_built_is_built_in_place(qtbot, sqlite_url: str) -> None:
    _demo_library(sqlite_url)
    store = RetroStore(sqlite_url)
    window = MainWindow(store, UiSettings())
    qtbot.addWidget(window)
    page = window.library
    page.tabs.setCurrentIndex(FOLLOW_THROUGH_TAB)
    assert page.tabs.currentWidget() is page.follow_through  # the real view, where the placeholder was
    assert page.tabs.tabText(FOLLOW_THROUGH_TAB) == "&Follow-through"
    window.close()
    store.close()


def test_the_first_paint_imports_neither_the_workspace_nor_sqlalchemy(sqlite_url: str) -> None:
    _demo_library(sqlite_url)
    code = """
import sys
from PySide6.QtCore import QTimer
from ui.app import make_application, open_window
from ui.settings import UiSettings
app = make_application(["test"])
window = open_window(sys.argv[1], UiSettings())

def painted():
    if window.library.model.rowCount():
        window.library.table.painted.disconnect(painted)
        heavy = [m for m in ("ui.workspace.page", "ui.projector", "ui.library.follow_through_groups",
                             "retro.domain.entities", "retro.domain.snippets", "retro.domain.lifecycle",
                             "ui.library.database_dialog", "sqlalchemy")
                 if m in sys.modules]
        print("listed", window.library.model.rowCount(), heavy, flush=True)
        QTimer.singleShot(0, app.quit)

window.library.table.painted.connect(painted)
QTimer.singleShot(20_000, app.quit)
app.exec()
"""
    out = subprocess.run([sys.executable, "-c", code, sqlite_url], capture_output=True, text=True, cwd=REPO,
                         timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                          "RETRO_TESTING": "1", "PYTHONPATH": str(REPO)})
    assert "listed 1 []" in out.stdout, out.stderr[-2000:]


def test_the_quick_first_screen_reads_as_many_rows_as_the_stores_first_page() -> None:
    # More than a screen holds, and the scroll bar stays the same when the store's list takes over.
    assert FIRST_SCREEN == LibraryModel.PAGE
