"""Opening a database: a SQLite file or a PostgreSQL URL (chosen in ``database_dialog.py``).

Opening runs off the GUI thread (an upgrade of an old SQLite file makes a backup copy first),
with a busy indicator, so the window never freezes.

A team database's password is never kept or shown: recent databases remember the URL without
it, and messages show it masked. PostgreSQL then takes it from ``~/.pgpass`` or ``PGPASSWORD``.
"""

from __future__ import annotations

import functools
import re
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from retro.domain import RetroError

from ..background import Tell, start_on_pool

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported when a database is opened
    from retro.services import RetroStore

#: Retros the quick first paint reads (the newest; the store's list follows moments later). As many
#: as the store's first page (``LibraryModel.PAGE``): more than a screen holds, and the scroll bar
#: is the same before and after the store takes over (300 read three times the rows for nothing).
FIRST_SCREEN = 100
#: How long opening the store waits for the quick list to be painted (seconds) before going on.
PAINT_WAIT = 1.0


#: ``scheme://user:password@host``: the password runs to the last ``@`` before the path, so even a
#: password with a raw ``@`` in it is found whole.
_CREDENTIALS = r"^(?P<head>[\w+]+://(?P<user>[^:/@?]*))(?::(?P<password>[^/?]*))?@(?=[^@/?]*(?:[/?]|$))"
#: A ``password=…`` query parameter (libpq accepts one there too).
_QUERY_PASSWORD = r"(?i)(?P<sep>[?&])password=[^&]*&?"
# (Patterns, not compiled ones: ``re`` compiles and keeps them on first use, after the first paint.)


def url_password(url: str) -> str:
    """The password written in ``url`` ("" when there is none)."""
    match = re.match(_CREDENTIALS, url)
    if match and match.group("password"):
        return match.group("password")
    query = re.search(r"[?&]password=([^&]*)", url, re.IGNORECASE)
    return query.group(1) if query else ""


def _without_query_password(url: str) -> str:
    def keep(match: re.Match[str]) -> str:
        return match.group("sep") if match.group(0).endswith("&") else ""

    return re.sub(_QUERY_PASSWORD, keep, url)


def url_without_password(url: str) -> str:
    """``url`` as it may be remembered: ``postgresql+psycopg://sam:pw@db/retro`` → ``…://sam@db/retro``.

    A file path or a URL without a password comes back unchanged.
    """
    return _without_query_password(re.sub(_CREDENTIALS, r"\g<head>@", url, count=1))


def masked_url(url: str) -> str:
    """``url`` as it may be shown: the password (if any) replaced by ``***``, as the store shows it."""
    match = re.match(_CREDENTIALS, url)
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


class _OpenSignals(QObject):
    previewed = Signal(object, str)  # (list[RetroSummary] read quickly, url)
    opened = Signal(object, str)  # (RetroStore, url)
    failed = Signal(str, str)  # (message, url)


def _open(url: str | None, painted: threading.Event, tell: Tell) -> None:
    """Open the database on a pool thread; ``tell`` reports to :class:`_OpenSignals` (plain values only)."""
    try:
        from retro.services.quick_library import quick_library
        from retro.startup import resolve_url

        quick = quick_library(resolve_url(url), limit=FIRST_SCREEN)
        if quick is not None:  # the list at once; the store follows (SQLAlchemy takes a while)
            painted.clear()  # wait for this list's paint, not an earlier one
            tell("previewed", quick, url)
        # Importing SQLAlchemy holds the interpreter for ~0.3 s: let the GUI thread paint the
        # window (and the list) first (it says so), rather than share the interpreter with it.
        painted.wait(PAINT_WAIT)
        store = open_store_now(url)
    except RetroError as exc:
        tell("failed", str(exc), url)
    except Exception as exc:  # an unexpected driver error still reaches the person
        tell("failed", f"{exc.__class__.__name__}: {exc}", url)
    else:
        tell("opened", store, url)


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
        start_on_pool(self._signals, functools.partial(_open, url, self._painted))  # ui/background.py

    def painted(self) -> None:
        """The window (with the quick list, if any) is on screen: opening the store may take the interpreter now."""
        self._painted.set()

    def _done(self, *_args: object) -> None:
        self.busy = False
