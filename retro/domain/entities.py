"""The retrospective's entities: plain, immutable, typed values.

Entities are frozen dataclasses. An edit makes a new value with :func:`dataclasses.replace`
and hands it to a service; the service validates, stores it and returns what changed. Every
entity has a string ``key`` that is unique within its retrospective. Times are timezone-aware
and held in UTC; the incident's ``timezone`` says how to show them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from .enums import (
    ActionStatus,
    ActionType,
    Audience,
    EventKind,
    FactorCategory,
    Horizon,
    IncidentStatus,
    ParkingResolution,
    Priority,
    Role,
    Severity,
    Stage,
)


def new_id() -> str:
    """A fresh, globally unique identifier for an entity."""
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class Incident:
    """The incident under review and the retrospective's own metadata."""

    id: str
    title: str
    severity: Severity = Severity.SEV3
    status: IncidentStatus = IncidentStatus.DRAFT
    summary: str = ""
    services: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    customer_impact: str = ""
    timezone: str = "UTC"
    started_at: datetime | None = None
    detected_at: datetime | None = None
    declared_at: datetime | None = None
    mitigated_at: datetime | None = None
    resolved_at: datetime | None = None
    lessons_learned: str = ""
    went_well: str = ""
    got_lucky: str = ""
    surprises: str = ""
    internal_report_shared_at: datetime | None = None
    public_report_shared_at: datetime | None = None
    #: Mentions the facilitator decided are fine to publish ("<field>|<words, folded>"), see
    #: :func:`retro.report.public_checks.public_findings`.
    public_mentions: tuple[str, ...] = ()
    #: The public report's optional apology and its contact or status-page line.
    public_apology: str = ""
    public_contact: str = ""
    archived: bool = False
    created_at: datetime | None = None
    version: int = 0
    #: The meeting's agenda (revision 0008): ``"<stage>:<minutes>"`` in the order the room takes
    #: them; empty means the app's default agenda. See :mod:`retro.domain.agenda`.
    agenda: tuple[str, ...] = ()
    #: The projector shows participants' roles instead of their names (revision 0008).
    projector_shows_roles: bool = False

    @property
    def key(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class Participant:
    """A person taking part in the retrospective, with the roles they hold."""

    id: str
    name: str
    roles: frozenset[Role] = frozenset()
    position: int = 0

    @property
    def key(self) -> str:
        return self.id

    @property
    def is_leader(self) -> bool:
        return Role.LEADER in self.roles

    def roles_in_order(self) -> list[Role]:
        """The roles in the order of the :class:`Role` enum, for stable display and storage."""
        return [role for role in Role if role in self.roles]


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One timestamped moment of the incident, with where we know it from."""

    id: str
    at: datetime
    text: str
    kind: EventKind = EventKind.OBSERVATION
    source: str = ""
    evidence_url: str = ""
    audience: Audience = Audience.INTERNAL
    actor_role: Role | None = None

    @property
    def key(self) -> str:
        return self.id

    @property
    def sort_key(self) -> tuple[datetime, str]:
        return (self.at, self.id)


@dataclass(frozen=True, slots=True)
class Factor:
    """A contributing factor: one of the many conditions that made the incident possible."""

    id: str
    title: str
    category: FactorCategory = FactorCategory.TECHNOLOGY
    description: str = ""
    audience: Audience = Audience.INTERNAL
    x: float | None = None
    y: float | None = None

    @property
    def key(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class Impact:
    """An impact node: what the customers felt. Contributing factors lead here."""

    id: str
    title: str = "Customer impact"
    description: str = ""
    x: float | None = None
    y: float | None = None

    @property
    def key(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class FactorLink:
    """A "contributed to" arrow from a cause factor to a factor or an impact."""

    id: str
    cause_id: str
    effect_id: str
    note: str = ""

    @property
    def key(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class FactorEvidence:
    """A timeline event cited as evidence for a contributing factor."""

    factor_id: str
    event_id: str

    @property
    def key(self) -> str:
        return f"{self.factor_id}:{self.event_id}"


@dataclass(frozen=True, slots=True)
class AccountabilityStatement:
    """What a participant owns: decisions that contributed and what they will change."""

    id: str
    participant_id: str
    text: str
    order: int = 0
    recorded_at: datetime | None = None

    @property
    def key(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class PrivateNote:
    """The facilitator's private coaching note. Never leaves this machine in any export."""

    id: str
    text: str
    participant_id: str | None = None
    updated_at: datetime | None = None

    @property
    def key(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class ActionItem:
    """Something a named person will do, by a date, to reduce the chance or cost of a repeat."""

    id: str
    title: str
    owner: str = ""
    due: date | None = None
    description: str = ""
    action_type: ActionType = ActionType.PREVENT
    horizon: Horizon = Horizon.FIX_FOR_REAL
    priority: Priority = Priority.MEDIUM
    status: ActionStatus = ActionStatus.OPEN
    status_reason: str = ""
    #: Why the team decided against it, as customers may read it (a won't-do action without one is
    #: left out of the public report; ``status_reason`` is the internal reason).
    public_reason: str = ""
    ticket_url: str = ""
    factor_ids: tuple[str, ...] = ()
    created_at: datetime | None = None
    completed_at: datetime | None = None

    @property
    def key(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class ReviewAnswer:
    """The room's answer to one of the review questions (see :mod:`retro.domain.review`)."""

    question: str
    text: str

    @property
    def key(self) -> str:
        return self.question


@dataclass(frozen=True, slots=True)
class ParkingItem:
    """A topic parked during the meeting, and what the room later made of it (issue 11).

    ``outcome_id`` names the action item or contributing factor it became (while that exists).
    An item resolved as an open question is listed in the internal report, never the public one.
    """

    id: str
    text: str
    stage: Stage = Stage.SETUP
    created_at: datetime | None = None
    resolution: ParkingResolution = ParkingResolution.OPEN
    outcome_id: str = ""

    @property
    def key(self) -> str:
        return self.id


Entity = (
    Participant
    | TimelineEvent
    | Factor
    | Impact
    | FactorLink
    | FactorEvidence
    | AccountabilityStatement
    | PrivateNote
    | ActionItem
    | ReviewAnswer
    | ParkingItem
)


@dataclass(frozen=True, slots=True)
class EntityRef:
    """Names an entity that was removed: its type name and key."""

    kind: str
    key: str

    @classmethod
    def of(cls, entity: Entity) -> EntityRef:
        return cls(type(entity).__name__, entity.key)

    def is_a(self, kind: type[Entity]) -> bool:
        """Whether this names an entity of ``kind`` (a class: a typo is a NameError, not a miss)."""
        return self.kind == kind.__name__


