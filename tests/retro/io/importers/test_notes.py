"""Pasted notes and Markdown postmortem drafts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from retro.domain import EventKind
from retro.io.importers import ImportOptions, preview_import, preview_text


def test_markdown_draft_with_heading_date_zone_bold_and_bracketed_times(fixtures: Path) -> None:
    preview = preview_import(fixtures / "postmortem.md")
    assert preview.format == "text"
    assert preview.timezone == "Europe/Berlin"  # from "(all times in Europe/Berlin)"
    got = [(r.line, r.event.at.isoformat(), r.event.text) for r in preview.rows]
    assert got == [
        (9, "2026-10-14T16:58:00+00:00", "Alert fired for checkout latency"),
        (10, "2026-10-14T17:02:00+00:00", "Alice paged the database on-call"),
        (11, "2026-10-14T17:10:00+00:00", "We decided to roll back deploy 4812 (the deploy had changed the pool size)"),
        (13, "2026-10-14T21:27:00+00:00", "status page updated"),
        (14, "2026-10-14T22:10:00+00:00", "Resolved, all clear"),
        (18, "2026-10-14T22:20:00+00:00", "Customer reported a double charge"),
        (22, "2026-11-11T15:02:00+00:00", "follow-up review held"),
    ]
    assert "passed midnight" in preview.rows[4].note
    assert preview.rows[0].event.source == "postmortem.md line 9"
    skipped = {s.where: s.reason for s in preview.skipped}
    assert skipped["line 7"].startswith("heading: sets the date to 2026-10-14")
    assert skipped["line 5"] == "no time at the start of the line"
    assert skipped["line 23"] == "no time at the start of the line"
    assert skipped["line 17"] == "table rule"


def test_plain_notes_need_a_base_date_for_clock_times(fixtures: Path) -> None:
    without = preview_import(fixtures / "notes_plain.txt")
    assert without.rows == []
    assert all("base date" in s.reason for s in without.skipped if s.where != "line 1" and s.where != "line 5")
    with_date = preview_import(fixtures / "notes_plain.txt", ImportOptions(base_date=date(2026, 10, 14)))
    assert [r.event.at.strftime("%d %H:%M") for r in with_date.rows] == [
        "14 16:58", "14 17:02", "14 17:10", "14 23:55", "15 00:10",
    ]
    assert [r.event.kind for r in with_date.rows] == [
        EventKind.ALERT, EventKind.ESCALATION, EventKind.MITIGATION, EventKind.RESOLUTION, EventKind.RESOLUTION,
    ]


def test_dst_change_is_read_deterministically_and_noted(fixtures: Path) -> None:
    preview = preview_import(fixtures / "notes_dst.md")
    assert [r.event.at.strftime("%H:%M") for r in preview.rows] == ["23:50", "00:30", "01:10", "02:05"]
    assert "happened twice" in preview.rows[1].note
    assert "second time" in preview.rows[2].note


def test_timezone_option_applies_to_times_without_zone() -> None:
    preview = preview_text("16:58 alert fired\n17:00 UTC acked", ImportOptions(timezone="America/New_York",
                                                                                base_date=date(2026, 7, 1)))
    assert [r.event.at for r in preview.rows] == [
        datetime(2026, 7, 1, 20, 58, tzinfo=UTC), datetime(2026, 7, 1, 17, 0, tzinfo=UTC),
    ]
    assert preview.timezone == "America/New_York"


def test_time_but_no_text_and_checkbox_bullets() -> None:
    preview = preview_text("- [x] 10:00 restarted the pods\n- 10:05\n", ImportOptions(base_date=date(2026, 1, 2)))
    assert [r.event.text for r in preview.rows] == ["restarted the pods"]
    assert preview.skipped[0].where == "line 2" and preview.skipped[0].reason == "a time but no text"


def test_pasted_notes_with_a_utc_time_then_local_clock_times() -> None:
    preview = preview_text("## 2026-10-14\n09:00 UTC deploy\n02:10 alert\n", ImportOptions(timezone="America/Los_Angeles"))
    assert [(r.event.at.isoformat(), r.note) for r in preview.rows] == [
        ("2026-10-14T09:00:00+00:00", ""), ("2026-10-14T09:10:00+00:00", ""),
    ]


def test_out_of_order_note_after_midnight_is_put_back_and_noted() -> None:
    preview = preview_text("## 2026-10-14\n23:50 alert fired\n00:10 paged\n23:55 late note\n",
                           ImportOptions(timezone="Europe/Berlin"))
    assert [r.event.at.strftime("%d %H:%M") for r in preview.rows] == ["14 21:50", "14 22:10", "14 21:55"]
    assert all(r.note for r in preview.rows[1:])
