"""The JSON document: one whole retrospective as versioned, documented JSON.

``dump``/``dumps`` write a :class:`~retro.domain.Retro`; :func:`load_document` reads one back
and refuses anything malformed with a :class:`DocumentError` that names the JSON path of the
problem (see :mod:`retro.io.document_read`). The format is documented field by field in
``docs/json-format.md``.

The facilitator's decisions on near-duplicate factors of earlier retros ("Seen before") are
written as ``factor_matches`` when there are any.

Private facilitator notes (:class:`~retro.domain.PrivateNote`) are never written: they never
leave the facilitator's machine in any export, and a document that contains them is refused.

Lists are written in a canonical order (participants by position, the timeline by time,
statements in speaking order, actions by due date, review answers in question order, the rest
by a stable key), keys in a fixed order, so the same retro always gives the same text.
"""

from __future__ import annotations

import json
import math
from dataclasses import fields
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from ..domain import Retro, Role
from ..domain.entities import Entity, Incident
from ..domain.review import REVIEW_QUESTIONS
from .document_read import FORMAT_NAME, FORMAT_VERSION, DocumentError, load_document

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "DocumentError", "dump", "dumps", "load_document"]

_QUESTION_ORDER = {q.key: i for i, q in enumerate(REVIEW_QUESTIONS)}


def dump(retro: Retro) -> dict[str, Any]:
    """The retro as a JSON-ready dict (private notes left out), in canonical order."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "incident": _record(retro.incident, "$.incident"),
        "participants": _records(retro.people(), "$.participants"),
        "timeline": _records(retro.timeline(), "$.timeline"),
        "factors": _records(sorted(retro.factors.values(), key=lambda f: f.id), "$.factors"),
        "impacts": _records(sorted(retro.impacts.values(), key=lambda i: i.id), "$.impacts"),
        "links": _records(
            sorted(retro.links.values(), key=lambda lk: (lk.cause_id, lk.effect_id, lk.id)), "$.links"
        ),
        "evidence": _records(
            sorted(retro.evidence.values(), key=lambda ev: (ev.factor_id, ev.event_id)), "$.evidence"
        ),
        "accountability": _records(retro.speaking_order(), "$.accountability"),
        "actions": _records(retro.action_list(), "$.actions"),
        "review": _records(
            sorted(retro.review_answers.values(), key=lambda a: (_QUESTION_ORDER.get(a.question, 99), a.question)),
            "$.review",
        ),
        "parking_lot": _records(retro.parking_list(), "$.parking_lot"),
        **({"factor_matches": [
            {"factor_id": f, "other_incident_id": other, "other_factor_id": theirs, "decision": d.value}
            for (f, other, theirs), d in sorted(retro.factor_matches.items())
        ]} if retro.factor_matches else {}),
    }


def dumps(retro: Retro) -> str:
    """The retro as JSON text: UTF-8 friendly (no ``\\u`` escapes), indent 2, stable key order."""
    return json.dumps(dump(retro), ensure_ascii=False, indent=2, allow_nan=False)


def _records(entities: list[Any], path: str) -> list[dict[str, Any]]:
    return [_record(entity, f"{path}[{i}]") for i, entity in enumerate(entities)]


def _record(entity: Entity | Incident, path: str) -> dict[str, Any]:
    """One entity as a dict: every dataclass field, in declaration order, as JSON values."""
    return {f.name: _value(getattr(entity, f.name), f"{path}.{f.name}") for f in fields(entity)}


def _value(value: object, path: str) -> Any:
    """A domain value as a JSON value: enums by value, times as ISO 8601 in UTC, sets in enum order."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise DocumentError(path, "is a time without a timezone; times must be timezone-aware (UTC)")
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return [role.value for role in Role if role in value]
    if isinstance(value, tuple):
        return [_value(item, f"{path}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, float):
        if not math.isfinite(value):  # NaN and infinities have no JSON form
            raise DocumentError(path, f"is {value}, which JSON cannot hold; positions must be finite numbers")
        return value + 0.0  # -0.0 → 0.0: one way to write zero
    return value
