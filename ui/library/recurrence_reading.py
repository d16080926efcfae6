"""Reading the recurring contributing factors off the GUI thread, for the library's tab.

The library marks the reading stale whenever anything may have changed it (another database,
an edit, a refresh); the tab reads again only when it is shown. A read still under way when
the library changed is for the old state: its result is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from retro.domain import RetroError

from ..background import BackgroundJob, IsCancelled, Progress
from .recurrence import RecurrenceView

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported when a database is opened
    from retro.services import RetroStore

#: Up to this many sightings the groups are read whole; beyond, summaries opened on demand.
WHOLE_UP_TO = 500


class RecurrenceReading(QObject):
    """Fills ``view`` from the store ``store()`` returns, one background read at a time."""

    #: The database refused the read (or reading failed): a short message for the status bar.
    message = Signal(str)

    def __init__(self, view: RecurrenceView, store: Callable[[], RetroStore | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self._store = store
        #: The shown groups may be out of date (read again when the tab is next shown).
        self.stale = True
        #: The read whose result is wanted; an older read's result is dropped.
        self._generation = 0

    def mark_stale(self) -> None:
        self.stale = True
        self._generation += 1  # a read under way is for the old state

    def read(self) -> None:
        store = self._store()
        if store is None:
            return
        self.stale = False
        self._generation += 1
        generation = self._generation

        def read() -> object:  # a few sightings: the groups whole; many: summaries, opened on demand
            summary = store.recurring_summary()
            return store.recurring_factors() if sum(g.sighting_count for g in summary) <= WHOLE_UP_TO else summary

        self.view.show_reading()

        def work(_progress: Progress, _is_cancelled: IsCancelled) -> tuple[int, Any, str]:
            try:
                return generation, read(), ""
            except RetroError as exc:  # the database said no: a message, tied to this read
                return generation, None, str(exc)

        job = BackgroundJob(work, parent=self)
        job.succeeded.connect(self._read_done)
        job.failed.connect(self.message)  # a bug in the reading: said plainly
        job.finished.connect(job.deleteLater)
        job.start()

    def _read_done(self, outcome: tuple[int, Any, str]) -> None:
        generation, result, problem = outcome
        if generation != self._generation:
            return  # the library changed (or another database opened) while this was being read
        if problem:
            self.message.emit(problem)
            self.stale = True  # try again when the tab is next shown
        else:
            store = self._store()
            self.view.set_groups(result, None if store is None else store.group_sightings)
