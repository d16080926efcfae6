"""Whole retros coming in (JSON load, demo, duplicate, undo of delete): fresh ids, checks, normalising.

Everything is checked before anything is written, so a bad document leaves the library as it was.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ..domain import (
    AccountabilityStatement,
    ActionItem,
    ActionStatus,
    Entity,
    Factor,
    FactorEvidence,
    FactorLink,
    Impact,
    ParkingResolution,
    Participant,
    PrivateNote,
    Retro,
    TimelineEvent,
    check_accountability,
    new_id,
)
from ..domain.validation import validate_entity, validate_incident


def with_new_ids(retro: Retro) -> Retro:
    """A copy of ``retro`` where every entity has a fresh id and every reference follows it."""
    fresh: dict[type[Entity], dict[str, str]] = {}

    def remap(kind: type[Entity], old: str) -> str:
        return fresh.setdefault(kind, {}).setdefault(old, new_id())

    def node(old: str) -> str:
        if old in retro.impacts:
            return remap(Impact, old)
        return remap(Factor, old)

    out = Retro(replace(retro.incident, id=new_id()))
    for p in retro.participants.values():
        pq = replace(p, id=remap(Participant, p.id))
        out.participants[pq.id] = pq
    for e in retro.events.values():
        eq = replace(e, id=remap(TimelineEvent, e.id))
        out.events[eq.id] = eq
    for f in retro.factors.values():
        fq = replace(f, id=remap(Factor, f.id))
        out.factors[fq.id] = fq
    for i in retro.impacts.values():
        iq = replace(i, id=remap(Impact, i.id))
        out.impacts[iq.id] = iq
    for link in retro.links.values():
        lq = FactorLink(new_id(), remap(Factor, link.cause_id), node(link.effect_id), link.note)
        out.links[lq.id] = lq
    for ev in retro.evidence.values():
        vq = FactorEvidence(remap(Factor, ev.factor_id), remap(TimelineEvent, ev.event_id))
        out.evidence[vq.key] = vq
    # Fresh ids are random, so ties in ``order`` must be settled first, by the ids they break on now.
    for order, s in enumerate(retro.speaking_order(), start=1):
        sq = replace(s, id=new_id(), participant_id=remap(Participant, s.participant_id), order=order)
        out.statements[sq.id] = sq
    for n in retro.private_notes.values():
        who = remap(Participant, n.participant_id) if n.participant_id else None
        nq = replace(n, id=new_id(), participant_id=who)
        out.private_notes[nq.id] = nq
    for a in retro.actions.values():
        aq = replace(a, id=remap(ActionItem, a.id), factor_ids=tuple(remap(Factor, f) for f in a.factor_ids))
        out.actions[aq.id] = aq
    out.review_answers.update(retro.review_answers)
    out.factor_matches.update({(remap(Factor, f), other, theirs): d
                               for (f, other, theirs), d in retro.factor_matches.items() if f in retro.factors})
    for item in retro.parking_lot.values():  # what it became follows its new id
        kind = {ParkingResolution.ACTION: ActionItem, ParkingResolution.FACTOR: Factor}.get(item.resolution)
        became = fresh.get(kind, {}) if kind is not None else {}
        outcome = became.get(item.outcome_id, "") if item.outcome_id else ""
        parked = replace(item, id=new_id(), outcome_id=outcome)
        out.parking_lot[parked.id] = parked
    return out


def _speaking_ranks(retro: Retro) -> dict[str, int]:
    """Speaking order as documented and as :meth:`Retro.speaking_order` reads it, numbered 1, 2, …

    ``order`` is a number like any other: 0 (the documented default) and below speak before 1.
    Only needed when some statement has such an order; otherwise the numbers are kept as given.
    """
    if all(s.order > 0 for s in retro.statements.values()):
        return {}
    return {s.id: rank for rank, s in enumerate(retro.speaking_order(), start=1)}


def prepared(retro: Retro, now: datetime) -> Retro:
    """``retro`` checked and normalised for storing whole; raises when anything is wrong."""
    out = Retro(replace(retro.incident, created_at=retro.incident.created_at or now))
    ranks = _speaking_ranks(retro)  # before recorded times are filled in: they break ties
    for entity in retro.entities():
        if isinstance(entity, AccountabilityStatement):
            if entity.id in ranks:
                entity = replace(entity, order=ranks[entity.id])
            if entity.recorded_at is None:
                entity = replace(entity, recorded_at=now)
        elif isinstance(entity, ActionItem):
            if entity.status is ActionStatus.DONE and entity.completed_at is None:
                entity = replace(entity, completed_at=now)
            elif entity.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS):
                entity = replace(entity, completed_at=None)
            if entity.created_at is None:
                entity = replace(entity, created_at=now)
        elif isinstance(entity, PrivateNote) and entity.updated_at is None:
            entity = replace(entity, updated_at=now)
        out.collection(type(entity))[entity.key] = entity
    out.factor_matches.update({pair: d for pair, d in retro.factor_matches.items() if pair[0] in out.factors})
    validate_incident(out.incident)
    for entity in out.entities():
        validate_entity(entity, out)
    check_accountability(out)
    return out
