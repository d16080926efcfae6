"""The one door to stored retrospectives: every query and every edit goes through :class:`RetroStore`.

Each method is one unit of work (one transaction). Edits return a :class:`~retro.domain.Changes`
value saying exactly what changed; the app folds it into its in-memory :class:`~retro.domain.Retro`
and refreshes only what changed. Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, select
from sqlalchemy.exc import DBAPIError

from ..analysis.recurrence import FactorSighting, RecurringFactor, RecurringSummary, RelatedIncident
from ..domain import (
    ActionItem,
    Changes,
    Edit,
    Impact,
    Incident,
    NotFound,
    Retro,
    RetroError,
    Severity,
    new_id,
)
from ..domain.validation import validate_incident
from ..storage import models as m
from ..storage import rows, search
from ..storage.engine import display_url, is_sqlite, make_engine, normalise_url, reader, sqlite_path, writer
from ..storage.errors import StorageError
from ..storage.file_trouble import explain
from ..storage.location import local_notes_path
from ..storage.locks import Waiting, gave_up_message, wait_for_retro
from ..storage.mapping import TABLES
from ..storage.schema import check_ready
from . import documents, library, library_index
from .editing import apply_edit
from .private_notes import KIND as NOTE
from .private_notes import LocalNotes, NotesNotSaved, NoteTransaction, database_identity, shared_part, shown
from .store_between_meetings import BetweenMeetings
from .summaries import OpenAction, RetroSummary

if TYPE_CHECKING:
    from .library_pages import LibraryPage, LibraryQuery


class RetroStore(BetweenMeetings):
    """Stored retrospectives in one database (SQLite file or PostgreSQL URL)."""

    def __init__(self, url: str, *, upgrade: bool = True, local_notes: Path | str | None = None) -> None:
        """Open the database at ``url`` (a SQLAlchemy URL).

        SQLite: created when missing, upgraded to the newest schema after a backup copy when
        ``upgrade``. PostgreSQL: never upgraded here; :class:`~retro.storage.errors.SchemaError`
        says what to run when it is not at the newest schema. A database from a newer app is
        refused with :class:`SchemaError`. An unreadable file gives :class:`StorageError`.

        Team mode (any database but SQLite): the facilitator's private notes are kept in the
        local-only file ``local_notes`` (default :func:`~retro.storage.location.local_notes_path`),
        never in the shared database; see :mod:`retro.services.private_notes`.
        """
        self._url = normalise_url(url)
        #: Called with :data:`~retro.storage.locks.WAITING_MESSAGE` when an edit waits for another
        #: editor (PostgreSQL): the CLI prints it on stderr, the app shows it in the status bar.
        self.waiting: Waiting | None = None
        check_ready(self._url, allow_upgrade=upgrade)
        self._engine = make_engine(self._url)
        self._reader = reader(self._engine)
        self._writer = writer(self._engine)
        self._one_statement_engine = (self._engine if is_sqlite(self._url)
                                      else self._engine.execution_options(isolation_level="AUTOCOMMIT"))
        self._notes: LocalNotes | None = None
        if not is_sqlite(self._url):
            self._notes = LocalNotes(Path(local_notes or local_notes_path()), database_identity(self._url))
        # The kinds of entity the database itself holds.
        self._shared_kinds = [k for k in TABLES if self._notes is None or k != NOTE]

    @property
    def url(self) -> str:
        """The database URL with any password masked, for showing to a person."""
        return display_url(self._url)

    def close(self) -> None:
        self._engine.dispose()

    @contextmanager
    def _transaction(self, *, writes: bool = False) -> Iterator[Connection]:
        """One unit of work; database failures come out as :class:`StorageError` naming the database."""
        with self._storage_errors(), (self._writer if writes else self._reader).begin() as conn:
            yield conn

    @contextmanager
    def _one_statement(self) -> Iterator[Connection]:
        """A connection for a read that is one statement, run on the driver's own connection.

        One statement reads one snapshot on both databases, so it needs no transaction around it:
        no ``BEGIN`` / ``COMMIT`` (SQLite: the connection is in autocommit mode already, see
        :mod:`retro.storage.engine`; PostgreSQL: the pool's connection in autocommit mode, where
        each statement is its own transaction). Failures read as :meth:`_transaction`'s do.
        """
        with self._storage_errors(), self._one_statement_engine.connect() as conn:
            yield conn

    @contextmanager
    def _storage_errors(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            detail = str(exc.orig).strip() or exc.__class__.__name__
            hint = " Another program may be holding it; close it and try again." if "locked" in detail else ""
            path = sqlite_path(self._url) if is_sqlite(self._url) else None
            why = explain(path, exc.orig if exc.orig is not None else exc) if path is not None else gave_up_message(exc)
            if why:
                raise StorageError(why) from exc
            raise StorageError(f"The retro database {self.url} could not complete the operation: {detail}.{hint}") from exc

    def _local_notes(self, *, writes: bool = False) -> AbstractContextManager[NoteTransaction | None]:
        """The local notes' transaction in team mode (``None`` when notes live in the database).

        Enter it *before* the database's transaction, so it commits after that one does and an
        edit the database refuses leaves the notes untouched.
        """
        if self._notes is None:
            return nullcontext()
        return self._notes.transaction(writes=writes)

    def _missing(self, incident_id: str) -> NotFound:
        return NotFound(f"There is no retro {incident_id!r} in {self.url} (deleted by someone else?).")

    # -- the library -------------------------------------------------------------------------

    def list_retros(self, *, text: str = "", include_archived: bool = False,
                    now: datetime | None = None) -> list[RetroSummary]:
        """Retros newest first; ``text`` filters by full-text search over everything written."""
        with self._transaction() as conn:
            return library.list_retros(conn, text=text, include_archived=include_archived,
                                       now=now or datetime.now(UTC))

    def library_page(self, query: LibraryQuery | None = None, *, offset: int = 0, limit: int = 100,
                     now: datetime | None = None) -> LibraryPage:
        """One page of the library list: filtered, sorted and (ranked) searched by the database.

        Open and overdue actions are counted, and search snippets cut, for the page's rows only.
        """
        from .library_pages import LibraryQuery, library_page

        with self._one_statement() as conn:  # one statement: page, length, counts and snippets' text
            return library_page(conn, query or LibraryQuery(), offset=offset, limit=limit,
                                now=now or datetime.now(UTC))

    def load(self, incident_id: str) -> Retro:
        """The whole retro. Raises :class:`~retro.domain.NotFound`."""
        with self._local_notes() as notes, self._transaction() as conn:
            retro = rows.load_retro(conn, incident_id, kinds=self._shared_kinds)
            if retro is not None:
                from . import factor_matches

                retro.factor_matches.update({pair: d for pair, d in factor_matches.decisions(conn, incident_id).items()
                                             if pair[0] in retro.factors})  # a removed factor's are left behind
            if retro is not None and notes is not None:
                retro.private_notes.update(shown(notes.load(incident_id), retro))
        if retro is None:
            raise self._missing(incident_id)
        return retro

    def open_actions(self, *, today: date | None = None, limit: int | None = None,
                     offset: int = 0) -> list[OpenAction]:
        """Every open / in-progress action across retros, overdue first (follow-through).

        Overdue means due before ``today`` (default: today on this machine's calendar, the date
        default due dates are counted from). ``limit``/``offset``: one page, ordered by the
        database (the first screen of a large library reads only what it shows).
        """
        with self._transaction() as conn:
            return library.open_actions(conn, today=today or date.today(), limit=limit, offset=offset)

    def factor_sightings(self, *, include_archived: bool = False) -> list[FactorSighting]:
        """Every contributing factor across retros, light enough for recurrence over the library."""
        with self._transaction() as conn:
            return library.factor_sightings(conn, include_archived=include_archived)

    def recurring_factors(self, *, include_archived: bool = False) -> list[RecurringFactor]:
        """Contributing factors that keep coming back: seen in two or more incidents, most first.

        Read from the recurrence index (one grouped query over the factors' normalised keys);
        the same groups as :func:`retro.analysis.recurring_factors` over every factor.
        """
        with self._transaction() as conn:
            return library_index.recurring_factors(conn, include_archived=include_archived)

    def recurring_summary(self, *, include_archived: bool = False) -> list[RecurringSummary]:
        """:meth:`recurring_factors` as the library lists them: the same groups, titles and order,
        with how many sightings and incidents but not the sightings (see :meth:`group_sightings`)."""
        with self._transaction() as conn:
            return library_index.recurring_summary(conn, include_archived=include_archived)

    def group_sightings(self, group: RecurringSummary, *, include_archived: bool = False) -> list[FactorSighting]:
        """Where one recurring group was seen (an index look-up), as :attr:`RecurringFactor.sightings`."""
        with self._transaction() as conn:
            return library_index.group_sightings(conn, group, include_archived=include_archived)

    def related_incidents(self, retro: Retro, *, limit: int | None = None) -> list[RelatedIncident]:
        """Other incidents that share contributing factors with ``retro`` ("seen before").

        An index look-up of the keys sharing a word with this retro's factors; the same result
        as :func:`retro.analysis.related_incidents` over the whole library (archived included);
        only the ``limit`` strongest when given (the incidents dropped are never read).
        """
        with self._transaction() as conn:
            return library_index.related_incidents(conn, retro, limit=limit)

    def related_retros(self, retro: Retro, limit: int = 10) -> list[Retro]:
        """The retros of :meth:`related_incidents` (closest first, at most ``limit``), loaded whole,
        without their private notes: what the internal report's "Seen before" section reads."""
        out = []
        for related in self.related_incidents(retro, limit=limit):
            earlier = self.load(related.incident_id)
            earlier.private_notes = {}
            out.append(earlier)
        return out

    # -- whole retros ------------------------------------------------------------------------

    def create_retro(self, title: str, severity: Severity = Severity.SEV3, *,
                     timezone: str = "UTC") -> Retro:
        """A new draft retro with one impact node; returns it as stored."""
        incident = Incident(id=new_id(), title=title, severity=severity, timezone=timezone,
                            created_at=datetime.now(UTC), version=1)
        validate_incident(incident)
        retro = Retro.of(incident, [Impact(new_id())])
        return self.load(self.add_retro(retro, new_ids=False))

    def add_retro(self, retro: Retro, *, new_ids: bool = True) -> str:
        """Store a complete retro (JSON load, demo, duplicate, undo of delete) in one transaction.

        With ``new_ids`` every entity gets a fresh id (references remapped) so the same document
        can be loaded twice; without, ids are kept (undo of delete). Validates everything and
        the leader-first rule first; writes nothing when anything is wrong. Returns the id.
        """
        source = documents.with_new_ids(retro) if new_ids else retro
        ready = documents.prepared(source, datetime.now(UTC))
        incident = ready.incident
        with self._local_notes(writes=True) as notes, self._transaction(writes=True) as conn:
            exists = conn.execute(select(m.incidents.c.id).where(m.incidents.c.id == incident.id)).first()
            if exists is not None:
                raise RetroError(
                    f"A retro with id {incident.id!r} is already in {self.url}; "
                    "load it as a copy (new ids) instead."
                )
            rows.insert_incident(conn, incident, version=max(incident.version, 1))
            entities = ready.entities()
            if notes is not None:
                notes.delete(incident.id)  # left over from a retro with this id deleted elsewhere
                notes.save(incident.id, ready.private_notes.values())
                entities = [e for e in entities if type(e).__name__ != NOTE]
            rows.insert_entities(conn, incident.id, entities)
            search.index_entities(conn, incident.id, [incident, *entities], new=True)
            library_index.follow_new_retro(conn, incident.id, entities)
            if ready.factor_matches:
                from . import factor_matches

                for pair, decision in sorted(ready.factor_matches.items()):
                    factor_matches.decide(conn, incident.id, pair, decision)
        return incident.id

    def duplicate_retro(self, incident_id: str, *, title: str | None = None) -> str:
        """A copy with fresh ids, as a new draft whose reports are not yet shared.

        In team mode the private notes are not copied.
        """
        original = self.load(incident_id)
        if self._notes is not None:
            original.private_notes = {}
        original.incident = replace(
            original.incident, title=title or f"{original.incident.title} (copy)", created_at=None,
            internal_report_shared_at=None, public_report_shared_at=None, archived=False, version=1,
        )
        return self.add_retro(original, new_ids=True)

    def delete_retro(self, incident_id: str) -> Retro:
        """Delete a retro; returns what was deleted so it can be restored with ``add_retro``.

        In team mode its private notes go from the local file too; a note about someone a
        teammate removed (never shown) is not returned, so restoring the retro cannot fail on it.
        """
        with self._local_notes(writes=True) as notes, self._transaction(writes=True) as conn:
            retro = rows.load_retro(conn, incident_id, kinds=self._shared_kinds, lock=True)
            if retro is None:
                raise self._missing(incident_id)
            # Child rows and search documents go with it (ON DELETE CASCADE).
            conn.execute(delete(m.incidents).where(m.incidents.c.id == incident_id))
            if notes is not None:
                retro.private_notes.update(shown(notes.delete(incident_id), retro))
        return retro

    # -- edits ------------------------------------------------------------------------------

    def apply(self, incident_id: str, expected_version: int, edit: Edit) -> Changes:
        """Apply one edit in one transaction, or refuse it whole.

        Refuses with :class:`~retro.domain.StaleEditError` when the stored version is not
        ``expected_version`` (someone else edited), :class:`~retro.domain.ValidationError` for
        bad values, :class:`~retro.domain.RuleViolation` for broken rules (leader speaks first).
        Cascades: removing a factor removes its arrows, its evidence and its mention in actions;
        removing an event removes its evidence; removing an impact removes arrows into it;
        removing a participant removes their statements and notes. Fills in statement ``order``
        (when 0) and ``recorded_at`` (when None), and action ``completed_at``. Bumps the version,
        except in team mode for an edit of private notes only (nothing shared changes).

        Team mode: when the local notes file fails to commit after the shared database did,
        raises :class:`~retro.services.private_notes.NotesNotSaved` carrying the committed shared
        part and its new version (a plain :class:`StorageError` when nothing shared was written).
        """
        if self._notes is None:
            with self._transaction(writes=True) as conn:
                wait_for_retro(conn, incident_id, self.waiting)
                return apply_edit(conn, incident_id, expected_version, edit)
        committed: Changes | None = None
        try:
            with self._notes.transaction(writes=True) as notes:
                with self._transaction(writes=True) as conn:
                    wait_for_retro(conn, incident_id, self.waiting)
                    changes = apply_edit(conn, incident_id, expected_version, edit, notes)
                committed = changes  # in the shared database now; the notes file commits next
        except StorageError as exc:
            if committed is None or committed.version == expected_version:
                raise  # nothing shared was written: nothing was saved anywhere
            raise NotesNotSaved(shared_part(committed), exc) from exc
        return changes

    def update_incident(self, incident: Incident, expected_version: int) -> Changes:
        """Shorthand for ``apply(incident.id, expected_version, Edit(incident=incident))``."""
        return self.apply(incident.id, expected_version, Edit(incident=incident))

    def incident_header(self, incident_id: str) -> Incident:
        """The retro's incident row as stored (title, flags, version): nothing else of it is read.
        Raises :class:`~retro.domain.NotFound`."""
        with self._transaction() as conn:
            incident = rows.load_incident(conn, incident_id)
        if incident is None:
            raise self._missing(incident_id)
        return incident

    def stored_action(self, incident_id: str, action_id: str) -> ActionItem | None:
        """One action as stored, with the contributing factors it addresses; ``None`` when removed."""
        with self._transaction() as conn:
            found = rows.load_kind(conn, ActionItem.__name__, incident_id, keys=[action_id])
        action = found.get(action_id)
        return action if isinstance(action, ActionItem) else None

    def current_version(self, incident_id: str) -> int:
        with self._transaction() as conn:
            version = conn.execute(
                select(m.incidents.c.version).where(m.incidents.c.id == incident_id)
            ).scalar_one_or_none()
        if version is None:
            raise self._missing(incident_id)
        return int(version)
