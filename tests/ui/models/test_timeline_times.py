"""The Time column's rules found without visiting every row agree with visiting every row."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from retro.domain import Edit, EventKind, Incident, Retro, TimelineEvent, new_id
from tests.ui.models.support import make_document
from ui.models.timeline_columns import TimelineColumn
from ui.models.timeline_model import TimelineModel
from ui.models.timeline_times import twice_lived
from ui.widgets.time_text import is_ambiguous, local_time

BERLIN = "Europe/Berlin"
#: The clocks went back in Berlin at 01:00 UTC on 2026-10-25 (03:00 CEST → 02:00 CET).
BACK = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)


def _events(start: datetime, step: timedelta, count: int) -> list[TimelineEvent]:
    return [TimelineEvent(new_id(), start + i * step, f"event {i}", EventKind.OBSERVATION) for i in range(count)]


def _every_row(events: list[TimelineEvent], tz: str) -> list[TimelineEvent]:
    return [e for e in events if is_ambiguous(local_time(e.at, tz))]


def test_twice_lived_times_are_found_near_the_night_the_clocks_go_back():
    dense = _events(BACK - timedelta(hours=30), timedelta(minutes=4, seconds=7), 900)  # probed hourly
    sparse = _events(BACK - timedelta(days=40), timedelta(hours=7, minutes=13), 300)  # checked one by one
    for events in (dense, sparse):
        expected = _every_row(events, BERLIN)
        assert twice_lived(events, BERLIN) == expected
    assert _every_row(dense, BERLIN)  # the dense timeline does cross the repeated hour
    assert twice_lived(dense, "UTC") == [] and twice_lived([], BERLIN) == []
    spring = _events(datetime(2026, 3, 28, 20, 0, tzinfo=UTC), timedelta(minutes=3), 400)  # clocks go forward
    assert twice_lived(spring, BERLIN) == []


def _retro(events: list[TimelineEvent], **incident: object) -> Retro:
    return Retro.of(Incident(new_id(), "Times", timezone=BERLIN, **incident), events)  # type: ignore[arg-type]


def _widest(texts: list[str]) -> int:
    return max(len(t) for t in texts)


def test_the_time_column_samples_are_as_wide_as_the_widest_shown_time(sqlite_url):
    events = _events(BACK - timedelta(hours=3), timedelta(minutes=5), 60)  # crosses the repeated hour
    events[7] = replace(events[7], at=events[7].at + timedelta(seconds=31))  # one with seconds
    far = replace(events[-1], id=new_id(), at=events[-1].at + timedelta(days=9))  # far after resolution
    retro = _retro([*events, far], started_at=events[0].at, resolved_at=events[-1].at)
    model = TimelineModel(make_document(sqlite_url, retro))
    shown = [model.index(r, TimelineColumn.TIME).data() for r in range(model.rowCount())]
    samples = model.time_texts()
    assert len(samples) < len(shown) / 3
    assert set(samples) <= set(shown)
    assert _widest(samples) == _widest(shown)
    for mark in ("⚠", "+01:00", ":31"):  # the far mark, an offset, seconds: each shape stands in the samples
        assert any(mark in t for t in samples) == any(mark in t for t in shown)


def test_the_time_samples_follow_edits(sqlite_url):
    events = _events(datetime(2026, 5, 4, 9, 0, tzinfo=UTC), timedelta(minutes=2), 30)
    document = make_document(sqlite_url, _retro(events))
    model = TimelineModel(document)
    assert all(len(t) == 5 for t in model.time_texts())  # "11:00": one day, whole minutes
    moved = replace(model.event_at(10), at=model.event_at(10).at + timedelta(seconds=12))
    assert document.edit("Seconds", Edit.of(upsert=[moved]))
    assert _widest(model.time_texts()) == len("11:20:12")
    next_day = replace(model.event_at(3), id=new_id(), at=events[-1].at + timedelta(days=1))
    assert document.edit("Next day", Edit.of(upsert=[next_day]))
    shown = [model.index(r, TimelineColumn.TIME).data() for r in range(model.rowCount())]
    assert _widest(model.time_texts()) == _widest(shown) == len("2026-05-04 11:20:12")


def test_the_filter_searches_events_added_before_it_was_first_used(sqlite_url):
    from ui.models.timeline_filter import TimelineFilter

    document = make_document(sqlite_url)
    model = TimelineModel(document)
    proxy = TimelineFilter()
    proxy.setSourceModel(model)
    first = model.event_at(0)
    added = replace(first, id=new_id(), text="A quokka in the data centre", at=first.at + timedelta(seconds=1))
    assert document.edit("Add", Edit.of(upsert=[added]))
    assert document.edit("Delete", Edit.of(remove=[model.event_at(5)]))
    proxy.set_filter(text="quokka")
    assert [proxy.index(r, TimelineColumn.TEXT).data() for r in range(proxy.rowCount())] == [added.text]
    assert model.row_of(added.id) == 1 and model.event_at(1) == added


def test_times_at_the_calendars_ends_are_checked_without_probing_past_them():
    start = datetime(1, 1, 1, 0, 10, tzinfo=UTC)
    events = _events(start, timedelta(minutes=1), 200)
    assert twice_lived(events, BERLIN) == _every_row(events, BERLIN)
    end = datetime(9999, 12, 31, 20, 0, tzinfo=UTC)
    assert twice_lived(_events(end, timedelta(minutes=1), 200), BERLIN) == []
