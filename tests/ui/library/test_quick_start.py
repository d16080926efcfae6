"""Start-up shows the library from a quick read, before the store (and SQLAlchemy) is ready."""

from __future__ import annotations

import pytest

from retro.demo import build_demo_retro
from retro.services import RetroStore
from ui.main_window import MainWindow
from ui.settings import UiSettings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_the_list_shows_first_and_an_early_open_waits_for_the_store(qtbot, sqlite_url: str) -> None:
    store = RetroStore(sqlite_url)
    incident_id = store.add_retro(build_demo_retro())
    store.close()
    win = MainWindow(None, UiSettings())
    qtbot.addWidget(win)
    win.show()
    seen: list[tuple[int, bool, bool]] = []

    def on_quick_list(rows: list, _url: str) -> None:
        seen.append((win.library.model.rowCount(), win.library.open_button.isEnabled(), win.store is None))
        win.library.open_selected()  # the facilitator presses Enter at once

    win.opener.previewed.connect(on_quick_list)
    win.open_database(sqlite_url)
    qtbot.waitUntil(lambda: win.document is not None, timeout=15_000)
    assert seen == [(1, False, True)]  # listed while the store was still opening; Open not yet usable
    assert win.document.incident_id == incident_id
    assert win.library.open_button.isEnabled()
    assert win.pages.currentWidget() is win.workspace
    win.close()
