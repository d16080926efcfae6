"""The facts insights are computed from, read in three narrow queries (no retro loaded whole).

Only the columns the figures need are read: incidents' times, severity and services; action
items' status, due date and completion; contributing factors' category and title. The
``since`` and ``service`` choices are applied to the incidents; the other two queries read the
actions and factors of all non-archived incidents and are matched to the chosen ones in memory
(cheaper than an ``IN`` list of thousands of ids).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Date, and_, case, cast, func, or_, select

from ..analysis.insights import (
    ActionFacts,
    ActionFigure,
    ActionOutcome,
    FactorFacts,
    IncidentFacts,
    Insights,
    Period,
    action_figure,
    compute_insights,
    select_incidents,
)
from ..domain import ActionStatus, FactorCategory, Severity
from ..storage import models as m


def incident_facts(conn: Connection, *, include_archived: bool = False) -> list[IncidentFacts]:
    inc = m.incidents
    query = select(inc.c.id, inc.c.title, inc.c.severity, inc.c.services, inc.c.started_at, inc.c.detected_at,
                   inc.c.mitigated_at, inc.c.resolved_at, inc.c.internal_report_shared_at,
                   inc.c.public_report_shared_at, inc.c.created_at)
    if not include_archived:
        query = query.where(inc.c.archived.is_(False))
    severities = {s.value: s for s in Severity}
    return [IncidentFacts(r[0], r[1], severities[r[2]], tuple(r[3] or ()), *r[4:]) for r in conn.execute(query).all()]


def action_facts(conn: Connection) -> list[ActionFacts]:
    act = m.action_items
    statuses = {s.value: s for s in ActionStatus}
    rows = conn.execute(select(act.c.incident_id, act.c.status, act.c.due, act.c.completed_at, act.c.status_reason))
    return [ActionFacts(r[0], statuses[r[1]], r[2], r[3], r[4]) for r in rows]


def factor_facts(conn: Connection) -> list[FactorFacts]:
    fac = m.factors
    categories = {c.value: c for c in FactorCategory}
    return [FactorFacts(r[0], categories[r[1]], r[2])
            for r in conn.execute(select(fac.c.incident_id, fac.c.category, fac.c.title)).all()]


def _completed_date(conn: Connection, column: Any) -> Any:
    """The UTC calendar date of a stored UTC time, in SQL (the same as ``value.date()`` in Python)."""
    if conn.dialect.name == "postgresql":
        return cast(func.timezone("UTC", column), Date)
    return func.date(column)  # SQLite keeps UTC as ISO text


def counted_action_figure(conn: Connection, chosen: list[IncidentFacts], today: date) -> ActionFigure:
    """The action figure for the ``chosen`` incidents, counted by the database: one row per
    outcome (and one per won't-do reason), whatever the size of the library."""
    act, inc = m.action_items, m.incidents
    done, wont = ActionStatus.DONE.value, ActionStatus.WONT_DO.value
    outcome = case(
        (act.c.status == wont, ActionOutcome.WONT_DO.value),
        (and_(act.c.status == done, or_(act.c.due.is_(None), act.c.completed_at.is_(None))),
         ActionOutcome.DONE_UNDATED.value),
        (and_(act.c.status == done, _completed_date(conn, act.c.completed_at) <= act.c.due),
         ActionOutcome.DONE_ON_TIME.value),
        (act.c.status == done, ActionOutcome.DONE_LATE.value),
        (and_(act.c.due.is_not(None), act.c.due < today), ActionOutcome.OPEN_PAST_DUE.value),
        else_=ActionOutcome.OPEN_ON_TRACK.value,
    ).label("outcome")
    ids = [i.id for i in chosen]
    everything = len(ids) == conn.execute(select(func.count()).select_from(inc)
                                          .where(inc.c.archived.is_(False))).scalar_one()
    counts: dict[ActionOutcome, int] = {}
    reasons: list[tuple[str, int]] = []
    with_actions = 0
    chunks = [None] if everything else [ids[i:i + 2000] for i in range(0, len(ids), 2000)]
    for chunk in chunks:
        where = [inc.c.archived.is_(False)] if chunk is None else [act.c.incident_id.in_(chunk)]
        base = select().select_from(act.join(inc, inc.c.id == act.c.incident_id)).where(*where)
        for value, n in conn.execute(base.add_columns(outcome, func.count()).group_by(outcome)):
            counts[ActionOutcome(value)] = counts.get(ActionOutcome(value), 0) + int(n)
        reasons += [(r, int(n)) for r, n in conn.execute(
            base.add_columns(act.c.status_reason, func.count()).where(act.c.status == wont)
            .group_by(act.c.status_reason))]
        with_actions += int(conn.execute(base.add_columns(func.count(func.distinct(act.c.incident_id)))).scalar_one())
    return action_figure(counts, reasons, with_actions, len(ids))


def insights(conn: Connection, *, now: datetime, since: date | None = None, service: str | None = None,
             period: Period = Period.QUARTER) -> Insights:
    incidents = incident_facts(conn)
    chosen = select_incidents(incidents, since=since, service=service)
    figure = counted_action_figure(conn, chosen, now.date())
    return compute_insights(chosen, (), factor_facts(conn), now=now, period=period, actions_figure=figure,
                            since=since, service=service)
