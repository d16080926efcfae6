"""The JSON document's vocabulary: its error, its version, and the shape of every object.

Each object in a document has a *shape*: its keys, a parser for each value and whether the key is
required. Parsers turn JSON values into domain values (enums by value, ISO 8601 times with an
offset into UTC datetimes, ISO dates) or raise :class:`DocumentError` with the JSON path of the
value and what is wrong with it. :mod:`retro.io.document_read` walks a document with these.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from ..domain import (
    AccountabilityStatement,
    ActionItem,
    ActionStatus,
    ActionType,
    Audience,
    EventKind,
    Factor,
    FactorCategory,
    FactorEvidence,
    FactorLink,
    Horizon,
    Impact,
    IncidentStatus,
    ParkingItem,
    ParkingResolution,
    Participant,
    Priority,
    RetroError,
    ReviewAnswer,
    Role,
    Severity,
    Stage,
    TimelineEvent,
    ValidationError,
)
from ..domain.factor_matches import MatchDecision
from ..domain.time_range import date_problem, time_problem
from ..domain.validation import LARGEST_WHOLE, MAX_SHORT_TEXT, SMALLEST_WHOLE, check_text

#: The value of the top-level ``format`` key.
FORMAT_NAME = "blameless-retro"
#: The newest document version this app reads and the one it writes.
FORMAT_VERSION = 1


class DocumentError(RetroError):
    """A document that cannot be read. ``path`` is a JSON path (``$.timeline[3].at``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


Parse = Callable[[Any, str], Any]

# -- paths and primitive values ------------------------------------------------------------------

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def key_path(path: str, key: str) -> str:
    return f"{path}.{key}" if _IDENTIFIER.match(key) else f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def wrong(path: str, wanted: str, value: Any) -> DocumentError:
    return DocumentError(path, f"should be {wanted}, not {_type_name(value)}")


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise wrong(path, "text", value)
    return value


def _identifier(value: Any, path: str) -> str:
    text = _text(value, path)
    try:
        check_text("id", text, required=True, limit=MAX_SHORT_TEXT)
    except ValidationError as exc:
        raise DocumentError(path, f"is not a usable id: it {exc.message}") from None
    return text


def integer(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong(path, "a whole number", value)
    if not SMALLEST_WHOLE <= value <= LARGEST_WHOLE:
        shown = str(value) if abs(value) < 10**20 else "a number of more than 20 digits"
        raise DocumentError(path, f"is {shown}, outside the whole numbers a retro can store "
                                  f"({SMALLEST_WHOLE:,} to {LARGEST_WHOLE:,})")
    return value


def _boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise wrong(path, "true or false", value)
    return value


def _coordinate(value: Any, path: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise wrong(path, "a number or null", value)
    number = float(value)
    if not math.isfinite(number):
        raise DocumentError(path, "should be a finite number")
    return number


def _time(value: Any, path: str) -> datetime:
    text = _text(value, path)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise DocumentError(path, f"{text!r} is not an ISO 8601 time like 2026-10-14T08:05:00+00:00") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise DocumentError(path, f"{text!r} has no UTC offset; write it like 2026-10-14T08:05:00+00:00")
    problem = time_problem(moment)
    if problem:
        raise DocumentError(path, problem)
    return moment.astimezone(UTC)


def _optional_time(value: Any, path: str) -> datetime | None:
    return None if value is None else _time(value, path)


def _optional_date(value: Any, path: str) -> date | None:
    if value is None:
        return None
    text = _text(value, path)
    try:
        if len(text) != 10:
            raise ValueError(text)
        moment = date.fromisoformat(text)
    except ValueError:
        raise DocumentError(path, f"{text!r} is not an ISO 8601 date like 2026-11-13") from None
    problem = date_problem(moment)
    if problem:
        raise DocumentError(path, problem)
    return moment


def _enum(kind: type[Enum]) -> Parse:
    allowed = ", ".join(repr(m.value) for m in kind)

    def parse(value: Any, path: str) -> Enum:
        text = _text(value, path)
        try:
            return kind(text)
        except ValueError:
            raise DocumentError(path, f"{text!r} is not a known value; allowed: {allowed}") from None

    return parse


def _optional(parse: Parse) -> Parse:
    def parse_optional(value: Any, path: str) -> Any:
        return None if value is None else parse(value, path)

    return parse_optional


def _list_of(parse: Parse, *, unique: bool = False) -> Parse:
    def parse_list(value: Any, path: str) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise wrong(path, "a list", value)
        items = tuple(parse(item, f"{path}[{i}]") for i, item in enumerate(value))
        if unique:
            for i, item in enumerate(items):
                if item in items[:i]:
                    raise DocumentError(f"{path}[{i}]", f"{_shown(item)} is listed twice")
        return items

    return parse_list


def _shown(item: Any) -> str:
    return repr(item.value if isinstance(item, Enum) else item)


def _roles(value: Any, path: str) -> frozenset[Role]:
    return frozenset(_list_of(_enum(Role), unique=True)(value, path))


# -- the shape of each object ---------------------------------------------------------------------

#: For each object: its fields, each with a parser and whether it is required. A missing
#: optional field takes the domain's default.
Shape = dict[str, tuple[Parse, bool]]

INCIDENT: Shape = {
    "id": (_identifier, True),
    "title": (_text, True),
    "severity": (_enum(Severity), False),
    "status": (_enum(IncidentStatus), False),
    "summary": (_text, False),
    "services": (_list_of(_text), False),
    "tags": (_list_of(_text), False),
    "customer_impact": (_text, False),
    "timezone": (_text, False),
    "started_at": (_optional_time, False),
    "detected_at": (_optional_time, False),
    "declared_at": (_optional_time, False),
    "mitigated_at": (_optional_time, False),
    "resolved_at": (_optional_time, False),
    "lessons_learned": (_text, False),
    "went_well": (_text, False),
    "got_lucky": (_text, False),
    "surprises": (_text, False),
    "internal_report_shared_at": (_optional_time, False),
    "public_report_shared_at": (_optional_time, False),
    "public_mentions": (_list_of(_text), False),
    "public_apology": (_text, False),
    "public_contact": (_text, False),
    "archived": (_boolean, False),
    "created_at": (_optional_time, False),
    "version": (integer, False),
    "agenda": (_list_of(_text), False),
    "projector_shows_roles": (_boolean, False),
}
_PARTICIPANT: Shape = {
    "id": (_identifier, True),
    "name": (_text, True),
    "roles": (_roles, False),
    "position": (integer, False),
}
_EVENT: Shape = {
    "id": (_identifier, True),
    "at": (_time, True),
    "text": (_text, True),
    "kind": (_enum(EventKind), False),
    "source": (_text, False),
    "evidence_url": (_text, False),
    "audience": (_enum(Audience), False),
    "actor_role": (_optional(_enum(Role)), False),
}
_FACTOR: Shape = {
    "id": (_identifier, True),
    "title": (_text, True),
    "category": (_enum(FactorCategory), False),
    "description": (_text, False),
    "audience": (_enum(Audience), False),
    "x": (_coordinate, False),
    "y": (_coordinate, False),
}
_IMPACT: Shape = {
    "id": (_identifier, True),
    "title": (_text, False),
    "description": (_text, False),
    "x": (_coordinate, False),
    "y": (_coordinate, False),
}
_LINK: Shape = {
    "id": (_identifier, True),
    "cause_id": (_identifier, True),
    "effect_id": (_identifier, True),
    "note": (_text, False),
}
_EVIDENCE: Shape = {
    "factor_id": (_identifier, True),
    "event_id": (_identifier, True),
}
_STATEMENT: Shape = {
    "id": (_identifier, True),
    "participant_id": (_identifier, True),
    "text": (_text, True),
    "order": (integer, False),
    "recorded_at": (_optional_time, False),
}
_ACTION: Shape = {
    "id": (_identifier, True),
    "title": (_text, True),
    "owner": (_text, False),
    "due": (_optional_date, False),
    "description": (_text, False),
    "action_type": (_enum(ActionType), False),
    "horizon": (_enum(Horizon), False),
    "priority": (_enum(Priority), False),
    "status": (_enum(ActionStatus), False),
    "status_reason": (_text, False),
    "public_reason": (_text, False),
    "ticket_url": (_text, False),
    "factor_ids": (_list_of(_identifier, unique=True), False),
    "created_at": (_optional_time, False),
    "completed_at": (_optional_time, False),
}
_REVIEW: Shape = {
    "question": (_text, True),
    "text": (_text, True),
}

_PARKING: Shape = {
    "id": (_identifier, True),
    "text": (_text, True),
    "stage": (_enum(Stage), False),
    "created_at": (_optional_time, False),
    "resolution": (_enum(ParkingResolution), False),
    "outcome_id": (_text, False),
}

#: Top-level lists: key, what one item is called, its shape, the entity it becomes.
SECTIONS: tuple[tuple[str, str, Shape, type], ...] = (
    ("participants", "participant", _PARTICIPANT, Participant),
    ("timeline", "timeline event", _EVENT, TimelineEvent),
    ("factors", "contributing factor", _FACTOR, Factor),
    ("impacts", "impact", _IMPACT, Impact),
    ("links", "“contributed to” link", _LINK, FactorLink),
    ("evidence", "evidence citation", _EVIDENCE, FactorEvidence),
    ("accountability", "accountability statement", _STATEMENT, AccountabilityStatement),
    ("actions", "action item", _ACTION, ActionItem),
    ("review", "review answer", _REVIEW, ReviewAnswer),
    ("parking_lot", "parking-lot item", _PARKING, ParkingItem),
)
TOP_LEVEL = ("format", "version", "incident", *(key for key, *_ in SECTIONS), "factor_matches")

#: One decision of ``factor_matches`` (not an entity: it is checked against the factors read).
FACTOR_MATCH: Shape = {
    "factor_id": (_identifier, True),
    "other_incident_id": (_identifier, True),
    "other_factor_id": (_identifier, True),
    "decision": (_enum(MatchDecision), True),
}

#: Field names used by :mod:`retro.domain.validation` → the document's keys.
VALIDATION_FIELDS = {
    "time": "at",
    "evidence link": "evidence_url",
    "cause": "cause_id",
    "effect": "effect_id",
    "factor": "factor_id",
    "event": "event_id",
    "speaker": "participant_id",
    "statement": "text",
    "ticket link": "ticket_url",
    "reason": "status_reason",
    "public reason": "public_reason",
    "factors": "factor_ids",
    "answer": "text",
    "parked topic": "text",
    "outcome": "outcome_id",
}


def parse_object(value: Any, path: str, shape: Shape, what: str) -> dict[str, Any]:
    """Check ``value`` is an object of ``shape`` and return its parsed fields."""
    if not isinstance(value, dict):
        raise wrong(path, f"an object (a {what})", value)
    for key in value:
        if not isinstance(key, str):
            raise DocumentError(path, f"has a key {key!r} that is not text")
        if key not in shape:
            raise DocumentError(key_path(path, key), unknown_key(key, shape, what))
    for key, (_, required) in shape.items():
        if required and key not in value:
            raise DocumentError(key_path(path, key), f"is missing: every {what} needs “{key}”")
    return {key: shape[key][0](raw, key_path(path, key)) for key, raw in value.items()}


def unknown_key(key: str, known: Iterable[str], what: str) -> str:
    if key in ("private_notes", "private_note"):
        return "private facilitator notes are never part of a document: they never leave the facilitator's machine"
    return f"is not a field of a {what}; known fields: {', '.join(known)}"
