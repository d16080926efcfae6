"""The facts insights are computed from, read in three narrow queries (no retro loaded whole).

Only the columns the figures need are read: incidents' times, severity and services; action
items' status, due date and completion; contributing factors' category and title. The
``since`` and ``service`` choices are applied to the incidents; the other two queries read the
actions and factors of all non-archived incidents and are matched to the chosen ones in memory
(cheaper than an ``IN`` list of thousands of ids).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, select

from ..analysis.insights import ActionFacts, FactorFacts, IncidentFacts, Insights, Period, compute_insights
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
    return [IncidentFacts(r[0], r[1], severities[r[2]], tuple(r[3] or ()), *r[4:]) for r in conn.execute(query)]


def action_facts(conn: Connection) -> list[ActionFacts]:
    act = m.action_items
    statuses = {s.value: s for s in ActionStatus}
    rows = conn.execute(select(act.c.incident_id, act.c.status, act.c.due, act.c.completed_at, act.c.status_reason))
    return [ActionFacts(r[0], statuses[r[1]], r[2], r[3], r[4]) for r in rows]


def factor_facts(conn: Connection) -> list[FactorFacts]:
    fac = m.factors
    categories = {c.value: c for c in FactorCategory}
    return [FactorFacts(r[0], categories[r[1]], r[2])
            for r in conn.execute(select(fac.c.incident_id, fac.c.category, fac.c.title))]


def insights(conn: Connection, *, now: datetime, since: date | None = None, service: str | None = None,
             period: Period = Period.QUARTER) -> Insights:
    incidents = incident_facts(conn)
    return compute_insights(incidents, action_facts(conn), factor_facts(conn), now=now, since=since,
                            service=service, period=period)
