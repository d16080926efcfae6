"""Work that can wait until a widget has been painted once: run it on the event loop's next turn.

Opening a big retro at the Timeline, what a person waits for is the table's rows. What sits beside
them and needs a pass over every event (the side panel's silent gaps) is filled on the turn after
the table's first paint: it still happens, a moment later, and never before the rows show.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Calls ``then`` once, on the event loop's turn after ``widget``'s first paint (or :meth:`now`)."""

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)  # goes with the widget: nothing runs for a widget that is gone
        self._widget: QWidget | None = widget
        self._then: Callable[[], object] | None = then
        widget.installEventFilter(self)

    @property
    def pending(self) -> bool:
        return self._then is not None

    def now(self) -> None:
        """Run it now (once), if it has not run yet: someone needs its result before the paint."""
        then = self._then
        self.cancel()
        if then is not None:
            then()

    def cancel(self) -> None:
        """Do not run it (it was done another way)."""
        self._then = None
        self._stop_watching()

    def _stop_watching(self) -> None:
        if self._widget is not None:
            self._widget.removeEventFilter(self)
            self._widget = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self._widget:
            self._stop_watching()
            QTimer.singleShot(0, self, self.now)  # the next turn: the paint reaches the screen first
        return False
