"""Times as the incident's own timezone shows them: shared by the report content and the redaction.

Its own module so :mod:`retro.report.audience` and :mod:`retro.report.content` both use it
without importing each other.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from retro.domain import Retro
from retro.domain.time_range import in_zone, strftime


def incident_zone(retro: Retro) -> tzinfo:
    """The incident's timezone (UTC when the name is unknown)."""
    try:
        return ZoneInfo(retro.incident.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def local_time(retro: Retro, at: datetime | None, *, with_date: bool = True) -> str:
    """``2026-03-14 09:32 CET`` in the incident's timezone ("—" when unset)."""
    if at is None:
        return "—"
    local = in_zone(at, incident_zone(retro))
    return strftime(local, "%Y-%m-%d %H:%M %Z" if with_date else "%H:%M %Z")
