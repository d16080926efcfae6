"""The library's edits on the ordered edit runner, and the list read again off the GUI thread after them.

:class:`LibraryEdits` owns the library's :class:`~ui.edit_runner.EditRunner` (one worker per
database, jobs in submission order) and pushes each :class:`~ui.library.commands.LibraryOperation`
as one undo step whose redo and undo are jobs on it. When a job comes back the list is read again
on the same worker (queued behind whatever else was submitted, so it sees every change before it),
only as far as the rows in view (at least one page), not every row read so far; the page the
worker read is handed to the model through :class:`WindowReader`, so the GUI thread shows it
without a query of its own. A refusal is said (message and notice) and the list shows what the
database holds.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QTableView

from retro.domain import RetroError
from retro.services import LibraryPage, LibraryQuery

from ..edit_runner import EditRunner, Versions
from .commands import LibraryCommand, LibraryOperation, Settled
from .model import LibraryModel

if TYPE_CHECKING:
    from retro.services import RetroStore

class WindowReader:
    """The library model's page reader: reads the store, except a page already read on the worker."""

    def __init__(self, store: RetroStore) -> None:
        self._store = store
        self._ready: tuple[LibraryQuery, int, LibraryPage] | None = None

    def __call__(self, query: LibraryQuery, offset: int, limit: int) -> LibraryPage:
        ready, self._ready = self._ready, None
        if ready is not None and offset == 0 and ready[:2] == (query, limit):
            return ready[2]
        return self._store.library_page(query, offset=offset, limit=limit)

    def keep(self, query: LibraryQuery, limit: int, page: LibraryPage | None) -> None:
        """Serve ``page`` for the next read of ``query``'s first ``limit`` rows (once; ``None``: none)."""
        self._ready = None if page is None else (query, limit, page)


class LibraryEdits(QObject):
    """Library operations as undo steps on the edit runner; the list read again when they are back."""

    #: The list was read again after edits and shown: (the retro to select, or "").
    refreshed = Signal(str)
    #: A short message for the status bar.
    message = Signal(str)
    #: The store refused an operation (the message says why); the list is read again.
    refused = Signal(str)

    def __init__(self, undo_stack: QUndoStack, table: QTableView, model: LibraryModel,
                 parent: QObject | None = None) -> None:
        """``table`` shows ``model`` (through a proxy that keeps its rows, as the database lists them)."""
        super().__init__(parent)
        self._undo_stack = undo_stack
        self._table, self._model = table, model
        self._store: RetroStore | None = None
        self._runner: EditRunner | None = None
        self._reader: WindowReader | None = None
        self._read_queued = False
        self._select = ""

    @property
    def runner(self) -> EditRunner | None:
        return self._runner

    @property
    def reader(self) -> WindowReader | None:
        """The page reader for the library model (``None`` until a store is set)."""
        return self._reader

    def set_store(self, store: RetroStore) -> None:
        """Edit ``store`` from now on; what is queued for the previous one still runs, unreported."""
        if self._runner is not None:  # kept until its worker has run what is queued (its answers are dropped)
            self._runner.close()
        self._store = store
        self._runner = EditRunner(store, self)
        self._reader = WindowReader(store)
        self._read_queued, self._select = False, ""

    def push(self, operation: LibraryOperation) -> bool:
        """Put ``operation`` on the undo stack; its first run is queued on the runner at once.

        Returns True once submitted: whether the store takes it is known when it comes back.
        """
        if self._runner is None:
            return False
        self._undo_stack.push(LibraryCommand(operation, self._runner, partial(self._settled, self._runner),
                                             self._started))
        return True

    def _started(self, label: str, undoing: bool) -> None:
        self.message.emit(f"Saving: {'Undo ' if undoing else ''}{label}…")

    def is_idle(self) -> bool:
        """True when every operation (and the read after it) has come back and been shown."""
        return self._runner is None or self._runner.is_idle()

    def wait_idle(self, timeout: float = 60.0) -> None:
        if self._runner is not None:
            self._runner.wait_idle(timeout)

    # -- back on the GUI thread ----------------------------------------------------------------

    def _settled(self, runner: EditRunner, settled: Settled) -> None:
        if runner is not self._runner:
            return  # another database is shown now
        self._select = settled.select or self._select
        self._read_again()
        result = settled.result
        if isinstance(result, BaseException):
            what = f"Undo {settled.label}" if settled.undoing else settled.label
            said = f"{what} was not done: {result}"
            self.message.emit(said)
            self.refused.emit(said)
            if not isinstance(result, RetroError):
                raise result  # a bug, not a refusal: reported as one
        elif result:
            self.message.emit(result)

    def _read_again(self) -> None:
        """Read the rows in view again on the worker, behind every job submitted so far."""
        if self._read_queued or self._runner is None or self._store is None:
            return
        self._read_queued = True
        store, runner = self._store, self._runner
        query, limit = self._window()

        def read(_versions: Versions) -> LibraryPage:
            return store.library_page(query, offset=0, limit=limit)

        runner.run(read, partial(self._read_back, runner, query, limit))

    def _window(self) -> tuple[LibraryQuery, int]:
        """The list's query, and how many rows from the top to read again: those down to the last in
        view and a page more (so the view stays full when rows go), never every row read so far."""
        table = self._table
        last = table.rowAt(max(0, table.viewport().height() - 1))
        model = table.model()
        shown = (model.rowCount() if model is not None else 0) if last < 0 else last + 1
        return self._model.query, shown + self._model.PAGE

    def _read_back(self, runner: EditRunner, query: LibraryQuery, limit: int, page: object) -> None:
        if runner is not self._runner or self._reader is None:
            return
        self._read_queued = False
        select, self._select = self._select, ""
        if not isinstance(page, LibraryPage):  # the model reads it itself, and says if it is refused again
            self.message.emit(f"The list was not read again: {page}")
        if self._model.from_database:
            # The page the worker read; a query here only if the list's query changed meanwhile.
            self._reader.keep(query, limit, page if isinstance(page, LibraryPage) else None)
            self._model.reload(keep=limit)
            self._reader.keep(query, limit, None)  # never served later, when it may be out of date
        self.refreshed.emit(select)
