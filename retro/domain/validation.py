"""Checks on single entities before they are stored. Each failure names the field."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields
from datetime import date, datetime
from functools import cache
from operator import attrgetter
from typing import Any, cast, get_args, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .agenda import check_agenda
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
from .enums import ActionStatus
from .errors import ValidationError
from .retro import Retro
from .review import QUESTION_BY_KEY
from .time_range import date_problem, time_problem

MAX_SHORT_TEXT = 300
#: Whole numbers (positions, speaking order) every database stores: a 32-bit integer column.
SMALLEST_WHOLE, LARGEST_WHOLE = -(2**31), 2**31 - 1
MAX_LONG_TEXT = 100_000

_MULTI_OWNER = re.compile(r"[,;/+&]|\band\b", re.IGNORECASE)
_SURROGATE = re.compile("[\ud800-\udfff]")
#: What no database stores faithfully, in any text field: NUL and unpaired surrogates.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_URL = re.compile(r"^(https?|ftp|file|mailto):\S+$", re.IGNORECASE)


def check_text(field: str, text: str, *, required: bool = False, limit: int = MAX_LONG_TEXT) -> None:
    """Refuse text that no database can store faithfully, or that is missing or too long."""
    if not isinstance(text, str):
        raise ValidationError(field, "must be text")
    if required and (not text or text.isspace()):  # as ``not text.strip()``, without the copy
        raise ValidationError(field, "is required")
    if len(text) > limit:
        raise ValidationError(field, f"is too long ({len(text):,} characters; the limit is {limit:,})")
    if "\x00" in text:
        raise ValidationError(field, "contains a NUL character (\\x00), which cannot be stored")
    if not text.isascii() and _SURROGATE.search(text):  # ASCII holds no surrogate: skip the search
        raise ValidationError(field, "contains an unpaired surrogate, which is not valid Unicode text")


_TextGetter = Callable[[object], tuple[str, ...]]
_TEXT_FIELDS: dict[type, tuple[_TextGetter | None, tuple[str, ...]]] = {}


def _text_fields(kind: type) -> tuple[_TextGetter | None, tuple[str, ...]]:
    """How to read ``kind``'s text: a getter of its plain ``str`` fields, and its other fields' names.

    The plain text fields (most of them) are read in one call and checked in one search; the
    rest (optional text, lists of text, anything else) are looked at one by one. Worked out once
    per kind, from its annotations.
    """
    known = _TEXT_FIELDS.get(kind)
    if known is not None:
        return known
    hints = get_type_hints(kind)
    plain = tuple(f.name for f in fields(kind) if hints.get(f.name) is str)
    others = tuple(f.name for f in fields(kind) if f.name not in plain and _may_hold_text(hints.get(f.name)))
    read: _TextGetter | None = None
    if len(plain) == 1:
        name = plain[0]
        read = lambda entity: (getattr(entity, name),)  # noqa: E731
    elif plain:
        read = cast(_TextGetter, attrgetter(*plain))  # several names: it returns their values as a tuple
    _TEXT_FIELDS[kind] = (read, others)
    return read, others


def _may_hold_text(hint: object) -> bool:
    """Whether a field of this type can hold text: ``str | None``, ``tuple[str, ...]``, unknown types."""
    if hint is None or hint is Any or hint is str:
        return True
    args = get_args(hint)
    if args:
        return any(_may_hold_text(a) for a in args if a is not Ellipsis and a is not type(None))
    return False  # a datetime, a number, an enum (its own check refuses what is not a member)


def check_storable_text(entity: object) -> None:
    """One rule for every text field of ``entity``, old and new: storable characters, a bounded length.

    Each field keeps its own, stricter checks (required, shorter limits) where it has them; this
    rule needs no list of fields, so a field added to an entity is covered the day it is added.
    A failure names the field (``public_apology``, ``services[2]``), as the JSON document does.
    """
    plain, others = _text_fields(type(entity))
    if plain is not None:
        values = plain(entity)
        try:
            joined = "".join(values)
        except TypeError:  # not text after all: the field's own check says so
            fine = False
        else:
            fine = ((len(joined) <= MAX_LONG_TEXT or max(map(len, values)) <= MAX_LONG_TEXT)
                    and "\x00" not in joined and (joined.isascii() or not _UNSTORABLE.search(joined)))
        if not fine:
            _check_each(entity, tuple(f.name for f in fields(entity)))  # type: ignore[arg-type]
    _check_each(entity, others)


def _check_each(entity: object, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(entity, name)
        if isinstance(value, str):
            if len(value) > MAX_LONG_TEXT or _UNSTORABLE.search(value):
                check_text(name, value)
        elif isinstance(value, tuple | frozenset | list):
            for i, item in enumerate(sorted(value, key=str) if isinstance(value, frozenset) else value):
                if isinstance(item, str) and (len(item) > MAX_LONG_TEXT or _UNSTORABLE.search(item)):
                    check_text(f"{name}[{i}]", item)


def check_whole_number(field: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, "must be a whole number")
    if not SMALLEST_WHOLE <= value <= LARGEST_WHOLE:
        raise ValidationError(field, f"is outside the whole numbers a retro can store ({SMALLEST_WHOLE:,} to {LARGEST_WHOLE:,})")


def check_time(field: str, value: datetime | None) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValidationError(field, "needs a timezone (times are stored in UTC)")
    problem = time_problem(value)
    if problem:
        raise ValidationError(field, problem)


def check_date(field: str, value: date | None) -> None:
    """A calendar date (an action's due date) in the range every time must lie in."""
    problem = date_problem(value)
    if problem:
        raise ValidationError(field, problem)


@cache
def _known_timezones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_timezone(name: str) -> None:
    """Refuse anything but a known IANA timezone name (``Europe/Berlin``, ``UTC``)."""
    shown = repr(name) if len(str(name)) <= 60 else f"{str(name)[:60]!r}… ({len(str(name)):,} characters)"
    problem = ValidationError("timezone", f"{shown} is not a known timezone (e.g. Europe/Berlin, UTC)")
    if not isinstance(name, str) or (name not in _known_timezones() and name != "UTC"):
        raise problem
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name no file system can open
        raise problem from None


def check_url(field: str, url: str) -> None:
    check_text(field, url, limit=2000)
    if url and not _URL.match(url.strip()):
        raise ValidationError(field, f"{url!r} is not a link (it should start with https://)")


def validate_incident(incident: Incident) -> None:
    """Raise :class:`ValidationError` when ``incident`` cannot be stored; each field's own check first."""
    _check_incident_fields(incident)
    check_storable_text(incident)


def _check_incident_fields(incident: Incident) -> None:
    check_text("title", incident.title, required=True, limit=MAX_SHORT_TEXT)
    for name in ("summary", "customer_impact", "lessons_learned", "went_well", "got_lucky", "surprises"):
        check_text(name, getattr(incident, name))
    for i, service in enumerate(incident.services):
        check_text(f"services[{i}]", service, required=True, limit=MAX_SHORT_TEXT)
    for i, tag in enumerate(incident.tags):
        check_text(f"tags[{i}]", tag, required=True, limit=MAX_SHORT_TEXT)
    check_timezone(incident.timezone)
    check_agenda(incident.agenda)
    for name in ("started_at", "detected_at", "declared_at", "mitigated_at", "resolved_at", "created_at",
                 "internal_report_shared_at", "public_report_shared_at"):
        check_time(name, getattr(incident, name))


def validate_entity(entity: Entity, retro: Retro) -> None:
    """Raise :class:`ValidationError` when ``entity`` cannot be stored in ``retro``.

    Each field's own check runs first (its message is the more precise one), then the one rule
    every text field obeys.
    """
    _check_entity_fields(entity, retro)
    check_storable_text(entity)


def _check_entity_fields(entity: Entity, retro: Retro) -> None:
    match entity:
        case Participant():
            check_text("name", entity.name, required=True, limit=MAX_SHORT_TEXT)
            check_whole_number("position", entity.position)
        case TimelineEvent():
            check_time("time", entity.at)
            check_text("text", entity.text, required=True)
            check_text("source", entity.source, limit=MAX_SHORT_TEXT)
            check_url("evidence link", entity.evidence_url)
        case Factor():
            check_text("title", entity.title, required=True, limit=MAX_SHORT_TEXT)
            check_text("description", entity.description)
        case Impact():
            check_text("title", entity.title, required=True, limit=MAX_SHORT_TEXT)
            check_text("description", entity.description)
        case FactorLink():
            _validate_link(entity, retro)
        case FactorEvidence():
            if entity.factor_id not in retro.factors:
                raise ValidationError("factor", "the contributing factor does not exist")
            if entity.event_id not in retro.events:
                raise ValidationError("event", "the timeline event does not exist")
        case AccountabilityStatement():
            if entity.participant_id not in retro.participants:
                raise ValidationError("speaker", "is not a participant of this retrospective")
            check_text("statement", entity.text, required=True)
            check_whole_number("order", entity.order)
            check_time("recorded_at", entity.recorded_at)
        case PrivateNote():
            check_text("note", entity.text)
            check_time("updated_at", entity.updated_at)
            if entity.participant_id and entity.participant_id not in retro.participants:
                raise ValidationError("participant", "is not a participant of this retrospective")
        case ActionItem():
            _validate_action(entity, retro)
        case ReviewAnswer():
            if entity.question not in QUESTION_BY_KEY:
                raise ValidationError("question", f"{entity.question!r} is not a review question")
            check_text("answer", entity.text)
        case ParkingItem():
            check_text("parked topic", entity.text, required=True, limit=MAX_SHORT_TEXT * 4)
            check_time("created_at", entity.created_at)
            check_text("outcome", entity.outcome_id, limit=MAX_SHORT_TEXT)
        case _:
            raise ValidationError("entity", f"unknown kind {type(entity).__name__}")


def _validate_link(link: FactorLink, retro: Retro) -> None:
    if link.cause_id not in retro.factors:
        raise ValidationError("cause", "an arrow must start at a contributing factor")
    if link.effect_id not in retro.factors and link.effect_id not in retro.impacts:
        raise ValidationError("effect", "an arrow must end at a contributing factor or the impact")
    if link.cause_id == link.effect_id:
        raise ValidationError("effect", "a factor cannot contribute to itself")
    for other in retro.links.values():
        if other.id != link.id and (other.cause_id, other.effect_id) == (link.cause_id, link.effect_id):
            raise ValidationError("effect", "these two are already connected")
    check_text("note", link.note)


def check_owner(owner: str) -> None:
    """An action item has exactly one named owner."""
    check_text("owner", owner, limit=MAX_SHORT_TEXT)
    if owner.strip() and _MULTI_OWNER.search(owner):
        raise ValidationError(
            "owner",
            f"{owner!r} looks like more than one person; an action has exactly one owner",
        )


def _validate_action(action: ActionItem, retro: Retro) -> None:
    check_text("title", action.title, required=True, limit=MAX_SHORT_TEXT)
    check_text("description", action.description)
    check_owner(action.owner)
    check_url("ticket link", action.ticket_url)
    if action.status is ActionStatus.WONT_DO and not action.status_reason.strip():
        raise ValidationError("status", "“won't do” needs a reason, so the decision is visible later")
    check_text("reason", action.status_reason)
    check_text("public reason", action.public_reason)
    for factor_id in action.factor_ids:
        if factor_id not in retro.factors:
            raise ValidationError("factors", "addresses a contributing factor that does not exist")
    check_time("created_at", action.created_at)
    check_time("completed_at", action.completed_at)
    check_date("due", action.due)
