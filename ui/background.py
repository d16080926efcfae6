"""Slow work off the GUI thread: run a pure function in the thread pool, report back by signal.

The function gets ``progress(done, total)`` and ``is_cancelled()`` callables and must touch no
widget and no shared session: it is handed plain values and returns a plain value. Signals are
delivered in the GUI thread (queued connections), so slots may update widgets freely.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from retro.domain import RetroError

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]
Work = Callable[[Progress, IsCancelled], Any]

log = logging.getLogger(__name__)


class BackgroundJob(QObject):
    """One run of ``work`` in the global thread pool."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    #: Emitted last, whatever the outcome.
    finished = Signal()

    def __init__(
        self,
        work: Work,
        *,
        cancel_errors: tuple[type[BaseException], ...] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel_errors = cancel_errors
        self._cancel = threading.Event()
        self.running = False

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(_Runnable(self))

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _run(self) -> None:  # in a pool thread
        try:
            result = self._work(lambda done, total: self.progressed.emit(done, total), self.is_cancelled)
        except self._cancel_errors:
            self.cancelled.emit()
        except RetroError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug: say so plainly rather than freeze or crash the app
            log.exception("background work failed")
            self.failed.emit(f"Something went wrong: {exc.__class__.__name__}: {exc}")
        else:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)
        finally:
            self.running = False
            self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, job: BackgroundJob) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()
