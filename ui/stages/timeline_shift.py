"""Shifting selected timeline events: by a duration ("2 h", "-1 day", "15 h 20 min"), onto
another date ("2017-01-31": the first selected event's day becomes that date, wall clocks kept),
or out of another zone ("from America/New_York": the times were read there, not in the
incident's zone). One undo step for all of them; text that says none of these is refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from retro.domain import Edit, TimelineEvent
from retro.domain.durations import DURATION_HINT, parse_duration
from ui.widgets.date_text import parse_field_date
from ui.widgets.time_text import local_time

SHIFT_HINT = f"{DURATION_HINT}; or a date like 2017-01-31; or “from America/New_York”"


def shifted(events: list[TimelineEvent], text: str, tz_name: str) -> list[TimelineEvent]:
    """``events`` moved as ``text`` says; raises ValueError saying why not."""
    if not events:
        raise ValueError("Select the events to shift first.")
    raw = text.strip()
    if raw.lower().startswith("from "):
        name = raw[5:].strip()
        try:
            source = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"“{name}” is not a time zone (type it like Europe/Berlin).") from None
        return [replace(e, at=local_time(e.at, tz_name).replace(tzinfo=source).astimezone(UTC)) for e in events]
    try:
        delta = parse_duration(raw)
    except ValueError:
        first = min(events, key=lambda e: e.at)
        try:
            day = parse_field_date(raw.removeprefix("to ").strip(), local_time(first.at, tz_name).date())
        except ValueError:
            raise ValueError(f"“{raw}” is neither a duration nor a date. {SHIFT_HINT}.") from None
        if day is None:
            raise ValueError(f"Type how far to shift the events. {SHIFT_HINT}.") from None
        delta = timedelta(days=(day - local_time(first.at, tz_name).date()).days)
    try:
        return [replace(e, at=e.at + delta) for e in events]
    except OverflowError:
        raise ValueError("That shift moves an event outside the dates that can be stored.") from None


def shift_edit(events: list[TimelineEvent], text: str, tz_name: str) -> tuple[str, Edit]:
    """The undo label and the one :class:`Edit` that shifts ``events``."""
    moved = shifted(events, text, tz_name)
    n = len(moved)
    return f"Shift {n} timeline event{'s' if n != 1 else ''}", Edit.of(upsert=moved)


