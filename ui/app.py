"""Start the desktop app: ``main(db_url)`` opens the database and shows the library.

``python -m ui.app [--db URL]`` (or the ``retro`` command without a subcommand). The database is
``--db``, else ``RETRO_DB``, else a SQLite file in the user data folder; a new one gets the demo
retro. When it cannot be opened the message says why and offers to open another database.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from retro.domain import RetroError
from retro.services import RetroStore

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


def open_store_or_ask(url: str | None, settings: UiSettings) -> RetroStore | None:
    """Open ``url``; when refused, say why and let the person choose another database (or quit)."""
    from .library.open_database import OpenDatabaseDialog, open_store_now

    while True:
        try:
            store = open_store_now(url)
        except RetroError as exc:
            box = QMessageBox(QMessageBox.Icon.Critical, "Could not open the database", str(exc))
            other = box.addButton("Open another database…", QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Close)
            box.setDefaultButton(other)
            box.exec()
            if box.clickedButton() is not other:
                return None
            dialog = OpenDatabaseDialog(url or "", reason="Choose a database to open instead.")
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
                return None
            url = dialog.chosen()
            continue
        settings.add_recent_database(url or store.url)
        return store


def _db_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--db" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--db="):
            return arg.split("=", 1)[1]
    return None


def main(db_url: str | None = None, argv: list[str] | None = None) -> int:
    """Run the app on ``db_url`` (or ``--db`` in ``argv``, ``RETRO_DB``, the default file)."""
    argv = list(sys.argv if argv is None else argv)
    app = make_application(argv)
    settings = UiSettings()
    store = open_store_or_ask(db_url or _db_from_argv(argv), settings)
    if store is None:
        return 1
    from .main_window import MainWindow

    window = MainWindow(store, settings)
    window.show()
    try:
        return app.exec()
    finally:
        store.close()


if __name__ == "__main__":
    raise SystemExit(main())
