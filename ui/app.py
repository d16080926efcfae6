"""Start the desktop app: ``main(db_url)`` opens the database and shows the library.

``python -m ui.app [--db URL]`` (or the ``retro`` command without a subcommand). The database is
``--db``, else ``RETRO_DB``, else a SQLite file in the user data folder; a new one gets the demo
retro. When it cannot be opened the message says why and offers to open another database.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from .settings import APPLICATION, ORGANISATION, UiSettings
from .theme import apply_theme_mode, follow_system_scheme

if TYPE_CHECKING:
    from .crash_dialog import CrashHandler
    from .main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the app's name, high-DPI defaults, Fusion and a light/dark palette."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationDisplayName("Blameless Retro")
    app.setDesktopFileName("org.blamelessretro.Retro")  # packaging/linux: the desktop entry's id
    apply_theme_mode(app, UiSettings().theme_mode())  # View ▸ Theme, as last chosen
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: follow_system_scheme(app))
    return app


def _db_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--db" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--db="):
            return arg.split("=", 1)[1]
    return None


def main(db_url: str | None = None, argv: list[str] | None = None, documents: list[str] | None = None) -> int:
    """Run the app on ``db_url`` (or ``--db`` in ``argv``, ``RETRO_DB``, the default file).

    The window shows at once; the database opens on a worker thread (an old SQLite file is
    backed up and upgraded first) and the library fills in when it is ready. When it cannot be
    opened, the window says why and offers another database. ``documents`` (JSON files) are
    loaded as new retros. When the app already runs on this database, the documents are handed
    to it, its window comes to the front, and this call returns 0 at once.
    """
    argv = list(sys.argv if argv is None else argv)
    app = make_application(argv)
    db_url = db_url or _db_from_argv(argv)
    from .single_instance import SingleInstance, hand_over, instance_name

    name = instance_name(db_url)
    if hand_over(name, documents or []):
        print("Blameless Retro is already running on this database: it has been brought to the front.",
              file=sys.stderr)
        return 0
    instance = SingleInstance(name)
    instance.listen()
    window = open_window(db_url, UiSettings())
    crash = _crash_handler(window, db_url)
    instance.activated.connect(lambda docs: _activated(window, docs))
    from .smoke import arm

    arm(window)  # only when RETRO_SMOKE_SCREENSHOT is set (a built copy's start-up check)
    if documents:
        from .open_document import open_documents

        open_documents(window, documents)
    try:
        return app.exec()
    finally:
        crash.uninstall()
        instance.close()
        if window.store is not None:
            window.store.close()


def open_window(db_url: str | None, settings: UiSettings) -> MainWindow:
    """The main window, shown, with ``db_url`` opening (None: ``RETRO_DB`` or the default file).

    The database starts opening first, so the quick list (a SQLite file) is read on the worker
    while the library is being built and is there for the window's first paint. The window
    shows the library only; the workspace is built just after that paint.
    """
    from .library.open_database import DatabaseOpener

    opener = DatabaseOpener()
    opener.open(db_url)
    from .main_window import MainWindow

    window = MainWindow(None, settings, opener=opener)
    window.show()
    return window


def _activated(window: MainWindow, documents: list[str]) -> None:
    from .open_document import bring_to_front, open_documents

    bring_to_front(window)
    open_documents(window, documents)


def _crash_handler(window: MainWindow, db_url: str | None) -> CrashHandler:
    """Errors in the app show a dialog (and go to the log) with the open retro's private notes kept out."""
    from .crash_dialog import CrashHandler

    def private() -> list[str]:
        texts = [note.text for note in window.document.retro.private_notes.values()] if window.document else []
        from .library.open_database import url_password

        password = url_password(db_url or os.environ.get("RETRO_DB", ""))  # the URL given, not the masked one
        return [*texts, *([password] if password else [])]

    def context() -> list[tuple[str, str]]:
        shown = "library" if window.document is None else f"workspace, {window.workspace.current_stage.label}"
        database = "none yet" if window.store is None else window.store.url.split(":", 1)[0]
        return [("Shown", shown), ("Database kind", database)]

    return CrashHandler(lambda: window, private, context, window).install()


if __name__ == "__main__":
    from retro import logs

    logs.configure()
    raise SystemExit(main())
