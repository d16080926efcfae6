"""The preview: detection, limits, duplicates, ticking, fixing times, cancelling."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from retro.domain import Audience, EventKind, TimelineEvent, ValidationError
from retro.io.importers import (
    MAX_IMPORT_BYTES,
    ImportCancelled,
    ImportOptions,
    TimelineImportError,
    detect_format,
    preview_import,
    preview_text,
    selected_events,
)

NOTES = b"16:58 alert fired\n17:10 rolled back deploy 4812\n17:30 resolved\n"
DAY = ImportOptions(base_date=date(2026, 10, 14))


@pytest.mark.parametrize("megabytes", [MAX_IMPORT_BYTES // 2**20 + 1, 200])
def test_files_over_the_cap_are_refused_without_reading_them(tmp_path: Path, megabytes: int) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(megabytes * 2**20)  # sparse: reading it whole would be slow and big
    with pytest.raises(TimelineImportError, match=rf"huge\.txt: is {megabytes} MB; files over 50 MB"):
        preview_import(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "is empty"), (b"PK\x03\x04junk", "not a readable zip"), (b"\x00\x01\x02\x03binary", "binary")],
)
def test_bad_input_is_refused_with_the_file_name(data: bytes, message: str) -> None:
    with pytest.raises(TimelineImportError, match=message) as info:
        preview_import(data, source_name="upload.bin")
    assert str(info.value).startswith("upload.bin")


def test_missing_file_and_unknown_options(tmp_path: Path) -> None:
    with pytest.raises(TimelineImportError, match="does not exist"):
        preview_import(tmp_path / "nope.csv")
    with pytest.raises(TimelineImportError, match="unknown format"):
        preview_import(NOTES, ImportOptions(format="xml"))
    with pytest.raises(TimelineImportError, match="not a known timezone"):
        preview_import(NOTES, ImportOptions(timezone="Mars/Olympus"))


def test_duplicates_of_existing_events_are_marked_not_readded() -> None:
    existing = TimelineEvent("old1", datetime(2026, 10, 14, 17, 10, 42, tzinfo=UTC), "Rolled back deploy 4812!")
    preview = preview_import(NOTES, DAY, [existing], source_name="notes.txt")
    duplicate = preview.rows[1]
    assert duplicate.duplicate_of == "old1" and not duplicate.selected and "duplicate" in duplicate.note
    assert preview.duplicate_count == 1
    assert [e.text for e in selected_events(preview)] == ["alert fired", "resolved"]


def test_rows_are_internal_with_fresh_ids_and_suggested_kinds() -> None:
    first = preview_import(NOTES, DAY, source_name="notes.txt")
    second = preview_import(NOTES, DAY, source_name="notes.txt")
    assert {r.event.audience for r in first.rows} == {Audience.INTERNAL}
    assert not {r.event.id for r in first.rows} & {r.event.id for r in second.rows}
    assert [r.event.kind for r in first.rows] == [EventKind.ALERT, EventKind.MITIGATION, EventKind.RESOLUTION]


def test_untick_and_fix_a_time_before_confirming() -> None:
    preview = preview_import(NOTES, DAY, source_name="notes.txt")
    preview.set_selected(0, False)
    preview.set_time(2, datetime(2026, 10, 14, 19, 45, tzinfo=UTC))
    preview.set_kind(1, EventKind.DECISION)
    assert preview.rows[1].event.kind is EventKind.DECISION
    assert [(e.text, e.at.hour) for e in selected_events(preview)] == [("rolled back deploy 4812", 17), ("resolved", 19)]
    with pytest.raises(ValidationError):
        preview.set_time(1, datetime(2026, 10, 14, 19, 45))


def test_time_window_skips_with_reason() -> None:
    window = ImportOptions(base_date=date(2026, 10, 14), since=datetime(2026, 10, 14, 17, 0, tzinfo=UTC))
    preview = preview_import(NOTES, window, source_name="notes.txt")
    assert [r.event.text for r in preview.rows] == ["rolled back deploy 4812", "resolved"]
    assert preview.skipped[0].where == "line 1" and "time window" in preview.skipped[0].reason
    with pytest.raises(TimelineImportError, match="needs a timezone"):
        preview_import(NOTES, ImportOptions(until=datetime(2026, 10, 14)), source_name="notes.txt")


def test_progress_and_cancel() -> None:
    data = b"".join(b"%02d:%02d line\n" % (i // 60 % 24, i % 60) for i in range(3000))
    calls: list[tuple[int, int]] = []
    preview_import(data, DAY, source_name="n.txt", progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (3000, 3000) and len(calls) > 1
    with pytest.raises(ImportCancelled, match="nothing was imported"):
        preview_import(data, DAY, source_name="n.txt", is_cancelled=lambda: True)


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ('{"log_entries": []}', "pagerduty"),
        ('[{"time": "2026-10-14T10:00Z", "text": "x"}]', "json"),
        ('{"time": 1}\n{"time": 2}', "json"),
        ("Time;Event\n10:00;x", "csv"),
        ("- 10:00 restarted, then checked", "text"),
        ("[10:00] alice: alert\n[10:05] bob: ack", "text"),  # chat lines, not a JSON array
        ("Zeit;Text\n14.10.2026 10:00;alert\n14.10.2026 10:05;paged", "csv"),  # header names not known
        ("10:00 alert, paged\n10:05 ack, rolled back", "text"),  # commas in notes are not columns
        ("- 10:00 restarted, then checked\n- 10:05 paged, acked", "text"),
    ],
)
def test_detects_the_format_from_content(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


def test_pasted_text() -> None:
    preview = preview_text("| 10:00 | db failover |", DAY)
    assert preview.source_name == "pasted notes" and preview.rows[0].event.text == "db failover"
    with pytest.raises(TimelineImportError):
        preview_text("x", ImportOptions(format="slack"))


def test_long_source_and_bad_evidence_are_cleaned() -> None:
    data = ('[{"time": "2026-10-14T10:00Z", "text": "x", "source": "%s", "url": "not a link"}]' % ("s" * 400)).encode()
    row = preview_import(data, source_name="e.json").rows[0]
    assert len(row.event.source) == 300 and row.event.evidence_url == "" and "not a link" in row.note


def test_pasted_chat_lines_starting_with_a_bracket_are_notes_not_broken_json() -> None:
    preview = preview_text("[10:00] alice: alert\n[10:05 AM] bob: ack\n", DAY)
    assert preview.format == "text"
    assert [(r.event.at.strftime("%H:%M"), r.event.text) for r in preview.rows] == [
        ("10:00", "alice: alert"), ("10:05", "bob: ack"),
    ]
    assert preview.notes == []


def test_broken_json_is_an_error_only_when_json_was_chosen() -> None:
    with pytest.raises(TimelineImportError, match=r"line 1 column 4: is not valid JSON"):
        preview_text("[10:00] alice: alert\n", ImportOptions(format="json", base_date=date(2026, 10, 14)))
    guessed = preview_text('[{"time": ', DAY)  # auto: read as notes, and the note says why it was not JSON
    assert guessed.format == "text" and guessed.rows == []
    assert guessed.notes[0].startswith("it starts like JSON but is not valid JSON (Expecting value")


def test_json_lines_are_still_json() -> None:
    preview = preview_text('{"time": "2026-10-14T10:00Z", "text": "a"}\n{"time": "2026-10-14T10:05Z", "text": "b"}')
    assert preview.format == "json" and [r.event.text for r in preview.rows] == ["a", "b"]


def test_a_repeat_within_the_file_names_the_earlier_line() -> None:
    existing = TimelineEvent("old1", datetime(2026, 10, 14, 9, 0, tzinfo=UTC), "alert fired")
    preview = preview_text("09:00 alert fired\n10:00 restarted pods\n10:00 Restarted pods.\n", DAY, [existing])
    assert preview.rows[0].note == "duplicate: same minute and text as an event already there"
    repeat = preview.rows[2]
    assert repeat.duplicate_of == preview.rows[1].event.id and not repeat.selected
    assert repeat.note == "duplicate: same minute and text as line 2 of this file"
