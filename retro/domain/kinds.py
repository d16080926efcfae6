"""Every kind of thing a retro records, said once: the one registry the rest is derived from.

Each :class:`Kind` names its dataclass, the :class:`~retro.domain.retro.Retro` collection that
holds it, the storage table, the fields that refer to other entities (and so what removing those
takes with it), the reads an edit of it needs, and how a person calls it. ``ENTITY_TYPES``, the
collections of a Retro, the storage tables, the cascade of a removal, the reads of an edit and the
names in messages are all computed from :data:`KINDS`; a kind missing a place fails at import or
in ``tests/retro/domain/test_kinds.py``, never silently.

Adding a kind: see "A new thing people record" in docs/architecture.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from .entities import (
    AccountabilityStatement,
    ActionItem,
    Entity,
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


@dataclass(frozen=True, slots=True)
class Reference:
    """A field of one entity naming another (by id): a child's link to its parent.

    Removing the parent removes the child (``detach=False``), or, for a tuple of ids such as an
    action's factors, only takes the parent's id out of it (``detach=True``).
    """

    field: str
    to: tuple[type[Entity], ...]
    detach: bool = False


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of entity, and everything that is derived from it."""

    entity_type: type[Entity]
    #: The attribute of :class:`~retro.domain.retro.Retro` holding ``{key: entity}``.
    collection: str
    #: The storage table (retro/storage/models.py), one row per entity.
    table: str
    #: The fields that make the entity's ``key`` (joined by ``:`` when more than one).
    key_fields: tuple[str, ...]
    #: How a person names one in a message ("the contributing factor “…”").
    label: str
    references: tuple[Reference, ...] = ()
    #: Whole collections an edit storing one of these must read (to check its rules).
    reads_to_store: frozenset[type[Entity]] = frozenset()
    #: Whole collections an edit removing one must read (what hangs off it; rules re-checked).
    reads_to_remove: frozenset[type[Entity]] = frozenset()
    #: Its text is never quoted in a message (it may be personal).
    personal: bool = False

    @property
    def name(self) -> str:
        """The stable name (the type's name): stored in ``EntityRef.kind`` and the search index."""
        return self.entity_type.__name__


def _reads(*types: type[Entity]) -> frozenset[type[Entity]]:
    return frozenset(types)


#: Every kind, in the order collections are listed, stored and cascaded.
KINDS: tuple[Kind, ...] = (
    Kind(Participant, "participants", "participants", ("id",), "participant",
         reads_to_store=_reads(Participant, AccountabilityStatement),  # the leader-speaks-first rule
         reads_to_remove=_reads(Participant, AccountabilityStatement, PrivateNote)),
    Kind(TimelineEvent, "events", "timeline_events", ("id",), "timeline event",
         reads_to_remove=_reads(FactorEvidence)),
    Kind(Factor, "factors", "factors", ("id",), "contributing factor",
         # actions citing it are re-checked
         reads_to_remove=_reads(Factor, FactorLink, FactorEvidence, ActionItem)),
    Kind(Impact, "impacts", "impacts", ("id",), "impact",
         reads_to_remove=_reads(FactorLink)),
    Kind(FactorLink, "links", "factor_links", ("id",), "arrow between factors",
         references=(Reference("cause_id", (Factor,)), Reference("effect_id", (Factor, Impact))),
         reads_to_store=_reads(Factor, Impact, FactorLink)),  # both ends exist, no duplicate arrow
    Kind(FactorEvidence, "evidence", "factor_evidence", ("factor_id", "event_id"), "piece of evidence",
         references=(Reference("factor_id", (Factor,)), Reference("event_id", (TimelineEvent,))),
         reads_to_store=_reads(Factor)),
    Kind(AccountabilityStatement, "statements", "accountability_statements", ("id",),
         "accountability statement", personal=True,
         references=(Reference("participant_id", (Participant,)),),
         reads_to_store=_reads(Participant, AccountabilityStatement),
         reads_to_remove=_reads(Participant, AccountabilityStatement)),
    Kind(PrivateNote, "private_notes", "private_notes", ("id",), "private note", personal=True,
         references=(Reference("participant_id", (Participant,)),),
         reads_to_store=_reads(Participant)),
    Kind(ActionItem, "actions", "action_items", ("id",), "action item",
         references=(Reference("factor_ids", (Factor,), detach=True),),
         reads_to_store=_reads(Factor)),
    Kind(ReviewAnswer, "review_answers", "review_answers", ("question",), "review answer"),
    # a topic parked during the meeting (issue 11); ``outcome_id`` is a link to what it became,
    # not a checked reference: removing that action or factor leaves the parked topic as it was
    Kind(ParkingItem, "parking_lot", "parking_items", ("id",), "parked topic"),
)


ENTITY_TYPES: tuple[type[Entity], ...] = tuple(k.entity_type for k in KINDS)
_BY_TYPE: dict[type, Kind] = {k.entity_type: k for k in KINDS}
_BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
#: For each kind, the kinds whose references point at it (what removing one of it reaches), in order.
_REFERRERS: dict[type, tuple[tuple[Kind, tuple[Reference, ...]], ...]] = {
    parent.entity_type: tuple(
        (child, refs) for child in KINDS
        if (refs := tuple(r for r in child.references if parent.entity_type in r.to))
    )
    for parent in KINDS
}
#: The name ``Changes.kinds()`` uses for a change to the incident itself (not an entity kind).
INCIDENT = Incident.__name__


def kind_of(what: type | str | Entity) -> Kind:
    """The :class:`Kind` of a type, of a kind's name (``EntityRef.kind``), or of an entity.

    Raises ``KeyError`` naming it when it is not a kind of entity a retro records.
    """
    if isinstance(what, str):
        found = _BY_NAME.get(what)
    elif isinstance(what, type):
        found = _BY_TYPE.get(what)
    else:
        found = _BY_TYPE.get(type(what))
    if found is None:
        raise KeyError(f"{what!r} is not a kind of entity a retro records")
    return found


def referrers(kind: Kind) -> tuple[tuple[Kind, tuple[Reference, ...]], ...]:
    """The kinds referring to ``kind``, each with the references that do (the cascade of a removal)."""
    return _REFERRERS[kind.entity_type]


def is_kind_name(name: str) -> bool:
    """Whether ``name`` names a kind (how a stored or sent ``EntityRef.kind`` is checked)."""
    return name in _BY_NAME


def referenced_keys(entity: Entity, reference: Reference) -> tuple[str, ...]:
    """The ids ``entity`` names through ``reference`` (none for an empty optional field)."""
    value = getattr(entity, reference.field)
    if isinstance(value, tuple):
        return tuple(str(v) for v in value)
    return (value,) if isinstance(value, str) and value else ()


def refers_to(entity: Entity, reference: Reference, key: str) -> bool:
    """Whether ``entity`` names ``key`` through ``reference``."""
    value = getattr(entity, reference.field)
    return key in value if isinstance(value, tuple) else value == key
