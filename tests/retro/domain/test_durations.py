from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retro.domain.durations import format_duration, parse_duration


@pytest.mark.parametrize(("text", "expected"), [
    ("15 h 20 min", timedelta(hours=15, minutes=20)),
    ("3 days", timedelta(days=3)),
    ("1 day 2 hours", timedelta(days=1, hours=2)),
    ("90 minutes", timedelta(minutes=90)),
    ("1h30", timedelta(hours=1, minutes=30)),
    ("1:30", timedelta(hours=1, minutes=30)),
    ("-2 h", timedelta(hours=-2)),
    ("2 weeks", timedelta(weeks=2)),
    ("1.5 h", timedelta(minutes=90)),
    ("1 h and 5 min", timedelta(hours=1, minutes=5)),
    ("45s", timedelta(seconds=45)),
])
def test_durations_read_as_people_say_them(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "soon", "3 fortnights", "12", "h 3", "3 days ago please"])
def test_a_text_that_is_not_a_duration_is_refused_with_the_reason(text: str) -> None:
    with pytest.raises(ValueError, match=r"duration|unit"):
        parse_duration(text)


def test_format_reads_as_people_say_it() -> None:
    assert format_duration(timedelta(hours=15, minutes=20)) == "15 h 20 min"
    assert format_duration(timedelta(days=3)) == "3 days"
    assert format_duration(timedelta(days=1, hours=2)) == "1 day 2 h"
    assert format_duration(timedelta(minutes=-5)) == "-5 min"


@settings(max_examples=60)
@given(st.integers(min_value=-10**8, max_value=10**8))
def test_what_is_written_reads_back(seconds: int) -> None:
    delta = timedelta(seconds=seconds)
    back = parse_duration(format_duration(delta))
    if abs(seconds) >= 86400:
        assert abs(back - delta) < timedelta(minutes=1)
    else:
        assert back == delta
