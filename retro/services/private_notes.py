"""The facilitator's private notes in team mode: kept in a SQLite file on this machine only.

DESIGN: private coaching notes never leave the facilitator's machine. With the default local
SQLite database they live in it like everything else. When the retros live in a shared database
(PostgreSQL), every teammate could read a note stored there, so :class:`LocalNotes` keeps them in
a local-only SQLite file instead (``private-notes.sqlite3`` in the user data folder, or
``$RETRO_LOCAL_NOTES``), keyed by the shared database's identity (:func:`database_identity`: the
same however its URL is spelled) and the incident id. Nothing about a note is written to the
shared database, not even that one was written: an edit of notes only checks the retro's version
there but does not change it.

A :class:`NoteTransaction` connects on first use, so reading a retro with no local notes file
creates nothing. The store commits it right after the shared database's transaction, so an edit
the shared database refuses leaves the notes as they were. When the notes file then fails to
commit (a full disk), the shared part stays committed and the store raises
:class:`NotesNotSaved` carrying what was saved, so the app keeps the retro's new version.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..domain import Changes, Participant, PrivateNote, Retro, ValidationError
from ..storage.engine import normalise_url
from ..storage.errors import StorageError
from ..storage.location import create_private_file

KIND = PrivateNote.__name__
_T = TypeVar("_T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS private_notes (
    database TEXT NOT NULL,
    incident_id TEXT NOT NULL,
    id TEXT NOT NULL,
    text TEXT NOT NULL,
    participant_id TEXT,
    updated_at TEXT,
    PRIMARY KEY (database, incident_id, id)
)
"""
_COLUMNS = "id, text, participant_id, updated_at"
_DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306, "mariadb": 3306, "mssql": 1433, "oracle": 1521}
_THIS_MACHINE = {"localhost", "127.0.0.1", "::1", "[::1]"}


def database_identity(url: str) -> str:
    """Which shared database a note belongs to, the same however its URL is spelled.

    The backend without its driver (``postgresql``, not ``postgresql+psycopg``), the host in lower
    case with this machine's names (``localhost``, ``127.0.0.1``, ``::1``, no host: the local
    socket) all ``localhost``, the backend's default port filled in, the database and the query
    (which may pick a schema). The user and password are left out: they say who connects, not where.
    """
    parsed = make_url(normalise_url(url))
    backend = parsed.get_backend_name()
    host = (parsed.host or "localhost").lower()
    port = parsed.port or _DEFAULT_PORTS.get(backend)
    bare = URL.create(backend, None, None, "localhost" if host in _THIS_MACHINE else host, port,
                      parsed.database, parsed.query)
    return bare.render_as_string(hide_password=False)


class NotesNotSaved(StorageError):
    """The shared database committed an edit, but the local notes file could not (a full disk, say).

    ``changes`` is what was saved, as a reload reads it back: the shared part with its new version,
    without the notes the edit wrote or removed (the file still holds them as they were) but with
    the removal of notes about a participant the edit removed (hidden along with them). Fold it in
    like any :class:`~retro.domain.Changes` so the next edit is not refused as a conflict, and tell
    the person their notes were not saved.
    """

    def __init__(self, changes: Changes, cause: StorageError) -> None:
        super().__init__(f"{cause} The rest of the edit was saved (version {changes.version}); "
                         "the private notes in it were not.")
        self.changes = changes


def shared_part(changes: Changes) -> Changes:
    """``changes`` as it reads back when the notes file kept none of it (see :class:`NotesNotSaved`)."""
    gone = {r.key for r in changes.removed if r.is_a(Participant)}
    hidden = {n.id for n in changes.before if isinstance(n, PrivateNote) and n.participant_id in gone}
    return replace(
        changes,
        upserted=tuple(e for e in changes.upserted if not isinstance(e, PrivateNote)),
        removed=tuple(r for r in changes.removed if r.kind != KIND or r.key in hidden),
        before=tuple(e for e in changes.before if not isinstance(e, PrivateNote) or e.id in hidden),
    )


def shown(notes: dict[str, PrivateNote], retro: Retro) -> dict[str, PrivateNote]:
    """The ``notes`` a person sees in ``retro``: a note about someone a teammate removed stays hidden."""
    return {k: n for k, n in notes.items() if n.participant_id is None or n.participant_id in retro.participants}


class LocalNotes:
    """Private notes of one shared database, in a SQLite file on this machine."""

    def __init__(self, path: Path, database: str) -> None:
        self.path = Path(path)
        self.database = database
        #: Whether notes kept under older spellings of the database were looked for (once per run).
        self.adopted = False

    @contextmanager
    def transaction(self, *, writes: bool = False) -> Iterator[NoteTransaction]:
        """One unit of work on the notes file; committed when the block ends without an error."""
        tx = NoteTransaction(self, writes=writes)
        try:
            yield tx
        except BaseException:
            tx.close(commit=False)
            raise
        tx.close(commit=True)


class NoteTransaction:
    """Reads and writes of private notes inside one transaction on the local file."""

    def __init__(self, notes: LocalNotes, *, writes: bool) -> None:
        self._notes = notes
        self._writes = writes
        self._conn: sqlite3.Connection | None = None

    # -- reading --------------------------------------------------------------------------------

    def load(self, incident_id: str, keys: Iterable[str] | None = None) -> dict[str, PrivateNote]:
        """The notes of one retro: all of them, or only those with the given ids."""
        query = f"SELECT {_COLUMNS} FROM private_notes WHERE database = ? AND incident_id = ?"
        params: list[str] = [self._notes.database, incident_id]
        if keys is not None:
            wanted = sorted(set(keys))
            if not wanted:
                return {}  # without opening the file: most edits touch no note
            query += f" AND id IN ({', '.join('?' * len(wanted))})"
            params += wanted
        conn = self._connection(create=False)
        if conn is None:
            return {}
        rows = self._run(lambda: conn.execute(query, params).fetchall())
        return {row[0]: _note(row) for row in rows}

    # -- writing --------------------------------------------------------------------------------

    def save(self, incident_id: str, notes: Iterable[PrivateNote]) -> None:
        """Insert or replace ``notes`` of one retro."""
        values = [(self._notes.database, incident_id, *_values(n)) for n in notes]
        if not values:
            return
        conn = self._connection(create=True)
        assert conn is not None
        self._run(lambda: conn.executemany(
            f"INSERT OR REPLACE INTO private_notes (database, incident_id, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
            values,
        ))

    def delete(self, incident_id: str, keys: Iterable[str] | None = None) -> dict[str, PrivateNote]:
        """Remove the named notes of one retro (all of them when ``keys`` is None); return them."""
        gone = self.load(incident_id, keys)
        if gone:
            conn = self._connection(create=True)
            assert conn is not None
            self._run(lambda: conn.executemany(
                "DELETE FROM private_notes WHERE database = ? AND incident_id = ? AND id = ?",
                [(self._notes.database, incident_id, key) for key in gone],
            ))
        return gone

    # -- the connection -------------------------------------------------------------------------

    def _connection(self, *, create: bool) -> sqlite3.Connection | None:
        if self._conn is not None:
            return self._conn
        path = self._notes.path
        if create and not self._writes:
            raise AssertionError("a read-only notes transaction cannot write")  # a bug, not input
        if not create and not path.exists():
            return None

        def connect() -> sqlite3.Connection:
            if not path.exists():
                create_private_file(path)  # private to this person, in an owner-only folder
            conn = sqlite3.connect(path, timeout=10, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute(_SCHEMA)
                if not self._notes.adopted:
                    _adopt_older_spellings(conn, self._notes.database)
                    self._notes.adopted = True
                conn.execute("BEGIN IMMEDIATE" if self._writes else "BEGIN")
            except BaseException:
                conn.close()
                raise
            return conn

        self._conn = self._run(connect)
        return self._conn

    def close(self, *, commit: bool) -> None:
        """End the transaction: commit (raising :class:`StorageError` on failure) or roll back."""
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            if commit:
                self._run(lambda: conn.execute("COMMIT"))
            else:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
        finally:
            conn.close()

    def _run(self, work: Callable[[], _T]) -> _T:
        try:
            return work()
        except (sqlite3.Error, OSError) as exc:
            raise StorageError(
                f"The private notes file {self._notes.path} could not be used: {exc}. "
                "Check that the folder exists and you can write to it."
            ) from exc


def _adopt_older_spellings(conn: sqlite3.Connection, database: str) -> None:
    """Key notes kept under another spelling of this database's URL by its identity, in one transaction.

    Before identities were normalised a note was kept under the URL as typed (without the password).
    Where both spellings hold the same note, the one kept under the identity wins.
    """
    others = conn.execute("SELECT DISTINCT database FROM private_notes WHERE database <> ?", (database,))
    older = [row[0] for row in others if _identity_or_none(row[0]) == database]
    if not older:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for spelling in older:
            conn.execute("UPDATE OR IGNORE private_notes SET database = ? WHERE database = ?", (database, spelling))
            conn.execute("DELETE FROM private_notes WHERE database = ?", (spelling,))
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


def _identity_or_none(spelling: str) -> str | None:
    try:
        return database_identity(spelling)
    except (ArgumentError, ValueError):  # a key this app did not write: leave it alone
        return None


def _values(note: PrivateNote) -> tuple[str, str, str | None, str | None]:
    at = note.updated_at
    if at is not None and (at.tzinfo is None or at.utcoffset() is None):
        raise ValidationError("updated_at", "needs a timezone (times are stored in UTC)")
    return note.id, note.text, note.participant_id, None if at is None else at.astimezone(UTC).isoformat()


def _note(row: tuple[str, str, str | None, str | None]) -> PrivateNote:
    note_id, text, participant_id, updated_at = row
    return PrivateNote(note_id, text, participant_id, None if updated_at is None else datetime.fromisoformat(updated_at))
