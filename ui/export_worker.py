"""Exports off the GUI thread: a QRunnable that calls the pure report / document writers.

The worker receives a *copy* of the :class:`~retro.domain.Retro` value (never a widget or the
document) and, for the internal PDF, the store to read related past retros from on the pool
thread (one read, as the other off-thread reads do); it writes one file through :mod:`retro.report` or :mod:`retro.io`, and reports
back through queued signals: progress, done (the path), cancelled, or failed (a message a
person can act on). Private notes are removed from the copy before it leaves the GUI thread.
"""

from __future__ import annotations

import copy
import functools
import logging
import threading
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from retro.domain import Audience, Retro, RetroError

from .background import RUNNING as _RUNNING  # noqa: F401  # (the runs still on the pool, for tests)
from .background import Tell, start_on_pool

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when a database is opened, not at import
    from retro.services import RetroStore

log = logging.getLogger(__name__)


class ExportFormat(StrEnum):
    INTERNAL_PDF = "internal_pdf"
    PUBLIC_PDF = "public_pdf"
    INTERNAL_MARKDOWN = "internal_markdown"
    PUBLIC_MARKDOWN = "public_markdown"
    JSON = "json"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def suffix(self) -> str:
        return ".pdf" if self.value.endswith("pdf") else ".md" if self.value.endswith("markdown") else ".json"

    @property
    def file_filter(self) -> str:
        return {".pdf": "PDF (*.pdf)", ".md": "Markdown (*.md)", ".json": "JSON document (*.json)"}[self.suffix]

    @property
    def audience(self) -> Audience:
        return Audience.PUBLIC if self.value.startswith("public") else Audience.INTERNAL


_LABELS = {
    ExportFormat.INTERNAL_PDF: "Internal PDF",
    ExportFormat.PUBLIC_PDF: "Public PDF",
    ExportFormat.INTERNAL_MARKDOWN: "Markdown (internal)",
    ExportFormat.PUBLIC_MARKDOWN: "Markdown (public)",
    ExportFormat.JSON: "JSON document",
}


def export_copy(retro: Retro) -> Retro:
    """A deep copy of ``retro`` safe to hand to another thread, without private notes."""
    clone = copy.deepcopy(retro)
    clone.private_notes = {}
    return clone


def write_export(
    retro: Retro,
    fmt: ExportFormat,
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    related: Sequence[Retro] = (),
) -> Path:
    """Write ``retro`` as ``fmt`` to ``path`` (no Qt; runs on any thread).

    ``related`` are earlier retros sharing contributing factors: the internal PDF lists them
    ("Seen before") with their open actions.
    """
    if fmt in (ExportFormat.INTERNAL_PDF, ExportFormat.PUBLIC_PDF):
        from retro.report import write_pdf

        return write_pdf(retro, path, fmt.audience, progress=progress, is_cancelled=is_cancelled, related=related)
    if fmt in (ExportFormat.INTERNAL_MARKDOWN, ExportFormat.PUBLIC_MARKDOWN):
        from retro.report import write_markdown

        return write_markdown(retro, path, fmt.audience)
    from retro.io.document import dumps
    from retro.io.files import write_text_atomically

    return write_text_atomically(path, dumps(retro) + "\n")


class ExportSignals(QObject):
    """The worker's voice on the GUI thread.

    Give it a parent on the GUI thread (the screen that asked for the export): C++ then owns
    it, so it is never deleted by the pool thread, and it goes when that screen goes.
    """

    progress = Signal(int, int)
    done = Signal(str)
    cancelled = Signal()
    failed = Signal(str)


class ExportWorker(QRunnable):
    """One export on the thread pool. Call :meth:`cancel` from the GUI thread to stop it.

    :meth:`start` runs it through :func:`ui.background.start_on_pool`: the pool thread gets plain
    values only and reports through the courier, so it never touches :attr:`signals` (the screen
    that asked may delete them meanwhile). :meth:`run` does the export on the calling thread.
    """

    def __init__(self, retro: Retro, fmt: ExportFormat, path: Path, owner: QObject | None = None,
                 store: RetroStore | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = ExportSignals(owner)
        self._retro = export_copy(retro)
        self._store = store  # the library: the internal PDF reads its related retros (on the pool)
        self._fmt = fmt
        self._path = Path(path)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def start(self, pool: QThreadPool) -> None:
        """Run on ``pool``; the worker and its signals stay alive until it has reported back."""
        start_on_pool(self.signals, self._task(), keep=self, pool=pool)

    def run(self) -> None:
        def tell(name: str, *args: object) -> None:
            getattr(self.signals, name).emit(*args)

        self._task()(tell)

    def _task(self) -> Callable[[Tell], None]:
        return functools.partial(_export, self._retro, self._fmt, self._path, self._store, self._cancel)


def _related(retro: Retro, fmt: ExportFormat, store: RetroStore | None) -> list[Retro]:
    """Earlier retros sharing contributing factors, for the internal PDF (as the CLI's export).

    When the library cannot be read the report is still written, without that section:
    it is a pointer to other incidents, and this incident's own postmortem must not wait on it.
    """
    if store is None or fmt is not ExportFormat.INTERNAL_PDF:
        return []
    try:
        return store.related_retros(retro)
    except RetroError as exc:
        log.warning("The internal report goes without related incidents: %s", exc)
        return []


def _export(retro: Retro, fmt: ExportFormat, path: Path, store: RetroStore | None,
            cancel: threading.Event, tell: Tell) -> None:
    """Write the export and tell :class:`ExportSignals` how it went (plain values only: any thread)."""
    try:
        written = write_export(
            retro, fmt, path,
            progress=lambda done, total: tell("progress", done, total),
            is_cancelled=cancel.is_set,
            related=_related(retro, fmt, store),
        )
    except Exception as exc:  # every failure goes back to the person, never lost in a thread
        if cancel.is_set() or type(exc).__name__ == "ReportCancelled":
            tell("cancelled")
        else:
            tell("failed", _message(exc, path))
        return
    tell("done", str(written))  # written whole: report it even if cancel came late


def _message(exc: BaseException, path: Path) -> str:
    if isinstance(exc, RetroError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"Cannot write {path}: {exc.strerror or exc}"
    return f"Cannot write {path}: {type(exc).__name__}: {exc}"
