"""Hypothesis fuzzing of every parser: it never crashes with anything but TimelineImportError,
and a preview it returns accounts for every line or element (nothing dropped silently)."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retro.io.importers import (
    FORMATS,
    ImportOptions,
    ImportPreview,
    TimelineImportError,
    preview_import,
    preview_text,
)

#: More examples for a long local run: ``RETRO_FUZZ_EXAMPLES=5000 pytest tests/retro/io/importers/test_fuzz.py``.
FUZZ = settings(
    max_examples=int(os.environ.get("RETRO_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
DAY = date(2026, 10, 14)

time_words = st.sampled_from([
    "16:58", "4:02 PM", "11:27pm", "2017/01/31 6pm UTC", "Nov 11, 16:02", "2026-10-14T16:58:03Z",
    "**16:58**", "[17:02]", "00:10", "6pm", "25:99", "## 2026-10-14", "# Timeline (times in PST)", "| 10:00 |",
    "- ", "* ", "1. ", "    ", "", "```", "|---|",
    # The edges of the calendar: fine as written, out of range once moved to UTC.
    "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "9999-12-31 23:59", "Dec 31, 23:59",
])
note_lines = st.lists(
    st.tuples(time_words, st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30)).map(
        lambda p: f"{p[0]} {p[1]}"
    ),
    max_size=25,
)


def _preview_or_refusal(call) -> ImportPreview | None:  # type: ignore[no-untyped-def]
    try:
        return call()
    except TimelineImportError as exc:
        assert str(exc)  # a refusal always says why
        return None


@FUZZ
@given(data=st.binary(max_size=400), fmt=st.sampled_from(FORMATS))
def test_arbitrary_bytes_never_crash(data: bytes, fmt: str) -> None:
    _preview_or_refusal(lambda: preview_import(data, ImportOptions(format=fmt, base_date=DAY), source_name="f"))


@FUZZ
@given(lines=note_lines, zone=st.sampled_from(["UTC", "Europe/Berlin", "America/New_York"]))
def test_notes_account_for_every_line(lines: list[str], zone: str) -> None:
    text = "\n".join(lines)
    preview = _preview_or_refusal(lambda: preview_text(text, ImportOptions(format="text", base_date=DAY, timezone=zone)))
    if preview is None:
        return
    accounted = {r.line for r in preview.rows}
    accounted |= {int(s.where.split()[1]) for s in preview.skipped}
    for why in [r.note for r in preview.rows] + [s.reason for s in preview.skipped]:
        accounted |= {int(n) for n in re.findall(r"continued on line (\d+)", why)}
    expected = {n for n, line in enumerate(text.splitlines(), 1) if line.strip()}
    assert expected == accounted
    assert all(r.event.at.tzinfo is not None for r in preview.rows)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20) | time_words,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["time", "text", "kind", "source", "url", "at", "message", "type", "created_at", "x"]),
        children, max_size=5,
    ),
    max_leaves=20,
)


event_like = st.fixed_dictionaries(
    {"time": time_words | st.integers(), "text": st.text(max_size=20)},
    optional={"kind": st.sampled_from(["alert", "banana", ""]), "url": st.text(max_size=10),
              "type": st.sampled_from(["trigger_log_entry", "notify_log_entry", "x"])},
)
pagerduty_like = st.fixed_dictionaries(
    {"type": st.sampled_from(["trigger_log_entry", "annotate_log_entry", "resolve_log_entry", "odd"]),
     "created_at": time_words, "summary": st.text(max_size=20)},
    optional={"channel": json_values, "html_url": json_values},
)


@FUZZ
@given(items=st.lists(json_values | event_like | pagerduty_like, max_size=10),
       fmt=st.sampled_from(["json", "pagerduty", "auto"]))
def test_json_accounts_for_every_element(items: list[object], fmt: str) -> None:
    data = json.dumps(items).encode()
    preview = _preview_or_refusal(lambda: preview_import(data, ImportOptions(format=fmt, base_date=DAY), source_name="e.json"))
    if preview is None:
        return
    indexes = {int(m.group(1)) for w in [r.where for r in preview.rows] + [s.where for s in preview.skipped]
               if (m := re.search(r"\[(\d+)\]", w))}
    assert indexes == set(range(len(items)))


cells = st.lists(st.sampled_from([*'ab ,;\t"\n:1', "16:58", "2026-10-14", "4pm"]), max_size=6).map("".join)


@FUZZ
@given(rows=st.lists(st.lists(cells, min_size=1, max_size=4), max_size=8), delimiter=st.sampled_from([",", ";", "\t"]))
def test_csv_never_partial(rows: list[list[str]], delimiter: str) -> None:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["time", "text"])
    writer.writerows(rows)
    data = buffer.getvalue().encode()
    preview = _preview_or_refusal(lambda: preview_import(data, ImportOptions(format="csv", base_date=DAY), source_name="t.csv"))
    if preview is None:
        return
    records = [r for r in csv.reader(io.StringIO(buffer.getvalue(), newline=""), delimiter=delimiter)][1:]
    assert len(preview.rows) + len(preview.skipped) == sum(1 for r in records if any(c.strip() for c in r))


@FUZZ
@given(
    day=st.lists(json_values, max_size=6),
    users=json_values,
    cut=st.integers(min_value=0, max_value=2000),
)
def test_slack_zip_never_crashes(day: list[object], users: object, cut: int) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("users.json", json.dumps(users))
        archive.writestr("channels.json", "[]")
        archive.writestr("inc/2026-10-14.json", json.dumps(day))
    data = buffer.getvalue()
    data = data[:cut] if cut < len(data) else data
    preview = _preview_or_refusal(lambda: preview_import(data, ImportOptions(format="slack"), source_name="s.zip"))
    if preview is not None and cut >= len(buffer.getvalue()):
        assert len(preview.rows) + len(preview.skipped) == len(day)


@pytest.mark.parametrize("fmt", ["auto", "json", "csv", "text"])
@pytest.mark.parametrize("when", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "9999-12-31 23:30"])
def test_a_time_off_the_calendar_is_skipped_with_the_reason(fmt: str, when: str) -> None:
    data = {
        "json": json.dumps([{"at": when, "text": "edge"}, {"at": "2026-10-14T10:00:00Z", "text": "fine"}]),
        "csv": f"time,text\n{when},edge\n2026-10-14T10:00:00Z,fine\n",
        "text": f"{when} edge\n2026-10-14T10:00:00Z fine\n",
    }.get(fmt, json.dumps([{"at": when, "text": "edge"}, {"at": "2026-10-14T10:00:00Z", "text": "fine"}]))
    preview = preview_text(data, ImportOptions(format=fmt, timezone="America/New_York"))  # west of UTC
    assert [r.event.text for r in preview.rows] == ["fine"]
    assert any("outside the times a retro can hold" in s.reason for s in preview.skipped)
