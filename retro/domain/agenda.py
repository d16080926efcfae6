"""The meeting's agenda: the order the room takes the stages in and the minutes of each.

Stored with the retro (``Incident.agenda``, revision 0008) as ``"<stage>:<minutes>"`` entries in
order, so the time boxes follow the retro to whoever facilitates it. An empty agenda means the
default one (:data:`DEFAULT_MINUTES`, 60 minutes in all).
"""

from __future__ import annotations

from dataclasses import dataclass

from .enums import Stage
from .errors import ValidationError

#: The default 60-minute agenda: minutes per stage, in the navigator's order.
DEFAULT_MINUTES: dict[Stage, int] = {
    Stage.SETUP: 3,
    Stage.GROUND_RULES: 2,
    Stage.TIMELINE: 15,
    Stage.FACTORS: 15,
    Stage.ACCOUNTABILITY: 10,
    Stage.ACTIONS: 10,
    Stage.REVIEW: 5,
}
#: The longest time box a stage can have (a whole working day).
MAX_MINUTES = 480


@dataclass(frozen=True, slots=True)
class AgendaSlot:
    stage: Stage
    minutes: int


def check_agenda(entries: tuple[str, ...]) -> None:
    """Refuse an agenda that is not each stage once with a whole number of minutes."""
    parse_agenda(entries)


def parse_agenda(entries: tuple[str, ...]) -> list[AgendaSlot]:
    """The stored entries as slots; every stage missing from them is added at its default.

    Raises :class:`ValidationError` naming the entry when one is malformed or repeated.
    """
    slots: list[AgendaSlot] = []
    seen: set[Stage] = set()
    for i, entry in enumerate(entries):
        name, sep, minutes_text = entry.partition(":")
        try:
            stage = Stage(name)
        except ValueError:
            raise ValidationError(f"agenda[{i}]", f"{name!r} is not a stage; choose one of: "
                                  + ", ".join(s.value for s in Stage)) from None
        if not sep or not minutes_text.isdigit() or not 0 <= int(minutes_text) <= MAX_MINUTES:
            raise ValidationError(f"agenda[{i}]", f"“{entry}” should be “{stage.value}:<minutes>” "
                                  f"with 0 to {MAX_MINUTES} minutes")
        if stage in seen:
            raise ValidationError(f"agenda[{i}]", f"{stage.label} is on the agenda twice")
        seen.add(stage)
        slots.append(AgendaSlot(stage, int(minutes_text)))
    slots.extend(AgendaSlot(stage, DEFAULT_MINUTES[stage]) for stage in Stage if stage not in seen)
    return slots


def agenda_entries(slots: list[AgendaSlot]) -> tuple[str, ...]:
    """Slots as the stored entries."""
    return tuple(f"{slot.stage.value}:{slot.minutes}" for slot in slots)


def default_agenda() -> list[AgendaSlot]:
    return [AgendaSlot(stage, minutes) for stage, minutes in DEFAULT_MINUTES.items()]


def minutes_for(entries: tuple[str, ...], stage: Stage) -> int:
    """The time box of ``stage`` under the stored agenda (its default when none is stored)."""
    try:
        slots = parse_agenda(entries)
    except ValidationError:
        return DEFAULT_MINUTES[stage]
    return next(slot.minutes for slot in slots if slot.stage is stage)


def next_stage(entries: tuple[str, ...], stage: Stage) -> Stage | None:
    """The stage after ``stage`` on the agenda (``None`` after the last one)."""
    order = [slot.stage for slot in parse_agenda(entries)]
    i = order.index(stage)
    return order[i + 1] if i + 1 < len(order) else None
