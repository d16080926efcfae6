"""A library tab that reads the store only while someone looks at it.

A change anywhere marks the tab stale; it reads again at once when it is visible, else the next
time it is shown. ``_generation`` grows with every change, so a background read started before a
change can tell that its answer is out of date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent

if TYPE_CHECKING:
    from retro.services import RetroStore


class ReadWhenShown:
    """Mix into a ``QWidget`` (before it in the bases) that defines :meth:`reread`."""

    _store: RetroStore | None
    _stale: bool
    _generation: int

    def set_store(self, store: RetroStore) -> None:
        self._store = store
        self.mark_stale()

    def mark_stale(self) -> None:
        self._stale = True
        self._generation += 1
        if self.isVisible():  # type: ignore[attr-defined]
            self.reread()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # type: ignore[misc]
        if self._stale:
            self.reread()

    def reread(self) -> None:
        raise NotImplementedError
