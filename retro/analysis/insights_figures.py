"""The shapes of the insights: the facts they are computed from and the figures they give.

Shared by :mod:`retro.analysis.insights` (the computations), :mod:`retro.analysis.insights_factors`
(the contributing-factor figure), :mod:`retro.analysis.insights_text` (words and JSON) and the
store's counted insights, so none of them needs another's code to name a figure.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from ..domain import ActionStatus, FactorCategory, Severity

NO_SERVICE = "(no service)"
TOP_FACTORS = 10


class Period(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


@dataclass(frozen=True, slots=True)
class IncidentFacts:
    id: str
    title: str
    severity: Severity
    services: tuple[str, ...] = ()
    started_at: datetime | None = None
    detected_at: datetime | None = None
    mitigated_at: datetime | None = None
    resolved_at: datetime | None = None
    internal_report_shared_at: datetime | None = None
    public_report_shared_at: datetime | None = None
    created_at: datetime | None = None

    @property
    def when(self) -> datetime | None:
        """When the incident happened, for periods and ``since``: started, else detected,
        else resolved, else when the retro was created."""
        return self.started_at or self.detected_at or self.resolved_at or self.created_at


@dataclass(frozen=True, slots=True)
class ActionFacts:
    incident_id: str
    status: ActionStatus
    due: date | None = None
    completed_at: datetime | None = None
    status_reason: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class FactorFacts:
    incident_id: str
    category: FactorCategory
    title: str
    factor_id: str = ""


@dataclass(frozen=True, slots=True)
class Basis:
    """What a figure rests on: ``incidents`` used, ``left_out`` and why (reason → count)."""

    incidents: int
    left_out: int = 0
    reasons: tuple[tuple[str, int], ...] = ()

    def text(self) -> str:
        said = f"rests on {self.incidents:,} incident{'s' if self.incidents != 1 else ''}"
        if self.left_out:
            why = "; ".join(f"{n:,} {reason}" for reason, n in self.reasons)
            said += f"; {self.left_out:,} left out ({why})"
        return said


def _basis(used: int, missing: Counter[str]) -> Basis:
    return Basis(used, sum(missing.values()), tuple(sorted(missing.items(), key=lambda kv: (-kv[1], kv[0]))))


@dataclass(frozen=True, slots=True)
class PeriodValue:
    period: str
    median: timedelta
    incidents: int


class IncidentDuration(NamedTuple):
    """One incident's duration (a named tuple: a library of 10,000 builds 30,000 of them)."""

    incident_id: str
    title: str
    value: timedelta


@dataclass(frozen=True, slots=True)
class DurationFigure:
    """One of time to detect / mitigate / resolve: per incident, by period, overall median."""

    name: str
    per_incident: tuple[IncidentDuration, ...]
    by_period: tuple[PeriodValue, ...]
    median: timedelta | None
    basis: Basis


@dataclass(frozen=True, slots=True)
class CountFigure:
    """Incidents counted by a property (severity, service)."""

    name: str
    counts: tuple[tuple[str, int], ...]
    basis: Basis


class ActionOutcome(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    DONE_UNDATED = "done_undated"  # done, but no due date or completion time to compare
    OPEN_PAST_DUE = "open_past_due"
    OPEN_ON_TRACK = "open_on_track"  # open, not yet due (or no due date)
    WONT_DO = "wont_do"

    @property
    def label(self) -> str:
        return {"done_on_time": "Done on time", "done_late": "Done late", "done_undated": "Done (no due date)",
                "open_past_due": "Open past due", "open_on_track": "Open, not yet due",
                "wont_do": "Won't do"}[self.value]


@dataclass(frozen=True, slots=True)
class ActionFigure:
    counts: tuple[tuple[ActionOutcome, int], ...]
    wont_do_reasons: tuple[tuple[str, int], ...]
    actions: int
    basis: Basis

    def count(self, outcome: ActionOutcome) -> int:
        return dict(self.counts).get(outcome, 0)


class ReportOutcome(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"  # not shared and past the goal
    NOT_YET_DUE = "not_yet_due"

    @property
    def label(self) -> str:
        return {"on_time": "Shared on time", "late": "Shared late", "overdue": "Not shared, past due",
                "not_yet_due": "Not shared, not yet due"}[self.value]


@dataclass(frozen=True, slots=True)
class ReportFigure:
    """Resolution → report shared, against the goal (24 h internal, 72 h public)."""

    name: str
    goal: timedelta
    counts: tuple[tuple[ReportOutcome, int], ...]
    median: timedelta | None  # of the shared ones
    basis: Basis

    def count(self, outcome: ReportOutcome) -> int:
        return dict(self.counts).get(outcome, 0)


@dataclass(frozen=True, slots=True)
class RecurringTheme:
    category: FactorCategory
    title: str
    incidents: int


@dataclass(frozen=True, slots=True)
class FactorFigure:
    top_factors: tuple[RecurringTheme, ...]
    categories: tuple[tuple[FactorCategory, int, int], ...]  # (category, factors, incidents)
    basis: Basis


@dataclass(frozen=True, slots=True)
class Insights:
    incidents: int
    period: Period
    since: date | None
    service: str | None
    detect: DurationFigure
    mitigate: DurationFigure
    resolve: DurationFigure
    by_severity: CountFigure
    by_service: CountFigure
    actions: ActionFigure
    internal_report: ReportFigure
    public_report: ReportFigure
    factors: FactorFigure
    now: datetime = field(compare=False, default=datetime.min)

    @property
    def durations(self) -> tuple[DurationFigure, DurationFigure, DurationFigure]:
        return (self.detect, self.mitigate, self.resolve)
