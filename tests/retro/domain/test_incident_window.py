"""The incident's window, events far outside it, and when the timeline must show dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from retro.demo import build_demo_retro
from retro.domain import Incident, TimelineEvent
from retro.domain.incident_window import FAR_OUTSIDE, far_outside_events, incident_window, shows_dates
from retro.domain.readiness import readiness

START = datetime(2017, 1, 31, 21, 0, tzinfo=UTC)
END = START + timedelta(hours=18)
INCIDENT = Incident("i", "Database deleted", started_at=START, resolved_at=END, timezone="UTC")


def event(at: datetime, text: str = "x") -> TimelineEvent:
    return TimelineEvent(f"e-{at.timestamp():.0f}", at, text)


def test_the_window_falls_back_to_the_nearest_lifecycle_time() -> None:
    only_detected = Incident("i", "t", detected_at=START, mitigated_at=END)
    assert incident_window(only_detected).start == START and incident_window(only_detected).end == END
    assert incident_window(Incident("i", "t")).start is None
    backwards = Incident("i", "t", started_at=END, resolved_at=START)
    assert incident_window(backwards).start is None  # out of order: Setup says so, nothing judged here


def test_only_events_more_than_a_day_outside_are_far() -> None:
    events = [event(START - FAR_OUTSIDE, "the deploy the day before"),  # exactly a day: fine
              event(START - FAR_OUTSIDE - timedelta(minutes=1), "typed 2016"),
              event(END + timedelta(hours=3), "follow-up check"),
              event(END + timedelta(days=365), "a year later")]
    far = far_outside_events(events, INCIDENT)
    assert [(f.event.text, f.before) for f in far] == [("typed 2016", True), ("a year later", False)]


def test_dates_show_across_days_or_outside_the_window() -> None:
    zone = ZoneInfo("UTC")
    same_day = [START + timedelta(minutes=5), START + timedelta(hours=2)]
    assert not shows_dates(same_day, INCIDENT, zone)
    assert shows_dates([START + timedelta(hours=1), START + timedelta(hours=4)], INCIDENT, zone)  # past midnight
    assert shows_dates([START - timedelta(minutes=30), START + timedelta(minutes=5)], INCIDENT, zone)  # before start
    # A day boundary in the retro's zone counts, not in UTC: 14:30 and 15:30 UTC are two days in Tokyo.
    afternoon = Incident("i", "t", started_at=START - timedelta(hours=7), resolved_at=END)
    one_utc_day = [START - timedelta(hours=6, minutes=30), START - timedelta(hours=5, minutes=30)]
    assert not shows_dates(one_utc_day, afternoon, zone)
    assert shows_dates(one_utc_day, afternoon, ZoneInfo("Asia/Tokyo"))
    assert not shows_dates([], INCIDENT, zone)


def test_readiness_warns_about_each_far_event_at_the_timeline() -> None:
    retro = build_demo_retro()
    first = retro.timeline()[0]
    start = retro.incident.started_at
    assert start is not None
    moved = TimelineEvent(first.id, start.replace(year=start.year - 1), first.text)
    retro.events[first.id] = moved
    found = [f for f in readiness(retro) if f.code == "far-outside"]
    assert [(f.target_id, f.stage.value) for f in found] == [(first.id, "timeline")]
    assert "before the incident started" in found[0].message and "check its date" in found[0].message
