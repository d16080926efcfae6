"""The library and follow-through views, from a few aggregate queries (no retro is loaded whole)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import Connection, and_, case, func, select

from ..analysis.recurrence import FactorSighting
from ..domain import (
    ActionStatus,
    FactorCategory,
    Severity,
)
from ..storage import models as m
from ..storage import search
from ..storage.mapping import action_from_row
from .summaries import OpenAction, RetroSummary, local_date, summarise

_OPEN = (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value)


def list_retros(conn: Connection, *, text: str, include_archived: bool, now: datetime) -> list[RetroSummary]:
    inc, act = m.incidents, m.action_items
    today = local_date(now)
    query = select(
        inc.c.id, inc.c.title, inc.c.severity, inc.c.status, inc.c.started_at, inc.c.resolved_at,
        inc.c.created_at, inc.c.internal_report_shared_at, inc.c.public_report_shared_at,
        inc.c.archived, inc.c.version, inc.c.services, inc.c.tags,
    ).order_by(inc.c.created_at.desc().nulls_last(), inc.c.id)
    if not include_archived:
        query = query.where(inc.c.archived.is_(False))
    matching = search.matching_incidents(conn, text)
    if matching is not None:
        query = query.where(inc.c.id.in_(matching))
    is_open = act.c.status.in_(_OPEN)
    count_query = (
        select(
            act.c.incident_id,
            func.count().label("open"),
            func.sum(case((and_(act.c.due.is_not(None), act.c.due < today), 1), else_=0)).label("overdue"),
        )
        .where(is_open)
        .group_by(act.c.incident_id)
    )
    if matching is not None:  # count the actions of the retros found only
        count_query = count_query.where(act.c.incident_id.in_(matching))
    counts = {row.incident_id: (row.open, row.overdue) for row in conn.execute(count_query)}
    out = []
    for r in conn.execute(query):
        n_open, n_overdue = counts.get(r.id, (0, 0))
        out.append(
            summarise(
                id=r.id, title=r.title, severity=r.severity, status=r.status,
                started_at=r.started_at, resolved_at=r.resolved_at, created_at=r.created_at,
                internal_report_shared_at=r.internal_report_shared_at,
                public_report_shared_at=r.public_report_shared_at,
                archived=r.archived, version=r.version, services=r.services, tags=r.tags,
                open_actions=n_open, overdue_actions=n_overdue, now=now,
            )
        )
    return out


def factor_sightings(conn: Connection, *, include_archived: bool) -> list[FactorSighting]:
    """Every contributing factor of every retro, in the light form recurrence works on."""
    inc, fac = m.incidents, m.factors
    query = (
        select(fac.c.incident_id, inc.c.title, fac.c.id, fac.c.category, fac.c.title.label("factor_title"))
        .join(inc, inc.c.id == fac.c.incident_id)
        .order_by(fac.c.incident_id, fac.c.id)
    )
    if not include_archived:
        query = query.where(inc.c.archived.is_(False))
    return [
        FactorSighting(r.incident_id, r.title, r.id, FactorCategory(r.category), r.factor_title)
        for r in conn.execute(query)
    ]


def open_actions(conn: Connection, *, today: date, limit: int | None = None, offset: int = 0) -> list[OpenAction]:
    """Open and in-progress actions of every retro: overdue first, then by due date and priority.

    With ``limit`` the database orders and cuts the page (``offset`` onwards), so a first screen
    of 40,000 open actions reads only the rows it shows.
    """
    inc, act = m.incidents, m.action_items
    query = (
        select(act, inc.c.title.label("incident_title"), inc.c.severity.label("incident_severity"))
        .join(inc, inc.c.id == act.c.incident_id)
        .where(act.c.status.in_(_OPEN))
    )
    if limit is not None:
        query = query.order_by(
            case((and_(act.c.due.is_not(None), act.c.due < today), 0), else_=1),
            act.c.due.is_(None), act.c.due,
            case((act.c.priority == "high", 0), (act.c.priority == "medium", 1), (act.c.priority == "low", 2), else_=9),
            func.lower(act.c.title), act.c.id,
        ).limit(limit).offset(offset)
    rows = conn.execute(query).all()
    af = m.action_factors
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    factor_query = (
        select(af.c.incident_id, af.c.action_id, af.c.factor_id)
        .join(act, and_(act.c.incident_id == af.c.incident_id, act.c.id == af.c.action_id))
        .where(act.c.status.in_(_OPEN))
        .order_by(af.c.incident_id, af.c.action_id, af.c.position)
    )
    if limit is not None:  # the page's actions only
        factor_query = factor_query.where(af.c.incident_id.in_({r.incident_id for r in rows}))
    for incident_id, action_id, factor_id in conn.execute(factor_query):
        grouped[(incident_id, action_id)].append(factor_id)
    factor_ids = {k: tuple(v) for k, v in grouped.items()}
    out = [
        OpenAction(
            incident_id=r.incident_id, incident_title=r.incident_title,
            severity=Severity(r.incident_severity),
            action=action_from_row(r, factor_ids.get((r.incident_id, r.id), ())),
            overdue=r.due is not None and r.due < today,
        )
        for r in rows
    ]
    if limit is not None:
        return out  # in the database's order
    priority = {"high": 0, "medium": 1, "low": 2}
    out.sort(key=lambda o: (not o.overdue, o.action.due is None, o.action.due or today,
                            priority.get(o.action.priority.value, 9), o.action.title.casefold(), o.action.id))
    return out
