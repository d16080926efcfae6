"""Choosing another database: a SQLite file (existing or new) or a PostgreSQL URL.

Opening runs off the GUI thread (an upgrade of an old SQLite file makes a backup copy first),
with a busy indicator, so the window never freezes.

A team database's password is never kept or shown: recent databases remember the URL without
it, and messages show it masked. PostgreSQL then takes it from ``~/.pgpass`` or ``PGPASSWORD``.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from retro.domain import RetroError

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported when a database is opened
    from retro.services import RetroStore

#: Retros the quick first paint reads (the newest; the store's list follows moments later). As many
#: as the store's first page (``LibraryModel.PAGE``): more than a screen holds, and the scroll bar
#: is the same before and after the store takes over (300 read three times the rows for nothing).
FIRST_SCREEN = 100
#: How long opening the store waits for the quick list to be painted (seconds) before going on.
PAINT_WAIT = 1.0

SQLITE_FILTER = "Retro databases (*.sqlite3 *.sqlite *.db);;All files (*)"

#: ``scheme://user:password@host``: the password runs to the last ``@`` before the path, so even a
#: password with a raw ``@`` in it is found whole.
_CREDENTIALS = re.compile(r"^(?P<head>[\w+]+://(?P<user>[^:/@?]*))(?::(?P<password>[^/?]*))?@(?=[^@/?]*(?:[/?]|$))")
#: A ``password=…`` query parameter (libpq accepts one there too).
_QUERY_PASSWORD = re.compile(r"(?P<sep>[?&])password=[^&]*&?", re.IGNORECASE)

PASSWORD_HINT = ("Leave the password out of the URL: PostgreSQL reads it from your ~/.pgpass file "
                 "(%APPDATA%\\postgresql\\pgpass.conf on Windows) or the PGPASSWORD environment "
                 "variable. A password typed here is used once and never remembered.")


def url_password(url: str) -> str:
    """The password written in ``url`` ("" when there is none)."""
    match = _CREDENTIALS.match(url)
    if match and match.group("password"):
        return match.group("password")
    query = re.search(r"[?&]password=([^&]*)", url, re.IGNORECASE)
    return query.group(1) if query else ""


def _without_query_password(url: str) -> str:
    def keep(match: re.Match[str]) -> str:
        return match.group("sep") if match.group(0).endswith("&") else ""

    return _QUERY_PASSWORD.sub(keep, url)


def url_without_password(url: str) -> str:
    """``url`` as it may be remembered: ``postgresql+psycopg://sam:pw@db/retro`` → ``…://sam@db/retro``.

    A file path or a URL without a password comes back unchanged.
    """
    return _without_query_password(_CREDENTIALS.sub(r"\g<head>@", url, count=1))


def masked_url(url: str) -> str:
    """``url`` as it may be shown: the password (if any) replaced by ``***``, as the store shows it."""
    match = _CREDENTIALS.match(url)
    if match and match.group("password") is not None:
        url = f"{match.group('head')}:***@{url[match.end():]}"
    return _without_query_password(url)


def scrub_password(text: str, url: str) -> str:
    """``text`` (a driver's message about ``url``) with the URL's password, if it appears, masked."""
    password = url_password(url)
    return text.replace(password, "***") if len(password) >= 4 else text  # a shorter one would garble words


def open_store_now(url: str | None) -> RetroStore:
    """Open (create, upgrade) the database at ``url``; a new database gets the demo retro."""
    from retro.startup import open_store

    return open_store(url, seed_demo=True)


class OpenDatabaseDialog(QDialog):
    """A path or URL, with Browse… and New file… helpers."""

    def __init__(self, current: str = "", parent: QWidget | None = None, *, reason: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Open database")
        intro = QLabel(reason or "Open a SQLite file, or a team database by its URL "
                       "(postgresql+psycopg://user@host/dbname).")
        intro.setWordWrap(True)
        self.password_hint = QLabel(PASSWORD_HINT)
        self.password_hint.setObjectName("Hint")
        self.password_hint.setWordWrap(True)
        self.password_hint.setAccessibleName("Where the team database password comes from")
        self.location = QLineEdit(url_without_password(current))
        self.location.setAccessibleName("Database file or URL")
        self.location.setPlaceholderText("/path/to/retros.sqlite3 or postgresql+psycopg://…")
        self.location.setMinimumWidth(520)
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose an existing database file")
        browse.clicked.connect(self._browse)
        new = QPushButton("&New file…")
        new.setAccessibleName("Create a new database file")
        new.clicked.connect(self._new_file)
        row = QHBoxLayout()
        row.addWidget(self.location, 1)
        row.addWidget(browse)
        row.addWidget(new)
        from PySide6.QtWidgets import QDialogButtonBox  # (the dialog's classes: not needed at start-up)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.password_hint)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, "Open a retro database", "", SQLITE_FILTER)
        if path:
            self.location.setText(path)

    def _new_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, "New retro database", "retros.sqlite3", SQLITE_FILTER)
        if path:
            self.location.setText(path)

    def chosen(self) -> str:
        return self.location.text().strip()


class _OpenSignals(QObject):
    previewed = Signal(object, str)  # (list[RetroSummary] read quickly, url)
    opened = Signal(object, str)  # (RetroStore, url)
    failed = Signal(str, str)  # (message, url)


class _OpenJob(QRunnable):
    def __init__(self, url: str | None, signals: _OpenSignals, painted: threading.Event) -> None:
        super().__init__()
        self._url, self._signals, self._painted = url, signals, painted

    def run(self) -> None:
        try:
            from retro.services.quick_library import quick_library
            from retro.startup import resolve_url

            quick = quick_library(resolve_url(self._url), limit=FIRST_SCREEN)
            if quick is not None:  # the list at once; the store follows (SQLAlchemy takes a while)
                self._painted.clear()  # wait for this list's paint, not an earlier one
                self._signals.previewed.emit(quick, self._url)
            # Importing SQLAlchemy holds the interpreter for ~0.3 s: let the GUI thread paint the
            # window (and the list) first (it says so), rather than share the interpreter with it.
            self._painted.wait(PAINT_WAIT)
            store = open_store_now(self._url)
        except RetroError as exc:
            self._signals.failed.emit(str(exc), self._url)
        except Exception as exc:  # an unexpected driver error still reaches the person
            self._signals.failed.emit(f"{exc.__class__.__name__}: {exc}", self._url)
        else:
            self._signals.opened.emit(store, self._url)


class DatabaseOpener(QObject):
    """Opens a database on a worker thread and reports back on the GUI thread."""

    #: The library's lines, read before the store is ready (SQLite at the newest schema only).
    previewed = Signal(object, str)
    opened = Signal(object, str)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _OpenSignals(self)
        self._signals.previewed.connect(self.previewed)
        self._signals.opened.connect(self.opened)
        self._signals.failed.connect(self.failed)
        self.busy = False
        #: Set once the quick list is on screen (:meth:`painted`); opening the store waits for it.
        self._painted = threading.Event()
        self.opened.connect(self._done)
        self.failed.connect(self._done)

    def open(self, url: str | None) -> None:
        self.busy = True
        self._painted = threading.Event()
        QThreadPool.globalInstance().start(_OpenJob(url, self._signals, self._painted))

    def painted(self) -> None:
        """The window (with the quick list, if any) is on screen: opening the store may take the interpreter now."""
        self._painted.set()

    def _done(self, *_args: object) -> None:
        self.busy = False
