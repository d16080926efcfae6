"""Near-duplicate recurrence in storage: the facilitator's decisions, and what earlier actions did."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import Connection, and_, delete, insert, select, tuple_

from ..analysis.recurrence import FactorSighting
from ..analysis.similar_factors import (
    THRESHOLD,
    Decision,
    PairKey,
    SeenBefore,
    SimilarFactor,
    match_text,
    similar_factors,
    similarity_of_texts,
)
from ..domain import ActionStatus, Factor
from ..storage import factor_keys
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


def similar_to(conn: Connection, factor: Factor, incident_id: str, *, threshold: float = THRESHOLD,
               limit: int = 12) -> list[SimilarFactor]:
    """:func:`retro.analysis.similar_factors.similar_factors` for one factor against the whole
    library (see :func:`seen_before`)."""
    return list(seen_before(conn, factor, incident_id, threshold=threshold, limit=limit).matches)


def seen_before(conn: Connection, factor: Factor, incident_id: str, *, threshold: float = THRESHOLD,
                limit: int = 12) -> SeenBefore:
    """The first ``limit`` of :func:`retro.analysis.similar_factors.similar_factors` for one factor
    against the whole library, and how many earlier retros it finds in all, from the recurrence
    index: the distinct keys of the factor's category are scored once each (a title's matching
    text is its key), and only the factors having a close key, a stop-words-only title, or a
    decision are read. The count costs nothing more: every earlier retro with a close key is
    already known from the narrow (incident, key) pairs, and the ones not read whole have no
    decision, so each of them is a match."""
    fk = m.factor_keys
    category = factor.category.value
    mine = match_text(factor.title)
    keys = [k for (k,) in conn.execute(select(fk.c.key).where(fk.c.category == category, fk.c.key != "").distinct())]
    scores = {k: score for k in keys if mine and (score := similarity_of_texts(mine, k)) >= threshold}
    found = decisions(conn, incident_id)
    decided = sorted({(o, f) for (mine_id, o, f) in found if mine_id == factor.id})
    # Each earlier incident's best score, from the narrow (incident, key) pairs; only the incidents
    # that can make the first ``limit`` (ties on the score are settled by title) are read whole.
    best: dict[str, float] = {}
    for other, _c, key in factor_keys.incident_keys(conn, [(category, k) for k in scores], exclude_incident=incident_id):
        if scores[key] > best.get(other, -1.0):
            best[other] = scores[key]
    ranked = sorted(best.values(), reverse=True)
    room = limit + len({o for o, _f in decided})  # a rejected pair can free one place for the next
    cutoff = ranked[room - 1] if len(ranked) >= room else -1.0
    above = [i for i, score in best.items() if score > cutoff]
    tied = [i for i, score in best.items() if score == cutoff]
    if len(above) + len(tied) > room:  # a common factor: many incidents tie at the cut-off score;
        # the answer settles ties by the incident's title, so read the tied ones' titles only
        inc = m.incidents
        titles: list[tuple[str, str]] = []
        for start in range(0, len(tied), 400):
            titles += [(t.casefold(), i) for i, t in conn.execute(
                select(inc.c.id, inc.c.title).where(inc.c.id.in_(tied[start:start + 400])))]
        tied = [i for _t, i in sorted(titles)[: max(room - len(above), 0)]]
    wanted = frozenset(above) | frozenset(tied) | {o for o, _f in decided}
    candidates = [s for s, _ in factor_keys.sightings_with_keys(conn, [(category, k) for k in scores],
                                                                include_archived=True, exclude_incident=incident_id,
                                                                incident_ids=wanted)]
    inc = m.incidents
    extra = select(fk.c.incident_id, inc.c.title, fk.c.factor_id, fk.c.title.label("factor_title")).join(
        inc, inc.c.id == fk.c.incident_id).where(fk.c.category == category, fk.c.incident_id != incident_id)
    rows = list(conn.execute(extra.where(fk.c.key == "")))  # titles of stop words only: matched as written
    for start in range(0, len(decided), 200):
        chunk = decided[start:start + 200]
        rows += conn.execute(extra.where(tuple_(fk.c.incident_id, fk.c.factor_id).in_(chunk)))
    seen = {(s.incident_id, s.factor_id) for s in candidates}
    for r in rows:
        if (r.incident_id, r.factor_id) not in seen:
            seen.add((r.incident_id, r.factor_id))
            candidates.append(FactorSighting(r.incident_id, r.title, r.factor_id, factor.category, r.factor_title))
    candidates.sort(key=lambda s: (s.incident_id, s.factor_id))
    every = similar_factors(factor, incident_id, candidates, found, threshold=threshold, limit=len(candidates))
    total = len({s.earlier.incident_id for s in every} | (best.keys() - wanted))
    return SeenBefore(tuple(every[:limit]), total)
