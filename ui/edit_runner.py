"""Store commits off the GUI thread, one at a time and in order: the database's edit worker.

On a shared PostgreSQL every commit is a network round trip; run on the GUI thread, each one
freezes the meeting for as long. :class:`EditRunner` keeps one worker thread per database (the
library owns it, ui/library/edit_jobs.py, and the open retro's document shares it) that calls ``store.apply`` for each submitted :class:`~retro.domain.Edit` in the order they were
submitted, and reports every result back on the GUI thread in that same order (a queued signal),
where :class:`~ui.document.RetroDocument` folds it in. The worker touches no widget and no
document: it is handed an edit and returns :class:`~retro.domain.Changes` or the refusal.

The expected version of each commit follows the one before it: an edit queued behind another is
checked against the version that one produced (or against the same version, when that one was
refused and so wrote nothing).

The library's operations (archive, duplicate, delete, a follow-through status change) run on the
same queue as any other job (:meth:`EditRunner.run`): a function called on the worker with the
runner's :class:`Versions`, its return value (or exception) handed back on the GUI thread in
submission order, so an undo submitted after a redo runs after it.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal

from retro.domain import Changes, Edit

from .background import emit_if_alive

if TYPE_CHECKING:
    from retro.services import RetroStore

log = logging.getLogger(__name__)

#: What a submitted commit comes back as: the Changes, or the exception that refused it.
Result = Changes | BaseException
OnResult = Callable[[Result], None]


class Versions:
    """The version each retro's last commit on the worker left: read and written on the worker only."""

    def __init__(self) -> None:
        self._left: dict[str, int] = {}

    def expected(self, incident_id: str, version: int) -> int:
        """What a commit made against ``version`` is checked against: ours since, when newer.

        Versions only grow: the one our last commit left, unless the caller has a newer one (it
        read again). Anyone else's commit since makes the commit stale, as it should.
        """
        return max(version, self._left.get(incident_id, version))

    def left(self, incident_id: str, version: int) -> None:
        """A commit on the worker left the retro at ``version``."""
        self._left[incident_id] = version


#: A job for the worker: called there with the runner's versions; returns what the caller needs.
Work = Callable[[Versions], object]


@dataclass(frozen=True, slots=True)
class _Job:
    ticket: int
    incident_id: str
    version: int
    edit: Edit


@dataclass(frozen=True, slots=True)
class _Call:
    ticket: int
    work: Work


class EditRunner(QObject):
    """One ordered worker for a store's edits; results arrive on the GUI thread, in order."""

    _settled = Signal(int, object)

    def __init__(self, store: RetroStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._jobs: queue.Queue[_Job | _Call | None] = queue.Queue()
        self._callbacks: dict[int, Callable[[Any], None]] = {}
        self._next_ticket = 0
        # The version the last commit left, per retro (worker side: read and written only there):
        # one chain for the open document's commits, another for the work of run() (the library's
        # edits). A library commit on the open retro must make the document's next commit stale
        # (a conflict, offered to re-apply), never let it write the document's older values over it.
        self._versions = Versions()
        self._work_versions = Versions()
        self._settled.connect(self._deliver)
        self._thread = threading.Thread(target=self._work, name="retro-edits", daemon=True)
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:  # what is queued is stored before the process ends (a daemon would be cut)
            app.aboutToQuit.connect(self.finish)

    def submit(self, incident_id: str, version: int, edit: Edit, on_result: OnResult) -> None:
        """Queue ``edit``; ``on_result`` is called on the GUI thread with its Changes or refusal.

        ``version`` is the document's confirmed version; a commit queued behind another of the same
        retro is checked against the version that one left, when newer.
        """
        self._jobs.put(_Job(self._ticket(on_result), incident_id, version, edit))

    def run(self, work: Work, on_result: Callable[[Any], None]) -> None:
        """Queue ``work`` behind everything submitted so far; ``on_result`` gets, on the GUI thread
        and in submission order, what it returned or the exception it raised.

        ``work`` runs on the worker: it may call the store, never a widget. A commit it makes
        through ``store.apply`` takes its expected version from the :class:`Versions` it is given
        (and tells it the version left), so it chains with the other work queued around it — not
        with the open document's commits, for which it is someone else's change.
        """
        self._jobs.put(_Call(self._ticket(on_result), work))

    def _ticket(self, on_result: Callable[[Any], None]) -> int:
        ticket = self._next_ticket
        self._next_ticket += 1
        self._callbacks[ticket] = on_result
        return ticket

    def is_idle(self) -> bool:
        """True when every submitted commit has come back (its result folded in on this thread)."""
        return not self._callbacks

    def wait_idle(self, timeout: float = 60.0) -> None:
        """Let every job on its way come back and be handled; ``TimeoutError`` after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while not self.is_idle():
            if time.monotonic() > deadline:
                raise TimeoutError(f"the database has not answered for {timeout:.0f} s")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)

    def close(self) -> None:
        """Stop the worker after what is queued (when its database is no longer shown)."""
        self._jobs.put(None)

    def finish(self, timeout: float = 30.0) -> None:
        """Stop the worker after what is queued and wait (at most ``timeout`` s) until it has run."""
        self.close()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout)

    # -- the worker thread ---------------------------------------------------------------------

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            result: object
            try:
                if isinstance(job, _Call):
                    result = job.work(self._work_versions)
                else:
                    version = self._versions.expected(job.incident_id, job.version)
                    result = self._store.apply(job.incident_id, version, job.edit)
                    self._versions.left(job.incident_id, result.version)
            except Exception as exc:  # a refusal (RetroError) or a failure: reported, never lost
                result = exc
            if not emit_if_alive(self._settled, job.ticket, result):
                return

    # -- back on the GUI thread ----------------------------------------------------------------

    def _deliver(self, ticket: int, result: object) -> None:
        callback = self._callbacks.pop(ticket)
        callback(result)
