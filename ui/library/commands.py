"""Undoable library operations: archive, unarchive, duplicate and delete whole retrospectives.

They live on the library's own :class:`QUndoStack` (the open retro has its own), so "Undo Delete
retrospective" brings a deleted retro back with the same ids through ``store.add_retro``.
The first run happens before the command is pushed (:meth:`LibraryCommand.run_first`), so a
refusal from the database never leaves a command on the stack that did nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from retro.domain import Retro, RetroError

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported when a database is opened
    from retro.services import RetroStore


class LibraryCommand(QUndoCommand):
    """Base: ``do`` / ``undo_it`` talk to the store; ``done`` refreshes; ``failed`` reports."""

    def __init__(self, label: str, store: RetroStore, done: Callable[[], None],
                 failed: Callable[[str], None]) -> None:
        super().__init__(label)
        self._store, self._done, self._failed = store, done, failed
        self._skip_redo = False

    def run_first(self) -> None:
        """Do it now (raises :class:`RetroError` when refused); the push then skips its redo."""
        self.do()
        self._skip_redo = True
        self._done()

    def do(self) -> None:
        raise NotImplementedError

    def undo_it(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._guarded(self.do)

    def undo(self) -> None:
        self._guarded(self.undo_it)

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except RetroError as exc:
            self.setObsolete(True)
            self._failed(str(exc))
        self._done()


class ArchiveRetroCommand(LibraryCommand):
    """Archive (or unarchive) one retro: it leaves (or rejoins) the default library list."""

    def __init__(self, store: RetroStore, incident_id: str, title: str, archived: bool,
                 done: Callable[[], None], failed: Callable[[str], None]) -> None:
        super().__init__(f"{'Archive' if archived else 'Unarchive'} “{title}”", store, done, failed)
        self._id, self._archived = incident_id, archived

    def _set(self, archived: bool) -> None:
        incident = self._store.load(self._id).incident
        self._store.update_incident(replace(incident, archived=archived), incident.version)

    def do(self) -> None:
        self._set(self._archived)

    def undo_it(self) -> None:
        self._set(not self._archived)


class DeleteRetroCommand(LibraryCommand):
    """Delete a retro; undo stores the deleted retro again with the same ids."""

    def __init__(self, store: RetroStore, incident_id: str, title: str,
                 done: Callable[[], None], failed: Callable[[str], None]) -> None:
        super().__init__(f"Delete “{title}”", store, done, failed)
        self._id = incident_id
        self._deleted: Retro | None = None

    def do(self) -> None:
        self._deleted = self._store.delete_retro(self._id)

    def undo_it(self) -> None:
        if self._deleted is not None:
            self._store.add_retro(self._deleted, new_ids=False)
            self._deleted = None


class DuplicateRetroCommand(LibraryCommand):
    """Copy a retro under a new title; undo deletes the copy, redo brings the same copy back."""

    def __init__(self, store: RetroStore, incident_id: str, title: str,
                 done: Callable[[], None], failed: Callable[[str], None]) -> None:
        super().__init__(f"Duplicate “{title}”", store, done, failed)
        self._source = incident_id
        self._title = f"{title} (copy)"
        self.copy_id = ""
        self._copy: Retro | None = None

    def do(self) -> None:
        if self._copy is not None:
            self.copy_id = self._store.add_retro(self._copy, new_ids=False)
            self._copy = None
        else:
            self.copy_id = self._store.duplicate_retro(self._source, title=self._title)

    def undo_it(self) -> None:
        if self.copy_id:
            self._copy = self._store.delete_retro(self.copy_id)
