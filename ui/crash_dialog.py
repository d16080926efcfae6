"""When something goes wrong: an exception hook that logs it and shows a dialog that explains it.

:class:`CrashHandler` replaces ``sys.excepthook`` (PySide6 calls it for an exception raised in a
slot or an overridden Qt method) and ``threading.excepthook`` (worker threads; the dialog is
shown on the GUI thread). Each error is written to the log with its traceback, and a non-modal
:class:`CrashDialog` says what happened, that the work is safe (every edit is already in the
database), where the log is, and offers a report to copy: versions, the traceback without local
values, passwords masked and the open retro's private notes removed (see
:mod:`retro.crash_report`). Further errors while the dialog is open are added to it, not stacked.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from retro import logs
from retro.crash_report import crash_report, summary_line

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException | None, TracebackType | None]


def qt_versions() -> list[tuple[str, str]]:
    return [("Qt (runtime)", qVersion())]


class CrashDialog(QDialog):
    """What happened, that nothing is lost, where the log is, and a report to copy."""

    def __init__(self, summary: str, report: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CrashDialog")
        self.setWindowTitle("Blameless Retro hit a problem")
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.count = 1
        layout = QVBoxLayout(self)
        self.headline = QLabel(
            "<b>Something went wrong inside Blameless Retro.</b><br>"
            "Your work is safe: every change shown as saved is already in the database. "
            "You can go on working, or quit and start the app again.")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.what = QLabel()
        self.what.setObjectName("CrashSummary")
        self.what.setWordWrap(True)
        self.what.setTextFormat(Qt.TextFormat.PlainText)
        self.what.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.what)
        self.log_file = log_file
        where = (f"The details are in the log: {log_file}" if log_file is not None
                 else "The log could not be written; the report below has the details.")
        self.where = QLabel(where)
        self.where.setObjectName("CrashLogLocation")
        self.where.setWordWrap(True)
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        layout.addWidget(QLabel("Report to send to whoever looks after the app (no private notes, no passwords):"))
        self.report = QPlainTextEdit()
        self.report.setObjectName("CrashReport")
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report.setMinimumSize(560, 220)
        layout.addWidget(self.report, 1)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Copy report")
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = QPushButton("Open log &folder")
        self.folder_button.setEnabled(log_file is not None)
        self.folder_button.clicked.connect(self.open_log_folder)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton("&Keep working", QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.close_button.clicked.connect(self.accept)
        self.quit_button.clicked.connect(self._quit)
        layout.addWidget(buttons)
        self.set_error(summary, report)
        self.resize(720, 480)

    def set_error(self, summary: str, report: str) -> None:
        self.what.setText(f"What happened: {summary}")
        self.report.setPlainText(report)

    def add_error(self, summary: str, report: str) -> None:
        """Another error while this one is shown: it goes below, the headline counts them."""
        self.count += 1
        self.what.setText(f"What happened: {summary}\n({self.count} errors so far; the report holds each one.)")
        self.report.setPlainText(self.report.toPlainText() + "\n" + "-" * 72 + "\n" + report)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())
        self.copy_button.setText("Copied")

    def open_log_folder(self) -> None:
        if self.log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))

    def _quit(self) -> None:
        self.reject()
        app = QGuiApplication.instance()
        if app is not None:
            app.closeAllWindows()  # the main window finishes the field being typed in first
            app.quit()


class CrashHandler(QObject):
    """Installs the hooks; ``window`` gives the dialog's parent, ``private`` the texts to keep out.

    ``context`` gives a few (name, value) pairs about the moment (stage, database kind).
    """

    #: From a worker thread to the GUI thread.
    _from_thread = Signal(object)
    #: Emitted with each dialog shown (tests and the screenshot tool watch it).
    shown = Signal(object)

    def __init__(self, window: Callable[[], QWidget | None] = lambda: None,
                 private: Callable[[], Iterable[str]] = tuple,
                 context: Callable[[], Iterable[tuple[str, str]]] = tuple,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._private = private
        self._context = context
        self.dialog: CrashDialog | None = None
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._from_thread.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> CrashHandler:
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread_hook

    def excepthook(self, exc_type: type[BaseException], exc: BaseException | None,
                   tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        if threading.current_thread() is not threading.main_thread():
            self._from_thread.emit((exc_type, exc, tb))
            return
        self._show((exc_type, exc, tb))

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self._from_thread.emit((args.exc_type, args.exc_value, args.exc_traceback))

    def _safe(self, provider: Callable[[], Iterable[object]]) -> list:
        try:
            return list(provider())
        except Exception:  # a broken provider must not hide the crash being reported
            log.exception("crash report: could not gather details")
            return []

    def _show(self, info: ExcInfo) -> None:
        exc_type, exc, tb = info
        private = [str(p) for p in self._safe(self._private)]
        setup = logs.current()
        log_file = setup.file if setup is not None else None
        report = crash_report(exc_type, exc, tb, log_file=log_file, private=private,
                              context=self._safe(self._context), versions=qt_versions())
        log.critical("Unhandled error — report:\n%s", report)
        summary = summary_line(exc_type, exc, private)
        try:
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.add_error(summary, report)
            else:
                if self.dialog is not None:
                    self.dialog.deleteLater()
                self.dialog = CrashDialog(summary, report, log_file, self._window())
                self.dialog.show()
                self.dialog.raise_()
            self.shown.emit(self.dialog)
        except Exception:  # pragma: no cover - the dialog itself failed: at least say it on stderr
            log.exception("crash dialog could not be shown")
            print(report, file=sys.stderr)


def forward_qt_messages() -> None:
    """Qt's own warnings go to the log as well as stderr (the app only; tests keep pytest-qt's)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)
        if kind != QtMsgType.QtDebugMsg:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)
