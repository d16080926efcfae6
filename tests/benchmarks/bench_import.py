"""Timeline import: parse + preview of 10,000 pasted lines and of a 10,000-message Slack export.

Floors, measured in the same run on the same files: reading the notes with the stdlib ``csv``
module, and ``json.load`` of every file of the Slack export.
"""

from __future__ import annotations

import csv
import json
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from retro.io.importers import ImportOptions, preview_import
from tests.benchmarks.table import Row, absolute_row, median_ms

LINES = 10_000
MESSAGES = 10_000
DAYS = 20

_FORMS = ("- **{h:02d}:{m:02d}** — {text}", "[{h:02d}:{m:02d}] {text}", "{h12}:{m:02d} {ap} {text}",
          "{h:02d}:{m:02d} UTC: {text}", "* {h:02d}:{m:02d} - {text}")
_TEXTS = ("alert fired for checkout latency", "Alice paged the database on-call", "rolled back deploy 4812",
          "status page updated", "customers report failed payments", "we decided to fail over", "resolved")


def write_notes(path: Path) -> None:
    """10,000 lines in the ways people write them, a heading date every 1,440 minutes."""
    out = []
    start = datetime(2026, 10, 14, tzinfo=UTC)
    for i in range(LINES):
        at = start + timedelta(minutes=i)
        if at.hour == 0 and at.minute == 0:
            out.append(f"## {at.date().isoformat()}")
        form = _FORMS[i % len(_FORMS)]
        h12 = at.hour % 12 or 12
        out.append(form.format(h=at.hour, m=at.minute, h12=h12, ap="PM" if at.hour >= 12 else "AM",
                               text=f"{_TEXTS[i % len(_TEXTS)]} #{i}"))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def write_slack(folder: Path) -> list[Path]:
    """A Slack export folder with 10,000 messages over 20 days, one reply in five in a thread."""
    users = [{"id": f"U{i:03d}", "name": f"user{i}", "profile": {"display_name": f"Person {i}"}} for i in range(50)]
    (folder / "users.json").write_text(json.dumps(users))
    (folder / "channels.json").write_text(json.dumps([{"id": "C1", "name": "inc-payments"}]))
    channel = folder / "inc-payments"
    channel.mkdir()
    start = datetime(2026, 10, 14, tzinfo=UTC).timestamp()
    per_day = MESSAGES // DAYS
    files = [folder / "users.json", folder / "channels.json"]
    for day in range(DAYS):
        messages = []
        for n in range(per_day):
            i = day * per_day + n
            ts = f"{start + i * 170:.0f}.{i:06d}"
            message = {"type": "message", "user": f"U{i % 50:03d}", "ts": ts,
                       "text": f"{_TEXTS[i % len(_TEXTS)]} <@U{(i + 1) % 50:03d}> #{i}"}
            if i % 5 == 4:
                message["thread_ts"] = messages[-1]["ts"] if messages else ts
            if i % 97 == 0:
                message["reactions"] = [{"name": "eyes", "users": ["U001"], "count": 1}]
            messages.append(message)
        path = channel / f"{(date(2026, 10, 14) + timedelta(days=day)).isoformat()}.json"
        path.write_text(json.dumps(messages))
        files.append(path)
    return files


def run() -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "notes.md"
        write_notes(notes)
        options = ImportOptions(base_date=date(2026, 10, 14))
        preview = preview_import(notes, options)
        assert len(preview.rows) == LINES, len(preview.rows)

        def read_csv() -> None:
            with notes.open(newline="", encoding="utf-8") as handle:
                for _ in csv.reader(handle):
                    pass

        floor = median_ms(read_csv, repeat=5)
        ours = median_ms(lambda: preview_import(notes, options), repeat=5)
        rows.append(absolute_row("import 10,000 pasted lines (parse + preview)", ours, floor, "stdlib csv read", 1000))

        export = Path(tmp) / "slack"
        export.mkdir()
        files = write_slack(export)
        preview = preview_import(export)
        assert len(preview.rows) == MESSAGES, len(preview.rows)

        def load_json() -> None:
            for path in files:
                with path.open(encoding="utf-8") as handle:
                    json.load(handle)

        floor = median_ms(load_json, repeat=5)
        ours = median_ms(lambda: preview_import(export), repeat=5)
        rows.append(absolute_row("import 10,000-message Slack export (parse + preview)", ours, floor,
                                 "stdlib json.load of the files", 1000))
    return rows
