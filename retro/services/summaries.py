"""Read-only views the library and follow-through screens list (plain values, no ORM)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ..domain import ActionItem, IncidentStatus, Severity


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
