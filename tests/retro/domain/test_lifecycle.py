"""Derived times: durations, problems instead of negative numbers, gaps, due dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from retro.domain import (
    EventKind,
    Incident,
    Severity,
    TimelineEvent,
    default_action_due,
    format_timedelta,
    internal_report_due,
    key_durations,
    lifecycle_problems,
    public_report_due,
    silent_gaps,
)

T0 = datetime(2026, 10, 14, 13, 0, tzinfo=UTC)


def incident(**times: datetime | None) -> Incident:
    return Incident(id="i1", title="Checkout errors", **times)


def test_durations_from_lifecycle_times() -> None:
    inc = incident(
        started_at=T0,
        detected_at=T0 + timedelta(minutes=7),
        declared_at=T0 + timedelta(minutes=19),
        mitigated_at=T0 + timedelta(hours=1, minutes=5),
        resolved_at=T0 + timedelta(hours=3),
    )
    detect, declare, mitigate, resolve = key_durations(inc)
    assert detect.value == timedelta(minutes=7) and detect.text() == "7 min"
    assert declare.value == timedelta(minutes=12)
    assert mitigate.text() == "1 h 05 min"
    assert resolve.text() == "3 h 00 min"
    assert lifecycle_problems(inc) == []


def test_detected_before_started_is_explained_never_negative() -> None:
    inc = incident(started_at=T0, detected_at=T0 - timedelta(minutes=5))
    detect = key_durations(inc)[0]
    assert detect.value is None
    assert "Detected is before Started" in detect.text()
    assert "-" not in detect.text()
    problems = lifecycle_problems(inc)
    assert [field for field, _ in problems] == ["detected_at"]
    assert "before started" in problems[0][1]


def test_resolved_before_detected_is_a_problem() -> None:
    inc = incident(detected_at=T0, resolved_at=T0 - timedelta(hours=1))
    assert [f for f, _ in lifecycle_problems(inc)] == ["resolved_at"]
    assert key_durations(inc)[3].problem == "needs the started time"


def test_missing_times_say_what_is_missing() -> None:
    assert key_durations(incident())[0].text() == "needs the started and detected time"


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=40), "40 s"),
        (timedelta(minutes=12), "12 min"),
        (timedelta(hours=2, minutes=3), "2 h 03 min"),
        (timedelta(days=2, hours=3), "2 d 3 h"),
        (timedelta(seconds=-30), "0 s"),
    ],
)
def test_format_timedelta(delta: timedelta, text: str) -> None:
    assert format_timedelta(delta) == text


def test_silent_gaps_in_time_order() -> None:
    events = [
        TimelineEvent("c", T0 + timedelta(minutes=90), "late", EventKind.ACTION),
        TimelineEvent("a", T0, "first"),
        TimelineEvent("b", T0 + timedelta(minutes=10), "second"),
    ]
    gaps = silent_gaps(events, threshold=timedelta(minutes=20))
    assert [(g.after.id, g.before.id) for g in gaps] == [("b", "c")]
    assert gaps[0].length == timedelta(minutes=80)


def test_report_due_times_follow_resolution() -> None:
    assert internal_report_due(incident()) is None
    inc = incident(resolved_at=T0)
    assert internal_report_due(inc) == T0 + timedelta(hours=24)
    assert public_report_due(inc) == T0 + timedelta(hours=72)


def test_default_action_due_by_severity() -> None:
    today = date(2026, 11, 1)
    assert default_action_due(Severity.SEV1, today) == date(2026, 11, 16)
    assert default_action_due(Severity.SEV2, today) == date(2026, 12, 1)
    assert default_action_due(Severity.SEV4, today) > default_action_due(Severity.SEV3, today)
