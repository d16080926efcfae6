"""Turn the times of a list (pasted notes, a CSV, a JSON log) into UTC instants, one after another.

The ways of writing a time that are understood are :mod:`.written_times`'; the zones,
:mod:`.time_zones`'. A :class:`ClockReader` keeps the context a list of times needs: the date a
heading gave, the base date the person set, the last time read and the timezone. A clock time
without a date is put on the day (the day before, the same day or the day after) that brings it
closest to the time above it, except that it is never read as more than six hours before it: a
clock that goes back further is the next day (or, for a 12-hour clock written without am/pm, the
pm time when that is closer). Whenever that changes the day, the row says so. Local times are
converted with :mod:`zoneinfo`; a time that happens twice when clocks go back, or not at all when
they go forward, is read deterministically and the choice is noted.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from ...domain.time_range import RANGE_TEXT
from .time_zones import ZONE_ABBREVIATIONS, TimeProblem, localize, offset_text, zone_of
from .written_times import DATE_RE, EPOCH_RE, STAMP_RE, Stamp, find_stamp, read_iso, stamp_from_match

# DATE_RE, find_stamp, TimeProblem and zone_of are here too for the app's date field and the CLI,
# which read times through this module.
__all__ = ["DATE_RE", "OUT_OF_RANGE", "ROLLOVER_GAP", "ClockReader", "TimeProblem", "find_stamp", "zone_of"]

ROLLOVER_GAP = timedelta(hours=6)
_HALF_DAY = timedelta(hours=12)
_CLOSE_ACROSS_ZONES = timedelta(hours=10)  # a neighbouring day is ≥ 22 h away, whatever the DST change

#: Why a time at the very edge of the calendar (year 1 or 9999 once in UTC) is refused.
OUT_OF_RANGE = f"the time is outside the times a retro can hold: it must be {RANGE_TEXT}"


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
                notes.append(f"{stamp.zone.upper()} read as UTC{offset_text(zone.utcoffset(None))}")
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
        if EPOCH_RE.fullmatch(text):
            return self._epoch(float(text))
        iso = read_iso(text)
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
