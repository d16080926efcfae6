"""The open retrospective as the app sees it: one :class:`RetroDocument` per open retro.

The edit path (docs/architecture.md): a gesture makes an :class:`~retro.domain.Edit` and calls
:meth:`RetroDocument.edit`, which pushes an :class:`EditCommand` on the undo stack. The command
calls the store (one transaction), folds the returned :class:`~retro.domain.Changes` into the
in-memory :class:`~retro.domain.Retro` and emits :attr:`RetroDocument.changed`. Models and views
refresh from that signal only; commands never touch a view. Undo applies ``changes.inverse()``
through the same path.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from retro.domain import Changes, Edit, Retro, RetroError, StaleEditError

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when a database is opened, not at import
    from retro.checks import Findings
    from retro.services import RetroStore


class RetroDocument(QObject):
    """One open retro: its in-memory value, its store and its undo stack."""

    #: Emitted with the :class:`Changes` of every committed edit, undo and redo.
    changed = Signal(object)
    #: Emitted after the whole retro was reloaded from the database.
    reloaded = Signal()
    #: Emitted when the store refused an edit: (message, the Edit that was refused).
    refused = Signal(str, object)
    #: Emitted when someone else changed the retro: (message, the Edit that was refused).
    conflict = Signal(str, object)

    def __init__(self, store: RetroStore, retro: Retro, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._retro = retro
        self.undo_stack = QUndoStack(self)
        # Every check's findings about the retro as it is now: computed on first ask after a
        # change, then shared by every view (the stage marks, the findings lists, the graph panel).
        self._findings: Findings | None = None

    @property
    def retro(self) -> Retro:
        return self._retro

    @property
    def store(self) -> RetroStore:
        return self._store

    @property
    def incident_id(self) -> str:
        return self._retro.incident.id

    def findings(self) -> Findings:
        """Every finding about the retro as it is now (readiness, graph, public report), computed once."""
        if self._findings is None:
            from retro.checks import findings_of  # the analysis and report checks load on first ask

            self._findings = findings_of(self._retro)
        return self._findings

    # -- the edit path -------------------------------------------------------------------------

    def edit(self, label: str, edit: Edit, *, merge: str = "") -> bool:
        """Commit ``edit`` now and record it as one undo step labelled ``label``.

        Consecutive edits with the same non-empty ``merge`` key that change the same entities
        (each Ctrl+arrow nudge of one selection) stay one undo step: undo puts back what was there
        before the first. Returns False (and emits :attr:`refused` or :attr:`conflict`) when the
        store refused it; nothing is then on the undo stack and nothing changed.
        """
        if edit.is_empty():
            return True
        changes = self.commit(edit)
        if changes is None:
            return False
        self.undo_stack.push(EditCommand(self, label, edit, changes, merge=merge))
        return True

    def commit(self, edit: Edit) -> Changes | None:
        """Apply ``edit`` through the store and fold the result in; None when it was refused."""
        try:
            changes = self._store.apply(self.incident_id, self._retro.incident.version, edit)
        except StaleEditError as exc:
            self.conflict.emit(str(exc), edit)
            return None
        except RetroError as exc:
            saved = getattr(exc, "changes", None)  # part of it was committed (e.g. NotesNotSaved)
            if isinstance(saved, Changes):
                self._retro.apply(saved)
                self._findings = None
                self.changed.emit(saved)
            self.refused.emit(str(exc), edit)
            return None
        self._retro.apply(changes)
        self._findings = None
        self.changed.emit(changes)
        return changes

    def reload(self) -> None:
        """Read the whole retro again (after a conflict); the undo history no longer applies."""
        self._retro = self._store.load(self.incident_id)
        self._findings = None
        self.undo_stack.clear()
        self.reloaded.emit()


#: ``QUndoCommand.id()`` of edits that may merge (Qt asks ``mergeWith`` only when ids match).
MERGEABLE_ID = 1


class EditCommand(QUndoCommand):
    """One undoable edit. Its first ``redo`` is the commit that already happened in ``edit``."""

    def __init__(self, document: RetroDocument, label: str, edit: Edit, changes: Changes, *,
                 merge: str = "") -> None:
        super().__init__(label)
        self._document = document
        self._edit = edit
        self._changes: Changes | None = changes
        self._first = True
        self.merge_key = merge

    def id(self) -> int:
        return MERGEABLE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Fold a following edit of the same entities into this step (its first commit is done)."""
        if not (isinstance(other, EditCommand) and other.merge_key == self.merge_key
                and self._changes is not None and other._changes is not None):
            return False
        mine, theirs = self._changes, other._changes
        keys = {(type(e), e.key) for e in mine.upserted}
        if mine.removed or theirs.removed or theirs.incident is not None or mine.incident is not None \
                or {(type(e), e.key) for e in theirs.upserted} != keys:
            return False
        # Redo re-applies the latest values; undo restores what was stored before the first.
        self._edit = other._edit
        self._changes = replace(theirs, before=mine.before)
        return True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._changes = self._document.commit(self._edit)
        if self._changes is None:
            self.setObsolete(True)

    def undo(self) -> None:
        if self._changes is None:
            return
        if self._document.commit(self._changes.inverse()) is None:
            self.setObsolete(True)
