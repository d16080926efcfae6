"""Whatever the app accepts, it can then list, show, check and export in every format and audience.

Three ways in are fuzzed: the JSON document (extreme and boundary times in any zone and offset,
huge numbers, any field), the timeline importers (every format, times at the calendar's edges
and around DST changes), and values an older version may have written straight into the rows.
Each accepted input must then go through ``retro list``/``show``/``check`` and every export
without an exception. ``RETRO_FUZZ_EXAMPLES=500`` runs a longer local session.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retro.checks import all_findings
from retro.cli import main
from retro.demo import build_demo_retro
from retro.domain import Audience, Edit, RetroError
from retro.domain.time_range import EARLIEST, LATEST
from retro.domain.validation import validate_entity
from retro.io.document import dump, dumps, load_document
from retro.io.importers import FORMATS, ImportOptions, TimelineImportError, preview_import, selected_events
from retro.report import render_markdown, render_pdf
from retro.services import RetroStore

EXAMPLES = int(os.environ.get("RETRO_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ZONES = sorted(available_timezones())
#: Zones with odd offsets, DST at odd hours, and the date line.
EDGE_ZONES = ("America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Pacific/Chatham",
              "Asia/Kathmandu", "Australia/Lord_Howe", "America/St_Johns", "Europe/Dublin", "UTC")

_EDGES = [
    datetime(1, 1, 1), datetime(1, 1, 2, 13, 59), datetime(9999, 12, 31, 23, 59, 59, 999_999),
    datetime(9999, 12, 30, 10), EARLIEST.replace(tzinfo=None), LATEST.replace(tzinfo=None),
    (EARLIEST - timedelta(microseconds=1)).replace(tzinfo=None), (LATEST + timedelta(microseconds=1)).replace(tzinfo=None),
    datetime(1970, 1, 1), datetime(2038, 1, 19, 3, 14, 8), datetime(2026, 3, 29, 2, 30), datetime(2026, 10, 25, 2, 30),
    datetime(2026, 3, 8, 2, 30), datetime(2026, 11, 1, 1, 30),  # DST gaps and folds (Europe, America)
]


@st.composite
def extreme_times(draw: st.DrawFn) -> datetime:
    """Aware times anywhere on the calendar, often at its edges or at a DST change, in any zone."""
    naive = draw(st.sampled_from(_EDGES) | st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))
    zone = draw(st.one_of(
        st.sampled_from(EDGE_ZONES).map(ZoneInfo), st.sampled_from(ZONES).map(ZoneInfo),
        st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m))),
    ))
    return naive.replace(tzinfo=zone, fold=draw(st.integers(0, 1)))


def _iso(moment: datetime) -> str:
    try:
        return moment.isoformat()
    except (OverflowError, ValueError):
        return moment.replace(tzinfo=UTC).isoformat()


BASE = dump(build_demo_retro())
TIME_FIELDS = {"started_at", "detected_at", "declared_at", "mitigated_at", "resolved_at", "created_at",
               "internal_report_shared_at", "public_report_shared_at", "at", "recorded_at", "completed_at"}
NUMBER_FIELDS = {"position", "order", "x", "y", "version"}


def _places(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = [("incident", key) for key in document["incident"]]
    for section, items in document.items():
        if isinstance(items, list):
            for i, item in enumerate(items[:3]):
                out += [(section, i, key) for key in item]
    return out


PLACES = _places(BASE)
TIME_PLACES = [p for p in PLACES if p[-1] in TIME_FIELDS]
HUGE = st.sampled_from([2**31 - 1, -(2**31), 2**31, 2**63, 10**40, -(10**40), 1e308, -1e308, 5e-324, 0, -0.0])


def _value_for(place: tuple[Any, ...], data: st.DataObject) -> Any:
    key = place[-1]
    if key in TIME_FIELDS:
        return _iso(data.draw(extreme_times()))
    if key == "due":
        return data.draw(st.dates(date(1, 1, 1), date(9999, 12, 31))).isoformat()
    if key in NUMBER_FIELDS:
        return data.draw(HUGE | st.integers() | st.floats(allow_nan=False, allow_infinity=False))
    if key == "timezone":
        return data.draw(st.sampled_from(ZONES) | st.sampled_from(EDGE_ZONES))
    return data.draw(st.text(max_size=30) | st.sampled_from(["", "\u202e", "a" * 301, "9999-12-31T23:59:59+00:00"]))


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, RetroStore]]:
    path = tmp_path_factory.mktemp("fuzz-accepted") / "library.sqlite3"
    store = RetroStore(f"sqlite:///{path}")
    yield str(path), store
    store.close()


def _run(db: str, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", db, *args])
    assert "Traceback" not in err.getvalue()
    assert code in (0, 1), err.getvalue()  # 1: `check` found blockers
    return code, out.getvalue()


def assert_usable(db: str, store: RetroStore, retro_id: str, *, reads_back: bool = True) -> None:
    """List, show, check and export the stored retro every way, as the CLI and the app do."""
    assert retro_id in _run(db, "list")[1]
    json.loads(_run(db, "list", "--json")[1])
    _run(db, "show", retro_id)
    _run(db, "show", retro_id, "--json")
    _run(db, "check", retro_id)
    _run(db, "actions")
    retro = store.load(retro_id)
    all_findings(retro)
    text = dumps(retro)
    if reads_back:  # what was accepted reads back (an older version's out-of-range time is refused, with its path)
        load_document(text.encode())
    for audience in Audience:
        render_markdown(retro, audience)
        assert render_pdf(retro, audience).startswith(b"%PDF")


@FUZZ
@given(data=st.data())
def test_any_accepted_document_is_usable_everywhere(library: tuple[str, RetroStore], data: st.DataObject) -> None:
    db, store = library
    document = copy.deepcopy(BASE)
    chosen = data.draw(st.lists(st.sampled_from(TIME_PLACES), min_size=1, max_size=4)
                       | st.lists(st.sampled_from(PLACES), min_size=1, max_size=3))
    for place in chosen:
        parent: Any = document
        for key in place[:-1]:
            parent = parent[key]
        parent[place[-1]] = _value_for(place, data)
    if data.draw(st.booleans()):
        document["incident"]["timezone"] = data.draw(st.sampled_from(EDGE_ZONES) | st.sampled_from(ZONES))
    try:
        retro_id = store.add_retro(load_document(json.dumps(document).encode()))
    except RetroError as exc:
        assert str(exc)
        return
    assert_usable(db, store, retro_id)
    store.delete_retro(retro_id)


@FUZZ
@given(times=st.lists(extreme_times(), min_size=1, max_size=4), zone=st.sampled_from(EDGE_ZONES),
       fmt=st.sampled_from([f for f in FORMATS if f not in ("auto", "slack", "pagerduty")]),
       written=st.sampled_from(["iso", "epoch", "local"]))
def test_whatever_an_importer_accepts_is_stored_and_usable(library: tuple[str, RetroStore], times: list[datetime],
                                                           zone: str, fmt: str, written: str) -> None:
    db, store = library

    def shown(moment: datetime) -> str:
        if written == "epoch":
            try:
                return str(int(moment.timestamp()))
            except (OverflowError, ValueError, OSError):
                return "99999999999999999999"
        if written == "local":
            return moment.replace(tzinfo=None).isoformat(sep=" ")
        return _iso(moment)

    if fmt == "csv":
        text = "time,text\n" + "".join(f"{shown(t)},event {i}\n" for i, t in enumerate(times))
    elif fmt == "json":
        text = "\n".join(json.dumps({"time": shown(t), "text": f"event {i}"}) for i, t in enumerate(times + times))
    else:
        text = "\n".join(f"{shown(t)} event {i}" for i, t in enumerate(times))
    try:
        preview = preview_import(text.encode(), ImportOptions(format=fmt, timezone=zone, base_date=date(2026, 10, 14)),
                                 source_name=f"fuzz.{fmt}")
    except TimelineImportError as exc:
        assert str(exc)
        return
    retro_id = store.add_retro(build_demo_retro())
    retro = store.load(retro_id)
    events = selected_events(preview)
    for event in events:
        validate_entity(event, retro)  # a row the preview offers can always be stored
    if events:
        store.apply(retro_id, retro.incident.version, Edit(upsert=tuple(events)))
    assert_usable(db, store, retro_id)
    store.delete_retro(retro_id)


@FUZZ
@given(data=st.data())
def test_a_library_an_older_version_wrote_with_any_times_is_usable(library: tuple[str, RetroStore],
                                                                 data: st.DataObject) -> None:
    """Times of any year straight in the rows (as an older version could write them) never break reading."""
    db, store = library
    retro_id = store.add_retro(build_demo_retro())

    def stored() -> str:
        moment = data.draw(st.sampled_from(_EDGES) | st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59)))
        return moment.isoformat(sep=" ", timespec="microseconds")

    zone = data.draw(st.sampled_from(EDGE_ZONES) | st.sampled_from(ZONES))
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        for column in data.draw(st.lists(st.sampled_from(sorted(TIME_FIELDS - {"at", "recorded_at", "completed_at"})),
                                         min_size=1, unique=True)):
            conn.execute(f"UPDATE incidents SET {column}=? WHERE id=?", (stored(), retro_id))
        conn.execute("UPDATE incidents SET timezone=? WHERE id=?", (zone, retro_id))
        conn.execute("UPDATE timeline_events SET at=? WHERE id=(SELECT id FROM timeline_events WHERE incident_id=? "
                     "ORDER BY at LIMIT 1)", (stored(), retro_id))
        conn.execute("UPDATE accountability_statements SET recorded_at=? WHERE incident_id=?", (stored(), retro_id))
        conn.execute("UPDATE action_items SET due=?, completed_at=? WHERE incident_id=?",
                     (data.draw(st.dates(date(1, 1, 1), date(9999, 12, 31))).isoformat(), stored(), retro_id))
    assert_usable(db, store, retro_id, reads_back=False)
    store.delete_retro(retro_id)
