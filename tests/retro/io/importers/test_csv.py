"""CSV files with a header, in the delimiters people use."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from retro.domain import EventKind
from retro.io.importers import ImportOptions, TimelineImportError, preview_import


def test_comma_csv_with_quoted_multiline_field_and_duplicate(fixtures: Path) -> None:
    preview = preview_import(fixtures / "timeline_comma.csv")
    assert preview.format == "csv"
    assert preview.csv_mapping == {"time": "Time", "text": "Event", "kind": "Type", "source": "Who", "evidence": "Link"}
    assert [r.line for r in preview.rows] == [2, 3, 5, 7, 8]
    assert preview.rows[1].event.text == "Alice paged the database on-call,\nand opened the incident channel"
    assert preview.rows[0].event.evidence_url == "https://example.com/graph/1"
    assert preview.rows[0].event.kind is EventKind.ALERT
    duplicate = preview.rows[3]
    assert duplicate.duplicate_of == preview.rows[2].event.id and not duplicate.selected
    assert [(s.where, s.reason) for s in preview.skipped] == [("line 6", "the time is empty")]


def test_semicolon_csv_in_windows_1252_with_date_column(fixtures: Path) -> None:
    preview = preview_import(fixtures / "timeline_semicolon.csv", ImportOptions(timezone="Europe/Berlin"))
    assert preview.encoding == "windows-1252"
    assert "Windows-1252" in preview.notes[0]
    assert preview.rows[0].event.text == "Alarm: Checkout-Latenz über 2 s"
    assert preview.rows[1].event.text == 'Rollback abgeschlossen; "Fehlerrate" sinkt'
    assert [r.event.at.strftime("%d %H:%M") for r in preview.rows] == ["14 14:58", "14 21:50", "14 22:10"]


def test_tab_separated_clock_times_roll_over_midnight(fixtures: Path) -> None:
    preview = preview_import(fixtures / "timeline_tab.tsv", ImportOptions(base_date=date(2026, 10, 14)))
    assert [r.event.at.strftime("%d %H:%M") for r in preview.rows] == ["14 16:58", "14 16:02", "14 23:27", "15 00:15"]
    assert preview.skipped[0].where == "line 6"


def test_mapping_can_be_chosen_and_is_checked(fixtures: Path) -> None:
    preview = preview_import(
        fixtures / "timeline_comma.csv", ImportOptions(csv_mapping={"time": "Time", "text": "Who"})
    )
    assert preview.rows[0].event.text == "Datadog"
    with pytest.raises(TimelineImportError, match="has no column 'When'"):
        preview_import(fixtures / "timeline_comma.csv", ImportOptions(csv_mapping={"time": "When", "text": "Event"}))


def test_pipe_delimiter_and_unguessable_header() -> None:
    preview = preview_import(b"time|text\n2026-10-14 10:00|deployed\n", ImportOptions(format="csv"), source_name="t.csv")
    assert preview.rows[0].event.kind is EventKind.DEPLOY
    with pytest.raises(TimelineImportError, match=r"t\.csv, line 1: has no column for the time"):
        preview_import(b"a,b\n1,2\n", ImportOptions(format="csv"), source_name="t.csv")


def test_unterminated_quote_is_an_error_not_a_partial_import() -> None:
    with pytest.raises(TimelineImportError, match="not valid CSV"):
        preview_import(b'time,text\n2026-10-14 10:00,"ok\n2026-10-14 10:01,"broken', ImportOptions(format="csv"),
                       source_name="t.csv")


def test_excel_sep_line_and_line_numbers() -> None:
    data = b"sep=;\r\nwhen;what\r\n2026-10-14 10:00;deployed\r\n\r\n2026-10-14 10:05;rolled back\r\n"
    preview = preview_import(data, source_name="excel.csv")
    assert preview.format == "csv"
    assert [(r.line, r.event.text) for r in preview.rows] == [(3, "deployed"), (5, "rolled back")]


def test_numeric_dates_that_cannot_be_told_apart_are_skipped_with_the_reason() -> None:
    data = b"time,text\n31/01/2017 18:00,a\n01/31/2017 18:00,b\n03/04/2017 18:00,c\n"
    preview = preview_import(data, source_name="t.csv")
    assert [r.event.at.date().isoformat() for r in preview.rows] == ["2017-01-31", "2017-01-31"]
    assert preview.rows[1].duplicate_of is None  # different text
    assert preview.skipped[0].where == "line 4" and "day/month or month/day" in preview.skipped[0].reason


def test_header_names_in_another_language_are_mapped_from_the_rows() -> None:
    data = "Zeit;Text\n14.10.2026 10:00;Alarm ausgelöst\n14.10.2026 10:05;Bereitschaft alarmiert\n".encode()
    preview = preview_import(data, ImportOptions(timezone="Europe/Berlin"), source_name="pasted")
    assert preview.format == "csv" and preview.csv_mapping == {"time": "Zeit", "text": "Text"}
    assert [(r.event.at.strftime("%H:%M"), r.event.text) for r in preview.rows] == [
        ("08:00", "Alarm ausgelöst"), ("08:05", "Bereitschaft alarmiert"),
    ]
    assert "guessed from the rows: time = 'Zeit', text = 'Text'" in preview.notes[0]


def test_position_guess_takes_the_first_time_column_and_the_longest_text() -> None:
    data = b"Nr|Datum|Uhrzeit|Wer|Was\n1|2026-10-14|10:00|bob|rolled back the deploy\n2|2026-10-14|10:05|al|paged\n"
    preview = preview_import(data, source_name="t.csv")
    assert preview.csv_mapping == {"time": "Uhrzeit", "date": "Datum", "text": "Was"}
    assert [(r.event.at.isoformat(), r.event.text) for r in preview.rows] == [
        ("2026-10-14T10:00:00+00:00", "rolled back the deploy"), ("2026-10-14T10:05:00+00:00", "paged"),
    ]
    chosen = preview_import(data, ImportOptions(csv_mapping={"time": "Uhrzeit", "date": "Datum", "text": "Wer"}),
                            source_name="t.csv")
    assert [r.event.text for r in chosen.rows] == ["bob", "al"]  # the person can fix the mapping
