"""Undoable library operations: archive, unarchive, duplicate and delete whole retrospectives, and
set a follow-through action's status, without opening the retro.

They live on the library's own :class:`QUndoStack` (the open retro has its own), so "Undo Delete
retrospective" brings a deleted retro back with the same ids through ``store.add_retro``.

Each is a plain :class:`LibraryOperation` whose ``do`` / ``undo`` run on the edit runner's worker
(ui/edit_runner.py), never on the GUI thread: a slow database never holds the click that made the
change. Its state (the deleted retro, the copy's id, the Changes to undo) is read and written on
the worker only, where the jobs run one at a time in the order they were submitted, so an undo
queued behind its redo sees what that redo did. :class:`LibraryCommand` is the undo step that
submits them; when the store refuses one, the step becomes obsolete and does nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import shiboken6
from PySide6.QtGui import QUndoCommand

from retro.domain import ActionStatus

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported when a database is opened
    from retro.domain import Changes, Retro
    from retro.services import RetroStore

    from ..edit_runner import EditRunner, Versions


@dataclass(frozen=True, slots=True)
class Settled:
    """A library operation's answer, on the GUI thread: ``result`` is a message or the refusal."""

    label: str
    undoing: bool
    result: str | BaseException
    #: The retro to select in the list afterwards ("" keeps the selection).
    select: str = ""


class LibraryOperation:
    """One undoable operation on the store, run on the worker (plain Python: no Qt, no widgets).

    ``applied`` says whether the store holds it now: an undo of one that was refused, or a redo
    of one whose undo was refused, does nothing.
    """

    def __init__(self, store: RetroStore, label: str) -> None:
        self.store, self.label = store, label
        self.applied = False
        #: The retro to select after it ran ("" keeps the selection).
        self.select = ""

    def do(self, versions: Versions) -> str:
        """Make the change; returns what to tell the person."""
        raise NotImplementedError

    def undo(self, versions: Versions) -> str:
        """Take it back; returns what to tell the person."""
        raise NotImplementedError

    # A job's answer is (what to tell, the retro to select), both read on the worker as the job
    # ends: a job queued behind it may change ``select`` before the answer reaches the GUI thread.

    def redo_job(self, versions: Versions) -> tuple[str, str]:
        if self.applied:
            return "", ""
        said = self.do(versions)
        self.applied = True
        return said, self.select

    def undo_job(self, versions: Versions) -> tuple[str, str]:
        if not self.applied:
            return "", ""
        said = self.undo(versions)
        self.applied = False
        return said, self.select


class LibraryCommand(QUndoCommand):
    """The undo step of one :class:`LibraryOperation`: redo and undo submit it to the runner."""

    def __init__(self, operation: LibraryOperation, runner: EditRunner, settled: Callable[[Settled], None],
                 started: Callable[[str, bool], None] | None = None) -> None:
        """``settled`` gets every answer on the GUI thread; ``started`` (label, undoing) each submission."""
        super().__init__(operation.label)
        self.operation = operation
        self._runner, self._settled, self._started = runner, settled, started
        self._refused = False

    def redo(self) -> None:
        self._submit(undoing=False)

    def undo(self) -> None:
        self._submit(undoing=True)

    def _submit(self, *, undoing: bool) -> None:
        if self._refused:
            return
        operation, settled = self.operation, self._settled

        def back(result: object) -> None:
            if isinstance(result, BaseException):
                self._refused = True
                if shiboken6.isValid(self):  # the stack may have dropped it meanwhile
                    self.setObsolete(True)
                settled(Settled(operation.label, undoing, result, ""))
                return
            said, select = cast("tuple[str, str]", result)
            settled(Settled(operation.label, undoing, said, select))

        self._runner.run(operation.undo_job if undoing else operation.redo_job, back)
        if self._started is not None:
            self._started(operation.label, undoing)


class ArchiveRetro(LibraryOperation):
    """Archive (or unarchive) one retro: it leaves (or rejoins) the default list. Only its header
    (the incident row and version) is read, never the whole retro."""

    def __init__(self, store: RetroStore, incident_id: str, title: str, archived: bool) -> None:
        super().__init__(store, f"{'Archive' if archived else 'Unarchive'} “{title}”")
        self._id, self._title, self._archived = incident_id, title, archived

    def _set(self, versions: Versions, archived: bool) -> None:
        from retro.services.library_edits import set_archived

        changes = set_archived(self.store, self._id, archived)
        versions.left(self._id, changes.version)

    def do(self, versions: Versions) -> str:
        self._set(versions, self._archived)
        return f"{'Archived' if self._archived else 'Unarchived'} “{self._title}”. Undo brings it back."

    def undo(self, versions: Versions) -> str:
        self._set(versions, not self._archived)
        return f"{'Unarchived' if self._archived else 'Archived'} “{self._title}” again."


class DeleteRetro(LibraryOperation):
    """Delete a retro; undo stores the deleted retro again with the same ids."""

    def __init__(self, store: RetroStore, incident_id: str, title: str) -> None:
        super().__init__(store, f"Delete “{title}”")
        self._id, self._title = incident_id, title
        self._deleted: Retro | None = None

    def do(self, versions: Versions) -> str:
        self._deleted = self.store.delete_retro(self._id)
        return f"Deleted “{self._title}”. Edit ▸ Undo brings it back."

    def undo(self, versions: Versions) -> str:
        if self._deleted is not None:
            self.store.add_retro(self._deleted, new_ids=False)
            self._deleted = None
        self.select = self._id
        return f"Brought “{self._title}” back."


class DuplicateRetro(LibraryOperation):
    """Copy a retro under a new title; undo deletes the copy, redo brings the same copy back."""

    def __init__(self, store: RetroStore, incident_id: str, title: str) -> None:
        super().__init__(store, f"Duplicate “{title}”")
        self._source, self._title = incident_id, title
        self.copy_id = ""
        self._copy: Retro | None = None

    def do(self, versions: Versions) -> str:
        if self._copy is not None:
            self.copy_id = self.store.add_retro(self._copy, new_ids=False)
            self._copy = None
        else:
            self.copy_id = self.store.duplicate_retro(self._source, title=f"{self._title} (copy)")
        self.select = self.copy_id
        return f"Duplicated “{self._title}”."

    def undo(self, versions: Versions) -> str:
        if self.copy_id:
            self._copy = self.store.delete_retro(self.copy_id)
        self.select = self._source
        return f"Removed the copy of “{self._title}”."


class SetActionStatus(LibraryOperation):
    """Set one action's status from the library, as an ordinary edit through ``store.apply``.

    The first commit is checked against the version the list was read at (or the one our own
    last commit on the runner left), so an edit someone else made meanwhile is never overwritten:
    the change is refused and the list read again. Only the action itself is read, not its retro.
    """

    def __init__(self, store: RetroStore, incident_id: str, version: int, action_id: str, title: str,
                 status: ActionStatus, reason: str) -> None:
        super().__init__(store, f"Mark “{title}” as {status.label.lower()}")
        self._id, self._version, self._action_id, self._title = incident_id, version, action_id, title
        self._status, self._reason = status, reason
        self._changes: Changes | None = None

    def do(self, versions: Versions) -> str:
        from retro.services.library_edits import action_status_edit

        version = versions.expected(self._id, self._changes.version if self._changes else self._version)
        edit = action_status_edit(self.store, self._id, self._action_id, self._status, self._reason,
                                  title=self._title)
        self._changes = self.store.apply(self._id, version, edit)
        versions.left(self._id, self._changes.version)
        return f"{self.label}. Undo takes it back."

    def undo(self, versions: Versions) -> str:
        if self._changes is not None:
            version = versions.expected(self._id, self._changes.version)
            back = self.store.apply(self._id, version, self._changes.inverse())
            versions.left(self._id, back.version)
            self._changes = back
        return f"Undid: {self.label}."
