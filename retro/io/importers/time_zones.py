"""Time zones as people name them, and wall-clock times across clock changes.

:func:`zone_of` reads an IANA name (``Europe/Berlin``), ``UTC``/``GMT``, an offset (``+02:00``,
``UTC+2``) or a common abbreviation (``PST``, ``CEST`` …, read as its fixed offset);
:func:`localize` turns a wall-clock time into a UTC instant, deterministically when the clocks
go back (the time happens twice) or forward (it does not happen at all), and says which it chose.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class TimeProblem(ValueError):
    """A time that cannot be read; the message says why, in a person's words."""


#: Zone abbreviations read as fixed offsets (hours). Ambiguous ones (IST, …) are left out.
ZONE_ABBREVIATIONS: dict[str, float] = {
    "PST": -8, "PDT": -7, "MST": -7, "MDT": -6, "CST": -6, "CDT": -5, "EST": -5, "EDT": -4,
    "AKST": -9, "AKDT": -8, "HST": -10, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "SGT": 8, "AEST": 10, "AEDT": 11,
    "NZST": 12, "NZDT": 13,
}


@lru_cache(maxsize=256)  # read for every line that names its zone ("16:58 UTC"); tzinfos are immutable
def zone_of(name: str) -> tzinfo:
    """A tzinfo for an IANA name, ``UTC``/``GMT``, an abbreviation or an offset like ``+02:00``."""
    cleaned = name.strip()
    upper = cleaned.upper()
    if upper in ("Z", "UTC", "GMT"):
        return UTC
    if upper in ZONE_ABBREVIATIONS:
        return timezone(timedelta(hours=ZONE_ABBREVIATIONS[upper]), upper)
    m = re.fullmatch(r"(?:UTC|GMT)?\s?([+-])(\d{1,2})(?::?(\d{2}))?", upper)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        hours, minutes = int(m.group(2)), int(m.group(3) or 0)
        if hours > 14 or minutes > 59:
            raise TimeProblem(f"{name!r} is not a valid UTC offset")
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimeProblem(f"{name!r} is not a known timezone (e.g. Europe/Berlin, UTC)") from None


def localize(naive: datetime, zone: tzinfo, after: datetime | None = None) -> tuple[datetime, str]:
    """``(utc instant, note)`` for a wall-clock time in ``zone``, handling DST deterministically.

    A time that happens twice (clocks go back) is read as the first occurrence, unless that would
    come before ``after`` (the previous event) and the second would not. A time that does not
    exist (clocks go forward) is read with the offset from before the change, which lands just
    after it. Either way the note says what was assumed.
    """
    if isinstance(zone, timezone):  # UTC or a fixed offset: every wall time happens exactly once
        return naive.replace(tzinfo=zone).astimezone(UTC), ""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first.astimezone(UTC), ""
    clock = naive.strftime("%H:%M")
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip == naive:
        chosen = first
        which = "first"
        if after is not None and first.astimezone(UTC) < after <= second.astimezone(UTC):
            chosen, which = second, "second"
        return chosen.astimezone(UTC), (
            f"{clock} happened twice on {naive.date().isoformat()} (clocks went back); "
            f"read as the {which} time (UTC{offset_text(chosen.utcoffset())})"
        )
    shifted = first.astimezone(UTC)
    real = shifted.astimezone(zone)
    return shifted, (
        f"{clock} did not exist on {naive.date().isoformat()} (clocks went forward); "
        f"read as {real.strftime('%H:%M')} (UTC{offset_text(real.utcoffset())})"
    )


def offset_text(offset: timedelta | None) -> str:
    """``+02:00``, ``−07:00``: an offset from UTC as the notes print it."""
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
