"""Reading the dates and date-times people type into a field (no Qt; plain functions).

A date-time takes everything :func:`ui.widgets.time_text.parse_event_time` takes, and also a
time zone name after it (``2018-02-01 18:14 Europe/Berlin``) and dates written with a month name
(``1 Feb 2018 18:14``, ``Feb 1, 2018 6pm UTC``). A date takes ``2018-02-01``, ``1 Feb 2018``,
``Feb 1 2018``, ``01/02/2018`` when only one reading makes sense, ``today``, ``tomorrow`` and
``in 3 days`` / ``+2 weeks``. Every refusal says why.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from retro.domain.durations import parse_duration
from retro.io.importers.times import DATE_RE, ClockReader, TimeProblem, find_stamp

from .time_text import TIME_HINT, parse_event_time

DATE_HINT = "Type a date like 2026-11-14, 14 Nov 2026, tomorrow or in 2 weeks"
_ZONE_NAME = re.compile(r"\s+(?P<zone>[A-Za-z]+(?:/[A-Za-z0-9_+-]+)+)\s*$")
_RELATIVE = re.compile(r"^\s*(?:in\s+|\+\s*)(?P<rest>.+?)\s*$", re.IGNORECASE)


def _split_zone(text: str, tz_name: str) -> tuple[str, str]:
    """``text`` without a trailing IANA zone name, and the zone it names (else ``tz_name``)."""
    match = _ZONE_NAME.search(text)
    if not match:
        return text, tz_name
    try:
        ZoneInfo(match["zone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"“{match['zone']}” is not a time zone (type it like Europe/Berlin).") from None
    return text[:match.start()], match["zone"]


def parse_field_datetime(text: str, tz_name: str, reference: date) -> datetime:
    """The UTC instant ``text`` means (read in ``tz_name`` unless it names its own zone or offset)."""
    body, zone = _split_zone(text.strip(), tz_name)
    if not body.strip():
        raise ValueError(f"Nothing to read as a time. {TIME_HINT}.")
    try:
        return parse_event_time(body, zone, reference)
    except ValueError as plain:
        stamp = find_stamp(body)
        if stamp is None or stamp.start != 0 or stamp.end < len(body.strip()) or "did not happen" in str(plain) \
                or "happened twice" in str(plain):
            raise
    reader = ClockReader(zone, base_date=reference)
    try:
        when, _note = reader.resolve(stamp)
    except TimeProblem as problem:
        raise ValueError(f"“{body.strip()}”: {problem}.") from None
    return when.astimezone(UTC)


def parse_field_date(text: str, today: date) -> date | None:
    """The date ``text`` means; None for an empty text (no date). Raises ValueError saying why."""
    raw = text.strip()
    if not raw:
        return None
    lowered = raw.lower()
    if lowered in ("today", "now"):
        return today
    if lowered == "tomorrow":
        return today + timedelta(days=1)
    relative = _RELATIVE.match(raw)
    if relative:
        try:
            return today + timedelta(days=parse_duration(relative["rest"]).days)
        except ValueError:
            raise ValueError(f"“{raw}” is not a date. {DATE_HINT}.") from None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        pass
    match = DATE_RE.match(raw)
    if not match or match.end() != len(raw):
        raise ValueError(f"“{raw}” is not a date. {DATE_HINT}.")
    stamp = find_stamp(raw + " 00:00")
    if stamp is None or not stamp.month or not stamp.day:
        raise ValueError(f"“{raw}” could be read as day/month or month/day: type it like 2026-11-14.")
    try:
        return date(stamp.year or today.year, stamp.month, stamp.day)
    except ValueError:
        raise ValueError(f"“{raw}” is not a day of the calendar. {DATE_HINT}.") from None
