"""Open a Blameless Retro JSON document: File ▸ Open JSON document…, the command line, a second launch.

File ▸ Open JSON document… (what ``retro load`` does) and ``retro incident.json`` (a file
manager's "Open with Blameless Retro") load the document as a new retro in the library and open it. When the app is already running, the second launch hands
the path over (:mod:`ui.single_instance`) and the running window comes to the front and opens
it. A document that cannot be read or is refused gets a notice naming the file and the reason;
nothing is added then.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from retro.domain import RetroError

from .workspace.notices import show_notice

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)

#: A JSON document bigger than this is not a retro someone typed (the limits make ~50 MB huge).
MAX_DOCUMENT_BYTES = 200_000_000


def bring_to_front(window: MainWindow) -> None:
    """Show the window (restored if minimised) above the others, as far as the desktop allows."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    QApplication.alert(window)
    log.info("brought the window to the front")


#: What the file chooser offers first.
DOCUMENT_FILTER = "Blameless Retro documents (*.json);;All files (*)"


def choose_document(window: MainWindow) -> None:
    """Ask for a JSON document and load it as a new retro (File ▸ Open JSON document…)."""
    path, _ = QFileDialog.getOpenFileName(window, "Open a JSON document as a new retrospective", "", DOCUMENT_FILTER)
    if path:
        open_documents(window, [path])


def open_documents(window: MainWindow, paths: Sequence[str]) -> None:
    """Load each document as a new retro and open the last one; waits for the database if needed."""
    if not paths:
        return
    if window.store is None:  # start-up: the database opens on a worker; load once it is there
        def when_open(*_args: object) -> None:
            window.opener.opened.disconnect(when_open)
            open_documents(window, paths)

        window.opener.opened.connect(when_open)
        return
    opened = ""
    for raw in paths:
        new_id = load_one(window, Path(raw))
        opened = new_id or opened
    window.library.refresh()
    if opened:
        window.open_retro(opened)


def load_one(window: MainWindow, path: Path) -> str:
    """The new retro's id, or "" after telling the person why ``path`` was not loaded."""
    from retro.io.document import load_document

    store = window.store
    if store is None:
        return ""
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise RetroError(f"the file is {size // 1_000_000} MB; a retrospective document is far smaller")
        data = path.read_bytes()
        retro = load_document(data)
        new_id = store.add_retro(retro)
    except OSError as exc:
        _refused(window, path, exc.strerror or str(exc))
        return ""
    except RetroError as exc:
        _refused(window, path, str(exc))
        return ""
    log.info("opened document %s as a new retro %s", path, new_id)
    window.show_status(f"Loaded {path.name} as a new retrospective.")
    return new_id


def _refused(window: MainWindow, path: Path, reason: str) -> None:
    log.warning("document %s not loaded: %s", path, reason)
    show_notice(window, "Could not open the document", f"{path}\n\n{reason}\n\nNothing was added to the library.")
