"""Slow work off the GUI thread: run a pure function in the thread pool, report back by signal.

The function gets ``progress(done, total)`` and ``is_cancelled()`` callables and must touch no
widget and no shared session: it is handed plain values and returns a plain value. Signals are
delivered in the GUI thread (queued connections), so slots may update widgets freely: connect
bound methods of a QObject (not lambdas), so Qt drops the connection when that object goes.

The screen that started the work may be closed before the work ends. Work on the pool is kept
alive in :data:`RUNNING` until its run ends, and reports back only through :func:`emit_if_alive`,
which says nothing once the object carrying the signal is gone. :class:`BackgroundJob` and the
export worker (:mod:`ui.export_worker`) share this one mechanism.

A job counts as running until its last signal (``finished``) has reached the GUI thread, not merely
until the work returns on the pool: a screen asking ``running`` never sees False while the result
is still on its way.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

from retro.domain import RetroError

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]
Work = Callable[[Progress, IsCancelled], Any]

log = logging.getLogger(__name__)

#: Work on the thread pool, kept alive until its run ends (whoever started it may go first).
RUNNING: set[object] = set()


def emit_if_alive(signal: SignalInstance, *args: object) -> bool:
    """Emit ``signal`` from a pool thread; False (and nothing emitted) when its object was deleted.

    When the screen that asked is closed, the QObject carrying the signal goes with it: there is
    nobody left to tell, which is not an error.
    """
    try:
        signal.emit(*args)
    except RuntimeError:  # "Signal source has been deleted"
        return False
    return True


class BackgroundJob(QObject):
    """One run of ``work`` in the global thread pool.

    Give it a ``parent`` on the GUI thread (the screen that wants the result): the job goes when
    that screen goes, and the work then finishes quietly, reporting to nobody.
    """

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
        #: Started, and ``finished`` not yet delivered on the GUI thread (set only on that thread).
        self.running = False
        # Connected first, so it runs before any screen's slot for ``finished``.
        self.finished.connect(self._on_finished)

    def start(self) -> None:
        """Run the work on the global pool; the signals report back on the GUI thread."""
        self.running = True
        runnable = _Runnable(self)
        RUNNING.add(runnable)
        QThreadPool.globalInstance().start(runnable)

    def cancel(self) -> None:
        """Ask the work to stop (it notices at its next ``is_cancelled()``); signals still follow."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        """True once :meth:`cancel` was called (or nobody was left to tell)."""
        return self._cancel.is_set()

    def _on_finished(self) -> None:  # on the GUI thread, after every other signal of this run
        self.running = False

    def _run(self) -> None:  # in a pool thread
        def progress(done: int, total: int) -> None:
            if not emit_if_alive(self.progressed, done, total):
                self._cancel.set()  # nobody is waiting for the result any more

        try:
            result = self._work(progress, self.is_cancelled)
        except self._cancel_errors:
            emit_if_alive(self.cancelled)
        except RetroError as exc:
            emit_if_alive(self.failed, str(exc))
        except Exception as exc:  # a bug: say so plainly rather than freeze or crash the app
            log.exception("background work failed")
            emit_if_alive(self.failed, f"Something went wrong: {exc.__class__.__name__}: {exc}")
        else:
            if self._cancel.is_set():
                emit_if_alive(self.cancelled)
            else:
                emit_if_alive(self.succeeded, result)
        finally:
            emit_if_alive(self.finished)  # ``running`` turns False when this reaches the GUI thread


class _Runnable(QRunnable):
    """Carries a job onto the pool; it (and so the job) stays in :data:`RUNNING` until the run ends."""

    def __init__(self, job: BackgroundJob) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        try:
            self._job._run()
        finally:
            RUNNING.discard(self)
