"""The library's follow-through view, read by the database: group headings with their counts from
one grouped query, and each group's actions a page at a time (overdue first).

Groups are by due state, owner, service or severity (:class:`~retro.domain.follow_through.GroupBy`)
and hold the open and in-progress actions of retros not archived. Owners and services that differ
only in case or spacing are one group, named by the most common spelling (ties: alphabetically
first); an action of a retro with several services is under each. Inside a group: overdue, due
this week, later, no due date; then earliest due, highest priority, then by retro and action id
(:func:`page_key`), so a page boundary is the same whoever reads it. The same groups as
:func:`retro.domain.follow_through.group_records` (tests compare the two).

Cost: one grouped query over the open actions (a few hundred rows come back: the distinct raw
owners, service lists or severities per due state) and ``LIMIT``-ed pages; never the whole list.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Text, case, false, func, literal, select, type_coerce
from sqlalchemy.sql.elements import ColumnElement

from ..domain import ActionStatus, Severity
from ..domain.follow_through import (
    DUE_SOON_DAYS,
    NO_OWNER,
    NO_SERVICE,
    OPEN_STATUSES,
    ActionRecord,
    DueState,
    GroupBy,
    due_state,
)
from ..storage import models as m
from ..storage.mapping import action_from_row

_PRIORITY = {"high": 0, "medium": 1, "low": 2}
_OPEN_STATES = (DueState.OVERDUE, DueState.THIS_WEEK, DueState.LATER, DueState.NO_DATE)


@dataclass(frozen=True, slots=True)
class FollowGroup:
    """A heading of the follow-through view: its name, how many actions in each due state, and
    the stored values it stands for (raw owners, service lists, severities or due states)."""

    by: GroupBy
    title: str
    counts: tuple[tuple[DueState, int], ...]
    values: tuple[str, ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def count(self, state: DueState) -> int:
        return dict(self.counts).get(state, 0)

    @property
    def worst(self) -> int:
        return min((s.rank for s, n in self.counts if n), default=len(DueState))


def page_key(record: ActionRecord, today: date) -> tuple[Any, ...]:
    """The order of actions inside a group (what the database sorts pages by)."""
    a = record.action
    return (due_state(a, today).rank, a.due or date.max, _PRIORITY.get(a.priority.value, 9), record.incident_id, a.id)


def _spelling(counts: Counter[str]) -> str:
    return min(counts, key=lambda s: (-counts[s], s))


def _state(today: date) -> ColumnElement[Any]:
    act = m.action_items
    return case(
        (act.c.due.is_(None), DueState.NO_DATE.value),
        (act.c.due < today, DueState.OVERDUE.value),
        (act.c.due <= today + timedelta(days=DUE_SOON_DAYS), DueState.THIS_WEEK.value),
        else_=DueState.LATER.value,
    )


def _open() -> list[ColumnElement[bool]]:
    act, inc = m.action_items, m.incidents
    return [act.c.status.in_(sorted(s.value for s in OPEN_STATUSES)), inc.c.archived.is_(False)]


def _raw_column(by: GroupBy, today: date) -> Any:
    act, inc = m.action_items, m.incidents
    if by is GroupBy.OWNER:
        return act.c.owner
    if by is GroupBy.SERVICE:
        return type_coerce(inc.c.services, Text)
    if by is GroupBy.SEVERITY:
        return inc.c.severity
    return _state(today)


def _names(by: GroupBy, raw: str | None) -> list[str]:
    """The group names one stored value belongs to (a service list to each of its services)."""
    if by is GroupBy.OWNER:
        return [" ".join((raw or "").split()) or NO_OWNER]
    if by is GroupBy.SERVICE:
        found = list(dict.fromkeys(s.strip() for s in (json.loads(raw) if raw else ()) if s.strip()))
        return found or [NO_SERVICE]
    if by is GroupBy.SEVERITY:
        return [Severity(raw or "").label]
    return [DueState(raw or "").label]


def follow_groups(conn: Connection, by: GroupBy, today: date) -> list[FollowGroup]:
    """Every heading with its counts: overdue groups first (see :func:`group_records`)."""
    act, inc = m.action_items, m.incidents
    raw, state = _raw_column(by, today), _state(today)
    counts: dict[str, Counter[DueState]] = defaultdict(Counter)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    values: dict[str, set[str]] = defaultdict(set)
    query = (select(raw, state, func.count()).select_from(act.join(inc, inc.c.id == act.c.incident_id))
             .where(*_open()).group_by(raw, state))
    for value, st, n in conn.execute(query):
        for name in _names(by, value):
            key = name.casefold()
            counts[key][DueState(st)] += int(n)
            spellings[key][name] += int(n)
            values[key].add(value if value is not None else "")
    groups = [FollowGroup(by, _spelling(spellings[k]), tuple((s, counts[k][s]) for s in _OPEN_STATES if counts[k][s]),
                          tuple(sorted(values[k]))) for k in counts]
    if by is GroupBy.DUE_STATE:
        groups.sort(key=lambda g: g.worst)
    elif by is GroupBy.SEVERITY:
        order = {s.label: s.value for s in Severity}
        groups.sort(key=lambda g: order[g.title])
    else:
        groups.sort(key=lambda g: (g.worst, g.title in (NO_OWNER, NO_SERVICE), g.title.casefold()))
    return groups


def group_page(conn: Connection, group: FollowGroup, today: date, *, offset: int = 0,
               limit: int | None = None) -> list[ActionRecord]:
    """One page of a group's actions in :func:`page_key` order."""
    act, inc = m.action_items, m.incidents
    raw = _raw_column(group.by, today)
    stored = [v for v in group.values]
    matches: ColumnElement[bool]
    if group.by is GroupBy.OWNER and "" in stored:
        matches = raw.in_(stored) | raw.is_(None)
    else:
        matches = raw.in_(stored) if stored else false()
    rank = case(*((_state(today) == s.value, literal(s.rank)) for s in _OPEN_STATES), else_=literal(9))
    priority = case(*((act.c.priority == p, literal(r)) for p, r in _PRIORITY.items()), else_=literal(9))
    query = (
        select(act, inc.c.title.label("incident_title"), inc.c.severity.label("incident_severity"),
               inc.c.services.label("incident_services"), inc.c.version.label("incident_version"),
               inc.c.resolved_at.label("incident_resolved_at"))
        .join(inc, inc.c.id == act.c.incident_id).where(*_open(), matches)
        .order_by(rank, act.c.due, priority, act.c.incident_id, act.c.id)  # NULL due only in "no due date"
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    return [ActionRecord(incident_id=r.incident_id, incident_title=r.incident_title,
                         severity=Severity(r.incident_severity), services=tuple(r.incident_services or ()),
                         incident_version=int(r.incident_version), action=action_from_row(r),
                         resolved_at=r.incident_resolved_at)
            for r in conn.execute(query)]


def reference_groups(records: Sequence[ActionRecord], by: GroupBy,
                     today: date) -> list[tuple[str, tuple[tuple[DueState, int], ...], list[ActionRecord]]]:
    """The same groups computed from every record (for tests and small lists): name, counts, rows."""
    from ..domain.follow_through import group_records

    out = []
    for g in group_records([r for r in records if r.action.status in OPEN_STATUSES], by, today):
        states = Counter(due_state(r.action, today) for r in g.records)
        out.append((g.title, tuple((s, states[s]) for s in _OPEN_STATES if states[s]),
                    sorted(g.records, key=lambda r: page_key(r, today))))
    return out


__all__ = ["ActionStatus", "FollowGroup", "follow_groups", "group_page", "page_key", "reference_groups"]
