"""When the incident happened, and the timeline events that lie outside it.

The window runs from when the incident started (or, not set, when it was detected or declared)
to when it was resolved (or mitigated). Events a little outside it are normal (the deploy the
day before, the follow-up check); an event more than :data:`FAR_OUTSIDE` away is more often a
typed year, a wrong day or a clock read in the wrong zone, so it is worth a warning. The
timeline shows dates on every row whenever its events span more than one day or some lie
outside the window, so a wrong day can be seen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from .entities import Incident, TimelineEvent
from .time_range import in_zone

#: How far before the start or after the resolution an event may lie before it is questioned.
FAR_OUTSIDE = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class IncidentWindow:
    """From ``start`` to ``end``; either may be unknown (``None``)."""

    start: datetime | None
    end: datetime | None

    def distance(self, at: datetime) -> timedelta:
        """How far ``at`` lies outside the window: negative before it, positive after, zero inside."""
        if self.start is not None and at < self.start:
            return at - self.start
        if self.end is not None and at > self.end:
            return at - self.end
        return timedelta(0)

    def far_outside(self, at: datetime) -> bool:
        return abs(self.distance(at)) > FAR_OUTSIDE


def incident_window(incident: Incident) -> IncidentWindow:
    """Started → resolved, each falling back to the nearest lifecycle time that is set."""
    start = next((t for t in (incident.started_at, incident.detected_at, incident.declared_at) if t), None)
    end = next((t for t in (incident.resolved_at, incident.mitigated_at) if t), None)
    if start is not None and end is not None and end < start:
        return IncidentWindow(None, None)  # lifecycle times out of order: Setup says so; no window to judge by
    return IncidentWindow(start, end)


@dataclass(frozen=True, slots=True)
class FarEvent:
    """An event far outside the window, and how far (negative: before the start)."""

    event: TimelineEvent
    distance: timedelta

    @property
    def before(self) -> bool:
        return self.distance < timedelta(0)


def far_outside_events(events: Iterable[TimelineEvent], incident: Incident) -> list[FarEvent]:
    """The events more than :data:`FAR_OUTSIDE` before the start or after the resolution, in time order."""
    window = incident_window(incident)
    if window.start is None and window.end is None:
        return []
    found = [FarEvent(e, window.distance(e.at)) for e in events if window.far_outside(e.at)]
    return sorted(found, key=lambda f: f.event.sort_key)


def shows_dates(times: Sequence[datetime], incident: Incident, zone: tzinfo) -> bool:
    """Whether the timeline should show the date on every row, not bare clock times.

    True when the times fall on more than one day (in ``zone``) or any lies outside the window:
    a bare "10:05" would hide that it is another day.
    """
    if not times:
        return False
    days = {in_zone(t, zone).date() for t in times}
    if len(days) > 1:
        return True
    window = incident_window(incident)
    return any(window.distance(t) for t in times)
