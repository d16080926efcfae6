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

import codecs
import json
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from ..domain import Retro, ReviewAnswer, ValidationError, accountability_problems
from ..domain.entities import (
    AccountabilityStatement,
    ActionItem,
    Factor,
    FactorEvidence,
    FactorLink,
    Impact,
    Incident,
)
from ..domain.validation import validate_entity, validate_incident
from .document_fields import (
    FACTOR_MATCH,
    FORMAT_NAME,
    FORMAT_VERSION,
    INCIDENT,
    SECTIONS,
    TOP_LEVEL,
    VALIDATION_FIELDS,
    DocumentError,
    integer,
    key_path,
    parse_object,
    unknown_key,
    wrong,
)

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "DocumentError", "load_document"]


# -- reading --------------------------------------------------------------------------------------


def load_document(data: str | bytes | dict[str, Any]) -> Retro:
    """Read a whole retrospective from JSON text, UTF-8 bytes or a parsed dict.

    Raises :class:`DocumentError` naming the JSON path of the first problem; returns nothing
    and writes nothing in that case.
    """
    document = _parse_json(data) if isinstance(data, str | bytes | bytearray) else data
    if not isinstance(document, dict):
        raise wrong("$", "an object (a Blameless Retro document)", document)
    _check_header(document)
    for key in document:
        if key not in TOP_LEVEL:
            raise DocumentError(key_path("$", str(key)), unknown_key(str(key), TOP_LEVEL, "document"))
    if "incident" not in document:
        raise DocumentError("$.incident", "is missing: a document holds one incident")
    incident = Incident(**parse_object(document["incident"], "$.incident", INCIDENT, "incident"))
    _validated(lambda: validate_incident(incident), "$.incident")

    retro = Retro(incident)
    paths: dict[tuple[type, str], str] = {}  # (collection, key) → JSON path of the entity
    for key, what, shape, kind in SECTIONS:
        items = document.get(key, [])
        if not isinstance(items, list):
            raise wrong(f"$.{key}", "a list", items)
        collection = retro.collection(kind)
        for i, item in enumerate(items):
            path = f"$.{key}[{i}]"
            entity = kind(**parse_object(item, path, shape, what))
            _check_unique(entity, kind, path, paths, retro)
            collection[entity.key] = entity
            paths[(kind, entity.key)] = path

    _check_references(retro, paths)
    for entity in retro.entities():
        path = paths[(type(entity), entity.key)]
        _validated(partial(validate_entity, entity, retro), path)
    _check_leader_first(retro, paths)
    _read_factor_matches(document.get("factor_matches", []), retro)
    return retro


def _read_factor_matches(items: Any, retro: Retro) -> None:
    """The facilitator's decisions on near-duplicates: each about a factor of this document."""
    if not isinstance(items, list):
        raise wrong("$.factor_matches", "a list", items)
    seen: dict[tuple[str, str, str], str] = {}
    for i, item in enumerate(items):
        path = f"$.factor_matches[{i}]"
        values = parse_object(item, path, FACTOR_MATCH, "factor match decision")
        pair = (values["factor_id"], values["other_incident_id"], values["other_factor_id"])
        if pair[0] not in retro.factors:
            raise DocumentError(f"{path}.factor_id", f"refers to {pair[0]!r}, but there is no contributing factor "
                                                     "with that id in this document")
        if pair[1] == retro.incident.id:
            raise DocumentError(f"{path}.other_incident_id", "is this document's own incident: a match is with a "
                                                             "factor of an earlier retro")
        if pair in seen:
            raise DocumentError(path, f"decides the same pair as {seen[pair]}")
        seen[pair] = path
        retro.factor_matches[pair] = values["decision"]


def _parse_json(data: str | bytes | bytearray) -> Any:
    codec = "utf-8-sig"
    if isinstance(data, bytes | bytearray):
        codec = _json_encoding(bytes(data))
        try:
            data = bytes(data).decode(codec)
        except UnicodeDecodeError as exc:
            shown = "UTF-8" if codec == "utf-8-sig" else codec.upper()
            raise DocumentError("$", f"is not {shown} text (byte {exc.start} cannot be read); save it as UTF-8") from None
    try:
        return json.loads(data, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant,
                          parse_int=_whole_number)
    except json.JSONDecodeError as exc:
        read_as = "" if codec == "utf-8-sig" else f" (read as {codec.upper()}, from its first bytes)"
        raise DocumentError("$", f"is not JSON{read_as}: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise DocumentError("$", "is nested too deeply to be a Blameless Retro document") from None


def _json_encoding(data: bytes) -> str:
    """The codec of a JSON document: UTF-8 (BOM or not), or UTF-16/32 with a BOM or, as JSON
    starts with an ASCII character, without one (RFC 8259 §8.1: the NUL pattern of the first bytes)."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:4]
    if len(head) == 4:
        if head[:3] == b"\0\0\0" and head[3]:
            return "utf-32-be"
        if head[0] and head[1:] == b"\0\0\0":
            return "utf-32-le"
        if not head[0] and head[1] and not head[2]:
            return "utf-16-be"
        if head[0] and not head[1] and head[2] and not head[3]:
            return "utf-16-le"
    return "utf-8-sig"


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise DocumentError("$", f"is not a valid document: the key {key!r} appears twice in one object")
        seen[key] = value
    return seen


def _whole_number(digits: str) -> int:
    # Python refuses to read integers of thousands of digits (ValueError; the limit can be set as
    # low as 640): refuse them first. Shorter ones are read, and the field says if they are too large.
    if len(digits.lstrip("-")) > 600:
        raise DocumentError("$", f"holds a number of {len(digits.lstrip('-')):,} digits, far too large for a retro")
    return int(digits)


def _no_constant(name: str) -> Any:
    raise DocumentError("$", f"is not valid JSON: {name} is not a number JSON allows")


def _check_header(document: dict[str, Any]) -> None:
    if "format" not in document:
        raise DocumentError("$.format", f"is missing: a Blameless Retro document starts with \"format\": \"{FORMAT_NAME}\"")
    if document["format"] != FORMAT_NAME:
        raise DocumentError("$.format", f"is {document['format']!r}, not {FORMAT_NAME!r}: this is not a Blameless Retro document")
    if "version" not in document:
        raise DocumentError("$.version", "is missing: the document must say which version of the format it uses")
    version = integer(document["version"], "$.version")
    if version > FORMAT_VERSION:
        raise DocumentError(
            "$.version",
            f"is {version}, newer than this app reads (version {FORMAT_VERSION} and older): update the app to open it",
        )
    if version < 1:
        raise DocumentError("$.version", f"is {version}; versions start at 1")


def _check_unique(entity: Any, kind: type, path: str, paths: dict[tuple[type, str], str], retro: Retro) -> None:
    earlier = paths.get((kind, entity.key))
    if earlier is not None:
        field = "id" if hasattr(entity, "id") else ("question" if kind is ReviewAnswer else "")
        where = f"{path}.{field}" if field else path
        raise DocumentError(where, f"duplicates {earlier}: {entity.key!r} appears twice")
    if kind is Impact and entity.key in retro.factors:  # factors are read before impacts
        other = paths[(Factor, entity.key)]
        raise DocumentError(f"{path}.id", f"duplicates {other}: factors and impacts share one graph, so ids must differ")


def _check_references(retro: Retro, paths: dict[tuple[type, str], str]) -> None:
    """Every id a document refers to names something in the same document."""

    def missing(path: str, what: str, ref: str) -> DocumentError:
        return DocumentError(path, f"refers to {ref!r}, but there is no {what} with that id in this document")

    connected: dict[tuple[str, str], str] = {}
    for link in retro.links.values():
        path = paths[(FactorLink, link.key)]
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
        path = paths[(FactorEvidence, ev.key)]
        if ev.factor_id not in retro.factors:
            raise missing(f"{path}.factor_id", "contributing factor", ev.factor_id)
        if ev.event_id not in retro.events:
            raise missing(f"{path}.event_id", "timeline event", ev.event_id)
    for statement in retro.statements.values():
        path = paths[(AccountabilityStatement, statement.key)]
        if statement.participant_id not in retro.participants:
            raise missing(f"{path}.participant_id", "participant", statement.participant_id)
    for action in retro.actions.values():
        path = paths[(ActionItem, action.key)]
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
    key = VALIDATION_FIELDS.get(field, field)
    match = re.fullmatch(r"([a-z_]+)(\[\d+\])?", key)
    return f"{path}.{key}" if match else path


def _check_leader_first(retro: Retro, paths: dict[tuple[type, str], str]) -> None:
    problems = accountability_problems(retro)
    if problems:
        first = retro.speaking_order()[0]
        raise DocumentError(paths[(AccountabilityStatement, first.key)], problems[0])
