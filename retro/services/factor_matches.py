"""Near-duplicate recurrence in storage: the facilitator's decisions, and what earlier actions did."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import Connection, and_, delete, insert, select

from ..analysis.similar_factors import Decision, PairKey
from ..domain import ActionStatus
from ..storage import models as m


def decisions(conn: Connection, incident_id: str) -> dict[PairKey, Decision]:
    t = m.factor_match_decisions
    out: dict[PairKey, Decision] = {}
    for r in conn.execute(select(t).where(t.c.incident_id == incident_id)):
        try:
            out[(r.factor_id, r.other_incident_id, r.other_factor_id)] = Decision(r.decision)
        except ValueError:
            continue
    return out


def decide(conn: Connection, incident_id: str, pair: PairKey, decision: Decision | None) -> None:
    """Store (or with ``None`` forget) the decision on one pair."""
    t = m.factor_match_decisions
    factor_id, other_incident_id, other_factor_id = pair
    conn.execute(delete(t).where(t.c.incident_id == incident_id, t.c.factor_id == factor_id,
                                 t.c.other_incident_id == other_incident_id, t.c.other_factor_id == other_factor_id))
    if decision is not None:
        conn.execute(insert(t).values(incident_id=incident_id, factor_id=factor_id,
                                      other_incident_id=other_incident_id, other_factor_id=other_factor_id,
                                      decision=decision.value, decided_at=datetime.now(UTC)))


def action_outcomes(conn: Connection, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], list[tuple[str, ActionStatus]]]:
    """For each (incident id, factor id): the actions that addressed it, as (title, status)."""
    if not pairs:
        return {}
    af, act = m.action_factors, m.action_items
    wanted = set(pairs)
    out: dict[tuple[str, str], list[tuple[str, ActionStatus]]] = defaultdict(list)
    incidents = sorted({i for i, _ in pairs})
    for r in conn.execute(
        select(af.c.incident_id, af.c.factor_id, act.c.title, act.c.status)
        .join(act, and_(act.c.incident_id == af.c.incident_id, act.c.id == af.c.action_id))
        .where(af.c.incident_id.in_(incidents))
        .order_by(af.c.incident_id, act.c.title)
    ):
        if (r.incident_id, r.factor_id) in wanted:
            out[(r.incident_id, r.factor_id)].append((r.title, ActionStatus(r.status)))
    return dict(out)
