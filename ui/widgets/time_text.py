"""Reading and writing event times as people type them, in the incident's timezone.

Accepted: ``14:05``, ``14:05:30``, ``1405``, ``2026-10-14 14:05``, ``2026-10-14T14:05:30``. A bare time takes its date from ``reference`` (the date
of the nearby event), so typing "14:05" means 14:05 on the day being reconstructed. Results are
timezone-aware and in UTC, as the domain stores them. No Qt here: these are plain functions.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_TIME = r"(?P<h>\d{1,2}):?(?P<m>\d{2})(?::(?P<s>\d{2}))?"
_PATTERN = re.compile(rf"^\s*(?:(?P<date>\d{{4}}-\d{{2}}-\d{{2}})[ T]+)?{_TIME}\s*$")

TIME_HINT = "Type a time like 14:05, 14:05:30 or 2026-10-14 14:05"


def zone(name: str) -> ZoneInfo:
    """The incident's timezone; UTC when the name is not known."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def parse_event_time(text: str, tz_name: str, reference: date) -> datetime:
    """The UTC time that ``text`` means in ``tz_name``; raises ValueError with a person's message."""
    match = _PATTERN.match(text)
    if not match:
        raise ValueError(f"“{text.strip()}” is not a time. {TIME_HINT}.")
    day = reference
    if match["date"]:
        try:
            day = date.fromisoformat(match["date"])
        except ValueError:
            raise ValueError(f"“{match['date']}” is not a date (use YYYY-MM-DD).") from None
    hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"“{text.strip()}” is not a time of day. {TIME_HINT}.")
    local = datetime.combine(day, time(hour, minute, second), tzinfo=zone(tz_name))
    return local.astimezone(UTC)


def local_time(at: datetime, tz_name: str) -> datetime:
    """``at`` shown in the incident's timezone."""
    return at.astimezone(zone(tz_name))


def format_event_time(at: datetime, tz_name: str, reference: date | None = None) -> str:
    """``10:05`` (or ``10:05:30``), prefixed by the date when it differs from ``reference``."""
    local = local_time(at, tz_name)
    clock = f"{local:%H:%M:%S}" if local.second else f"{local:%H:%M}"
    if reference is not None and local.date() != reference:
        return f"{local:%Y-%m-%d} {clock}"
    return clock


def edit_text(at: datetime, tz_name: str) -> str:
    """The full, unambiguous text an editor starts from: ``2026-10-14 10:05``."""
    local = local_time(at, tz_name)
    return f"{local:%Y-%m-%d %H:%M:%S}" if local.second else f"{local:%Y-%m-%d %H:%M}"
