"""Fixtures shared by the shell's UI tests: a real store on a temporary SQLite file with the demo retro."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from retro.domain import Retro
from retro.services import RetroStore
from retro.startup import open_store
from ui.document import RetroDocument
from ui.main_window import MainWindow
from ui.settings import UiSettings


@pytest.fixture
def demo_store(sqlite_url: str) -> Iterator[RetroStore]:
    """A new SQLite database holding the demo retro (as a fresh machine gets it)."""
    store = open_store(sqlite_url, seed_demo=True)
    yield store
    store.close()


@pytest.fixture
def window(qtbot, demo_store: RetroStore) -> Iterator[MainWindow]:
    """The main window on the demo database, shown."""
    win = MainWindow(demo_store, UiSettings())
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.workspace_built)  # built just after the library's first paint
    yield win
    if win.projector is not None:
        win.projector.close()


def open_demo(win: MainWindow) -> RetroDocument:
    """Open the library's first (demo) retro and return its document."""
    assert win.library.model.rowCount() >= 1
    assert win.open_retro(win.library.model.summary(0).id)
    assert win.document is not None
    wait_checked(win)
    return win.document


def wait_checked(win: MainWindow, timeout: float = 20.0) -> None:
    """Let the opening check of the retro just opened come back (it follows the first paint)."""
    import time

    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout
    while win.workspace.stage_model.is_checking():
        assert time.monotonic() < deadline, "the opening check never came back"
        QTest.qWait(10)


def stored_retro(win: MainWindow) -> Retro:
    """The open retro as the database holds it, once every commit on its way has come back.

    The window commits on its edit runner's worker (ui/edit_runner.py): what the screen shows is
    in the store a moment later, not at once.
    """
    assert win.document is not None
    win.document.wait_idle(timeout=20)
    return win.store.load(win.document.incident_id)


def trigger(action: QAction) -> None:
    """Run a menu action as the person would (it must be enabled)."""
    assert action.isEnabled(), f"{action.text()!r} is disabled"
    action.trigger()
    QApplication.processEvents()
