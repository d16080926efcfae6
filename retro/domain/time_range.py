"""The one range of times a retro stores: every value the app can compute with in every zone.

Python's datetimes stop at years 1 and 9999. A time near either end breaks the moment anything
is derived from it: a report due 72 hours after 9999-12-31T23:00Z, an action due 56 days later,
a year-1 event shown in America/Los_Angeles. So every time the app stores (incident lifecycle,
timeline events, statements, actions, notes) and every due date must lie between
:data:`EARLIEST` and :data:`LATEST`, in UTC: far enough from both ends that every derived time,
in every zone, is still a time. The document loader, the importers and the store all refuse a
value outside with the field and this range.

A library written by an older version may already hold such a value. Reading it never fails:
:func:`in_zone` and :func:`shifted` fall back instead of overflowing, and
:func:`out_of_range_fields` feeds the readiness finding that tells people which time to fix.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)
EARLIEST_DATE, LATEST_DATE = EARLIEST.date(), LATEST.date()
RANGE_TEXT = "between 1900-01-01 and 2999-12-31 (UTC)"


def time_in_range(value: datetime) -> bool:
    """Whether a timezone-aware ``value`` is a time the app stores."""
    try:
        return EARLIEST <= value <= LATEST
    except (OverflowError, TypeError):  # naive, or an offset that pushes it past year 1/9999
        return False


def date_in_range(value: date) -> bool:
    return EARLIEST_DATE <= value <= LATEST_DATE


def time_problem(value: datetime | None) -> str:
    """Why ``value`` cannot be stored ("" when it can, or when it is unset)."""
    if value is None or value.tzinfo is None or value.utcoffset() is None:
        return ""
    if time_in_range(value):
        return ""
    return f"{_shown(value)} is outside the times a retro can hold: it must be {RANGE_TEXT}"


def date_problem(value: date | None) -> str:
    if value is None or date_in_range(value):
        return ""
    return f"{value.isoformat()} is outside the dates a retro can hold: it must be {RANGE_TEXT}"


def _shown(value: datetime) -> str:
    try:
        u = value.astimezone(UTC)
    except (OverflowError, ValueError):
        return value.isoformat()
    return f"{u.year:04d}-{u.month:02d}-{u.day:02d} {u.hour:02d}:{u.minute:02d} UTC"  # strftime: "1-01-01"


def in_zone(value: datetime, zone: tzinfo) -> datetime:
    """``value`` in ``zone``; in UTC when the zone's offset would take it past year 1 or 9999."""
    try:
        return value.astimezone(zone)
    except (OverflowError, ValueError):
        return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)


def shifted(value: datetime, delta: timedelta) -> datetime | None:
    """``value + delta``, or ``None`` when that is past what a datetime can hold."""
    try:
        return value + delta
    except OverflowError:
        return None


def shifted_date(value: date, delta: timedelta) -> date | None:
    try:
        return value + delta
    except OverflowError:
        return None


def out_of_range_fields(named: list[tuple[str, datetime | date | None]]) -> list[tuple[str, str]]:
    """``(field, problem)`` for each named value outside the range (stored by an older version)."""
    out = []
    for field, value in named:
        problem = time_problem(value) if isinstance(value, datetime) else date_problem(value)
        if problem:
            out.append((field, problem))
    return out


def strftime(value: datetime | date, pattern: str) -> str:
    """``value.strftime(pattern)`` with a four-digit year everywhere (glibc writes year 1 as "1")."""
    return value.strftime(pattern.replace("%Y", f"{value.year:04d}"))
