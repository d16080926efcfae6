"""Every way of writing a time the importers promise to read, table-driven."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from retro.io.importers.time_zones import TimeProblem, zone_of
from retro.io.importers.times import ClockReader
from retro.io.importers.written_times import find_date, find_stamp, find_zone_hint

BASE = date(2026, 10, 14)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("written", "zone", "expected"),
    [
        ("2026-10-14T16:58:03Z", "UTC", utc(2026, 10, 14, 16, 58, 3)),
        ("2026-10-14T16:58:03.250+02:00", "UTC", datetime(2026, 10, 14, 14, 58, 3, 250000, tzinfo=UTC)),
        ("2026-10-14 16:58", "Europe/Berlin", utc(2026, 10, 14, 14, 58)),
        ("16:58", "UTC", utc(2026, 10, 14, 16, 58)),
        ("16:58:03", "UTC", utc(2026, 10, 14, 16, 58, 3)),
        ("16:58 UTC", "Europe/Berlin", utc(2026, 10, 14, 16, 58)),
        ("16:58 utc", "Europe/Berlin", utc(2026, 10, 14, 16, 58)),
        ("16:58 GMT+2", "UTC", utc(2026, 10, 14, 14, 58)),
        ("16:58 +0530", "UTC", utc(2026, 10, 14, 11, 28)),
        ("4:02 PM", "UTC", utc(2026, 10, 14, 16, 2)),
        ("4:02 p.m.", "UTC", utc(2026, 10, 14, 16, 2)),
        ("12:15 AM", "UTC", utc(2026, 10, 14, 0, 15)),
        ("12:15 PM", "UTC", utc(2026, 10, 14, 12, 15)),
        ("11:27pm", "UTC", utc(2026, 10, 14, 23, 27)),
        ("6pm", "UTC", utc(2026, 10, 14, 18, 0)),
        ("2017/01/31 6pm UTC", "Europe/Berlin", utc(2017, 1, 31, 18, 0)),
        ("Nov 11, 16:02", "UTC", utc(2026, 11, 11, 16, 2)),
        ("November 11, 2025 at 4:02 PM", "UTC", utc(2025, 11, 11, 16, 2)),
        ("14 Oct 2026 16:58", "UTC", utc(2026, 10, 14, 16, 58)),
        ("Tue, 14 Oct 2026 16:58:00 +0000", "Asia/Tokyo", utc(2026, 10, 14, 16, 58)),
        ("10:00 PDT", "UTC", utc(2026, 10, 14, 17, 0)),
        ("10:00 CEST", "UTC", utc(2026, 10, 14, 8, 0)),
        ("1760461080", "UTC", utc(2025, 10, 14, 16, 58)),
        ("1760461080000", "UTC", utc(2025, 10, 14, 16, 58)),
        ("1355517523.000005", "UTC", datetime(2012, 12, 14, 20, 38, 43, 5, tzinfo=UTC)),
    ],
)
def test_reads_every_promised_format(written: str, zone: str, expected: datetime) -> None:
    at, _note = ClockReader(zone, BASE).read_value(written)
    assert at == expected


@pytest.mark.parametrize(
    "written", ["3 replicas", "25:00", "12:61", "13pm", "soon", "", "2026-13-45 10:00", "Feb 30, 10:00"]
)
def test_refuses_what_is_not_a_time(written: str) -> None:
    with pytest.raises(TimeProblem):
        ClockReader("UTC", BASE).read_value(written)


@pytest.mark.parametrize("value", [10**400, float("inf"), float("nan"), True, None, [1], -(10**20)])
def test_refuses_numbers_and_values_that_are_not_times(value: object) -> None:
    with pytest.raises(TimeProblem):
        ClockReader("UTC", BASE).read_value(value)


def test_a_clock_time_needs_a_date() -> None:
    with pytest.raises(TimeProblem, match="base date"):
        ClockReader("UTC", None).read_value("16:58")


def test_clock_going_back_past_midnight_is_the_next_day() -> None:
    reader = ClockReader("UTC", BASE)
    times = [reader.read_value(t) for t in ("23:10", "23:55", "00:05", "01:30")]
    assert [t.isoformat() for t, _ in times] == [
        "2026-10-14T23:10:00+00:00", "2026-10-14T23:55:00+00:00",
        "2026-10-15T00:05:00+00:00", "2026-10-15T01:30:00+00:00",
    ]
    assert "passed midnight" in times[2][1]
    assert times[3][1] == ""


def test_clock_going_back_a_little_stays_on_the_same_day() -> None:
    reader = ClockReader("UTC", BASE)
    reader.read_value("10:00")
    at, note = reader.read_value("09:15")  # notes written out of order
    assert at == utc(2026, 10, 14, 9, 15) and note == ""


def test_time_that_did_not_exist_when_clocks_went_forward() -> None:
    at, note = ClockReader("Europe/Berlin", date(2026, 3, 29)).read_value("02:30")
    assert at == utc(2026, 3, 29, 1, 30)
    assert "did not exist" in note and "03:30" in note


def test_time_that_happened_twice_when_clocks_went_back() -> None:
    reader = ClockReader("Europe/Berlin", date(2026, 10, 25))
    first, note1 = reader.read_value("02:30")
    second, note2 = reader.read_value("02:10")  # earlier wall time, later instant: the second pass
    assert first == utc(2026, 10, 25, 0, 30) and "first" in note1
    assert second == utc(2026, 10, 25, 1, 10) and "second" in note2


def test_stamp_spans_and_dates() -> None:
    stamp = find_stamp("- **16:58** text", 4)
    assert stamp is not None and (stamp.hour, stamp.minute, stamp.has_date) == (16, 58, False)
    assert find_stamp("rolled back", 0) is None
    assert find_date("## Timeline for Tuesday 14 October 2026") == (2026, 10, 14)
    assert find_date("## 2017-01-31") == (2017, 1, 31)
    assert find_date("nothing decided here") is None


@pytest.mark.parametrize(
    ("heading", "zone"),
    [("Timeline (all times UTC)", "UTC"), ("times are in PST", "PST"), ("Times in Europe/Berlin", "Europe/Berlin"),
     ("The timeline", None), ("times in Nowhere/Land", None)],
)
def test_zone_hints(heading: str, zone: str | None) -> None:
    assert find_zone_hint(heading) == zone


def test_zone_names() -> None:
    assert zone_of("UTC+05:30").utcoffset(None).total_seconds() == 5.5 * 3600
    with pytest.raises(TimeProblem):
        zone_of("Mars/Olympus")


def _read_all(zone: str, *written: str) -> list[tuple[str, str]]:
    reader = ClockReader(zone, BASE)
    return [(at.isoformat(), note) for at, note in (reader.read_value(w) for w in written)]


def test_a_clock_time_after_a_zoned_time_is_compared_on_the_readers_clock() -> None:
    # 09:00 UTC is 02:00 in Los Angeles, so 02:10 there is ten minutes later, not a day.
    reader = ClockReader("America/Los_Angeles", BASE)
    reader.resolve(find_stamp("09:00 UTC"))  # type: ignore[arg-type]
    at, note = reader.resolve(find_stamp("02:10"))  # type: ignore[arg-type]
    assert (at, note) == (utc(2026, 10, 14, 9, 10), "")


def test_a_clock_time_after_an_iso_time_in_another_zone_does_not_land_before_it() -> None:
    # 23:30Z is 08:30 on the 15th in Tokyo; 00:10 more than 6 h before that is not read, so the 16th.
    got = _read_all("Asia/Tokyo", "2026-10-14T23:30:00Z", "00:10")
    assert got[1][0] == "2026-10-15T15:10:00+00:00" and "read as 2026-10-16" in got[1][1]
    assert got[1][0] > got[0][0]


def test_a_line_written_out_of_order_just_before_midnight_stays_on_its_day() -> None:
    got = _read_all("UTC", "23:50", "00:10", "23:55", "00:20")
    assert [at for at, _ in got] == [
        "2026-10-14T23:50:00+00:00", "2026-10-15T00:10:00+00:00",
        "2026-10-14T23:55:00+00:00", "2026-10-15T00:20:00+00:00",
    ]
    assert "passed midnight" in got[1][1]
    assert got[2][1].startswith("read as 2026-10-14, the day before")
    assert "passed midnight" in got[3][1]  # every change of day is noted


def test_never_before_the_date_given() -> None:
    got = _read_all("UTC", "02:00", "21:00")  # a long day, not 21:00 the day before the base date
    assert [at for at, _ in got] == ["2026-10-14T02:00:00+00:00", "2026-10-14T21:00:00+00:00"]


def test_a_twelve_hour_clock_without_am_pm_is_read_as_pm_not_the_next_day() -> None:
    got = _read_all("UTC", "11:50", "12:05", "1:10", "1:30")
    assert [at for at, _ in got] == [
        "2026-10-14T11:50:00+00:00", "2026-10-14T12:05:00+00:00",
        "2026-10-14T13:10:00+00:00", "2026-10-14T13:30:00+00:00",
    ]
    assert got[2][1].startswith("read as 13:10 (pm): 01:10 would be more than 6 h before")
    # a 24-hour clock above (20:00) is not a 12-hour one: 9:00 is the next morning
    assert _read_all("UTC", "20:00", "9:00")[1] == (
        "2026-10-15T09:00:00+00:00", "read as 2026-10-15: the clock passed midnight",
    )
