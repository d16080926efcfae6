"""A team database's password is used, never remembered or shown (recent menu, progress, notices)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from retro.startup import open_store
from ui.library.database_dialog import OpenDatabaseDialog
from ui.library.open_database import masked_url, url_without_password
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

SECRET = "s3cret-Pw"
#: Nothing answers on port 1, so opening fails at once (and never reaches a real server).
TEAM_URL = f"postgresql+psycopg://sam:{SECRET}@127.0.0.1:1/retro"


def test_the_url_helpers_drop_or_mask_only_the_password() -> None:
    assert url_without_password(TEAM_URL) == "postgresql+psycopg://sam@127.0.0.1:1/retro"
    assert masked_url(TEAM_URL) == "postgresql+psycopg://sam:***@127.0.0.1:1/retro"
    assert url_without_password("postgresql+psycopg://db/retro?password=pw&sslmode=require") == \
        "postgresql+psycopg://db/retro?sslmode=require"
    assert url_without_password("postgresql+psycopg://sam:p@ss@db/retro") == "postgresql+psycopg://sam@db/retro"
    for unchanged in ("/home/sam/retros.sqlite3", "sqlite:////tmp/r.sqlite3", "postgresql+psycopg://sam@db/retro"):
        assert url_without_password(unchanged) == masked_url(unchanged) == unchanged


def test_a_failed_open_shows_the_url_without_its_password(qtbot, window: MainWindow) -> None:
    window.open_database(TEAM_URL)
    assert window._progress is not None
    assert SECRET not in window._progress.labelText() and "sam:***@" in window._progress.labelText()

    def notice() -> QMessageBox | None:
        return next((b for b in window.findChildren(QMessageBox, "Notice") if b.isVisible()), None)

    qtbot.waitUntil(lambda: notice() is not None, timeout=20_000)
    assert "Could not open" in notice().windowTitle()
    assert SECRET not in notice().text() and "127.0.0.1" in notice().text()
    assert all(SECRET not in url for url in window.settings.recent_databases())


def test_a_team_database_is_remembered_without_its_password(qtbot, tmp_path, window: MainWindow) -> None:
    window.settings.add_recent_database(f"postgresql+psycopg://ana:{SECRET}@old-host/retro")  # by an older version
    store = open_store(f"sqlite:///{tmp_path / 'team.sqlite3'}")
    window.opener.opened.emit(store, TEAM_URL)  # as when the team database opened

    assert window.settings.recent_databases()[0] == "postgresql+psycopg://sam@127.0.0.1:1/retro"
    assert all(SECRET not in url for url in window.settings.recent_databases()[:1])
    window.menus.recent_menu.aboutToShow.emit()
    shown = [action.text() for action in window.menus.recent_menu.actions()]
    assert "postgresql+psycopg://sam@127.0.0.1:1/retro" in shown
    assert "postgresql+psycopg://ana@old-host/retro" in shown
    assert not [text for text in shown if SECRET in text]
    window.store.close()


def test_the_open_dialog_says_where_the_password_comes_from(qtbot) -> None:
    dialog = OpenDatabaseDialog(f"postgresql+psycopg://sam:{SECRET}@db/retro")
    qtbot.addWidget(dialog)
    assert dialog.chosen() == "postgresql+psycopg://sam@db/retro"
    hints = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert ".pgpass" in hints and "PGPASSWORD" in hints
