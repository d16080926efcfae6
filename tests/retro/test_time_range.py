"""One range for every stored time: refused on the way in, survived when an older version wrote it."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from retro.cli import main
from retro.demo import build_demo_retro
from retro.domain import Edit, ValidationError
from retro.domain.lifecycle import internal_report_due, public_report_due
from retro.io.document import DocumentError, dump, load_document
from retro.services import RetroStore


def _document(**incident: object) -> bytes:
    doc = dump(build_demo_retro())
    doc["incident"].update(incident)
    return json.dumps(doc).encode()


@pytest.mark.parametrize("field, value", [
    ("resolved_at", "9999-12-31T23:00:00+00:00"),
    ("started_at", "0001-01-01T00:00:00+00:00"),
    ("detected_at", "1899-12-31T23:59:59+00:00"),
    ("created_at", "3000-01-01T00:00:00+00:00"),
])
def test_the_loader_refuses_a_time_outside_the_range_with_its_path(field: str, value: str) -> None:
    with pytest.raises(DocumentError) as caught:
        load_document(_document(**{field: value}))
    assert f"$.incident.{field}" in str(caught.value)
    assert "1900-01-01 and 2999-12-31" in str(caught.value)


def test_the_loader_refuses_a_year_one_event_and_a_far_due_date() -> None:
    doc = dump(build_demo_retro())
    doc["timeline"][0]["at"] = "0001-01-01T08:00:00+00:00"
    with pytest.raises(DocumentError, match=r"\$\.timeline\[0\]\.at"):
        load_document(json.dumps(doc).encode())
    doc = dump(build_demo_retro())
    doc["actions"][0]["due"] = "9999-12-31"
    with pytest.raises(DocumentError, match=r"\$\.actions\[0\]\.due.*1900-01-01"):
        load_document(json.dumps(doc).encode())


def test_the_store_refuses_an_edit_outside_the_range(tmp_path: Path) -> None:
    store = RetroStore(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    try:
        rid = store.add_retro(build_demo_retro())
        retro = store.load(rid)
        late = replace(retro.incident, resolved_at=datetime(9999, 12, 31, 23, tzinfo=UTC))
        with pytest.raises(ValidationError, match=r"resolved_at.*2999-12-31"):
            store.apply(rid, retro.incident.version, Edit(incident=late))
        event = next(iter(retro.events.values()))
        with pytest.raises(ValidationError, match=r"time.*1900-01-01"):
            store.apply(rid, retro.incident.version, Edit(upsert=(replace(event, at=datetime(1, 1, 1, tzinfo=UTC)),)))
        action = next(iter(retro.actions.values()))
        with pytest.raises(ValidationError, match="due"):
            store.apply(rid, retro.incident.version, Edit(upsert=(replace(action, due=date(9999, 12, 31)),)))
        assert store.load(rid).incident.version == retro.incident.version  # nothing written
    finally:
        store.close()


def test_derived_due_times_never_overflow() -> None:
    incident = replace(build_demo_retro().incident, resolved_at=datetime(9999, 12, 31, 23, tzinfo=UTC))
    assert internal_report_due(incident) is None and public_report_due(incident) is None


@pytest.fixture
def legacy_library(tmp_path: Path) -> tuple[str, str]:
    """A library an older version wrote: extreme times put straight into the rows."""
    path = tmp_path / "old.sqlite3"
    store = RetroStore(f"sqlite:///{path}")
    rid = store.add_retro(build_demo_retro())
    store.add_retro(build_demo_retro())  # a healthy neighbour must still list
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE incidents SET resolved_at='9999-12-31 23:00:00.000000', "
                     "started_at='0001-01-01 00:00:00.000000', timezone='America/Los_Angeles' WHERE id=?", (rid,))
        first = conn.execute("SELECT id FROM timeline_events WHERE incident_id=? ORDER BY at LIMIT 1", (rid,)).fetchone()
        conn.execute("UPDATE timeline_events SET at='0001-01-01 00:00:00.000000' WHERE id=?", first)
        conn.execute("UPDATE action_items SET due='9999-12-31' WHERE incident_id=?", (rid,))
    return str(path), rid


def test_a_library_holding_out_of_range_times_lists_shows_checks_and_exports(
        legacy_library: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, rid = legacy_library
    assert main(["--db", db, "list"]) == 0
    assert main(["--db", db, "list", "--json"]) == 0
    assert rid in capsys.readouterr().out
    assert main(["--db", db, "show", rid]) == 0
    assert main(["--db", db, "show", rid, "--json"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "check", rid]) == 1
    out = capsys.readouterr().out
    assert "Resolved time: 9999-12-31 23:00 UTC is outside the times a retro can hold" in out
    assert ", time: 0001-01-01 00:00 UTC is outside" in out
    assert ", due date: 9999-12-31 is outside the dates" in out
    assert main(["--db", db, "actions"]) == 0
    for fmt in ("markdown", "pdf"):
        for audience in ("internal", "public"):
            out_file = tmp_path / f"r-{audience}.{fmt}"
            assert main(["--db", db, "export", rid, "--format", fmt, "--audience", audience, "-o", str(out_file)]) == 0
            assert out_file.stat().st_size > 0
    assert main(["--db", db, "export", rid, "-o", str(tmp_path / "r.json")]) == 0
    assert "0001-01-01" in (tmp_path / "r.json").read_text()
