"""PagerDuty incident log entries, as the REST API returns them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retro.domain import EventKind
from retro.io.importers import ImportOptions, TimelineImportError, preview_import


def test_log_entries_become_events_of_the_matching_kind(fixtures: Path) -> None:
    preview = preview_import(fixtures / "pagerduty_log_entries.json")
    assert preview.format == "pagerduty"
    got = [(r.where, r.event.kind, r.selected) for r in preview.rows]
    assert got == [
        ("$.log_entries[0]", EventKind.ALERT, True),
        ("$.log_entries[2]", EventKind.DETECTION, True),
        ("$.log_entries[3]", EventKind.ESCALATION, True),
        ("$.log_entries[4]", EventKind.ESCALATION, True),
        ("$.log_entries[5]", EventKind.MITIGATION, True),  # annotate: kind from the note's words
        ("$.log_entries[6]", EventKind.OBSERVATION, False),  # unknown type: kept, unticked
        ("$.log_entries[7]", EventKind.RESOLUTION, True),
    ]
    first = preview.rows[0].event
    assert first.text == "Triggered through the API: checkout p99 latency above 2s"
    assert first.source == "PagerDuty"
    assert first.evidence_url.startswith("https://example.pagerduty.com/")
    assert preview.rows[4].event.text == "Note added: Rolled back deploy 4812"
    assert [(s.where, s.reason) for s in preview.skipped] == [
        ("$.log_entries[1]", "notify (noise)"),
        ("$.log_entries[8].created_at", "'not a time' is not a time this importer understands"),
    ]


def test_bare_array_of_entries_and_keeping_notifications(fixtures: Path) -> None:
    entries = json.loads((fixtures / "pagerduty_log_entries.json").read_text())["log_entries"]
    preview = preview_import(json.dumps(entries).encode(), ImportOptions(skip_noise=False), source_name="log.json")
    assert preview.format == "pagerduty"
    assert "Notified Alice Chen by SMS" in [r.event.text for r in preview.rows]


def test_forcing_pagerduty_on_other_json_says_so() -> None:
    with pytest.raises(TimelineImportError, match="not PagerDuty log entries"):
        preview_import(b'{"incident": {}}', ImportOptions(format="pagerduty"), source_name="x.json")
