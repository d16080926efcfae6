"""Follow-through between meetings: each action item with where it stands against its due date.

Plain values (no storage, no Qt): :class:`ActionRecord` is one action with the retro it came
from; :func:`due_state` says whether it is overdue, due this week, later, undated or closed;
:func:`group_records` orders and groups them the way the next meeting wants to see them —
overdue first, then due this week.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from .entities import ActionItem
from .enums import ActionStatus, Severity

OPEN_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
DUE_SOON_DAYS = 7


class DueState(StrEnum):
    OVERDUE = "overdue"
    THIS_WEEK = "this_week"
    LATER = "later"
    NO_DATE = "no_date"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"overdue": "Overdue", "this_week": "Due this week", "later": "Due later",
                "no_date": "No due date", "closed": "Done or won't do"}[self.value]

    @property
    def rank(self) -> int:
        return list(DueState).index(self)


@dataclass(frozen=True, slots=True)
class ActionRecord:
    """One action item with the retro it belongs to, as follow-through, CSV and calendars need it."""

    incident_id: str
    incident_title: str
    severity: Severity
    services: tuple[str, ...]
    incident_version: int
    action: ActionItem
    factor_titles: tuple[str, ...] = ()
    resolved_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.action.status in OPEN_STATUSES


def due_state(action: ActionItem, today: date) -> DueState:
    """Overdue (due before ``today``), due this week (today to 7 days on), later, undated, or closed."""
    if action.status not in OPEN_STATUSES:
        return DueState.CLOSED
    if action.due is None:
        return DueState.NO_DATE
    if action.due < today:
        return DueState.OVERDUE
    if action.due <= today + timedelta(days=DUE_SOON_DAYS):
        return DueState.THIS_WEEK
    return DueState.LATER


_PRIORITY = {"high": 0, "medium": 1, "low": 2}


def follow_through_order(records: Iterable[ActionRecord], today: date) -> list[ActionRecord]:
    """Overdue first, then due this week, later, undated, closed; earliest due and highest priority
    first inside each."""
    return sorted(records, key=lambda r: (
        due_state(r.action, today).rank, r.action.due or date.max, _PRIORITY.get(r.action.priority.value, 9),
        r.action.title.casefold(), r.incident_id, r.action.id,
    ))


#: How many open actions the review at a meeting's start lists (the rest are counted).
REVIEW_SHOWN = 6


@dataclass(frozen=True, slots=True)
class EarlierReview:
    """The review at the start of a meeting: how many open actions earlier retros like this one
    still owe (from how many retros, how many overdue), and the first :data:`REVIEW_SHOWN` of
    them in :func:`follow_through_order` — what the panel shows, never the whole list."""

    total: int = 0
    incidents: int = 0
    overdue: int = 0
    first: tuple[ActionRecord, ...] = ()

    @classmethod
    def of(cls, records: Iterable[ActionRecord], today: date, shown: int = REVIEW_SHOWN) -> EarlierReview:
        """The review of every one of ``records`` (open ones): the reference the store's read equals."""
        ordered = follow_through_order(records, today)
        return cls(len(ordered), len({r.incident_id for r in ordered}),
                   sum(due_state(r.action, today) is DueState.OVERDUE for r in ordered), tuple(ordered[:shown]))


class GroupBy(StrEnum):
    DUE_STATE = "due_state"
    OWNER = "owner"
    SERVICE = "service"
    SEVERITY = "severity"

    @property
    def label(self) -> str:
        return {"due_state": "Due state", "owner": "Owner", "service": "Service",
                "severity": "Severity"}[self.value]


@dataclass(frozen=True, slots=True)
class ActionGroup:
    """A heading in the follow-through view and the actions under it (already in order)."""

    title: str
    records: tuple[ActionRecord, ...]

    def count(self, state: DueState, today: date) -> int:
        return sum(due_state(r.action, today) is state for r in self.records)


NO_OWNER = "(no owner)"
NO_SERVICE = "(no service)"


def group_records(records: Sequence[ActionRecord], by: GroupBy, today: date) -> list[ActionGroup]:
    """Groups for the follow-through view. Inside each group: overdue first, then due this week.
    Groups with overdue actions come first, then by name (severity: worst first; due state in
    its own order). An action of a retro with several services is listed under each service."""
    ordered = follow_through_order(records, today)
    keys: Callable[[ActionRecord], list[str]]
    if by is GroupBy.DUE_STATE:
        keys = lambda r: [due_state(r.action, today).label]  # noqa: E731
    elif by is GroupBy.OWNER:
        keys = lambda r: [" ".join(r.action.owner.split()) or NO_OWNER]  # noqa: E731
    elif by is GroupBy.SERVICE:
        keys = lambda r: list(dict.fromkeys(s.strip() for s in r.services if s.strip())) or [NO_SERVICE]  # noqa: E731
    else:
        keys = lambda r: [r.severity.label]  # noqa: E731
    grouped: dict[str, list[ActionRecord]] = {}
    spellings: dict[str, dict[str, int]] = {}
    for record in ordered:
        for key in keys(record):
            folded = key.casefold()  # "Sam" and "sam" are one owner
            grouped.setdefault(folded, []).append(record)
            seen = spellings.setdefault(folded, {})
            seen[key] = seen.get(key, 0) + 1
    # Named by the most common spelling (ties: alphabetically first), whatever order the rows came in.
    groups = [ActionGroup(_most_common(spellings[k]), tuple(items)) for k, items in grouped.items()]

    def worst(group: ActionGroup) -> int:
        return min(due_state(r.action, today).rank for r in group.records)

    if by is GroupBy.DUE_STATE:
        groups.sort(key=worst)
    elif by is GroupBy.SEVERITY:
        groups.sort(key=lambda g: g.records[0].severity.value)
    else:
        groups.sort(key=lambda g: (worst(g), g.title in (NO_OWNER, NO_SERVICE), g.title.casefold()))
    return groups


def _most_common(spellings: dict[str, int]) -> str:
    """The spelling seen most often (ties: alphabetically first)."""
    return min(spellings, key=lambda s: (-spellings[s], s))
