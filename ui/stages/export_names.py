"""The file name an export first offers: from the title, and for a public report never a person's name."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from retro.domain import Audience, Retro
from retro.domain.time_range import in_zone
from ui.export_worker import ExportFormat


def suggested_name(retro: Retro, fmt: ExportFormat) -> str:
    """The file name first offered for ``fmt``.

    A public report's name is built from what the public report shows (names of people
    removed); when that differs from the title, a neutral
    ``postmortem-public-<date>`` is used, so a name in the title never reaches a public file's
    name.
    """
    incident = retro.incident
    kind = {ExportFormat.JSON: ""}.get(fmt, f"-{fmt.audience.value}")
    title = incident.title
    if fmt.audience is Audience.PUBLIC:
        title = _public_title(retro)
        if title != incident.title:
            return str(Path.home() / f"postmortem-public-{_incident_day(retro)}{fmt.suffix}")
    safe = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    stem = "-".join(safe.split())[:60] or "retrospective"
    return str(Path.home() / f"{stem}{kind}{fmt.suffix}")


def _public_title(retro: Retro) -> str:
    """The incident title as the public report shows it."""
    from retro.report.audience import public_retro  # the report modules load on first export

    return public_retro(retro).incident.title


def _incident_day(retro: Retro) -> str:
    """The day the incident started (or was created), in its timezone: ``2026-10-14``."""
    incident = retro.incident
    when = incident.started_at or incident.created_at or datetime.now(UTC)
    try:
        zone = ZoneInfo(incident.timezone)
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    return f"{in_zone(when, zone):%Y-%m-%d}"
