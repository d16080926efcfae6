"""The open retrospective as the app sees it: one :class:`RetroDocument` per open retro.

The edit path (docs/architecture.md): a gesture makes an :class:`~retro.domain.Edit` and calls
:meth:`RetroDocument.edit`, which pushes an :class:`EditCommand` on the undo stack. The command
calls the store (one transaction), folds the returned :class:`~retro.domain.Changes` into the
in-memory :class:`~retro.domain.Retro` and emits :attr:`RetroDocument.changed`. Models and views
refresh from that signal only; commands never touch a view. Undo applies ``changes.inverse()``
through the same path.
"""

from __future__ import annotations

import time
import weakref
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from retro.domain import Changes, Edit, Entity, Retro, RetroError, StaleEditError
from retro.domain.kinds import INCIDENT

from .shared_findings import SharedFindings

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when a database is opened, not at import
    from retro.checks import Findings
    from retro.services import RetroStore

    from .edit_runner import EditRunner


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
    #: True when a commit starts on the runner with none on its way; False when the last is back.
    saving = Signal(bool)
    #: The findings of the retro as it is now are known: after every change (and reload), at once
    #: for a small retro, once the check off the GUI thread is back for a large one. Views showing
    #: findings refresh on this, not on :attr:`changed`, so the checks run once per change.
    findings_changed = Signal()

    def __init__(self, store: RetroStore, retro: Retro, parent: QObject | None = None, *,
                 runner: EditRunner | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._retro = retro
        self.undo_stack = QUndoStack(self)
        # The stack's commands are Python objects the stack owns. When the cycle collector frees a
        # closed document, it frees the wrappers in no set order, and a command could be freed
        # before the stack that deletes it (exit 139 in QUndoStack::clear). Clearing the stack
        # first, while every wrapper is whole, leaves the stack nothing to delete. The finalizer
        # holds the stack, not the document (commands hold the document weakly), so it does not
        # keep the document alive; it does not run at exit, when Qt may already be gone.
        weakref.finalize(self, _clear_history, self.undo_stack).atexit = False
        # With a runner, commits run on its worker thread (ui/edit_runner.py); see edit().
        self._runner = runner
        # (kind name, key) of every entity a commit on its way changes: the store's answer to an
        # earlier one must not put back, on screen, a value a later one already shows.
        self._pending_keys: Counter[tuple[str, str]] = Counter()
        self._in_flight = 0
        # Every check's findings about the retro as it is now: computed once per change, then
        # shared by every view (the stage marks, the findings lists, the graph panel).
        self._findings = SharedFindings(lambda: self._retro, self)
        self._findings.ready.connect(self.findings_changed)

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
        return self._findings.get()

    def known_findings(self) -> Findings | None:
        """The findings when known without work on the GUI thread; None while a large retro is
        being checked off it (:attr:`findings_changed` follows)."""
        return self._findings.known()

    def _tell_changed(self, changes: Changes) -> None:
        """Emit :attr:`changed` for what the in-memory retro just took in; the findings follow."""
        self._findings.stale()
        self.changed.emit(changes)
        self._findings.follow()

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
        if self._runner is not None:
            return self._edit_in_background(label, edit, merge)
        changes = self.commit(edit)
        if changes is None:
            return False
        self.undo_stack.push(EditCommand(self, label, edit, changes, merge=merge))
        return True

    # -- commits on the runner's worker ----------------------------------------------------------

    def is_idle(self) -> bool:
        """True when no commit of this document is on its way (always, without a runner)."""
        return self._in_flight == 0

    def wait_idle(self, timeout: float = 60.0) -> None:
        """Let every commit on its way come back and be folded in (before undo, redo, reload).

        Raises ``TimeoutError`` when the worker has not answered within ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while not self.is_idle():
            if time.monotonic() > deadline:
                raise TimeoutError(f"the database has not answered for {timeout:.0f} s")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)

    def _edit_in_background(self, label: str, edit: Edit, merge: str = "") -> bool:
        """Show ``edit`` now, commit it on the worker, fold in what the store made of it when back.

        The person sees the edit at once (the store's answer adds cascades, stored times and the
        version); a refusal puts back what was shown before and emits :attr:`refused` or
        :attr:`conflict`, as a refused commit does on the GUI thread. Returns True: whether the
        store takes it is known only later.
        """
        shown = self._show_now(edit)
        command = EditCommand(self, label, edit, shown, merge=merge)
        self.undo_stack.push(command)
        self._submit(edit, shown, command)
        return True

    def _show_now(self, edit: Edit) -> Changes:
        """Fold ``edit`` into the in-memory retro as given, before the store has seen it."""
        retro = self._retro
        before = [old for e in edit.upsert if (old := retro.collection(type(e)).get(e.key)) is not None]
        removed = tuple(r for r in edit.remove if r.key in retro.collection(r.kind))
        before += [retro.collection(r.kind)[r.key] for r in removed]
        changes = Changes(self.incident_id, retro.incident.version, edit.incident, edit.upsert, removed,
                          tuple(before), retro.incident if edit.incident is not None else None)
        self._fold(changes)
        return changes

    def _fold(self, changes: Changes) -> None:
        self._retro.apply(changes)
        self._tell_changed(changes)

    def _submit(self, edit: Edit, shown: Changes, command: EditCommand | None) -> None:
        assert self._runner is not None
        keys = [(type(e).__name__, e.key) for e in edit.upsert] + [(r.kind, r.key) for r in edit.remove]
        if edit.incident is not None:
            keys.append((INCIDENT, self.incident_id))
        self._pending_keys.update(keys)
        self._in_flight += 1
        if self._in_flight == 1:
            self.saving.emit(True)

        def settled(result: Changes | BaseException) -> None:
            self._pending_keys.subtract(keys)
            self._in_flight -= 1
            try:
                self._settle(edit, shown, result, command)
            finally:
                if self._in_flight == 0:
                    self.saving.emit(False)

        self._runner.submit(self.incident_id, self._retro.incident.version, edit, settled)

    def _still_pending(self, entity: Entity) -> bool:
        return self._pending_keys[(type(entity).__name__, entity.key)] > 0

    def _settle(self, edit: Edit, shown: Changes, result: Changes | BaseException,
                command: EditCommand | None) -> None:
        """Fold in the store's answer; what a later, still pending edit shows is left as shown."""
        if isinstance(result, Changes):
            if command is not None:
                command.settled(result)
            # Only what differs from what is shown is news to the views (cascades, stored times):
            # a second refresh of the same values would close an editor the person just opened.
            retro = self._retro
            upserted = tuple(e for e in result.upserted if not self._still_pending(e)
                             and retro.collection(type(e)).get(e.key) != e)
            removed = tuple(r for r in result.removed if r.key in retro.collection(r.kind))
            incident = result.incident
            if incident is not None and (self._pending_keys[(INCIDENT, self.incident_id)] > 0
                                         or replace(incident, version=0) == replace(retro.incident, version=0)):
                incident = None
            news = replace(result, upserted=upserted, removed=removed, incident=incident)
            if upserted or removed or incident is not None:
                self._fold(news)
            else:
                retro.apply(news)  # the version moves on; nothing shown changes
            return
        if command is not None:
            command.refused()
        # A refusal is said first, while the refused values are still shown: a field showing one
        # keeps it as unsaved text through the refresh that puts back what is stored. A conflict
        # is said after: the app snapshots the retro the edit was made against, as stored.
        if isinstance(result, RetroError) and not isinstance(result, StaleEditError):
            self.refused.emit(str(result), edit)
        back = shown.inverse()
        self._fold(Changes(self.incident_id, self._retro.incident.version, back.incident,
                           tuple(e for e in back.upsert if not self._still_pending(e)),
                           back.remove, (), None))
        if isinstance(result, StaleEditError):
            self.conflict.emit(str(result), edit)
        elif not isinstance(result, RetroError):
            raise result

    def redo_in_background(self, edit: Edit, command: EditCommand) -> None:
        self._submit(edit, self._show_now(edit), command)

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
                self._tell_changed(saved)
            self.refused.emit(str(exc), edit)
            return None
        self._retro.apply(changes)
        self._tell_changed(changes)
        return changes

    def reload(self) -> None:
        """Read the whole retro again (after a conflict); the undo history no longer applies."""
        self.wait_idle()
        self._retro = self._store.load(self.incident_id)
        self._findings.stale()
        self.undo_stack.clear()
        self.reloaded.emit()
        self._findings.follow()


def _clear_history(stack: QUndoStack) -> None:
    """Delete ``stack``'s commands now, unless Qt already deleted the stack with its parent."""
    if shiboken6.isValid(stack):
        stack.clear()


#: ``QUndoCommand.id()`` of edits that may merge (Qt asks ``mergeWith`` only when ids match).
MERGEABLE_ID = 1


class EditCommand(QUndoCommand):
    """One undoable edit. Its first ``redo`` is the commit that already happened in ``edit``."""

    def __init__(self, document: RetroDocument, label: str, edit: Edit, changes: Changes, *,
                 merge: str = "") -> None:
        super().__init__(label)
        self._document_ref = weakref.ref(document)
        self._edit = edit
        self._changes: Changes | None = changes
        self._first = True
        self.merge_key = merge
        self._undone = False
        self._merged_into: EditCommand | None = None

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
        other._merged_into = self  # its answer from the runner, still on its way, is this step's now
        self._changes = replace(theirs, before=mine.before)
        return True

    def settled(self, changes: Changes) -> None:
        """The store's answer to this step's last commit on the runner (exact undo from now on)."""
        if self._merged_into is not None:  # merged into the step before: undo goes back past both
            first = self._merged_into
            if first._changes is not None:
                first._changes = replace(changes, before=first._changes.before)
            return
        if not self._undone:  # an undo's answer is not needed: redo re-applies the edit
            self._changes = changes

    def refused(self) -> None:
        """The store refused this step's commit on the runner: it undoes and redoes nothing now."""
        self._changes = None
        if shiboken6.isValid(self):  # the stack may have dropped it meanwhile (cleared on reload)
            self.setObsolete(True)

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        document = self._document_ref()
        if document is None:  # the document is gone: nothing left to change
            return
        if document._runner is not None:
            document.wait_idle()  # what undo put back is stored first
            self._undone = False
            document.redo_in_background(self._edit, self)
            return
        self._changes = document.commit(self._edit)
        if self._changes is None:
            self.setObsolete(True)

    def undo(self) -> None:
        document = self._document_ref()
        if document is None:  # the document is gone: nothing left to change
            return
        if document._runner is not None:
            document.wait_idle()  # undo needs the store's answer: it names every cascade
            if self._changes is None:
                return
            self._undone = True
            back = self._changes.inverse()
            document._submit(back, document._show_now(back), self)
            return
        if self._changes is None:
            return
        if document.commit(self._changes.inverse()) is None:
            self.setObsolete(True)
