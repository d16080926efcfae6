"""Slow work off the GUI thread: run a pure function in the thread pool, report back by signal.

The function gets ``progress(done, total)`` and ``is_cancelled()`` callables and must touch no
widget and no shared session: it is handed plain values and returns a plain value. Signals are
delivered in the GUI thread, so slots may update widgets freely: connect bound methods of a
QObject (not lambdas), so Qt drops the connection when that object goes.

The screen that started the work may be closed before the work ends, and the pool thread must
then never be the one to touch, free or drop the last reference to a Qt object. Each of these
hung or crashed the app (``tests/ui/background_stress.py`` reproduces them):

- emitting a signal of a QObject from the pool while the GUI thread deletes that object (a
  crash: the check "is it still alive?" and the emit are not one step);
- a QRunnable the pool deletes after its run, or a job whose last Python reference the pool
  thread drops: a Qt destructor then runs on the pool thread and waits for the interpreter while
  holding a Qt lock, while the GUI thread holds the interpreter and waits for that lock (a hang).

So the pool sees only plain values and one QObject that is never destroyed, the *courier*
(:func:`start_on_pool`). The pool thread tells the courier "run number N says ``succeeded``
(result)", queued; on the GUI thread the courier emits that signal of run N's target if the
target still exists. The GUI side keeps each target (and whatever else it is given) in
``_KEPT`` until the run's end has reached the GUI thread, and lets go of it there. The pool runs a
plain function (not a QRunnable subclass) and drops its own reference to the work before it says
the run has ended. :class:`BackgroundJob`, the export worker (:mod:`ui.export_worker`) and opening
a database (:mod:`ui.library.open_database`) share this one mechanism.

:data:`RUNNING` holds the numbers of the runs still on the pool. A job counts as ``running``
until its last signal (``finished``) has reached the GUI thread, not merely until the work
returns on the pool: a screen asking ``running`` never sees False while the result is on its way.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from retro.domain import RetroError

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]
Work = Callable[[Progress, IsCancelled], Any]
#: ``tell("succeeded", result)``: emit that signal of the run's target, on the GUI thread.
Tell = Callable[..., None]
Task = Callable[[Tell], None]

log = logging.getLogger(__name__)

#: Numbers of the runs still on the thread pool (plain ints: the pool may drop them).
RUNNING: set[int] = set()
#: On the GUI thread only: each run's target (and what is kept with it) until its end is back.
_KEPT: dict[int, tuple[QObject, object]] = {}
_numbers = itertools.count(1)


class _Courier(QObject):
    """The only QObject the pool touches: made once on the GUI thread, never destroyed."""

    told = Signal(int, str, object)  # (run, signal name, its arguments)
    ended = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.told.connect(self._deliver)  # queued: the courier lives on the GUI thread
        self.ended.connect(self._release)

    @Slot(int, str, object)
    def _deliver(self, number: int, name: str, args: tuple[object, ...]) -> None:
        kept = _KEPT.get(number)
        if kept is not None and shiboken6.isValid(kept[0]):  # the screen that asked may be gone
            getattr(kept[0], name).emit(*args)

    @Slot(int)
    def _release(self, number: int) -> None:
        _KEPT.pop(number, None)  # the last reference goes here, on the GUI thread


_courier: _Courier | None = None


def emit_if_alive(signal: Any, *args: object) -> bool:
    """Emit ``signal`` from another thread; False (and nothing emitted) when its object was deleted.

    Racy when the GUI thread may delete that object meanwhile: the thread pool's work uses
    :func:`start_on_pool` instead (the edit runner's worker still uses this).
    """
    try:
        signal.emit(*args)
    except RuntimeError:  # "Signal source has been deleted"
        return False
    return True


def start_on_pool(target: QObject, task: Task, keep: object = None, pool: QThreadPool | None = None) -> None:
    """Run ``task(tell)`` on ``pool`` (the global one by default); call on the GUI thread.

    ``tell("name", *args)`` emits ``target``'s signal ``name`` on the GUI thread (nothing once
    ``target`` is deleted). ``target`` and ``keep`` stay alive until the run's end is back. The
    task must hold no Qt object: only plain values.
    """
    global _courier
    if _courier is None:
        _courier = _Courier()
    number = next(_numbers)
    _KEPT[number] = (target, keep)
    RUNNING.add(number)
    (pool or QThreadPool.globalInstance()).start(_Run(number, _courier, task))


class _Run:
    """What the pool calls: a plain object holding a run number, the courier and the task."""

    def __init__(self, number: int, courier: _Courier, task: Task) -> None:
        self._number, self._courier = number, courier
        self._task: Task | None = task

    def __call__(self) -> None:  # in a pool thread
        number, courier = self._number, self._courier

        def tell(name: str, *args: object) -> None:
            courier.told.emit(number, name, args)

        task, self._task = self._task, None
        try:
            if task is not None:
                task(tell)
        finally:
            del task  # the GUI side may let go of everything once ``ended`` is back
            RUNNING.discard(number)
            courier.ended.emit(number)


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
        self.destroyed.connect(self._cancel.set)  # nobody is waiting for the result any more

    def start(self) -> None:
        """Run the work on the global pool; the signals report back on the GUI thread."""
        self.running = True
        start_on_pool(self, _JobTask(self._work, self._cancel, self._cancel_errors))

    def cancel(self) -> None:
        """Ask the work to stop (it notices at its next ``is_cancelled()``); signals still follow."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        """True once :meth:`cancel` was called (or nobody was left to tell)."""
        return self._cancel.is_set()

    def _on_finished(self) -> None:  # on the GUI thread, after every other signal of this run
        self.running = False


class _JobTask:
    """A job's work on the pool, holding plain values only (never the job itself)."""

    def __init__(self, work: Work, cancel: threading.Event, cancel_errors: tuple[type[BaseException], ...]) -> None:
        self._work, self._cancel, self._cancel_errors = work, cancel, cancel_errors

    def __call__(self, tell: Tell) -> None:  # in a pool thread
        try:
            result = self._work(lambda done, total: tell("progressed", done, total), self._cancel.is_set)
        except self._cancel_errors:
            tell("cancelled")
        except RetroError as exc:
            tell("failed", str(exc))
        except Exception as exc:  # a bug: say so plainly rather than freeze or crash the app
            log.exception("background work failed")
            tell("failed", f"Something went wrong: {exc.__class__.__name__}: {exc}")
        else:
            tell("cancelled") if self._cancel.is_set() else tell("succeeded", result)
        finally:
            tell("finished")  # ``running`` turns False when this reaches the GUI thread
