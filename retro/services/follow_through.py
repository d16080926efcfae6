"""Action items across the library, with their retros' details, from two queries (follow-through,
CSV export, calendars). No retro is loaded whole."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Connection, and_, select
from sqlalchemy.sql.elements import ColumnElement

from ..domain import ActionStatus, Severity
from ..domain.follow_through import ActionRecord
from ..io.calendar_ics import ReportDeadline, ReportKind
from ..storage import models as m
from ..storage.mapping import action_from_row


def action_records(conn: Connection, *, statuses: frozenset[ActionStatus] | None = None,
                   include_archived: bool = False, incident_ids: frozenset[str] | None = None,
                   with_factors: bool = True, where: Sequence[ColumnElement[bool]] = ()) -> list[ActionRecord]:
    """Every action item (only ``statuses`` when given) of every retro, with the factors it
    addresses in the order the action lists them (ids and titles; neither without ``with_factors``,
    for lists that do not show them); ``where``: further conditions on the action and its incident."""
    inc, act, af, fac = m.incidents, m.action_items, m.action_factors, m.factors
    where = list(where)
    if statuses is not None:
        where.append(act.c.status.in_([s.value for s in statuses]))
    if not include_archived:
        where.append(inc.c.archived.is_(False))
    if incident_ids is not None:
        where.append(act.c.incident_id.in_(sorted(incident_ids)))
    rows = conn.execute(
        select(act, inc.c.title.label("incident_title"), inc.c.severity.label("incident_severity"),
               inc.c.services.label("incident_services"), inc.c.version.label("incident_version"),
               inc.c.resolved_at.label("incident_resolved_at"))
        .join(inc, inc.c.id == act.c.incident_id).where(*where)
    ).all()
    factor_ids: dict[tuple[str, str], list[str]] = defaultdict(list)
    titles: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in () if not with_factors else conn.execute(
        select(af.c.incident_id, af.c.action_id, af.c.factor_id, fac.c.title)
        .join(act, and_(act.c.incident_id == af.c.incident_id, act.c.id == af.c.action_id))
        .join(inc, inc.c.id == af.c.incident_id)
        .outerjoin(fac, and_(fac.c.incident_id == af.c.incident_id, fac.c.id == af.c.factor_id))
        .where(*where)
        .order_by(af.c.incident_id, af.c.action_id, af.c.position)
    ):
        factor_ids[(r.incident_id, r.action_id)].append(r.factor_id)
        if r.title is not None:
            titles[(r.incident_id, r.action_id)].append(r.title)
    severities = {s.value: s for s in Severity}
    return [
        ActionRecord(
            incident_id=r.incident_id, incident_title=r.incident_title, severity=severities[r.incident_severity],
            services=tuple(r.incident_services or ()), incident_version=int(r.incident_version),
            action=action_from_row(r, tuple(factor_ids.get((r.incident_id, r.id), ()))),
            factor_titles=tuple(titles.get((r.incident_id, r.id), ())),
            resolved_at=r.incident_resolved_at,
        )
        for r in rows
    ]


def report_deadlines(conn: Connection, *, include_shared: bool = False,
                     include_archived: bool = False) -> list[ReportDeadline]:
    """The internal and public postmortems due for resolved retros (only those not yet shared,
    unless ``include_shared``), soonest first."""
    inc = m.incidents
    query = select(inc.c.id, inc.c.title, inc.c.resolved_at, inc.c.internal_report_shared_at,
                   inc.c.public_report_shared_at).where(inc.c.resolved_at.is_not(None))
    if not include_archived:
        query = query.where(inc.c.archived.is_(False))
    out: list[ReportDeadline] = []
    for r in conn.execute(query):
        for kind, shared in ((ReportKind.INTERNAL, r.internal_report_shared_at),
                             (ReportKind.PUBLIC, r.public_report_shared_at)):
            if include_shared or shared is None:
                out.append(ReportDeadline(r.id, r.title, kind, r.resolved_at))
    out.sort(key=lambda d: (d.due, d.incident_id, d.kind.value))
    return out
