"""Imports are bounded: caps refused with the limit and the count, no escape from the export, no traceback."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from retro.io.importers import (
    ImportOptions,
    TimelineImportError,
    common,
    delimited,
    json_events,
    notes,
    preview_import,
    preview_text,
    slack,
)


def test_a_90000_digit_time_is_a_skipped_line_with_its_place_not_a_traceback() -> None:
    digits = "7" * 90_000
    lines = f'{{"time": {digits}, "text": "huge"}}\n{{"time": "2026-10-14T10:00:00Z", "text": "fine"}}\n'
    for fmt in ("auto", "json"):
        preview = preview_import(lines.encode(), ImportOptions(format=fmt), source_name="events.jsonl")
        assert [r.event.text for r in preview.rows] == ["fine"]
        assert [(s.where, s.reason) for s in preview.skipped] == [("line 1 time", "a number of 90,000 digits is not a time")]
    whole = f'[{{"time": "2026-10-14T10:00:00Z", "text": "fine",\n"kind": {digits},\n"source": {digits}}}]'
    assert len(preview_import(whole.encode(), ImportOptions(format="json"), source_name="e.json").rows) == 1


def test_the_cli_refuses_a_100000_digit_time_with_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from retro.cli import main

    db = str(tmp_path / "r.sqlite3")
    assert main(["--db", db, "demo"]) == 0
    rid = capsys.readouterr().out.strip()
    source = tmp_path / "e.jsonl"
    source.write_text(f'{{"time": {"9" * 100_000}, "text": "x"}}\n{{"time": {"9" * 5000}, "text": "y"}}\n')
    assert main(["--db", db, "timeline", "import", rid, str(source)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("retro: error: e.jsonl, line 1: has a line of 100,023 characters; the limit is 100,000")
    source.write_text(f'{{"time": {"9" * 50_000}, "text": "x"}}\n{{"time": {"9" * 5000}, "text": "y"}}\n')
    assert main(["--db", db, "timeline", "import", rid, str(source)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "e.jsonl: no event could be read" in err
    assert "line 1 time: a number of 50,000 digits is not a time" in err


def test_too_many_columns_are_refused_with_the_limit_and_the_count() -> None:
    header = ",".join(["time", "text", *(f"c{i}" for i in range(298))])
    with pytest.raises(TimelineImportError, match="has 300 columns; the limit is 200") as caught:
        preview_text(header + "\n2026-10-14T10:00Z,x\n", ImportOptions(format="csv"), source_name="wide.csv")
    assert "wide.csv, line 1" in str(caught.value)
    row = "2026-10-14T10:00Z,x" + ",y" * 400
    with pytest.raises(TimelineImportError, match=r"wide.csv, line 3: has a row of 402 columns"):
        preview_text("time,text\n2026-10-14T10:00Z,x\n" + row + "\n", ImportOptions(format="csv"), source_name="wide.csv")


def test_100000_columns_in_a_small_file_are_refused_at_once() -> None:
    header = ",".join(f"c{i}" for i in range(100_000))  # 0.9 MB on one line
    with pytest.raises(TimelineImportError, match=r"line 1: has a line of [\d,]+ characters; the limit is 100,000"):
        preview_import(header.encode() + b"\n1,2\n", ImportOptions(format="csv"), source_name="w.csv")


def test_a_line_over_the_limit_is_refused_with_its_number() -> None:
    text = "10:00 fine\n10:01 " + "x" * 150_000 + "\n"
    with pytest.raises(TimelineImportError, match=r"n.txt, line 2: has a line of 150,006 characters"):
        preview_text(text, ImportOptions(format="text"), source_name="n.txt")


@pytest.fixture
def few_rows(monkeypatch: pytest.MonkeyPatch) -> int:
    for module in (common, delimited, json_events, notes, slack):
        monkeypatch.setattr(module, "MAX_ROWS", 5)
    return 5


@pytest.mark.parametrize("fmt, text", [
    ("csv", "time,text\n" + "".join(f"2026-10-14T10:{i:02d}Z,e{i}\n" for i in range(9))),
    ("text", "".join(f"10:{i:02d} e{i}\n" for i in range(9))),
    ("json", "".join(json.dumps({"time": f"2026-10-14T10:{i:02d}Z", "text": f"e{i}"}) + "\n" for i in range(9))),
    ("json", json.dumps([{"time": f"2026-10-14T10:{i:02d}Z", "text": f"e{i}"} for i in range(9)])),
])
def test_more_rows_than_the_limit_are_refused_while_reading(few_rows: int, fmt: str, text: str) -> None:
    with pytest.raises(TimelineImportError, match=r"(more than 5|9 elements).*the limit is 5"):
        preview_text(text, ImportOptions(format=fmt, base_date=__import__("datetime").date(2026, 10, 14)),
                     source_name="many")


def _export(folder: Path) -> Path:
    folder.mkdir()
    (folder / "users.json").write_text(json.dumps([{"id": "U1", "name": "ana"}]))
    (folder / "channels.json").write_text(json.dumps([{"id": "C1", "name": "inc"}]))
    (folder / "inc").mkdir()
    (folder / "inc" / "2026-10-14.json").write_text(json.dumps([
        {"type": "message", "user": "U1", "text": "inside the export", "ts": "1760436000.000100"}]))
    return folder


def test_a_symlinked_file_or_folder_in_a_slack_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "2026-10-15.json").write_text(json.dumps([
        {"type": "message", "user": "U1", "text": "SECRET from outside", "ts": "1760522400.000100"}]))
    export = _export(tmp_path / "export")
    (export / "inc" / "2026-10-15.json").symlink_to(outside / "2026-10-15.json")
    (export / "leak").symlink_to(outside, target_is_directory=True)
    preview = preview_import(export, ImportOptions(format="slack"))
    assert [r.event.text for r in preview.rows] == ["ana: inside the export"]
    assert preview.channels_available == ("inc",)
    reasons = {s.where: s.reason for s in preview.skipped}
    assert "not followed" in reasons["inc/2026-10-15.json"] and "not followed" in reasons["leak"]


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_entry_leaving_the_export_is_not_a_channel(tmp_path: Path) -> None:
    export = _export(tmp_path / "export")
    entries = {p.relative_to(export).as_posix(): p.read_bytes() for p in export.rglob("*.json")}
    entries["../2026-10-14.json"] = entries["inc/2026-10-14.json"]
    entries["/etc/2026-10-14.json"] = entries["inc/2026-10-14.json"]
    preview = preview_import(_zip(entries), ImportOptions(format="slack"), source_name="x.zip")
    assert preview.channels_available == ("inc",)
    assert len(preview.rows) == 1
    assert any(s.where == "../2026-10-14.json" and "leaves the export" in s.reason for s in preview.skipped)
    shutil.rmtree(export)


def test_a_zip_that_unpacks_to_more_than_it_declares_is_stopped_while_unpacking(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = _export(tmp_path / "export")
    entries = {p.relative_to(export).as_posix(): p.read_bytes() for p in export.rglob("*.json")}
    big = json.dumps([{"type": "message", "user": "U1", "text": "x" * 100, "ts": f"1760436{i:03d}.000100"}
                      for i in range(200)]).encode()
    entries["inc/2026-10-15.json"] = big
    monkeypatch.setattr(slack, "MAX_UNPACKED_FILE_BYTES", 10_000)
    with pytest.raises(TimelineImportError, match=r"x.zip, inc/2026-10-15.json: unpacks to more than"):
        preview_import(_zip(entries), ImportOptions(format="slack"), source_name="x.zip")
    monkeypatch.setattr(slack, "MAX_UNPACKED_FILE_BYTES", 10**9)
    monkeypatch.setattr(slack, "MAX_UNPACKED_BYTES", 10_000)  # also what the headers declare
    with pytest.raises(TimelineImportError, match=r"x.zip: unpacks to 0 MB; the limit is 0 MB|unpacks to more than"):
        preview_import(_zip(entries), ImportOptions(format="slack"), source_name="x.zip")
