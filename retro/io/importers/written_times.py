"""Times as people write them: the clock, the date before it and the zone after it.

Understood (with or without a date, seconds, fractions and a zone):

* ISO 8601 and RFC 3339: ``2026-10-14T16:58:03Z``, ``2026-10-14 16:58:03.120+02:00``
* clock times: ``16:58``, ``16:58:03``, ``16:58 UTC``, ``4:02 PM``, ``11:27pm``, ``6pm``
* dates before the clock: ``2017/01/31 6pm UTC``, ``Nov 11, 16:02``, ``Tue, 14 Oct 2026 16:58 +0000``,
  ``November 11, 2026 at 4:02 PM``
* zones: ``Z``, ``UTC``, ``GMT``, ``UTC+2``, ``+02:00``, ``-0700`` and common abbreviations
  (``PST``, ``EDT``, ``CEST`` …; :mod:`.time_zones` reads them)
* epoch seconds or milliseconds (in CSV and JSON fields)

This module only finds and takes apart what was written (a :class:`Stamp`); putting a stamp on
its day and turning it into a UTC instant is :class:`~retro.io.importers.times.ClockReader`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .time_zones import ZONE_ABBREVIATIONS

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])")
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DATE = (
    r"(?:(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})(?!\d)"
    rf"|{_WEEKDAY}(?P<mon2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y2>\d{{4}})(?!\d))?"
    rf"|{_WEEKDAY}(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon3>{_MONTH})(?:,?\s+(?P<y3>\d{{4}})(?!\d))?"
    r"|(?<![\d/.])(?P<a4>\d{1,2})[/.](?P<b4>\d{1,2})[/.](?P<y4>\d{4})(?!\d))"
)
_CLOCK = (
    r"(?<!\d)(?P<h>\d{1,2})(?::(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<fr>\d+))?)?)?(?!\d)"
    r"(?:\s*(?P<ap>[ap])\.?m\.?(?![a-z]))?"
)
_ABBR = "|".join(sorted(ZONE_ABBREVIATIONS, key=len, reverse=True))
_ZONE = (
    rf"(?P<z>Z(?![A-Za-z])|[+-]\d{{2}}:?\d{{2}}(?!\d)|(?i:utc|gmt)(?:\s?[+-]\d{{1,2}}(?::?\d{{2}})?)?(?![A-Za-z])"
    rf"|(?:{_ABBR})(?![A-Za-z]))"
)
_STAMP = rf"(?:{_DATE}(?:\s*T\s*|,?\s+(?:at\s+)?|\s*,\s*))?{_CLOCK}(?:\s*{_ZONE})?"

STAMP_RE = re.compile(_STAMP, re.IGNORECASE)
#: Seconds (or milliseconds, microseconds) since 1970, as a CSV cell or JSON value holds them.
EPOCH_RE = re.compile(r"\d{9,16}(?:\.\d+)?")
DATE_RE = re.compile(rf"(?<![\w/.-]){_DATE}", re.IGNORECASE)
_ZONE_HINT = re.compile(
    r"\btimes?\b[^.\n]{0,20}?\b(?:(?:in|are)\s+)?(?P<zone>[A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?|UTC|GMT|"
    + _ABBR + r")\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Stamp:
    """A time as written: the clock, and the date parts and zone when the text gave them.

    Not frozen: one is made for every line read, and a frozen dataclass of twelve fields costs
    six times as much to build (nothing changes a stamp once made).
    """

    hour: int
    minute: int
    second: int = 0
    microsecond: int = 0
    year: int | None = None
    month: int | None = None
    day: int | None = None
    zone: str | None = None
    start: int = 0
    end: int = 0
    ambiguous: str = ""
    #: True when the text said am or pm (so the hour is not a guess).
    meridiem: bool = False

    @property
    def has_date(self) -> bool:
        return self.month is not None


def _month_number(text: str) -> int:
    return _MONTHS.index(text[:3].lower()) + 1


def _date_parts(m: re.Match[str]) -> tuple[int | None, int | None, int | None]:
    if m.group("y1"):
        return int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))
    if m.group("mon2"):
        year = m.group("y2")
        return (int(year) if year else None), _month_number(m.group("mon2")), int(m.group("d2"))
    if m.group("mon3"):
        year = m.group("y3")
        return (int(year) if year else None), _month_number(m.group("mon3")), int(m.group("d3"))
    if m.group("y4"):
        first, second = int(m.group("a4")), int(m.group("b4"))
        if first > 12 >= second:
            return int(m.group("y4")), second, first  # 31/01/2017: day first
        if second > 12 >= first or first == second:
            return int(m.group("y4")), first, second  # 01/31/2017: month first
        return int(m.group("y4")), 0, 0  # 03/04/2017: cannot tell; see Stamp.ambiguous
    return None, None, None


_STAMP_GROUPS = ("mi", "ap", "h", "s", "fr", "z", "y1", "mon2", "mon3", "y4")


def stamp_from_match(m: re.Match[str]) -> Stamp | None:
    """The :class:`Stamp` of a :data:`STAMP_RE` match, or None when it is not a real clock time."""
    minute_text, ampm, hour_text, second_text, fraction, zone, y1, mon2, mon3, y4 = m.group(*_STAMP_GROUPS)
    if minute_text is None and ampm is None:
        return None  # "3 replicas" is not a time
    hour, minute = int(hour_text), int(minute_text or 0)
    second = int(second_text) if second_text else 0
    micro = int((fraction + "000000")[:6]) if fraction else 0
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    if y1 is None and mon2 is None and mon3 is None and y4 is None:  # a clock time alone: the common case
        return Stamp(hour, minute, second, micro, None, None, None, zone, m.start(), m.end(), "", bool(ampm))
    year, month, day = _date_parts(m)
    ambiguous = f"{m.group('a4')}/{m.group('b4')}/{m.group('y4')}" if month == 0 else ""
    return Stamp(hour, minute, second, micro, year, month, day, zone, m.start(), m.end(), ambiguous, bool(ampm))


def find_stamp(text: str, pos: int = 0) -> Stamp | None:
    """The time written at ``pos`` in ``text`` (anchored there), or None."""
    m = STAMP_RE.match(text, pos)
    return stamp_from_match(m) if m else None


def time_shape(text: str) -> str:
    """``"dated"`` (a whole time with its date, ISO or epoch), ``"clock"`` (a clock time alone) or ``""``.

    For guessing which CSV column holds the time: the whole cell must be the time.
    """
    cell = text.strip()
    if not cell:
        return ""
    if EPOCH_RE.fullmatch(cell) or read_iso(cell) is not None:
        return "dated"
    m = STAMP_RE.match(cell)
    stamp = stamp_from_match(m) if m else None
    if stamp is None or stamp.end != len(cell):
        return ""
    return "dated" if stamp.has_date else "clock"


def is_date(text: str) -> bool:
    """Whether ``text`` is a date and nothing else (``2026-10-14``, ``14.10.2026``, ``Oct 14``)."""
    m = DATE_RE.match(text.strip())
    return m is not None and m.end() == len(text.strip())


def find_date(text: str) -> tuple[int | None, int, int] | None:
    """``(year or None, month, day)`` of the first date anywhere in ``text`` (for headings)."""
    for m in DATE_RE.finditer(text):
        year, month, day = _date_parts(m)
        if month and day:
            return year, month, day
    return None


def find_zone_hint(text: str) -> str | None:
    """A zone a heading declares (``Timeline (all times in PST)``, ``times are Europe/Berlin``)."""
    m = _ZONE_HINT.search(text)
    if not m:
        return None
    zone = m.group("zone")
    if zone.upper() in ZONE_ABBREVIATIONS or zone.upper() in ("UTC", "GMT"):
        return zone.upper()
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return zone


def read_iso(text: str) -> datetime | None:
    """``text`` as an ISO 8601 date and time (naive when it names no zone), or None when it is not one."""
    if len(text) < 16 or not text[:4].isdigit() or text[4] != "-":
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
