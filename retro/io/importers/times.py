"""Read the many ways people write times, and turn them into UTC instants.

Understood (with or without a date, seconds, fractions and a zone):

* ISO 8601 and RFC 3339: ``2026-10-14T16:58:03Z``, ``2026-10-14 16:58:03.120+02:00``
* clock times: ``16:58``, ``16:58:03``, ``16:58 UTC``, ``4:02 PM``, ``11:27pm``, ``6pm``
* dates before the clock: ``2017/01/31 6pm UTC``, ``Nov 11, 16:02``, ``Tue, 14 Oct 2026 16:58 +0000``,
  ``November 11, 2026 at 4:02 PM``
* zones: ``Z``, ``UTC``, ``GMT``, ``UTC+2``, ``+02:00``, ``-0700`` and common abbreviations
  (``PST``, ``EDT``, ``CEST`` …, read as their fixed offsets)
* epoch seconds or milliseconds (in CSV and JSON fields)

A :class:`ClockReader` keeps the context a list of times needs: the date a heading gave, the
base date the person set, the last time read and the timezone. A clock time without a date is
put on the day (the day before, the same day or the day after) that brings it closest to the
time above it, except that it is never read as more than six hours before it: a clock that goes
back further is the next day (or, for a 12-hour clock written without am/pm, the pm time when
that is closer). Whenever that changes the day, the row says so. Local times are converted with :mod:`zoneinfo`; a time that happens
twice when clocks go back, or not at all when they go forward, is read deterministically and the
choice is noted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ...domain.time_range import RANGE_TEXT

ROLLOVER_GAP = timedelta(hours=6)

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
#: Zone abbreviations read as fixed offsets (hours). Ambiguous ones (IST, …) are left out.
ZONE_ABBREVIATIONS: dict[str, float] = {
    "PST": -8, "PDT": -7, "MST": -7, "MDT": -6, "CST": -6, "CDT": -5, "EST": -5, "EDT": -4,
    "AKST": -9, "AKDT": -8, "HST": -10, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "SGT": 8, "AEST": 10, "AEDT": 11,
    "NZST": 12, "NZDT": 13,
}
_ABBR = "|".join(sorted(ZONE_ABBREVIATIONS, key=len, reverse=True))
_ZONE = (
    rf"(?P<z>Z(?![A-Za-z])|[+-]\d{{2}}:?\d{{2}}(?!\d)|(?i:utc|gmt)(?:\s?[+-]\d{{1,2}}(?::?\d{{2}})?)?(?![A-Za-z])"
    rf"|(?:{_ABBR})(?![A-Za-z]))"
)
_STAMP = rf"(?:{_DATE}(?:\s*T\s*|,?\s+(?:at\s+)?|\s*,\s*))?{_CLOCK}(?:\s*{_ZONE})?"

STAMP_RE = re.compile(_STAMP, re.IGNORECASE)
#: Seconds (or milliseconds, microseconds) since 1970, as a CSV cell or JSON value holds them.
_EPOCH = re.compile(r"\d{9,16}(?:\.\d+)?")
DATE_RE = re.compile(rf"(?<![\w/.-]){_DATE}", re.IGNORECASE)
_ZONE_HINT = re.compile(
    r"\btimes?\b[^.\n]{0,20}?\b(?:(?:in|are)\s+)?(?P<zone>[A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?|UTC|GMT|"
    + _ABBR + r")\b",
    re.IGNORECASE,
)



_HALF_DAY = timedelta(hours=12)
_CLOSE_ACROSS_ZONES = timedelta(hours=10)  # a neighbouring day is ≥ 22 h away, whatever the DST change


class TimeProblem(ValueError):
    """A time that cannot be read; the message says why, in a person's words."""


#: Why a time at the very edge of the calendar (year 1 or 9999 once in UTC) is refused.
OUT_OF_RANGE = f"the time is outside the times a retro can hold: it must be {RANGE_TEXT}"


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
    if _EPOCH.fullmatch(cell) or _iso(cell) is not None:
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
            f"read as the {which} time (UTC{_offset_text(chosen.utcoffset())})"
        )
    shifted = first.astimezone(UTC)
    real = shifted.astimezone(zone)
    return shifted, (
        f"{clock} did not exist on {naive.date().isoformat()} (clocks went forward); "
        f"read as {real.strftime('%H:%M')} (UTC{_offset_text(real.utcoffset())})"
    )


def _offset_text(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


class ClockReader:
    """Reads times one after another, keeping the date, zone and last time for the next one.

    ``current_date`` and ``last_local`` are always in the reader's zone (the one for times that
    name none), even after a time that named its own zone, so the next clock time is compared
    with what the reader's clock showed.
    """

    def __init__(self, timezone_name: str = "UTC", base_date: date | None = None) -> None:
        self.zone_name = timezone_name
        self.zone = zone_of(timezone_name)
        self.base_date = base_date
        self.current_date: date | None = None
        self.last_local: datetime | None = None
        self.last_utc: datetime | None = None
        #: The earliest day a clock time may be put on: the date given last (heading, date, base date).
        self.floor_date: date | None = base_date
        #: The hour of the last clock time as written without am/pm (None when it was unambiguous).
        self.last_bare_hour: int | None = None

    def set_zone(self, name: str) -> None:
        self.zone = zone_of(name)
        self.zone_name = name

    def set_date(self, year: int | None, month: int, day: int) -> date:
        """A date given on its own (a heading): clock times below it are on that day."""
        self.current_date = self._make_date(year, month, day)
        self.floor_date = self.current_date
        self.last_local = None
        self.last_bare_hour = None
        return self.current_date

    def _make_date(self, year: int | None, month: int, day: int) -> date:
        if year is None:
            known = self.current_date or self.base_date
            if known is None:
                raise TimeProblem("a date without a year, and no base date to take the year from")
            year = known.year
        try:
            return date(year, month, day)
        except ValueError:
            raise TimeProblem(f"{year:04d}-{month:02d}-{day:02d} is not a real date") from None

    def resolve(self, stamp: Stamp) -> tuple[datetime, str]:
        """The UTC instant of ``stamp`` in the current context, and a note on any assumption."""
        try:
            return self._resolve(stamp)
        except OverflowError:
            raise TimeProblem(OUT_OF_RANGE) from None

    def _resolve(self, stamp: Stamp) -> tuple[datetime, str]:
        if stamp.ambiguous:
            raise TimeProblem(
                f"{stamp.ambiguous} could be day/month or month/day; write the date as YYYY-MM-DD"
            )
        notes: list[str] = []
        clock = time(stamp.hour, stamp.minute, stamp.second, stamp.microsecond)
        zone = zone_of(stamp.zone) if stamp.zone else None
        if stamp.month is not None and stamp.day is not None:
            naive = datetime.combine(self._make_date(stamp.year, stamp.month, stamp.day), clock)
            dated = True
        else:
            day = self.current_date or self.base_date
            if day is None:
                raise TimeProblem(
                    "only a clock time and no date is known: set the base date (--date) "
                    "or put the date in a heading above"
                )
            naive, note = self._place(day, clock, zone, stamp)
            if note:
                notes.append(note)
            dated = False
        if zone is not None:
            at = naive.replace(tzinfo=zone).astimezone(UTC)
            if stamp.zone and stamp.zone.upper() in ZONE_ABBREVIATIONS:
                notes.append(f"{stamp.zone.upper()} read as UTC{_offset_text(zone.utcoffset(None))}")
            local = at.astimezone(self.zone).replace(tzinfo=None)
        else:
            at, note = localize(naive, self.zone, self.last_utc)
            if note:
                notes.append(note)
            local = naive
        self.current_date = local.date()
        if dated:
            self.floor_date = local.date()
        self.last_local = local
        self.last_utc = at
        self.last_bare_hour = None if stamp.meridiem or zone is not None else stamp.hour
        return at, "; ".join(notes)

    def _place(self, day: date, clock: time, zone: tzinfo | None, stamp: Stamp) -> tuple[datetime, str]:
        """The wall time (in ``zone``, else the reader's) of a clock time with no date, and a note.

        Of the day before, the same day and the day after, the one closest to the time above,
        never more than :data:`ROLLOVER_GAP` before it. The note says when the day changed.
        """
        def local(naive: datetime) -> datetime:
            if zone is None:
                return naive
            return naive.replace(tzinfo=zone).astimezone(self.zone).replace(tzinfo=None)

        prev = self.last_local
        if prev is not None and (self.floor_date is None or day >= self.floor_date) and (self.current_date or day) == day:
            # The common case, without trying three days: the same day is close to the time above
            # (and not more than ROLLOVER_GAP before it), so neither neighbouring day, a day
            # (give or take a DST change) away, can be closer.
            same = datetime.combine(day, clock)
            seen = local(same)
            close = _HALF_DAY if zone is None else _CLOSE_ACROSS_ZONES
            if seen.date() == day and seen >= prev - ROLLOVER_GAP and abs(seen - prev) <= close:
                return same, ""

        options = [datetime.combine(day + timedelta(days=shift), clock) for shift in (0, -1, 1)]
        if self.floor_date is not None:  # never before the date the notes gave
            options = [o for o in options if local(o).date() >= self.floor_date] or options[:1]
        prev = self.last_local
        if prev is None:  # the first time below a date: on that date in the reader's zone
            on_day = [o for o in options if local(o).date() == day]
            return (on_day or options)[0], ""
        earliest = prev - ROLLOVER_GAP
        same_day = options[0]
        pm_reading = ""
        if local(same_day) < earliest and self._could_be_pm(stamp, zone):
            afternoon = same_day + timedelta(hours=12)
            options.append(afternoon)
            pm_reading = afternoon.strftime("%H:%M")
        fits = [o for o in options if local(o) >= earliest] or [max(options, key=local)]
        chosen = min(fits, key=lambda o: abs(local(o) - prev))
        chosen_local = local(chosen)
        if pm_reading and chosen.strftime("%H:%M") == pm_reading and chosen.date() == day:
            return chosen, (
                f"read as {pm_reading} (pm): {clock.strftime('%H:%M')} would be more than "
                f"{_hours(ROLLOVER_GAP)} before the time above (write am/pm or a 24-hour time)"
            )
        before = self.current_date or day
        if chosen_local.date() > before:
            return chosen, f"read as {chosen_local.date().isoformat()}: the clock passed midnight"
        if chosen_local.date() < before:
            return chosen, (
                f"read as {chosen_local.date().isoformat()}, the day before: it comes just before "
                "the time above, which was after midnight"
            )
        return chosen, ""

    def _could_be_pm(self, stamp: Stamp, zone: tzinfo | None) -> bool:
        """Whether this and the time above could both be a 12-hour clock written without am/pm."""
        return (
            zone is None and not stamp.meridiem and 1 <= stamp.hour <= 11
            and self.last_bare_hour is not None and self.last_bare_hour <= 12
        )

    def read_value(self, value: object) -> tuple[datetime, str]:
        """A whole field (CSV cell, JSON value) as a time: ISO text, human text or epoch number."""
        try:
            return self._read_value(value)
        except OverflowError:
            raise TimeProblem(OUT_OF_RANGE) from None

    def _read_value(self, value: object) -> tuple[datetime, str]:
        if isinstance(value, bool) or value is None:
            raise TimeProblem("no time given")
        if isinstance(value, int | float):
            try:
                return self._epoch(float(value))
            except OverflowError:
                raise TimeProblem("the number is too large to be a time (as seconds since 1970)") from None
        if not isinstance(value, str):
            raise TimeProblem(f"expected a time, found {type(value).__name__}")
        text = value.strip()
        if not text:
            raise TimeProblem("the time is empty")
        if _EPOCH.fullmatch(text):
            return self._epoch(float(text))
        iso = _iso(text)
        if iso is not None:
            if iso.tzinfo is not None:
                at = iso.astimezone(UTC)
                local = at.astimezone(self.zone).replace(tzinfo=None)  # the reader's wall clock
                note = ""
            else:
                at, note = localize(iso, self.zone, self.last_utc)
                local = iso
            self.current_date = self.floor_date = local.date()
            self.last_local, self.last_utc, self.last_bare_hour = local, at, None
            return at, note
        m = STAMP_RE.match(text)
        stamp = stamp_from_match(m) if m else None
        if stamp is None or text[stamp.end:].strip():
            raise TimeProblem(f"{text[:40]!r} is not a time this importer understands")
        return self._resolve(stamp)

    def _epoch(self, seconds: float) -> tuple[datetime, str]:
        if seconds > 1e14:
            seconds /= 1_000_000
        elif seconds > 1e11:
            seconds /= 1000
        try:
            at = datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            raise TimeProblem(f"{seconds!r} is not a time (as seconds since 1970)") from None
        self.last_utc = at
        return at, ""


def _hours(gap: timedelta) -> str:
    return f"{gap.total_seconds() / 3600:g} h"


def _iso(text: str) -> datetime | None:
    if len(text) < 16 or not text[:4].isdigit() or text[4] != "-":
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
