"""Waiting for another editor on PostgreSQL: say so after a moment, give up with a clear message.

Every PostgreSQL session runs with a ``lock_timeout`` and a ``statement_timeout``, so nothing
waits silently forever. An edit first takes its retro's row lock with a short wait
(:data:`FIRST_WAIT_MS`); when someone else holds it, the ``waiting`` callback hears
:data:`WAITING_MESSAGE` (the CLI prints it on stderr, the app shows it in the status bar) and the
edit waits on, up to :data:`LOCK_TIMEOUT_MS` in all, then gives up: nothing is saved, and the
message says to try again. SQLite has its own busy timeout (:mod:`retro.storage.engine`).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError

from . import models as m
from .errors import StorageError

FIRST_WAIT_MS = 1_000
LOCK_TIMEOUT_MS = 30_000
STATEMENT_TIMEOUT_MS = 120_000
WAITING_MESSAGE = "Waiting for another editor… (someone else is saving this retro right now)"
LOCK_NOT_AVAILABLE, QUERY_CANCELED = "55P03", "57014"

Waiting = Callable[[str], None]


def session_options() -> str:
    """libpq ``options`` giving every PostgreSQL session its lock and statement timeouts."""
    return f"-c lock_timeout={LOCK_TIMEOUT_MS} -c statement_timeout={STATEMENT_TIMEOUT_MS}"


def sqlstate(exc: BaseException) -> str:
    orig = getattr(exc, "orig", exc)
    return str(getattr(orig, "sqlstate", "") or getattr(orig, "pgcode", "") or "")


def gave_up_message(exc: BaseException) -> str:
    """The message for a timeout PostgreSQL raised, or "" for any other error."""
    code = sqlstate(exc)
    if code == LOCK_NOT_AVAILABLE:
        return (f"Another editor kept this retro busy for more than {LOCK_TIMEOUT_MS // 1000} s, so this change "
                "gave up waiting. Nothing was saved: try again in a moment.")
    if code == QUERY_CANCELED:
        return (f"The database took more than {STATEMENT_TIMEOUT_MS // 1000} s to answer and the request was "
                "stopped. Nothing was saved: try again, or ask whoever runs the database to check it.")
    return ""


def wait_for_retro(conn: Connection, incident_id: str, waiting: Waiting | None) -> None:
    """Take ``incident_id``'s row lock in ``conn``'s transaction, telling ``waiting`` when it takes a while."""
    if conn.dialect.name != "postgresql":
        return
    lock = select(m.incidents.c.id).where(m.incidents.c.id == incident_id).with_for_update()
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {int(FIRST_WAIT_MS)}")
    try:
        try:
            with conn.begin_nested():
                conn.execute(lock)
            return
        except DBAPIError as exc:
            if sqlstate(exc) != LOCK_NOT_AVAILABLE:
                raise
        if waiting is not None:
            waiting(WAITING_MESSAGE)
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {int(max(LOCK_TIMEOUT_MS - FIRST_WAIT_MS, 1))}")
        try:
            with conn.begin_nested():
                conn.execute(lock)
        except DBAPIError as exc:
            if sqlstate(exc) == LOCK_NOT_AVAILABLE:
                raise StorageError(gave_up_message(exc)) from exc
            raise
    finally:
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {int(LOCK_TIMEOUT_MS)}")
