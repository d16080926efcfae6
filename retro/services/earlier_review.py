"""Before we start: the review of earlier retros' open actions at a meeting's start, read as shown.

The earlier retros are the other, non-archived retros sharing a service with this one (case and
spacing ignored) or a contributing factor (a key of the recurrence index close to one of its
factors: :func:`retro.services.library_index.close_keys`, the same retros as
``related_incidents``). The panel lists the first few open actions, overdue first, and counts the
rest, so that is all that is read:

- one aggregate query counts the open actions, their retros and the overdue ones;
- one query reads the first rows: every open action is ranked by (due state, due date, priority)
  with ``rank()``, and only the rows ranked within the first ``shown`` come back — all ties of the
  last place included, so the title (case-folded in Python, as :func:`follow_through_order` does)
  settles the order exactly as over the whole list.

Before them, the distinct service lists are read once (a few hundred, not one per retro) to find
the stored lists naming one of this retro's services, and the factor keys through the word index.
:meth:`EarlierReview.of` over every open action is the reference (tests compare the two).
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import (
    CompoundSelect,
    Connection,
    Select,
    Text,
    case,
    distinct,
    func,
    literal,
    select,
    type_coerce,
    union,
)
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression
from sqlalchemy.sql.operators import custom_op

from ..domain import Retro, Severity
from ..domain.follow_through import (
    DUE_SOON_DAYS,
    OPEN_STATUSES,
    REVIEW_SHOWN,
    ActionRecord,
    DueState,
    EarlierReview,
    follow_through_order,
)
from ..storage import models as m
from ..storage.factor_keys import pair_chunks
from ..storage.mapping import action_from_row
from .library_index import close_keys

_PRIORITY = {"high": 0, "medium": 1, "low": 2}


def _service_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _earlier(conn: Connection, retro: Retro) -> Select[tuple[str]] | CompoundSelect[tuple[str]] | None:
    """The ids of the retros like ``retro`` (archived ones too: the actions' query leaves them
    out), as one ``UNION`` of index look-ups; ``None`` when nothing can be like it."""
    inc, fk = m.incidents, m.factor_keys
    parts: list[Select[tuple[str]]] = []
    wanted = {_service_key(s) for s in retro.incident.services if s.strip()}
    if wanted:
        raw = type_coerce(inc.c.services, Text)
        lists = conn.execute(select(raw).where(inc.c.archived.is_(False)).distinct()).scalars().all()
        matching = sorted(s for s in lists if s and wanted & {_service_key(x) for x in json.loads(s)})
        if matching:
            parts.append(select(inc.c.id).where(raw.in_(matching)))
    if retro.factors:
        for category, keys in pair_chunks(close_keys(conn, retro)):
            parts.append(select(fk.c.incident_id).where(fk.c.category == category, fk.c.key.in_(keys)))
    if not parts:
        return None
    # each retro once (a retro with two factors of one key is one retro): UNION, or DISTINCT for one part
    return parts[0].distinct() if len(parts) == 1 else union(*parts)


def earlier_review(conn: Connection, retro: Retro, today: date, shown: int = REVIEW_SHOWN) -> EarlierReview:
    """The review of the open actions of earlier retros like ``retro`` (see the module's text)."""
    ids = _earlier(conn, retro)
    if ids is None:
        return EarlierReview()
    inc, act = m.incidents, m.action_items
    earlier = ids.cte("earlier")
    joined = earlier.join(act, act.c.incident_id == earlier.c[0]).join(inc, inc.c.id == act.c.incident_id)
    status: ColumnElement[str] = act.c.status
    if conn.dialect.name == "sqlite":  # "+status": without statistics SQLite would walk every open action of
        # the library by the (status, due) index and look each one's retro up; so it goes from the retros
        status = UnaryExpression(act.c.status, operator=custom_op("+"), type_=act.c.status.type)
    where = [status.in_(sorted(s.value for s in OPEN_STATUSES)), inc.c.archived.is_(False),
             act.c.incident_id != retro.incident.id]
    overdue = case((act.c.due < today, 1), else_=0)
    total, incidents, late = conn.execute(
        select(func.count(), func.count(distinct(act.c.incident_id)), func.coalesce(func.sum(overdue), 0))
        .select_from(joined).where(*where)).one()
    if not total:
        return EarlierReview()
    state = case(
        (act.c.due.is_(None), literal(DueState.NO_DATE.rank)),
        (act.c.due < today, literal(DueState.OVERDUE.rank)),
        (act.c.due <= today + timedelta(days=DUE_SOON_DAYS), literal(DueState.THIS_WEEK.rank)),
        else_=literal(DueState.LATER.rank),
    )
    priority = case(*((act.c.priority == p, literal(r)) for p, r in _PRIORITY.items()), else_=literal(9))
    ranked = (
        select(act, inc.c.title.label("incident_title"), inc.c.severity.label("incident_severity"),
               inc.c.services.label("incident_services"), inc.c.version.label("incident_version"),
               inc.c.resolved_at.label("incident_resolved_at"),
               func.rank().over(order_by=(state, act.c.due, priority)).label("place"))
        .select_from(joined).where(*where).subquery()
    )
    records = [ActionRecord(incident_id=r.incident_id, incident_title=r.incident_title,
                            severity=Severity(r.incident_severity), services=tuple(r.incident_services or ()),
                            incident_version=int(r.incident_version), action=action_from_row(r),
                            resolved_at=r.incident_resolved_at)
               for r in conn.execute(select(ranked).where(ranked.c.place <= shown))]
    return EarlierReview(int(total), int(incidents), int(late), tuple(follow_through_order(records, today)[:shown]))
