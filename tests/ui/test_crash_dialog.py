"""An error in the app shows a dialog: what happened, where the log is, a report safe to paste."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton, QWidget

from retro import logs
from ui.crash_dialog import CrashDialog, CrashHandler

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

PASSWORD = "Tr0ub4dor&3-horse"
NOTE = "Sam seemed defensive when the deploy came up; check in with them privately."


@pytest.fixture
def log_setup(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("RETRO_LOG_DIR", str(tmp_path / "log"))
    logs.reset_for_tests()
    setup = logs.configure("info", stderr=False)
    yield setup
    logs.reset_for_tests()


def _fail_in_the_store() -> None:
    url = f"postgresql+psycopg://sam:{PASSWORD}@db.internal/retro"
    raise RuntimeError(f"connection to {url} lost while saving the note {NOTE!r}")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_the_dialog_with_a_safe_report(qtbot, log_setup) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    button = QPushButton("Save", window)
    button.clicked.connect(_fail_in_the_store)
    handler = CrashHandler(lambda: window, lambda: [NOTE], lambda: [("Shown", "library")]).install()
    try:
        with qtbot.waitSignal(handler.shown, timeout=10000) as seen:
            button.click()  # PySide6 passes the slot's exception to sys.excepthook
        dialog = seen.args[0]
        assert isinstance(dialog, CrashDialog) and dialog.isVisible() and not dialog.isModal()
        report = dialog.report.toPlainText()
        assert "RuntimeError: connection to postgresql+psycopg://sam:***@db.internal/retro lost" in dialog.what.text()
        assert "_fail_in_the_store" in report and "Traceback" in report
        assert "Versions:" in report and "PySide6" in report and "Qt (runtime)" in report
        assert "Shown: library" in report
        assert PASSWORD not in report and PASSWORD not in dialog.what.text()
        assert NOTE not in report and "[private text removed]" in report
        assert str(log_setup.file) in dialog.where.text()
        dialog.copy_button.click()
        assert QGuiApplication.clipboard().text() == report
        logged = log_setup.file.read_text(encoding="utf-8")
        assert "_fail_in_the_store" in logged and PASSWORD not in logged and NOTE not in logged
        # A second error while the dialog is shown joins it instead of stacking another window.
        with qtbot.waitSignal(handler.shown, timeout=10000) as again:
            button.click()
        assert again.args[0] is dialog and dialog.count == 2
        assert "2 errors so far" in dialog.what.text()
        QTimer.singleShot(0, dialog.close_button.click)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    finally:
        handler.uninstall()
    assert sys.excepthook is not handler.excepthook


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_worker_thread_is_shown_on_the_gui_thread(qtbot, log_setup) -> None:
    handler = CrashHandler().install()
    try:
        def work() -> None:
            raise ValueError("a worker failed")

        with qtbot.waitSignal(handler.shown, timeout=10000) as seen:
            worker = threading.Thread(target=work)
            worker.start()
            worker.join()
        dialog = seen.args[0]
        qtbot.addWidget(dialog)
        assert "ValueError: a worker failed" in dialog.what.text()
        assert "work" in dialog.report.toPlainText()
    finally:
        handler.uninstall()


def test_without_a_log_file_the_dialog_says_so(qtbot) -> None:
    dialog = CrashDialog("OSError: disk full", "report", None)
    qtbot.addWidget(dialog)
    assert "could not be written" in dialog.where.text()
    assert not dialog.folder_button.isEnabled()
