"""Checks on single entities before they are stored. Each failure names the field."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .entities import (
    AccountabilityStatement,
    ActionItem,
    Entity,
    Factor,
    FactorEvidence,
    FactorLink,
    Impact,
    Incident,
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
_URL = re.compile(r"^(https?|ftp|file|mailto):\S+$", re.IGNORECASE)


def check_text(field: str, text: str, *, required: bool = False, limit: int = MAX_LONG_TEXT) -> None:
    """Refuse text that no database can store faithfully, or that is missing or too long."""
    if not isinstance(text, str):
        raise ValidationError(field, "must be text")
    if required and not text.strip():
        raise ValidationError(field, "is required")
    if len(text) > limit:
        raise ValidationError(field, f"is too long ({len(text):,} characters; the limit is {limit:,})")
    if "\x00" in text:
        raise ValidationError(field, "contains a NUL character (\\x00), which cannot be stored")
    if _SURROGATE.search(text):
        raise ValidationError(field, "contains an unpaired surrogate, which is not valid Unicode text")


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
    check_text("title", incident.title, required=True, limit=MAX_SHORT_TEXT)
    for name in ("summary", "customer_impact", "lessons_learned", "went_well", "got_lucky", "surprises"):
        check_text(name, getattr(incident, name))
    for i, service in enumerate(incident.services):
        check_text(f"services[{i}]", service, required=True, limit=MAX_SHORT_TEXT)
    for i, tag in enumerate(incident.tags):
        check_text(f"tags[{i}]", tag, required=True, limit=MAX_SHORT_TEXT)
    check_timezone(incident.timezone)
    for name in ("started_at", "detected_at", "declared_at", "mitigated_at", "resolved_at", "created_at",
                 "internal_report_shared_at", "public_report_shared_at"):
        check_time(name, getattr(incident, name))


def validate_entity(entity: Entity, retro: Retro) -> None:
    """Raise :class:`ValidationError` when ``entity`` cannot be stored in ``retro``."""
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
