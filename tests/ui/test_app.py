"""Start-up: the window shows at once, a fresh machine opens on the demo retro, and a database that
cannot be opened is explained with a way to choose another."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.app import main
from ui.library.database_dialog import OpenDatabaseDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def shown_window() -> MainWindow:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())


def test_fresh_machine_opens_on_the_demo_retro(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RETRO_DB", str(tmp_path / "fresh" / "retro.sqlite3"))
    seen: dict[str, object] = {}

    def look_instead_of_running() -> int:
        window = shown_window()
        seen["menus"] = [a.text().replace("&", "") for a in window.menuBar().actions()]
        seen["undo"] = window.menus.undo_action.shortcut().toString()
        qtbot.waitUntil(lambda: window.library.model.rowCount() > 0, timeout=10000)  # opened off the GUI thread
        seen["titles"] = [s.title for s in window.library.model.summaries()]
        seen["loading shown"] = window.library.loading.isVisible()
        window.close()
        return 0

    # main() would run the event loop until the person quits; look at the shown window instead.
    monkeypatch.setattr(QApplication, "exec", lambda _app: look_instead_of_running())
    assert main(argv=["retro"]) == 0
    assert seen["titles"] == ["Checkout errors after a worker-count change used up database connections"]
    assert seen["menus"] == ["File", "Edit", "View", "Help"]
    assert seen["undo"] == "Ctrl+Z"
    assert seen["loading shown"] is False
    assert (tmp_path / "fresh" / "retro.sqlite3").exists()


def test_an_unreadable_database_is_explained_and_another_can_be_chosen(qtbot, tmp_path: Path, monkeypatch) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    seen: dict[str, object] = {}

    def look_instead_of_running() -> int:
        window = shown_window()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "StartupFailure") is not None, timeout=10000)
        box = window.findChild(QMessageBox, "StartupFailure")
        seen["text"] = box.text()
        other = next(b for b in box.buttons() if b.text() == "Open another database…")
        other.click()
        dialog = window.findChild(OpenDatabaseDialog)
        dialog.location.setText(str(tmp_path / "another.sqlite3"))
        dialog.accept()
        qtbot.waitUntil(lambda: window.library.model.rowCount() > 0, timeout=10000)
        seen["titles"] = [s.title for s in window.library.model.summaries()]
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", lambda _app: look_instead_of_running())
    assert main(str(broken), argv=["retro"]) == 0
    assert "is not a Blameless Retro database" in seen["text"]
    assert len(seen["titles"]) == 1  # the new database got the demo retro
