"""Store commits off the GUI thread, one at a time and in order: the retro's edit worker.

On a shared PostgreSQL every commit is a network round trip; run on the GUI thread, each one
freezes the meeting for as long. :class:`EditRunner` keeps one worker thread per open retro
that calls ``store.apply`` for each submitted :class:`~retro.domain.Edit` in the order they were
submitted, and reports every result back on the GUI thread in that same order (a queued signal),
where :class:`~ui.document.RetroDocument` folds it in. The worker touches no widget and no
document: it is handed an edit and returns :class:`~retro.domain.Changes` or the refusal.

The expected version of each commit follows the one before it: an edit queued behind another is
checked against the version that one produced (or against the same version, when that one was
refused and so wrote nothing).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from retro.domain import Changes, Edit

from .background import emit_if_alive

if TYPE_CHECKING:
    from retro.services import RetroStore

log = logging.getLogger(__name__)

#: What a submitted commit comes back as: the Changes, or the exception that refused it.
Result = Changes | BaseException
OnResult = Callable[[Result], None]


@dataclass(frozen=True, slots=True)
class _Job:
    ticket: int
    incident_id: str
    version: int
    edit: Edit


class EditRunner(QObject):
    """One ordered worker for a store's edits; results arrive on the GUI thread, in order."""

    _settled = Signal(int, object)

    def __init__(self, store: RetroStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._callbacks: dict[int, OnResult] = {}
        self._next_ticket = 0
        # The version the last commit left, per retro (worker side: read and written only there).
        self._versions: dict[str, int] = {}
        self._settled.connect(self._deliver)
        self._thread = threading.Thread(target=self._work, name="retro-edits", daemon=True)
        self._thread.start()

    def submit(self, incident_id: str, version: int, edit: Edit, on_result: OnResult) -> None:
        """Queue ``edit``; ``on_result`` is called on the GUI thread with its Changes or refusal.

        ``version`` is the document's confirmed version; a commit queued behind another of the same
        retro is checked against the version that one left, when newer.
        """
        ticket = self._next_ticket
        self._next_ticket += 1
        self._callbacks[ticket] = on_result
        self._jobs.put(_Job(ticket, incident_id, version, edit))

    def is_idle(self) -> bool:
        """True when every submitted commit has come back (its result folded in on this thread)."""
        return not self._callbacks

    def close(self) -> None:
        """Stop the worker after what is queued (called when the document goes)."""
        self._jobs.put(None)

    # -- the worker thread ---------------------------------------------------------------------

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            # Versions only grow: the one our last commit left, unless the document has a newer one
            # (it reloaded). Anyone else's commit since makes this one stale, as it should.
            version = max(job.version, self._versions.get(job.incident_id, job.version))
            result: Result
            try:
                result = self._store.apply(job.incident_id, version, job.edit)
            except Exception as exc:  # a refusal (RetroError) or a failure: reported, never lost
                result = exc
            else:
                self._versions[job.incident_id] = result.version
            if not emit_if_alive(self._settled, job.ticket, result):
                return

    # -- back on the GUI thread ----------------------------------------------------------------

    def _deliver(self, ticket: int, result: object) -> None:
        callback = self._callbacks.pop(ticket)
        assert isinstance(result, Changes | BaseException)
        callback(result)
