"""Which schema a database has, and bringing it to the newest one (Alembic, configured in code).

* SQLite (the facilitator's own file) is upgraded at start-up, after a backup copy next to the
  file whose name carries the old revision.
* A shared PostgreSQL is never upgraded behind people's backs: :func:`check_ready` raises
  :class:`SchemaError` naming ``retro db upgrade --db URL``; :func:`upgrade` is that command.
* A database stamped with a revision this app does not know comes from a newer app: it is
  refused and left untouched (on SQLite it is only ever opened read-only for the check).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from glob import escape as glob_escape
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError

from .engine import display_url, is_sqlite, make_engine, normalise_url, sqlite_path
from .errors import SchemaError, StorageError
from .file_trouble import explain
from .location import create_private_file
from .revisions import MIGRATIONS, head_revision, known_revisions

if TYPE_CHECKING:
    from alembic.config import Config

SQLITE_HEADER = b"SQLite format 3\x00"


class SchemaState(StrEnum):
    EMPTY = "empty"  # no tables yet
    BEHIND = "behind"  # an older revision of this app's schema
    CURRENT = "current"  # at head
    NEWER = "newer"  # a revision this app does not know: written by a newer app


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    """Where a database stands: its revision, the newest this app knows, and what that means."""

    url: str
    revision: str | None
    head: str
    state: SchemaState

    def describe(self) -> str:
        return {
            SchemaState.EMPTY: f"{self.url} is empty; upgrading creates the tables (revision {self.head}).",
            SchemaState.BEHIND: f"{self.url} is at revision {self.revision}; this app needs {self.head}.",
            SchemaState.CURRENT: f"{self.url} is at the newest revision ({self.head}).",
            SchemaState.NEWER: f"{self.url} is at revision {self.revision}, written by a newer version "
            f"of Blameless Retro; this app only knows up to {self.head}.",
        }[self.state]


def alembic_config() -> Config:
    """Alembic's configuration, built in code (no ``alembic.ini`` needed at runtime)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _state(revision: str | None, has_tables: bool) -> SchemaState:
    if revision is None:
        return SchemaState.BEHIND if has_tables else SchemaState.EMPTY
    if revision not in known_revisions():
        return SchemaState.NEWER
    return SchemaState.CURRENT if revision == head_revision() else SchemaState.BEHIND


# -- reading the revision --------------------------------------------------------------------


def _sqlite_revision(path: Path) -> tuple[str | None, bool]:
    """``(revision, has_tables)`` of a SQLite file, read without changing a byte of it."""
    if not path.exists() or path.stat().st_size == 0:
        return None, False
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(f"Cannot read the retro database {path}: {exc.strerror}. Check the file's permissions.") from exc
    if header != SQLITE_HEADER:
        raise StorageError(
            f"{path} is not a Blameless Retro database (it is not an SQLite file). "
            "Choose another file, or move this one aside so a new library can be created."
        )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _sqlite_error(path, exc) from exc
    if revision is None and tables - {"alembic_version"}:
        raise StorageError(
            f"{path} is an SQLite database but not a Blameless Retro library (it has other tables). "
            "Choose another file."
        )
    return revision, bool(tables)


def _sqlite_error(path: Path, exc: BaseException) -> StorageError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StorageError(
            f"{path} is locked by another program (another Blameless Retro window?). "
            "Close it and try again."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        backups = complete_backups(path)
        restore = (f"Restore it from the newest backup copy, {backups[0]}" if backups
                   else "There is no backup copy of it next to it")
        return StorageError(
            f"{path} is damaged or not a database ({exc}). {restore}, or move it aside to start a new library."
        )
    return StorageError(explain(path, exc) or f"Cannot open the retro database {path}: {exc}.")


def _engine_revision(engine: Engine) -> tuple[str | None, bool]:
    try:
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            has_tables = bool(tables)
    except (OperationalError, DBAPIError) as exc:
        raise StorageError(
            f"Cannot reach the retro database {display_url(str(engine.url))}: "
            f"{str(exc.orig).strip() or exc}. Check the address, the server and your access."
        ) from exc
    return revision, has_tables


def schema_status(url: str) -> SchemaStatus:
    """Where the database at ``url`` stands, read without changing it."""
    url = normalise_url(url)
    if is_sqlite(url):
        path = sqlite_path(url)
        revision, has_tables = _sqlite_revision(path) if path else (None, False)
    else:
        engine = make_engine(url)
        try:
            revision, has_tables = _engine_revision(engine)
        finally:
            engine.dispose()
    return SchemaStatus(display_url(url), revision, head_revision(), _state(revision, has_tables))


# -- upgrading -------------------------------------------------------------------------------


def _refuse_newer(status: SchemaStatus) -> None:
    if status.state is SchemaState.NEWER:
        raise SchemaError(
            f"{status.url} was written by a newer version of Blameless Retro (schema revision "
            f"{status.revision}; this app knows up to {status.head}). It was left untouched: "
            "install the newer version to open it."
        )


BACKUP_PARTIAL = ".partial"


def backup_sqlite(path: Path, revision: str) -> Path:
    """A consistent copy of ``path`` next to it (sqlite3 backup API), named after ``revision``.

    The copy is written to ``<name>.partial`` (owner-only, like the library) and renamed to its
    ``*.backup-*`` name only once complete and synced, so a start-up killed mid-backup never
    leaves an empty or half backup under a name people are told to restore from. Leftover
    ``.partial`` files of earlier interrupted backups are removed first.
    """
    remove_partial_backups(path)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{revision}-{stamp}{path.suffix or '.sqlite3'}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.backup-{revision}-{stamp}-{n}{path.suffix or '.sqlite3'}")
    partial = target.with_name(target.name + BACKUP_PARTIAL)
    try:
        partial.unlink(missing_ok=True)
        create_private_file(partial)
        source = sqlite3.connect(str(path), timeout=10)
        try:
            copy = sqlite3.connect(str(partial))
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(f"Could not back up {path} to {target} before upgrading it: {exc}. Nothing was changed.") from exc
    return target


def remove_partial_backups(path: Path) -> None:
    """Delete what interrupted backups of ``path`` left behind (``*.backup-*.partial``)."""
    for leftover in path.parent.glob(f"{glob_escape(path.stem)}.backup-*{BACKUP_PARTIAL}"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def complete_backups(path: Path) -> list[Path]:
    """The finished backup copies of ``path`` that hold a database, newest first."""
    found = []
    for candidate in path.parent.glob(f"{glob_escape(path.stem)}.backup-*"):
        if candidate.name.endswith(BACKUP_PARTIAL):
            continue
        try:
            with open(candidate, "rb") as handle:
                if handle.read(16) != b"SQLite format 3\x00":
                    continue
            found.append((candidate.stat().st_mtime, candidate))
        except OSError:
            continue
    return [p for _, p in sorted(found, reverse=True)]


def _run_upgrade(engine: Engine) -> None:
    from alembic import command

    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def upgrade(url: str) -> SchemaStatus:
    """Bring the database at ``url`` to the newest schema (the ``retro db upgrade`` command).

    SQLite files that already hold data are backed up first. Returns the new status.
    """
    url = normalise_url(url)
    status = schema_status(url)
    _refuse_newer(status)
    if status.state is SchemaState.CURRENT:
        return status
    path = sqlite_path(url) if is_sqlite(url) else None
    if path is not None:
        try:
            create_private_file(path)  # a new library: 0600 in a 0700 folder (it holds private notes)
        except OSError as exc:
            raise StorageError(explain(path, exc) or f"Cannot create the retro database {path}: {exc.strerror}.") from exc
        if status.revision is not None:
            backup_sqlite(path, status.revision)
    engine = make_engine(url)
    try:
        _run_upgrade(engine)
    except (OperationalError, DBAPIError) as exc:
        where = path or status.url
        why = explain(path, exc.orig if exc.orig is not None else exc) if path is not None else ""
        raise StorageError(why or f"Upgrading {where} failed: {exc.orig}. The database was left as it was.") from exc
    finally:
        engine.dispose()
    return schema_status(url)


def check_ready(url: str, *, allow_upgrade: bool) -> SchemaStatus:
    """Make sure the database at ``url`` can be used by this app, or say what to do.

    SQLite is created or upgraded when ``allow_upgrade``; PostgreSQL never is.
    """
    url = normalise_url(url)
    status = schema_status(url)
    _refuse_newer(status)
    if status.state is SchemaState.CURRENT:
        return status
    if is_sqlite(url) and allow_upgrade:
        return upgrade(url)
    if is_sqlite(url):
        raise SchemaError(f"{status.describe()} Open it with upgrading allowed, or run `retro db upgrade --db {status.url}`.")
    raise SchemaError(
        f"{status.describe()} A shared database is never upgraded automatically: "
        f"once everyone has this version, run `retro db upgrade --db {status.url}`."
    )
