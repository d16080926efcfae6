"""JSON arrays and JSON lines of events."""

from __future__ import annotations

from pathlib import Path

import pytest

from retro.domain import EventKind
from retro.io.importers import ImportOptions, TimelineImportError, preview_import


def test_json_lines_with_bad_lines_listed(fixtures: Path) -> None:
    preview = preview_import(fixtures / "events.jsonl")
    assert preview.format == "json"
    assert [(r.line, r.event.text) for r in preview.rows] == [
        (1, "Alert fired"), (2, "Rolled back deploy 4812"), (4, "Resolved"), (6, "Weird kind"),
    ]
    assert preview.rows[0].event.source == "Datadog"
    assert preview.rows[1].event.evidence_url == "https://example.com/deploys/4812"
    assert preview.rows[2].event.at.isoformat() == "2026-10-15T00:10:00+00:00"
    assert "banana" in preview.rows[3].note
    assert [s.where for s in preview.skipped] == ["line 3", "line 5"]


def test_json_array_paths(fixtures: Path) -> None:
    preview = preview_import(fixtures / "events.json")
    assert [r.where for r in preview.rows] == ["$.events[0]", "$.events[1]", "$.events[4]"]
    assert preview.rows[0].event.kind is EventKind.ALERT
    assert [(s.where, s.reason.split(" ")[0]) for s in preview.skipped] == [
        ("$.events[2].time", "'yesterday-ish'"), ("$.events[3]", "not"),
    ]


def test_broken_json_names_line_and_column() -> None:
    with pytest.raises(TimelineImportError, match=r"e\.json, line 2 column 1: is not valid JSON"):
        preview_import(b'[{"time": "2026-10-14T10:00Z",\n', ImportOptions(format="json"), source_name="e.json")
