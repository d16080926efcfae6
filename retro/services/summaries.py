"""Read-only views the library and follow-through screens list (plain values, no ORM)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from ..domain.enums import IncidentStatus, Severity
from ..domain.report_deadlines import INTERNAL_REPORT_DUE, PUBLIC_REPORT_DUE
from ..domain.time_range import shifted

if TYPE_CHECKING:
    from ..domain import ActionItem
    from ..domain.snippets import Snippet


class ReportState(StrEnum):
    """Where a postmortem report stands against its due time."""

    NOT_YET = "not_yet"  # the incident is not resolved, so nothing is due yet
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"not_yet": "Not due yet", "due": "Due", "overdue": "Overdue", "done": "Done"}[self.value]


@dataclass(frozen=True, slots=True)
class RetroSummary:
    """One line of the library."""

    id: str
    title: str
    severity: Severity
    status: IncidentStatus
    started_at: datetime | None
    resolved_at: datetime | None
    created_at: datetime | None
    internal_report: ReportState
    public_report: ReportState
    internal_due: datetime | None
    public_due: datetime | None
    open_actions: int
    overdue_actions: int
    archived: bool
    version: int
    services: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OpenAction:
    """An action item that is not closed yet, with the retro it came from (follow-through)."""

    incident_id: str
    incident_title: str
    severity: Severity
    action: ActionItem
    overdue: bool


def local_date(now: datetime) -> date:
    """The date on this machine's calendar at ``now``: what "overdue" and default due dates go by."""
    return now.astimezone().date()


def report_state(due: datetime | None, shared_at: datetime | None, now: datetime) -> ReportState:
    """Where one postmortem stands: done once shared, else due / overdue from resolution."""
    if shared_at is not None:
        return ReportState.DONE
    if due is None:
        return ReportState.NOT_YET
    return ReportState.OVERDUE if now > due else ReportState.DUE


def summarise(
    *,
    id: str,
    title: str,
    severity: str,
    status: str,
    started_at: datetime | None,
    resolved_at: datetime | None,
    created_at: datetime | None,
    internal_report_shared_at: datetime | None,
    public_report_shared_at: datetime | None,
    archived: bool,
    version: int,
    services: tuple[str, ...],
    tags: tuple[str, ...],
    open_actions: int,
    overdue_actions: int,
    now: datetime,
) -> RetroSummary:
    """One library line from an incident row's values and its action counts (any reader)."""
    # The same rule as domain.lifecycle.internal_report_due / public_report_due, without
    # building an Incident per line (10,000 lines in a big library).
    # shifted(): a resolution an older version stored near year 9999 has no due date, not a crash.
    internal_due = shifted(resolved_at, INTERNAL_REPORT_DUE) if resolved_at else None
    public_due = shifted(resolved_at, PUBLIC_REPORT_DUE) if resolved_at else None
    return RetroSummary(
        id=id, title=title, severity=Severity(severity), status=IncidentStatus(status),
        started_at=started_at, resolved_at=resolved_at, created_at=created_at,
        internal_report=report_state(internal_due, internal_report_shared_at, now),
        public_report=report_state(public_due, public_report_shared_at, now),
        internal_due=internal_due, public_due=public_due,
        open_actions=int(open_actions), overdue_actions=int(overdue_actions or 0),
        archived=bool(archived), version=int(version), services=tuple(services), tags=tuple(tags),
    )


class LibrarySort(StrEnum):
    """What the library list is ordered by (each column it shows, and a search's relevance)."""

    #: A search's best matches first (newest first without a search, and for a search whose every word
    #: is in more than half of the retros: such a word does not rank, see storage.search.ranked_hits).
    RELEVANCE = "relevance"
    TITLE = "title"
    SEVERITY = "severity"
    STATUS = "status"
    DATE = "date"  # the incident's date: started, else resolved, else created
    INTERNAL_REPORT = "internal_report"
    PUBLIC_REPORT = "public_report"
    OPEN_ACTIONS = "open_actions"


@dataclass(frozen=True, slots=True)
class LibraryQuery:
    """Which retros the list shows, and in what order."""

    text: str = ""
    severity: Severity | None = None
    status: IncidentStatus | None = None
    include_archived: bool = False
    sort: LibrarySort = LibrarySort.DATE
    descending: bool = True


@dataclass(frozen=True, slots=True)
class LibraryPage:
    """One page of the list, where it starts, the whole list's length, and search snippets."""

    rows: tuple[RetroSummary, ...]
    offset: int
    total: int
    snippets: dict[str, Snippet] = field(default_factory=dict)
