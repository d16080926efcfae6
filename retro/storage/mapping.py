"""Rows ⇄ domain entities. Works on ORM instances and Core rows alike (both read by attribute).

:data:`TABLES` says, for each kind of entity, which table holds it, which columns form its key
within the retro, and how to turn a row into the entity and the entity into column values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import Table

from ..domain import (
    AccountabilityStatement,
    ActionItem,
    ActionStatus,
    ActionType,
    Audience,
    Entity,
    EventKind,
    Factor,
    FactorCategory,
    FactorEvidence,
    FactorLink,
    Horizon,
    Impact,
    Incident,
    IncidentStatus,
    ParkingItem,
    ParkingResolution,
    Participant,
    Priority,
    PrivateNote,
    ReviewAnswer,
    Role,
    Severity,
    Stage,
    TimelineEvent,
)
from ..domain.kinds import KINDS
from . import models as m

# Enum members by stored token: a dict lookup is several times faster than ``EventKind(token)``.
_EVENT_KINDS = {member.value: member for member in EventKind}
_AUDIENCES = {member.value: member for member in Audience}
_ROLES = {member.value: member for member in Role}


def roles_to_text(roles: frozenset[Role]) -> str:
    """Roles as sorted, comma-separated tokens (``"incident_commander,leader"``)."""
    return ",".join(sorted(role.value for role in roles))


def roles_from_text(text: str) -> frozenset[Role]:
    return frozenset(Role(token) for token in text.split(",") if token)


def incident_from_row(r: Any) -> Incident:
    return Incident(
        id=r.id, title=r.title, severity=Severity(r.severity), status=IncidentStatus(r.status),
        summary=r.summary, services=tuple(r.services), tags=tuple(r.tags),
        customer_impact=r.customer_impact, timezone=r.timezone, started_at=r.started_at,
        detected_at=r.detected_at, declared_at=r.declared_at, mitigated_at=r.mitigated_at,
        resolved_at=r.resolved_at, lessons_learned=r.lessons_learned, went_well=r.went_well,
        got_lucky=r.got_lucky, surprises=r.surprises,
        internal_report_shared_at=r.internal_report_shared_at,
        public_report_shared_at=r.public_report_shared_at, archived=bool(r.archived),
        public_mentions=tuple(r.public_mentions or ()), public_apology=r.public_apology or "",
        public_contact=r.public_contact or "",
        created_at=r.created_at, version=r.version,
        agenda=tuple(r.agenda or ()), projector_shows_roles=bool(r.projector_shows_roles),
    )


def incident_values(i: Incident) -> dict[str, Any]:
    """Column values of the incident row, without ``version`` (the services own that)."""
    return {
        "id": i.id, "title": i.title, "severity": i.severity.value, "status": i.status.value,
        "summary": i.summary, "services": tuple(i.services), "tags": tuple(i.tags),
        "customer_impact": i.customer_impact, "timezone": i.timezone, "started_at": i.started_at,
        "detected_at": i.detected_at, "declared_at": i.declared_at, "mitigated_at": i.mitigated_at,
        "resolved_at": i.resolved_at, "lessons_learned": i.lessons_learned, "went_well": i.went_well,
        "got_lucky": i.got_lucky, "surprises": i.surprises,
        "internal_report_shared_at": i.internal_report_shared_at,
        "public_report_shared_at": i.public_report_shared_at, "archived": i.archived,
        "public_mentions": tuple(i.public_mentions), "public_apology": i.public_apology,
        "public_contact": i.public_contact,
        "created_at": i.created_at,
        "agenda": tuple(i.agenda), "projector_shows_roles": i.projector_shows_roles,
    }


def _participant(r: Any) -> Participant:
    return Participant(r.id, r.name, roles_from_text(r.roles), r.position)


def _participant_values(p: Participant) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "roles": roles_to_text(p.roles), "position": p.position}


def _event(r: Any) -> TimelineEvent:
    return TimelineEvent(
        r.id, r.at, r.text, _EVENT_KINDS[r.kind], r.source, r.evidence_url, _AUDIENCES[r.audience],
        _ROLES[r.actor_role] if r.actor_role else None,
    )


#: The timeline events' columns in the order :func:`events_from_tuples` reads them.
EVENT_COLUMNS = ("id", "at", "text", "kind", "source", "evidence_url", "audience", "actor_role")

# A whole timeline is unpacked without TimelineEvent.__init__: a frozen dataclass's __init__ is a
# Python call that sets each field through object.__setattr__ (~2.3 µs an event); an empty instance
# filled through the slots' own descriptors is ~1 µs. Same fields, same values (no __post_init__):
# checked here, so a field added to TimelineEvent and not to EVENT_COLUMNS fails at import.
if tuple(f.name for f in fields(TimelineEvent)) != EVENT_COLUMNS or hasattr(TimelineEvent, "__post_init__"):
    raise TypeError("EVENT_COLUMNS must list every TimelineEvent field, and the unpack below skips __post_init__")
_SET_EVENT_SLOTS = tuple(getattr(TimelineEvent, name).__set__ for name in EVENT_COLUMNS)


def _unpack_events(rows: Iterable[Sequence[Any]], *, at_is_text: bool) -> dict[str, TimelineEvent]:
    """``at_is_text``: ``at`` is SQLite's stored UTC text, parsed as UTCDateTime does."""
    new, cls, parse = object.__new__, TimelineEvent, datetime.fromisoformat
    s_id, s_at, s_text, s_kind, s_source, s_url, s_audience, s_role = _SET_EVENT_SLOTS
    kinds, audiences, roles = _EVENT_KINDS, _AUDIENCES, _ROLES
    events: dict[str, TimelineEvent] = {}
    for i, at, text, kind, source, url, audience, role in rows:
        event = new(cls)
        s_id(event, i)
        s_at(event, parse(at + "+00:00") if at_is_text else at)
        s_text(event, text)
        s_kind(event, kinds[kind])
        s_source(event, source)
        s_url(event, url)
        s_audience(event, audiences[audience])
        s_role(event, roles[role] if role else None)
        events[i] = event
    return events


def events_from_tuples(rows: Iterable[Sequence[Any]]) -> dict[str, TimelineEvent]:
    """Events by id from rows of :data:`EVENT_COLUMNS` (a big retro's 10,000 rows: unpacked, not read
    by attribute, no ``__init__`` call per event)."""
    return _unpack_events(rows, at_is_text=False)


def events_from_sqlite(rows: Iterable[Sequence[Any]]) -> dict[str, TimelineEvent]:
    """As :func:`events_from_tuples`, from the SQLite driver's own tuples (``at`` as the stored UTC
    text): what :class:`~retro.storage.types.UTCDateTime` reads on SQLite, without SQLAlchemy's
    row objects and one processor call per row in between."""
    return _unpack_events(rows, at_is_text=True)


def _event_values(e: TimelineEvent) -> dict[str, Any]:
    return {
        "id": e.id, "at": e.at, "text": e.text, "kind": e.kind.value, "source": e.source,
        "evidence_url": e.evidence_url, "audience": e.audience.value,
        "actor_role": e.actor_role.value if e.actor_role else None,
    }


def _factor(r: Any) -> Factor:
    return Factor(r.id, r.title, FactorCategory(r.category), r.description, Audience(r.audience), r.x, r.y)


def _factor_values(f: Factor) -> dict[str, Any]:
    return {
        "id": f.id, "title": f.title, "category": f.category.value, "description": f.description,
        "audience": f.audience.value, "x": f.x, "y": f.y,
    }


def _impact(r: Any) -> Impact:
    return Impact(r.id, r.title, r.description, r.x, r.y)


def _impact_values(i: Impact) -> dict[str, Any]:
    return {"id": i.id, "title": i.title, "description": i.description, "x": i.x, "y": i.y}


def _link(r: Any) -> FactorLink:
    return FactorLink(r.id, r.cause_id, r.effect_id, r.note)


def _link_values(link: FactorLink) -> dict[str, Any]:
    return {"id": link.id, "cause_id": link.cause_id, "effect_id": link.effect_id, "note": link.note}


def _evidence(r: Any) -> FactorEvidence:
    return FactorEvidence(r.factor_id, r.event_id)


def _evidence_values(e: FactorEvidence) -> dict[str, Any]:
    return {"factor_id": e.factor_id, "event_id": e.event_id}


def _statement(r: Any) -> AccountabilityStatement:
    return AccountabilityStatement(r.id, r.participant_id, r.text, r.speaking_order, r.recorded_at)


def _statement_values(s: AccountabilityStatement) -> dict[str, Any]:
    return {
        "id": s.id, "participant_id": s.participant_id, "text": s.text,
        "speaking_order": s.order, "recorded_at": s.recorded_at,
    }


def _note(r: Any) -> PrivateNote:
    return PrivateNote(r.id, r.text, r.participant_id, r.updated_at)


def _note_values(n: PrivateNote) -> dict[str, Any]:
    return {"id": n.id, "text": n.text, "participant_id": n.participant_id, "updated_at": n.updated_at}


def action_from_row(r: Any, factor_ids: tuple[str, ...] = ()) -> ActionItem:
    """An action item; its ``factor_ids`` come from ``action_factors`` (ordered by position)."""
    return ActionItem(
        id=r.id, title=r.title, owner=r.owner, due=r.due, description=r.description,
        action_type=ActionType(r.action_type), horizon=Horizon(r.horizon),
        priority=Priority(r.priority), status=ActionStatus(r.status), status_reason=r.status_reason,
        public_reason=r.public_reason or "", ticket_url=r.ticket_url, factor_ids=factor_ids, created_at=r.created_at,
        completed_at=r.completed_at,
    )


def _action_values(a: ActionItem) -> dict[str, Any]:
    return {
        "id": a.id, "title": a.title, "owner": a.owner, "due": a.due, "description": a.description,
        "action_type": a.action_type.value, "horizon": a.horizon.value, "priority": a.priority.value,
        "status": a.status.value, "status_reason": a.status_reason, "public_reason": a.public_reason,
        "ticket_url": a.ticket_url,
        "created_at": a.created_at, "completed_at": a.completed_at,
    }


def _answer(r: Any) -> ReviewAnswer:
    return ReviewAnswer(r.question, r.text)


def _answer_values(a: ReviewAnswer) -> dict[str, Any]:
    return {"question": a.question, "text": a.text}


def _parking(r: Any) -> ParkingItem:
    return ParkingItem(r.id, r.text, Stage(r.stage), r.created_at, ParkingResolution(r.resolution), r.outcome_id)


def _parking_values(p: ParkingItem) -> dict[str, Any]:
    return {"id": p.id, "text": p.text, "stage": p.stage.value, "created_at": p.created_at,
            "resolution": p.resolution.value, "outcome_id": p.outcome_id}


@dataclass(frozen=True, slots=True)
class EntityTable:
    """How one kind of entity is stored."""

    kind: str
    table: Table
    key_columns: tuple[str, ...]
    from_row: Callable[[Any], Any]
    values: Callable[[Any], dict[str, Any]]
    #: For the kinds a retro holds thousands of: a whole retro's rows of ``columns`` (in that
    #: order) → entities by key, faster than ``from_row`` per row.
    columns: tuple[str, ...] = ()
    from_tuples: Callable[[Iterable[Sequence[Any]]], dict[str, Any]] | None = None
    #: The same from the SQLite driver's tuples (stored text as it is), read past SQLAlchemy's rows.
    from_sqlite: Callable[[Iterable[Sequence[Any]]], dict[str, Any]] | None = None

    def key_of_row(self, row: Any) -> str:
        return ":".join(getattr(row, c) for c in self.key_columns)

    def key_values(self, key: str) -> dict[str, str]:
        """Column values of the key columns for an entity key (``factor:event`` for evidence)."""
        parts = key.split(":", len(self.key_columns) - 1) if len(self.key_columns) > 1 else [key]
        return dict(zip(self.key_columns, parts, strict=True))


# Row → entity and entity → column values, per kind; the table and key come from the registry.
_CONVERTERS: dict[type, tuple[Callable[..., Any], Callable[[Any], dict[str, Any]]]] = {
    Participant: (_participant, _participant_values),
    TimelineEvent: (_event, _event_values),
    Factor: (_factor, _factor_values),
    Impact: (_impact, _impact_values),
    FactorLink: (_link, _link_values),
    FactorEvidence: (_evidence, _evidence_values),
    AccountabilityStatement: (_statement, _statement_values),
    PrivateNote: (_note, _note_values),
    ActionItem: (action_from_row, _action_values),
    ReviewAnswer: (_answer, _answer_values),
    ParkingItem: (_parking, _parking_values),
}

#: Every kind of retro/domain/kinds.py, in its order: its table, key columns and converters. A kind
#: without converters here fails at import.
TABLES: dict[str, EntityTable] = {
    kind.name: EntityTable(kind.name, m.Base.metadata.tables[kind.table], kind.key_fields,
                           *_CONVERTERS[kind.entity_type],
                           *((EVENT_COLUMNS, events_from_tuples, events_from_sqlite)
                             if kind.entity_type is TimelineEvent else ()))
    for kind in KINDS
}


def entity_values(incident_id: str, entity: Entity) -> dict[str, Any]:
    """Column values of ``entity``'s row, ``incident_id`` included."""
    values = TABLES[type(entity).__name__].values(entity)
    values["incident_id"] = incident_id
    return values


def search_text(entity: Entity | Incident) -> str | None:
    """The text search finds ``entity`` by, or ``None`` when it has none worth indexing.

    Private notes are deliberately left out: the library's search results are shown to the room.
    """
    parts: list[str]
    match entity:
        case Incident():
            parts = [entity.title, entity.summary, " ".join(entity.services), " ".join(entity.tags),
                     entity.customer_impact, entity.lessons_learned, entity.went_well,
                     entity.got_lucky, entity.surprises]
        case Participant():
            parts = [entity.name]
        case TimelineEvent():
            parts = [entity.text, entity.source]
        case Factor() | Impact():
            parts = [entity.title, entity.description]
        case FactorLink():
            parts = [entity.note]
        case AccountabilityStatement() | ReviewAnswer() | ParkingItem():
            parts = [entity.text]
        case ActionItem():
            parts = [entity.title, entity.description, entity.owner, entity.status_reason]
        case _:
            return None
    body = "\n".join(p for p in parts if p)
    return body or None
