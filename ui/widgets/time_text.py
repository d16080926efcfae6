"""Reading and writing event times as people type them, in the incident's timezone.

Accepted: ``14:05``, ``14:05:30``, ``1405``, ``2026-10-14 14:05``, ``2026-10-14T14:05:30``, each
optionally followed by a UTC offset (``02:30 +01:00``, ``+0100``, ``+01``, ``Z``, ``UTC``). A bare
time takes its date from ``reference`` (the date of the nearby event), so typing "14:05" means
14:05 on the day being reconstructed. Results are timezone-aware and in UTC, as the domain stores
them. No Qt here: these are plain functions.

Around a daylight-saving change a local time can be missing or happen twice. A time that never
happened (clocks went forward) is refused with a message. A time that happened twice (clocks went
back) needs its offset; the texts written here add the offset to such a time, so what is shown and
read back is the same moment.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from retro.domain.time_range import in_zone

_TIME = r"(?P<h>\d{1,2}):?(?P<m>\d{2})(?::(?P<s>\d{2}))?"
_OFFSET = r"(?:\s*(?P<offset>Z|UTC|GMT|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?))?"
_PATTERN = re.compile(rf"^\s*(?:(?P<date>\d{{4}}-\d{{2}}-\d{{2}})[ T]+)?{_TIME}{_OFFSET}\s*$", re.IGNORECASE)
_OFFSET_PARTS = re.compile(r"(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?$")

TIME_HINT = "Type a time like 14:05, 14:05:30 or 2026-10-14 14:05"


def zone(name: str) -> ZoneInfo:
    """The incident's timezone; UTC when the name is not known."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def offset_text(offset: timedelta) -> str:
    """``+01:00``, ``-05:30``: a UTC offset as people type it."""
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _offset(text: str) -> timedelta:
    """The offset typed after a time (``+01:00``, ``Z``); raises ValueError with a person's message."""
    if text.upper() in ("Z", "UTC", "GMT"):
        return timedelta(0)
    parts = _OFFSET_PARTS.search(text)
    if parts is None or int(parts["h"]) > 14 or int(parts["m"] or 0) > 59:
        raise ValueError(f"“{text}” is not a UTC offset (type it like +01:00).")
    offset = timedelta(hours=int(parts["h"]), minutes=int(parts["m"] or 0))
    return -offset if parts["sign"] == "-" else offset


def _both_offsets(local: datetime) -> tuple[timedelta, timedelta]:
    """The zone's offset for the earlier and the later reading of the wall time ``local``."""
    first = local.replace(fold=0).utcoffset()
    second = local.replace(fold=1).utcoffset()
    assert first is not None and second is not None
    return first, second


def exists(local: datetime) -> bool:
    """False for a wall time the clocks skipped (e.g. 02:30 on the night they go forward)."""
    return local.astimezone(UTC).astimezone(local.tzinfo).replace(tzinfo=None) == local.replace(tzinfo=None)


def is_ambiguous(local: datetime) -> bool:
    """True for a wall time that happened twice (the night the clocks go back)."""
    first, second = _both_offsets(local)
    return first != second and exists(local)  # the offsets first: they differ on two nights a year


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
    wall = time(hour, minute, second)
    if match["offset"]:  # an offset says exactly which moment was meant
        fixed = timezone(_offset(match["offset"].strip()))
        return datetime.combine(day, wall, tzinfo=fixed).astimezone(UTC)
    tz = zone(tz_name)
    local = datetime.combine(day, wall, tzinfo=tz)
    clock = f"{local:%H:%M:%S}" if second else f"{local:%H:%M}"
    first, later = _both_offsets(local)
    if not exists(local):
        raise ValueError(
            f"{clock} did not happen on {day:%Y-%m-%d} in {tz_name}: the clocks went forward then "
            f"(from UTC{offset_text(first)} to UTC{offset_text(later)}). Check the time; a time "
            "read in another zone can be typed with its UTC offset, like 14:05 +00:00."
        )
    if first != later:
        raise ValueError(
            f"{clock} happened twice on {day:%Y-%m-%d} in {tz_name}: the clocks went back then. "
            f"Type {clock} {offset_text(first)} for the first time or {clock} {offset_text(later)} "
            "for the second."
        )
    return local.astimezone(UTC)


def local_time(at: datetime, tz_name: str) -> datetime:
    """``at`` shown in the incident's timezone."""
    return in_zone(at, zone(tz_name))


def _with_offset_if_needed(local: datetime, text: str) -> str:
    """``text`` with the UTC offset added when ``local``'s wall time happened twice."""
    if is_ambiguous(local):
        offset = local.utcoffset()
        assert offset is not None
        return f"{text} {offset_text(offset)}"
    return text


def format_event_time(at: datetime, tz_name: str, reference: date | None = None) -> str:
    """``10:05`` (or ``10:05:30``), prefixed by the date when it differs from ``reference``.

    A time that happened twice (the night the clocks go back) carries its offset: ``02:30 +01:00``.
    """
    local = local_time(at, tz_name)
    clock = _clock(local)
    if reference is not None and local.date() != reference:
        clock = f"{_day(local)} {clock}"
    return _with_offset_if_needed(local, clock)


# Written out, not with strftime: each strftime imports the time module, which under PySide6's
# import hook costs ~6 µs; the Timeline formats the time of every row it paints.
def _clock(local: datetime) -> str:
    """``%H:%M``, or ``%H:%M:%S`` when the seconds are not zero."""
    if local.second:
        return f"{local.hour:02d}:{local.minute:02d}:{local.second:02d}"
    return f"{local.hour:02d}:{local.minute:02d}"


def _day(local: datetime) -> str:
    """``%Y-%m-%d`` (a year before 1000 as strftime writes it on this platform)."""
    if local.year < 1000:
        return f"{local:%Y-%m-%d}"
    return f"{local.year}-{local.month:02d}-{local.day:02d}"


def edit_text(at: datetime, tz_name: str) -> str:
    """The full, unambiguous text an editor starts from: ``2026-10-14 10:05``.

    When that wall time happened twice, the offset is added (``2026-10-25 02:30 +01:00``), so the
    text read back means the same moment.
    """
    local = local_time(at, tz_name)
    text = f"{local:%Y-%m-%d %H:%M:%S}" if local.second else f"{local:%Y-%m-%d %H:%M}"
    return _with_offset_if_needed(local, text)
