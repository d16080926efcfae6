"""The status bar says "Waiting for another editor…" while an edit waits for a teammate's save.

The store (:attr:`retro.services.RetroStore.waiting`) calls back from whichever thread runs the
edit. From the window's own thread the message is shown and painted at once (the edit is still
blocking the event loop); from a worker thread it is queued to the window's thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMainWindow

#: How long the notice stays when nothing replaces it (ms); the edit's own result replaces it.
NOTICE_MS = 30_000


class WaitingNotice(QObject):
    """Relays the store's waiting notice to ``window``'s status bar."""

    heard = Signal(str)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.heard.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def __call__(self, message: str) -> None:
        if QThread.currentThread() is self.thread():
            self._show(message)
        else:
            self.heard.emit(message)

    def _show(self, message: str) -> None:
        bar = self._window.statusBar()
        bar.showMessage(message, NOTICE_MS)
        bar.repaint()  # the waiting edit holds the event loop: paint now


def watch_store(window: QMainWindow, store: object) -> None:
    """Show ``store``'s waiting notices in ``window``'s status bar (no-op for ``None``)."""
    if store is None:
        return
    notice = getattr(window, "_waiting_notice", None)
    if notice is None:
        notice = WaitingNotice(window)
        window._waiting_notice = notice  # type: ignore[attr-defined]
    store.waiting = notice  # type: ignore[attr-defined]
