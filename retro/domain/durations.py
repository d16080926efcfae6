"""Durations as people say them: "15 h 20 min", "3 days", "1h30", "90 minutes", "-2 h".

:func:`parse_duration` reads them (a person's message on failure); :func:`format_duration` writes
them the way they are read back. No Qt here.
"""

from __future__ import annotations

import re
from datetime import timedelta

_UNITS: dict[str, int] = {
    "w": 604800, "wk": 604800, "wks": 604800, "week": 604800, "weeks": 604800,
    "d": 86400, "day": 86400, "days": 86400,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
}
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)?", re.IGNORECASE)
_CLOCK = re.compile(r"^(\d{1,3}):(\d{2})(?::(\d{2}))?$")

DURATION_HINT = "Type a duration like 15 h 20 min, 3 days, 90 min or 1:30"


def parse_duration(text: str) -> timedelta:
    """The duration ``text`` says; a leading ``-`` makes it negative. Raises ValueError saying why."""
    raw = text.strip().lower()
    sign = 1
    if raw.startswith(("-", "+")):
        sign = -1 if raw[0] == "-" else 1
        raw = raw[1:].strip()
    raw = raw.replace(" and ", " ").replace(",", " ") if not re.search(r"\d,\d", raw) else raw
    if not raw:
        raise ValueError(f"The duration is empty. {DURATION_HINT}.")
    clock = _CLOCK.match(raw)
    if clock:
        seconds = int(clock[1]) * 3600 + int(clock[2]) * 60 + int(clock[3] or 0)
        return timedelta(seconds=sign * seconds)
    total = 0.0
    pos = 0
    last_unit: int | None = None
    for match in _PART.finditer(raw):
        if raw[pos:match.start()].strip():
            break
        number = float(match[1].replace(",", "."))
        unit = (match[2] or "").lower()
        if unit and unit not in _UNITS:
            raise ValueError(f"“{match[2]}” in “{text.strip()}” is not a unit of time. {DURATION_HINT}.")
        if not unit:  # "1h30": a bare number after hours is minutes, after minutes seconds
            if last_unit is None or last_unit <= 1 or match.end() != len(raw):
                raise ValueError(f"“{text.strip()}” needs a unit after {match[1]}. {DURATION_HINT}.")
            seconds = {604800: 86400, 86400: 3600, 3600: 60, 60: 1}[last_unit]
        else:
            seconds = _UNITS[unit]
        total += number * seconds
        last_unit = seconds
        pos = match.end()
    if last_unit is None or raw[pos:].strip():
        raise ValueError(f"“{text.strip()}” is not a duration. {DURATION_HINT}.")
    return timedelta(seconds=sign * round(total))


def format_duration(delta: timedelta) -> str:
    """``3 days``, ``15 h 20 min``, ``1 day 2 h``, ``45 min``, ``30 s``, ``-2 h``; reads back equal to minutes."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    if seconds < 60:
        return f"{sign}{seconds} s"
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if secs and not days:
        parts.append(f"{secs} s")
    return sign + " ".join(parts)
