"""Lifecycle times and what derives from them: durations, report due times, action due dates.

A duration whose two ends are out of order is never shown as a negative number: it comes back
as a :class:`Duration` with a ``problem`` explaining which times to check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from operator import attrgetter
from typing import TYPE_CHECKING

from .enums import Severity
from .report_deadlines import INTERNAL_REPORT_DUE, PUBLIC_REPORT_DUE
from .time_range import shifted, shifted_date

if TYPE_CHECKING:  # annotations only: the due-date rules load without the entities
    from .entities import Incident, TimelineEvent

LIFECYCLE_FIELDS: tuple[tuple[str, str], ...] = (
    ("started_at", "Started"),
    ("detected_at", "Detected"),
    ("declared_at", "Declared"),
    ("mitigated_at", "Mitigated"),
    ("resolved_at", "Resolved"),
)


#: Days until an action item is due, by severity (PagerDuty: ~15 for the worst, 30 next;
#: Atlassian: 4–8 weeks).
ACTION_DUE_DAYS: dict[Severity, int] = {
    Severity.SEV1: 15,
    Severity.SEV2: 30,
    Severity.SEV3: 42,
    Severity.SEV4: 56,
}


@dataclass(frozen=True, slots=True)
class Duration:
    """A derived duration, or the reason it cannot be given."""

    name: str
    value: timedelta | None = None
    problem: str = ""

    @property
    def known(self) -> bool:
        return self.value is not None

    def text(self) -> str:
        """Human text: ``1 h 05 min``, ``not set`` or the problem."""
        if self.value is not None:
            return format_timedelta(self.value)
        return self.problem or "not set"


def format_timedelta(delta: timedelta) -> str:
    """``2 d 3 h``, ``1 h 05 min``, ``12 min``, ``40 s``: compact, never negative."""
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return f"{max(seconds, 0)} s"
    minutes, _ = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"


def _label(field: str) -> str:
    return dict(LIFECYCLE_FIELDS)[field]


def _between(incident: Incident, name: str, start: str, end: str) -> Duration:
    a: datetime | None = getattr(incident, start)
    b: datetime | None = getattr(incident, end)
    if a is None or b is None:
        missing = " and ".join(_label(f).lower() for f, v in ((start, a), (end, b)) if v is None)
        return Duration(name, problem=f"needs the {missing} time")
    if b < a:
        return Duration(
            name,
            problem=f"{_label(end)} is before {_label(start)}: check both times",
        )
    return Duration(name, value=b - a)


def time_to_detect(incident: Incident) -> Duration:
    return _between(incident, "Time to detect", "started_at", "detected_at")


def time_to_declare(incident: Incident) -> Duration:
    return _between(incident, "Time to declare", "detected_at", "declared_at")


def time_to_mitigate(incident: Incident) -> Duration:
    return _between(incident, "Time to mitigate", "started_at", "mitigated_at")


def time_to_resolve(incident: Incident) -> Duration:
    return _between(incident, "Time to resolve", "started_at", "resolved_at")


def key_durations(incident: Incident) -> list[Duration]:
    """The four derived durations, in the order reports and screens show them."""
    return [
        time_to_detect(incident),
        time_to_declare(incident),
        time_to_mitigate(incident),
        time_to_resolve(incident),
    ]


def lifecycle_problems(incident: Incident) -> list[tuple[str, str]]:
    """``(field, message)`` for every pair of lifecycle times that are out of order."""
    present = [(f, getattr(incident, f)) for f, _ in LIFECYCLE_FIELDS if getattr(incident, f) is not None]
    problems: list[tuple[str, str]] = []
    for i, (field, value) in enumerate(present):
        for earlier_field, earlier_value in present[:i]:
            if value < earlier_value:
                problems.append(
                    (
                        field,
                        f"{_label(field)} ({value:%Y-%m-%d %H:%M} UTC) is before "
                        f"{_label(earlier_field).lower()} ({earlier_value:%Y-%m-%d %H:%M} UTC)",
                    )
                )
                break
    return problems


@dataclass(frozen=True, slots=True)
class SilentGap:
    """A stretch of the timeline with no recorded event."""

    after: TimelineEvent
    before: TimelineEvent

    @property
    def length(self) -> timedelta:
        return self.before.at - self.after.at


SILENT_GAP_MINIMUM = timedelta(minutes=30)


def silent_gap_threshold(incident: Incident) -> timedelta:
    """How long a silence is worth asking about: 30 minutes, or 1/12 of a long incident."""
    if incident.started_at and incident.resolved_at and incident.resolved_at > incident.started_at:
        return max(SILENT_GAP_MINIMUM, (incident.resolved_at - incident.started_at) / 12)
    return SILENT_GAP_MINIMUM


def silent_gaps(events: list[TimelineEvent], threshold: timedelta = timedelta(minutes=20), *,
                ordered: bool = False) -> list[SilentGap]:
    """Consecutive events (in time order) further apart than ``threshold``; ``ordered``: ``events`` are
    in time order already (the Timeline's model keeps them so), not sorted again."""
    if not ordered:
        events = sorted(events, key=attrgetter("at", "id"))  # TimelineEvent.sort_key, read in C
    return [SilentGap(a, b) for a, b in pairwise(events) if b.at - a.at > threshold]


def internal_report_due(incident: Incident) -> datetime | None:
    """The internal postmortem is due 24 hours after resolution."""
    return shifted(incident.resolved_at, INTERNAL_REPORT_DUE) if incident.resolved_at else None


def public_report_due(incident: Incident) -> datetime | None:
    """The public postmortem is due 72 hours after resolution."""
    return shifted(incident.resolved_at, PUBLIC_REPORT_DUE) if incident.resolved_at else None


def default_action_due(severity: Severity, today: date) -> date:
    """The due date an action item gets by default, from the incident's severity."""
    return shifted_date(today, timedelta(days=ACTION_DUE_DAYS[severity])) or today
