"""How the timeline shows its times: which events are far outside the incident, which wall times
happened twice, and the few texts the Time column must fit — each found without visiting every row.

The events come in time order, so the far-off ones sit at the two ends, and the wall times that
happened twice (the night the clocks go back) sit next to a transition of the zone's offset: the
zone is probed once an hour across the events' span and only the events near a backward
transition are checked one by one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import datetime, timedelta

from retro.domain import Incident, TimelineEvent
from retro.domain.durations import format_duration
from retro.domain.incident_window import FAR_OUTSIDE, incident_window
from ui.widgets.time_text import is_ambiguous, local_time

#: The zone is probed this often across the events' span (no zone changes its offset twice within it).
PROBE_STEP = timedelta(hours=1)


def far_outside(events: list[TimelineEvent], incident: Incident) -> dict[str, str]:
    """The events (in time order) more than a day outside the incident's window, each with why."""
    window = incident_window(incident)
    far: dict[str, str] = {}
    if window.start is not None:
        limit = window.start - FAR_OUTSIDE
        for event in events:
            if event.at >= limit:
                break
            far[event.id] = (f"{format_duration(window.start - event.at)} before the incident started: "
                             "check the date (a typed year, a wrong day or zone?)")
    if window.end is not None:
        limit = window.end + FAR_OUTSIDE
        for event in reversed(events):
            if event.at <= limit:
                break
            far[event.id] = (f"{format_duration(event.at - window.end)} after the incident was resolved: "
                             "check the date (a typed year, a wrong day or zone?)")
    return far


def twice_lived(events: list[TimelineEvent], tz_name: str) -> list[TimelineEvent]:
    """The events (in time order) whose local wall time happened twice: they are shown with an offset."""
    if not events:
        return []
    first, last = events[0].at, events[-1].at
    near_the_calendars_ends = first.year <= 1 or last.year >= 9999  # no probe an hour beyond them
    if near_the_calendars_ends or (last - first) / PROBE_STEP + 2 > len(events):  # sparse: check each
        return [e for e in events if is_ambiguous(local_time(e.at, tz_name))]
    times: list[datetime] = []  # read only when the clocks went back during the events
    found: list[TimelineEvent] = []
    probe = first - PROBE_STEP
    before = local_time(probe, tz_name).utcoffset()
    while probe <= last:
        later = probe + PROBE_STEP
        after = local_time(later, tz_name).utcoffset()
        if before is not None and after is not None and after < before:  # the clocks went back in between
            back = before - after
            times = times or [e.at for e in events]
            low, high = bisect_left(times, probe - back), bisect_right(times, later + back)
            found.extend(e for e in events[low:high] if is_ambiguous(local_time(e.at, tz_name)))
        probe, before = later, after
    return found


def time_samples(events: list[TimelineEvent], tz_name: str, far: list[TimelineEvent]) -> list[TimelineEvent]:
    """The events whose shown times are as wide as any row's.

    Every time is shown in one format (the date on every row or on none, as the ends decide;
    seconds when they are not zero; an offset when the wall time happened twice; the ⚠ mark
    when far off): one event of each shape stands for them all, with every far-off one.
    """
    if not events:
        return []
    chosen = {e.id: e for e in (events[0], events[-1], *far)}
    with_seconds = next((e for e in events if e.at.second), None)
    if with_seconds is not None:
        chosen.setdefault(with_seconds.id, with_seconds)
    lived = twice_lived(events, tz_name)  # shown with their offset: the first and the last stand for all
    for event in lived[:1] + lived[-1:]:
        chosen.setdefault(event.id, event)
    return list(chosen.values())
