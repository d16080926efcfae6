"""The whole retrospective as one value, and the *changes* a service returns.

:class:`Retro` is what the app, the reports, the JSON document and the analysis read.
:class:`Changes` is what every mutation returns; :meth:`Retro.apply` folds it in, so a screen
refreshes from exactly what changed (the edit path in docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .entities import (
    AccountabilityStatement,
    ActionItem,
    Entity,
    EntityRef,
    Factor,
    FactorEvidence,
    FactorLink,
    Impact,
    Incident,
    ParkingItem,
    Participant,
    PrivateNote,
    ReviewAnswer,
    TimelineEvent,
)
from .factor_matches import MatchDecision, MatchPair
from .kinds import INCIDENT, KINDS, is_kind_name, kind_of


@dataclass(frozen=True, slots=True)
class Edit:
    """What a person asked to change: a new incident value, entities to store, entities to remove.

    Entities in ``upsert`` are stored as given (new or replacing the one with the same key);
    ``remove`` names entities to delete. Removing a factor, event, impact or participant also
    removes what hangs off it (arrows, evidence, statements) and the service reports those too.
    """

    incident: Incident | None = None
    upsert: tuple[Entity, ...] = ()
    remove: tuple[EntityRef, ...] = ()

    @classmethod
    def of(
        cls,
        incident: Incident | None = None,
        upsert: Iterable[Entity] = (),
        remove: Iterable[Entity | EntityRef] = (),
    ) -> Edit:
        refs = tuple(r if isinstance(r, EntityRef) else EntityRef.of(r) for r in remove)
        return cls(incident, tuple(upsert), refs)

    def is_empty(self) -> bool:
        return self.incident is None and not self.upsert and not self.remove


@dataclass(frozen=True, slots=True)
class Changes:
    """What one committed edit changed, and the incident's version after it.

    ``before`` holds the previous value of every entity that was replaced or removed, and
    ``incident_before`` the previous incident when it changed, so :meth:`inverse` can undo it.
    """

    incident_id: str
    version: int
    incident: Incident | None = None
    upserted: tuple[Entity, ...] = ()
    removed: tuple[EntityRef, ...] = ()
    before: tuple[Entity, ...] = ()
    incident_before: Incident | None = None

    def inverse(self) -> Edit:
        """The edit that puts everything back as it was before this change."""
        existed = {(type(e).__name__, e.key) for e in self.before}
        created = tuple(
            EntityRef.of(e) for e in self.upserted if (type(e).__name__, e.key) not in existed
        )
        return Edit(self.incident_before, self.before, created)

    def kinds(self) -> set[str]:
        """Kind names touched by this change (``Incident.__name__`` when the incident row changed)."""
        names = {type(e).__name__ for e in self.upserted} | {r.kind for r in self.removed}
        if self.incident is not None:
            names.add(INCIDENT)
        return names

    def touches(self, *kinds: type[Entity] | type[Incident]) -> bool:
        """Whether this change stored or removed anything of these kinds (or changed the incident).

        Takes the classes, never their names: ``touches(TimelineEvnt)`` is a NameError (and a type
        error), where the string used to silently never match.
        """
        wanted = set()
        for kind in kinds:
            if not isinstance(kind, type) or (kind is not Incident and not is_kind_name(kind.__name__)):
                raise TypeError(f"Changes.touches takes entity classes (or Incident), not {kind!r}")
            wanted.add(kind.__name__)
        return bool(self.kinds() & wanted)


@dataclass(slots=True)
class Retro:
    """An incident with everything the retrospective recorded about it."""

    incident: Incident
    participants: dict[str, Participant] = field(default_factory=dict)
    events: dict[str, TimelineEvent] = field(default_factory=dict)
    factors: dict[str, Factor] = field(default_factory=dict)
    impacts: dict[str, Impact] = field(default_factory=dict)
    links: dict[str, FactorLink] = field(default_factory=dict)
    evidence: dict[str, FactorEvidence] = field(default_factory=dict)
    statements: dict[str, AccountabilityStatement] = field(default_factory=dict)
    private_notes: dict[str, PrivateNote] = field(default_factory=dict)
    actions: dict[str, ActionItem] = field(default_factory=dict)
    review_answers: dict[str, ReviewAnswer] = field(default_factory=dict)
    #: The facilitator's decisions on near-duplicate factors of earlier retros (not an entity:
    #: stored beside the retro, written with its JSON document).
    factor_matches: dict[MatchPair, MatchDecision] = field(default_factory=dict)
    parking_lot: dict[str, ParkingItem] = field(default_factory=dict)

    @classmethod
    def of(cls, incident: Incident, entities: Iterable[Entity] = ()) -> Retro:
        """Build a retro from an incident and any mix of its entities."""
        retro = cls(incident)
        for entity in entities:
            retro.collection(type(entity))[entity.key] = entity
        return retro

    # -- generic access ------------------------------------------------------------------------

    def collection(self, kind: type[Entity] | str) -> dict[str, Entity]:
        """The dict holding entities of ``kind`` (a class, or its name as in ``EntityRef.kind``)."""
        held: dict[str, Entity] = getattr(self, kind_of(kind).collection)
        return held

    def entities(self) -> list[Entity]:
        """Every entity of the retro, collection by collection."""
        out: list[Entity] = []
        for kind in KINDS:
            out.extend(self.collection(kind.entity_type).values())
        return out

    def apply(self, changes: Changes) -> None:
        """Fold a service's :class:`Changes` into this in-memory retro."""
        if changes.incident is not None:
            self.incident = changes.incident
        else:
            self.incident = replace(self.incident, version=changes.version)
        for ref in changes.removed:
            self.collection(ref.kind).pop(ref.key, None)
        for entity in changes.upserted:
            self.collection(type(entity))[entity.key] = entity

    # -- ordered views ---------------------------------------------------------------------------

    def timeline(self) -> list[TimelineEvent]:
        """Events sorted by time (ties broken by id, so the order is stable)."""
        return sorted(self.events.values(), key=lambda e: e.sort_key)

    def people(self) -> list[Participant]:
        return sorted(self.participants.values(), key=lambda p: (p.position, p.name.casefold(), p.id))

    def speaking_order(self) -> list[AccountabilityStatement]:
        return sorted(self.statements.values(), key=lambda s: (s.order, s.recorded_at is None, s.id))

    def action_list(self) -> list[ActionItem]:
        return sorted(
            self.actions.values(),
            key=lambda a: (a.due is None, a.due or 0, a.priority.value, a.title.casefold(), a.id),
        )

    def factor_list(self) -> list[Factor]:
        return sorted(self.factors.values(), key=lambda f: (f.category.value, f.title.casefold(), f.id))

    def parking_list(self) -> list[ParkingItem]:
        """Parked topics in the order they were raised (ties by id)."""
        return sorted(self.parking_lot.values(),
                      key=lambda p: (p.created_at is None, p.created_at.timestamp() if p.created_at else 0.0, p.id))

    def evidence_for(self, factor_id: str) -> list[TimelineEvent]:
        ids = {ev.event_id for ev in self.evidence.values() if ev.factor_id == factor_id}
        return [e for e in self.timeline() if e.id in ids]

    def actions_for(self, factor_id: str) -> list[ActionItem]:
        return [a for a in self.action_list() if factor_id in a.factor_ids]

    def leaders(self) -> list[Participant]:
        return [p for p in self.people() if p.is_leader]

    def participant_name(self, participant_id: str | None) -> str:
        person = self.participants.get(participant_id or "")
        return person.name if person else ""

