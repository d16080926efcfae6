"""Engines for the two places retrospectives live: a SQLite file (default) or PostgreSQL (team mode).

SQLite connections get WAL, ``synchronous=FULL`` (a committed edit survives a power cut),
``foreign_keys=ON`` (so deleting a retro removes everything hanging off it) and a busy timeout
(a second window waits briefly instead of failing). Transactions are begun explicitly, so every
read of one transaction (a ``load`` runs a dozen SELECTs) sees one snapshot of the file.

On PostgreSQL, read transactions run at REPEATABLE READ (:func:`reader`) so a ``load`` is one
snapshot there too. Writes stay at READ COMMITTED: every edit first takes the incident row's lock
through the version guard, so a concurrent edit waits and is then refused as stale with a clear
message (at REPEATABLE READ it would fail with a serialization error instead).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

BUSY_TIMEOUT_MS = 10_000
#: Execution option marking an engine whose transactions write (see :func:`writer`).
WRITE_OPTION = "retro_writes"


@contextmanager
def driver_errors(conn: Connection, statement: str) -> Iterator[None]:
    """Run a statement on the driver's own connection, its failures raised as SQLAlchemy's would be.

    A raw cursor's ``sqlite3.Error`` / ``psycopg.Error`` would pass the store's translation to
    :class:`~retro.storage.errors.StorageError` (which catches ``DBAPIError``) and reach a Qt slot as
    an unhandled exception: wrapped here, a locked or unreadable file reads as every other failure.
    """
    base = conn.dialect.loaded_dbapi.Error
    try:
        yield
    except base as exc:
        raise DBAPIError.instance(statement, None, exc, base, dialect=conn.dialect) from exc


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file a SQLite URL names, or ``None`` for an in-memory database."""
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we send BEGIN ourselves (see _on_sqlite_begin)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA cache_size = -65536")  # 64 MB: a 100,000-event import stays in memory until commit
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    # Writers take the write lock up front (BEGIN IMMEDIATE) so two editors queue on the busy
    # timeout instead of one failing with "database is locked" when its snapshot goes stale.
    writing = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the settings this app relies on."""
    url = normalise_url(url)
    if is_sqlite(url):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    from .locks import session_options  # lock and statement timeouts: nothing waits silently

    parsed = make_url(url)
    connect_args = {}
    if parsed.get_backend_name() == "postgresql":  # keep options the URL gives (a search_path, …)
        given = parsed.query.get("options", "")
        given = " ".join(given) if isinstance(given, tuple) else given
        connect_args["options"] = f"{given} {session_options()}".strip()
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def display_url(url: str) -> str:
    """``url`` with any password masked, for messages."""
    return make_url(normalise_url(url)).render_as_string(hide_password=True)


def reader(engine: Engine) -> Engine:
    """The same engine (same pool) whose transactions read one snapshot: REPEATABLE READ on PostgreSQL.

    (SQLite already reads one snapshot per transaction; its engine is returned as it is.)
    """
    if engine.dialect.name == "sqlite":
        return engine
    return engine.execution_options(isolation_level="REPEATABLE READ")


def writer(engine: Engine) -> Engine:
    """The same engine (same pool) whose transactions begin by taking the write lock on SQLite."""
    return engine.execution_options(**{WRITE_OPTION: True})
