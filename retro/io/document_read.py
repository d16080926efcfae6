"""Reading the JSON document: strict, pure, and precise about what is wrong and where.

:func:`load_document` turns JSON text (or an already parsed dict) into a
:class:`~retro.domain.Retro`, or raises :class:`DocumentError` naming the JSON path of the first
problem (``$.timeline[3].at``) and what is wrong there. It never writes anything: storing the
retro is the caller's business.

Checks, in order: the text is JSON; it is a Blameless Retro document of a version we read; every
object has its required keys and no unknown ones; every value has the right type (enums by
value, times ISO 8601 with an offset, dates ISO); ids are unique; references point at things that
exist; each entity passes :mod:`retro.domain.validation`; and the leader speaks first
(:func:`retro.domain.accountability.accountability_problems`).
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
    Incident,
    IncidentStatus,
    Participant,
    Priority,
    Retro,
    RetroError,
    ReviewAnswer,
    Role,
    Severity,
    TimelineEvent,
    ValidationError,
    accountability_problems,
)
from ..domain.validation import MAX_SHORT_TEXT, check_text, validate_entity, validate_incident

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


def _key_path(path: str, key: str) -> str:
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


def _wrong(path: str, wanted: str, value: Any) -> DocumentError:
    return DocumentError(path, f"should be {wanted}, not {_type_name(value)}")


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise _wrong(path, "text", value)
    return value


def _identifier(value: Any, path: str) -> str:
    text = _text(value, path)
    try:
        check_text("id", text, required=True, limit=MAX_SHORT_TEXT)
    except ValidationError as exc:
        raise DocumentError(path, f"is not a usable id: it {exc.message}") from None
    return text


def _integer(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong(path, "a whole number", value)
    return value


def _boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise _wrong(path, "true or false", value)
    return value


def _coordinate(value: Any, path: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong(path, "a number or null", value)
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
        return date.fromisoformat(text)
    except ValueError:
        raise DocumentError(path, f"{text!r} is not an ISO 8601 date like 2026-11-13") from None


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
            raise _wrong(path, "a list", value)
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

_INCIDENT: Shape = {
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
    "archived": (_boolean, False),
    "created_at": (_optional_time, False),
    "version": (_integer, False),
}
_PARTICIPANT: Shape = {
    "id": (_identifier, True),
    "name": (_text, True),
    "roles": (_roles, False),
    "position": (_integer, False),
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
    "order": (_integer, False),
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
    "ticket_url": (_text, False),
    "factor_ids": (_list_of(_identifier, unique=True), False),
    "created_at": (_optional_time, False),
    "completed_at": (_optional_time, False),
}
_REVIEW: Shape = {
    "question": (_text, True),
    "text": (_text, True),
}

#: Top-level lists: key, what one item is called, its shape, the entity it becomes.
_SECTIONS: tuple[tuple[str, str, Shape, type], ...] = (
    ("participants", "participant", _PARTICIPANT, Participant),
    ("timeline", "timeline event", _EVENT, TimelineEvent),
    ("factors", "contributing factor", _FACTOR, Factor),
    ("impacts", "impact", _IMPACT, Impact),
    ("links", "“contributed to” link", _LINK, FactorLink),
    ("evidence", "evidence citation", _EVIDENCE, FactorEvidence),
    ("accountability", "accountability statement", _STATEMENT, AccountabilityStatement),
    ("actions", "action item", _ACTION, ActionItem),
    ("review", "review answer", _REVIEW, ReviewAnswer),
)
_TOP_LEVEL = ("format", "version", "incident", *(key for key, *_ in _SECTIONS))

#: Field names used by :mod:`retro.domain.validation` → the document's keys.
_VALIDATION_FIELDS = {
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
    "factors": "factor_ids",
    "answer": "text",
}


def _object(value: Any, path: str, shape: Shape, what: str) -> dict[str, Any]:
    """Check ``value`` is an object of ``shape`` and return its parsed fields."""
    if not isinstance(value, dict):
        raise _wrong(path, f"an object (a {what})", value)
    for key in value:
        if not isinstance(key, str):
            raise DocumentError(path, f"has a key {key!r} that is not text")
        if key not in shape:
            raise DocumentError(_key_path(path, key), _unknown_key(key, shape, what))
    for key, (_, required) in shape.items():
        if required and key not in value:
            raise DocumentError(_key_path(path, key), f"is missing: every {what} needs “{key}”")
    return {key: shape[key][0](raw, _key_path(path, key)) for key, raw in value.items()}


def _unknown_key(key: str, known: Iterable[str], what: str) -> str:
    if key in ("private_notes", "private_note"):
        return "private facilitator notes are never part of a document: they never leave the facilitator's machine"
    return f"is not a field of a {what}; known fields: {', '.join(known)}"


# -- reading --------------------------------------------------------------------------------------


def load_document(data: str | bytes | dict[str, Any]) -> Retro:
    """Read a whole retrospective from JSON text, UTF-8 bytes or a parsed dict.

    Raises :class:`DocumentError` naming the JSON path of the first problem; returns nothing
    and writes nothing in that case.
    """
    document = _parse_json(data) if isinstance(data, str | bytes | bytearray) else data
    if not isinstance(document, dict):
        raise _wrong("$", "an object (a Blameless Retro document)", document)
    _check_header(document)
    for key in document:
        if key not in _TOP_LEVEL:
            raise DocumentError(_key_path("$", str(key)), _unknown_key(str(key), _TOP_LEVEL, "document"))
    if "incident" not in document:
        raise DocumentError("$.incident", "is missing: a document holds one incident")
    incident = Incident(**_object(document["incident"], "$.incident", _INCIDENT, "incident"))
    _validated(lambda: validate_incident(incident), "$.incident")

    retro = Retro(incident)
    paths: dict[tuple[str, str], str] = {}  # (collection, key) → JSON path of the entity
    for key, what, shape, kind in _SECTIONS:
        items = document.get(key, [])
        if not isinstance(items, list):
            raise _wrong(f"$.{key}", "a list", items)
        collection = retro.collection(kind.__name__)
        for i, item in enumerate(items):
            path = f"$.{key}[{i}]"
            entity = kind(**_object(item, path, shape, what))
            _check_unique(entity, kind, path, paths, retro)
            collection[entity.key] = entity
            paths[(kind.__name__, entity.key)] = path

    _check_references(retro, paths)
    for entity in retro.entities():
        path = paths[(type(entity).__name__, entity.key)]
        _validated(lambda entity=entity: validate_entity(entity, retro), path)
    _check_leader_first(retro, paths)
    return retro


def _parse_json(data: str | bytes | bytearray) -> Any:
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DocumentError("$", f"is not UTF-8 text (byte {exc.start} cannot be read)") from None
    try:
        return json.loads(data, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise DocumentError("$", f"is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise DocumentError("$", "is nested too deeply to be a Blameless Retro document") from None


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise DocumentError("$", f"is not a valid document: the key {key!r} appears twice in one object")
        seen[key] = value
    return seen


def _no_constant(name: str) -> Any:
    raise DocumentError("$", f"is not valid JSON: {name} is not a number JSON allows")


def _check_header(document: dict[str, Any]) -> None:
    if "format" not in document:
        raise DocumentError("$.format", f"is missing: a Blameless Retro document starts with \"format\": \"{FORMAT_NAME}\"")
    if document["format"] != FORMAT_NAME:
        raise DocumentError("$.format", f"is {document['format']!r}, not {FORMAT_NAME!r}: this is not a Blameless Retro document")
    if "version" not in document:
        raise DocumentError("$.version", "is missing: the document must say which version of the format it uses")
    version = _integer(document["version"], "$.version")
    if version > FORMAT_VERSION:
        raise DocumentError(
            "$.version",
            f"is {version}, newer than this app reads (version {FORMAT_VERSION} and older): update the app to open it",
        )
    if version < 1:
        raise DocumentError("$.version", f"is {version}; versions start at 1")


def _check_unique(entity: Any, kind: type, path: str, paths: dict[tuple[str, str], str], retro: Retro) -> None:
    earlier = paths.get((kind.__name__, entity.key))
    if earlier is not None:
        field = "id" if hasattr(entity, "id") else ("question" if kind is ReviewAnswer else "")
        where = f"{path}.{field}" if field else path
        raise DocumentError(where, f"duplicates {earlier}: {entity.key!r} appears twice")
    if kind is Impact and entity.key in retro.factors:  # factors are read before impacts
        other = paths[("Factor", entity.key)]
        raise DocumentError(f"{path}.id", f"duplicates {other}: factors and impacts share one graph, so ids must differ")


def _check_references(retro: Retro, paths: dict[tuple[str, str], str]) -> None:
    """Every id a document refers to names something in the same document."""

    def missing(path: str, what: str, ref: str) -> DocumentError:
        return DocumentError(path, f"refers to {ref!r}, but there is no {what} with that id in this document")

    connected: dict[tuple[str, str], str] = {}
    for link in retro.links.values():
        path = paths[("FactorLink", link.key)]
        pair = (link.cause_id, link.effect_id)
        if pair in connected:
            raise DocumentError(f"{path}.effect_id", f"connects the same two nodes as {connected[pair]}")
        connected[pair] = path
        if link.cause_id not in retro.factors:
            if link.cause_id in retro.impacts:
                raise DocumentError(f"{path}.cause_id", "an arrow must start at a contributing factor, not the impact")
            raise missing(f"{path}.cause_id", "contributing factor", link.cause_id)
        if link.effect_id not in retro.factors and link.effect_id not in retro.impacts:
            raise missing(f"{path}.effect_id", "contributing factor or impact", link.effect_id)
    for ev in retro.evidence.values():
        path = paths[("FactorEvidence", ev.key)]
        if ev.factor_id not in retro.factors:
            raise missing(f"{path}.factor_id", "contributing factor", ev.factor_id)
        if ev.event_id not in retro.events:
            raise missing(f"{path}.event_id", "timeline event", ev.event_id)
    for statement in retro.statements.values():
        path = paths[("AccountabilityStatement", statement.key)]
        if statement.participant_id not in retro.participants:
            raise missing(f"{path}.participant_id", "participant", statement.participant_id)
    for action in retro.actions.values():
        path = paths[("ActionItem", action.key)]
        for i, factor_id in enumerate(action.factor_ids):
            if factor_id not in retro.factors:
                raise missing(f"{path}.factor_ids[{i}]", "contributing factor", factor_id)


def _validated(check: Callable[[], None], path: str) -> None:
    """Run a domain validation, turning its :class:`ValidationError` into a :class:`DocumentError`."""
    try:
        check()
    except ValidationError as exc:
        raise DocumentError(_field_path(path, exc.field), exc.message) from None


def _field_path(path: str, field: str) -> str:
    key = _VALIDATION_FIELDS.get(field, field)
    match = re.fullmatch(r"([a-z_]+)(\[\d+\])?", key)
    return f"{path}.{key}" if match else path


def _check_leader_first(retro: Retro, paths: dict[tuple[str, str], str]) -> None:
    problems = accountability_problems(retro)
    if problems:
        first = retro.speaking_order()[0]
        raise DocumentError(paths[("AccountabilityStatement", first.key)], problems[0])
