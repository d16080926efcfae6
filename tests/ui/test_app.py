"""Start-up: a fresh machine opens on the demo retro; an unreadable database says why and offers another."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.app import main, open_store_or_ask
from ui.main_window import MainWindow
from ui.settings import UiSettings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_fresh_machine_opens_on_the_demo_retro(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RETRO_DB", str(tmp_path / "fresh" / "retro.sqlite3"))
    seen: dict[str, object] = {}

    def look_instead_of_running() -> int:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        seen["titles"] = [s.title for s in window.library.model.summaries()]
        seen["menus"] = [a.text().replace("&", "") for a in window.menuBar().actions()]
        seen["undo"] = window.undo_action.shortcut().toString()
        window.close()
        return 0

    # main() would run the event loop until the person quits; look at the shown window instead.
    monkeypatch.setattr(QApplication, "exec", lambda _app: look_instead_of_running())
    assert main(argv=["retro"]) == 0
    assert seen["titles"] == ["Checkout errors after a worker-count change used up database connections"]
    assert seen["menus"] == ["File", "Edit", "View", "Help"]
    assert seen["undo"] == "Ctrl+Z"
    assert (tmp_path / "fresh" / "retro.sqlite3").exists()


def test_an_unreadable_database_is_explained_and_another_can_be_chosen(qtbot, tmp_path: Path, monkeypatch) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    assert open_store_or_ask(str(broken), UiSettings()) is None  # the person chose Close
    assert len(shown) == 1
    assert "is not a Blameless Retro database" in shown[0]
