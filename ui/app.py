"""Start the desktop app: ``main(db_url)`` opens the database and shows the library.

``python -m ui.app [--db URL]`` (or the ``retro`` command without a subcommand). The database is
``--db``, else ``RETRO_DB``, else a SQLite file in the user data folder; a new one gets the demo
retro. When it cannot be opened the message says why and offers to open another database.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from .settings import APPLICATION, ORGANISATION, UiSettings
from .theme import apply_app_theme


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
    app.setDesktopFileName("blameless-retro")
    apply_app_theme(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_app_theme(app))
    return app


def _db_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--db" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--db="):
            return arg.split("=", 1)[1]
    return None


def main(db_url: str | None = None, argv: list[str] | None = None) -> int:
    """Run the app on ``db_url`` (or ``--db`` in ``argv``, ``RETRO_DB``, the default file).

    The window shows at once; the database opens on a worker thread (an old SQLite file is
    backed up and upgraded first) and the library fills in when it is ready. When it cannot be
    opened, the window says why and offers another database.
    """
    argv = list(sys.argv if argv is None else argv)
    app = make_application(argv)
    settings = UiSettings()
    from .main_window import MainWindow

    window = MainWindow(None, settings)
    window.show()
    window.open_database(db_url or _db_from_argv(argv))
    try:
        return app.exec()
    finally:
        if window.store is not None:
            window.store.close()


if __name__ == "__main__":
    raise SystemExit(main())
