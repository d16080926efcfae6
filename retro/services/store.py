"""The one door to stored retrospectives: every query and every edit goes through :class:`RetroStore`.

Each method is one unit of work (one transaction). Edits return a :class:`~retro.domain.Changes`
value saying exactly what changed; the app folds it into its in-memory :class:`~retro.domain.Retro`
and refreshes only what changed. Nothing here imports Qt.

INTERFACE CONTRACT (implemented by the storage work; callers rely on these signatures):
"""

from __future__ import annotations

from datetime import date, datetime

from ..domain import Changes, Edit, Incident, Retro, Severity
from .summaries import OpenAction, RetroSummary


class RetroStore:
    """Stored retrospectives in one database (SQLite file or PostgreSQL URL)."""

    def __init__(self, url: str, *, upgrade: bool = True) -> None:
        """Open the database at ``url`` (a SQLAlchemy URL).

        SQLite: created when missing, upgraded to the newest schema after a backup copy when
        ``upgrade``. PostgreSQL: never upgraded here; :class:`~retro.storage.errors.SchemaError`
        says what to run when it is not at the newest schema. A database from a newer app is
        refused with :class:`SchemaError`. An unreadable file gives :class:`StorageError`.
        """
        raise NotImplementedError

    @property
    def url(self) -> str:
        """The database URL with any password masked, for showing to a person."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # -- the library -------------------------------------------------------------------------

    def list_retros(self, *, text: str = "", include_archived: bool = False,
                    now: datetime | None = None) -> list[RetroSummary]:
        """Retros newest first; ``text`` filters by full-text search over everything written."""
        raise NotImplementedError

    def load(self, incident_id: str) -> Retro:
        """The whole retro. Raises :class:`~retro.domain.NotFound`."""
        raise NotImplementedError

    def open_actions(self, *, today: date | None = None) -> list[OpenAction]:
        """Every open / in-progress action across retros, overdue first (follow-through)."""
        raise NotImplementedError

    # -- whole retros ------------------------------------------------------------------------

    def create_retro(self, title: str, severity: Severity = Severity.SEV3, *,
                     timezone: str = "UTC") -> Retro:
        """A new draft retro with one impact node; returns it as stored."""
        raise NotImplementedError

    def add_retro(self, retro: Retro, *, new_ids: bool = True) -> str:
        """Store a complete retro (JSON load, demo, duplicate, undo of delete) in one transaction.

        With ``new_ids`` every entity gets a fresh id (references remapped) so the same document
        can be loaded twice; without, ids are kept (undo of delete). Validates everything and
        the leader-first rule first; writes nothing when anything is wrong. Returns the id.
        """
        raise NotImplementedError

    def duplicate_retro(self, incident_id: str, *, title: str | None = None) -> str:
        raise NotImplementedError

    def delete_retro(self, incident_id: str) -> Retro:
        """Delete a retro; returns what was deleted so it can be restored with ``add_retro``."""
        raise NotImplementedError

    # -- edits ------------------------------------------------------------------------------

    def apply(self, incident_id: str, expected_version: int, edit: Edit) -> Changes:
        """Apply one edit in one transaction, or refuse it whole.

        Refuses with :class:`~retro.domain.StaleEditError` when the stored version is not
        ``expected_version`` (someone else edited), :class:`~retro.domain.ValidationError` for
        bad values, :class:`~retro.domain.RuleViolation` for broken rules (leader speaks first).
        Cascades: removing a factor removes its arrows, its evidence and its mention in actions;
        removing an event removes its evidence; removing an impact removes arrows into it;
        removing a participant removes their statements and notes. Fills in statement ``order``
        (when 0) and ``recorded_at`` (when None), and action ``completed_at``. Bumps the version.
        """
        raise NotImplementedError

    def update_incident(self, incident: Incident, expected_version: int) -> Changes:
        """Shorthand for ``apply(incident.id, expected_version, Edit(incident=incident))``."""
        return self.apply(incident.id, expected_version, Edit(incident=incident))

    def current_version(self, incident_id: str) -> int:
        raise NotImplementedError
