"""A library tab that reads the store only while someone looks at it.

A change anywhere marks the tab stale; it reads again at once when it is visible, else the next
time it is shown. ``_generation`` grows with every change, so a background read started before a
change can tell that its answer is out of date.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QShowEvent

from retro.domain import RetroError

from ..background import BackgroundJob, IsCancelled, Progress

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

    @property
    def reading(self) -> bool:
        """Whether what the tab shows is still to come: a read on its way, or due when shown."""
        job: BackgroundJob | None = getattr(self, "job", None)
        return self._stale or (job is not None and job.running)

    def read_off_thread(self, fetch: Callable[[], Any], show: Callable[[Any], None],
                        refused: Callable[[str], None]) -> None:
        """Run ``fetch()`` (a store read) off the GUI thread, then ``show`` its answer here.

        An answer overtaken by a later change is dropped; a refusal (``RetroError``) goes to
        ``refused`` and leaves the tab stale, so it tries again when next shown.
        """
        self._stale = False
        self._generation += 1
        generation = self._generation

        def work(_p: Progress, _c: IsCancelled) -> tuple[int, Any, str | None]:
            try:
                return generation, fetch(), None
            except RetroError as exc:
                return generation, None, str(exc)

        def arrived(outcome: tuple[int, Any, str | None]) -> None:
            answered, value, problem = outcome
            if answered != self._generation:
                return
            if problem is not None:
                refused(problem)
                self._stale = True
                return
            show(value)

        job = BackgroundJob(work, parent=self)  # type: ignore[arg-type]
        job.succeeded.connect(arrived)
        job.failed.connect(self.message)  # type: ignore[attr-defined]
        job.finished.connect(job.deleteLater)
        self.job = job
        job.start()
