"""The library list read straight from the database with its bare driver, for the first paint.

Opening a :class:`~retro.services.RetroStore` imports SQLAlchemy (about 150 ms before any row is
read). To show the facilitator their retrospectives at once, the app first reads the same
summaries with the standard library's ``sqlite3`` (read-only) or, for a team database, with
``psycopg`` alone (a read-only transaction), while the store opens on a worker thread; the
store's own list replaces it moments later. The read is only attempted on a database already at
this app's newest schema; anything else (a new file, an older or newer schema, any error)
returns ``None`` and the normal path reports what is wrong. A test checks that this read and
:meth:`RetroStore.list_retros` give identical summaries, on both.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from ..storage.location import sqlite_path
from .summaries import RetroSummary, local_date, summarise

_COLUMNS = """
SELECT id, title, severity, status, started_at, resolved_at, created_at,
       internal_report_shared_at, public_report_shared_at, archived, version, services, tags
FROM incidents
"""
#: The store's order (newest first, no creation time last, then by id) in one query: PostgreSQL.
_INCIDENTS = _COLUMNS + "ORDER BY created_at IS NULL, created_at DESC, id\nLIMIT ?\n"
#: The same order in two reads SQLite answers from the ``created_at`` index: ``created_at IS NULL``
#: in the ORDER BY made it scan and sort every retro (~4 ms of the worker's CPU at 10,000
#: retros, against ~0.3 ms walking the index for the first screen).
_DATED = _COLUMNS + "WHERE created_at IS NOT NULL ORDER BY created_at DESC, id LIMIT ?\n"
_UNDATED = _COLUMNS + "WHERE created_at IS NULL ORDER BY id LIMIT ?\n"
_ACTION_COUNTS = """
SELECT incident_id, COUNT(*), SUM(CASE WHEN due IS NOT NULL AND due < ? THEN 1 ELSE 0 END)
FROM action_items
WHERE status IN ('open', 'in_progress') AND incident_id IN ({ids})
GROUP BY incident_id
"""


_PG_INCIDENTS = _INCIDENTS.replace("LIMIT ?", "LIMIT %s")
_PG_ACTION_COUNTS = """
SELECT incident_id, COUNT(*), SUM(CASE WHEN due IS NOT NULL AND due < %s THEN 1 ELSE 0 END)
FROM action_items
WHERE status IN ('open', 'in_progress') AND incident_id = ANY(%s)
GROUP BY incident_id
"""
#: How long the first-paint read waits for a team database to answer (seconds); the store follows.
PG_CONNECT_TIMEOUT = 3


def quick_library(url: str, *, now: datetime | None = None, limit: int | None = None) -> list[RetroSummary] | None:
    """Every retro of the database at ``url`` (archived ones included), or None when unsure.

    ``limit``: only the newest ones (the app's first screen); actions are counted for those only.
    """
    if url.startswith("postgresql+psycopg://"):
        return _quick_postgres(url, now or datetime.now(UTC), limit)
    path = sqlite_path(url)
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return None
    from ..storage.revisions import head_revision

    now = now or datetime.now(UTC)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if row is None or row[0] != head_revision():
                return None
            rows = conn.execute(_DATED, (-1 if limit is None else limit,)).fetchall()
            if limit is None or len(rows) < limit:
                rest = -1 if limit is None else limit - len(rows)
                rows += conn.execute(_UNDATED, (rest,)).fetchall()
            counts: dict[str, tuple[int, int]] = {}
            ids = [r[0] for r in rows]
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                sql = _ACTION_COUNTS.format(ids=",".join("?" * len(chunk)))
                counts.update((r[0], (r[1], r[2])) for r in conn.execute(sql, (local_date(now).isoformat(), *chunk)))
        finally:
            conn.close()
        return [_summary(r, counts, now) for r in rows]
    except (sqlite3.Error, ValueError, TypeError, KeyError, OSError):
        return None


def _quick_postgres(url: str, now: datetime, limit: int | None) -> list[RetroSummary] | None:
    """The same read through ``psycopg`` alone (a fraction of SQLAlchemy's import), read-only."""
    from ..storage.revisions import head_revision

    try:
        import psycopg

        conninfo = "postgresql://" + url.removeprefix("postgresql+psycopg://")
        with psycopg.connect(conninfo, connect_timeout=PG_CONNECT_TIMEOUT) as conn:
            conn.read_only = True
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if row is None or row[0] != head_revision():
                return None
            rows = [_as_text(r) for r in conn.execute(_PG_INCIDENTS, (limit,)).fetchall()]
            counts: dict[str, tuple[int, int]] = {
                r[0]: (r[1], r[2]) for r in conn.execute(_PG_ACTION_COUNTS, (local_date(now), [r[0] for r in rows]))}
        return [_summary(r, counts, now) for r in rows]
    except Exception:  # anything at all: the store opens next and says what is wrong
        return None


def _as_text(r: tuple) -> tuple:  # type: ignore[type-arg]
    """A PostgreSQL row as the SQLite one reads: UTC times as their stored text."""
    return tuple(_utc_text(v) if isinstance(v, datetime) else v for v in r)


def _utc_text(value: datetime) -> str:
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _summary(r: tuple, counts: dict[str, tuple[int, int]], now: datetime) -> RetroSummary:  # type: ignore[type-arg]
    (id_, title, severity, status, started, resolved, created, internal_shared, public_shared,
     archived, version, services, tags) = r
    n_open, n_overdue = counts.get(id_, (0, 0))
    return summarise(
        id=id_, title=title, severity=severity, status=status,
        started_at=_utc(started), resolved_at=_utc(resolved), created_at=_utc(created),
        internal_report_shared_at=_utc(internal_shared), public_report_shared_at=_utc(public_shared),
        archived=bool(archived), version=version,
        services=tuple(json.loads(services)) if services else (),
        tags=tuple(json.loads(tags)) if tags else (),
        open_actions=n_open, overdue_actions=n_overdue, now=now,
    )


def _utc(text: str | None) -> datetime | None:
    """The stored UTC text (``YYYY-MM-DD HH:MM:SS.ffffff``) as an aware datetime."""
    return None if text is None else datetime.fromisoformat(text + "+00:00")
