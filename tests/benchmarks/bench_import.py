"""Timeline import: parsing, previewing and really importing, and what a hostile file costs.

* parse + preview of 10,000 and 100,000 pasted lines, and of a 10,000-message Slack export;
* the real import (preview, then one edit committed to SQLite) of 10,000 and 100,000 CSV lines,
  which must stay linear (100,000 ≤ 5 s);
* a 185 MB-expanded Slack zip (a few hundred KB on disk): peak memory ≤ 300 MB, or refused
  within 2 s, measured in a subprocess (``resource`` peak RSS).

Floors, measured in the same run on the same files: reading the notes with the stdlib ``csv``
module, ``json.load`` of every file of the Slack export, a raw ``sqlite3`` insert of the CSV rows
in one commit, and the peak RSS of a Python subprocess that only imports the app.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from retro.demo import build_demo_retro
from retro.domain import Edit
from retro.io.importers import (
    ImportOptions,
    preview_import,
    preview_text,
    selected_events,
)
from retro.services import RetroStore
from tests.benchmarks.table import Row, absolute_row, median_ms

LINES = 10_000
MESSAGES = 10_000
DAYS = 20

_FORMS = ("- **{h:02d}:{m:02d}** — {text}", "[{h:02d}:{m:02d}] {text}", "{h12}:{m:02d} {ap} {text}",
          "{h:02d}:{m:02d} UTC: {text}", "* {h:02d}:{m:02d} - {text}")
_TEXTS = ("alert fired for checkout latency", "Alice paged the database on-call", "rolled back deploy 4812",
          "status page updated", "customers report failed payments", "we decided to fail over", "resolved")


def write_notes(path: Path, lines: int = LINES) -> None:
    """``lines`` lines in the ways people write them, a heading date every 1,440 minutes."""
    path.write_text(notes_text(lines), encoding="utf-8")


def notes_text(lines: int) -> str:
    out = []
    start = datetime(2026, 10, 14, tzinfo=UTC)
    for i in range(lines):
        at = start + timedelta(minutes=i)
        if at.hour == 0 and at.minute == 0:
            out.append(f"## {at.date().isoformat()}")
        form = _FORMS[i % len(_FORMS)]
        h12 = at.hour % 12 or 12
        out.append(form.format(h=at.hour, m=at.minute, h12=h12, ap="PM" if at.hour >= 12 else "AM",
                               text=f"{_TEXTS[i % len(_TEXTS)]} #{i}"))
    return "\n".join(out) + "\n"


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

        pasted = notes_text(100_000)
        started = time.perf_counter()
        preview = preview_text(pasted, ImportOptions(base_date=date(2026, 10, 14)))
        ours = (time.perf_counter() - started) * 1000
        assert len(preview.rows) == 100_000, len(preview.rows)
        floor = _time_ms(lambda: list(csv.reader(io.StringIO(pasted))))
        rows.append(absolute_row("parse + preview 100,000 pasted lines", ours, floor, "stdlib csv read", 2000))

        rows += csv_import_rows(Path(tmp))
        rows += slack_bomb_rows(Path(tmp))
    return rows


def _time_ms(fn: object) -> float:
    started = time.perf_counter()
    fn()  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000


def write_csv(path: Path, lines: int) -> None:
    start = datetime(2026, 10, 14, tzinfo=UTC)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["time", "text", "source"])
        for i in range(lines):
            out.writerow([(start + timedelta(seconds=7 * i)).isoformat(), f"{_TEXTS[i % len(_TEXTS)]} #{i}", "csv"])


def csv_import_rows(folder: Path) -> list[Row]:
    """The real import of 10,000 and 100,000 CSV lines: preview, then one committed edit."""
    out: list[Row] = []
    measured: dict[int, float] = {}
    for lines in (10_000, 100_000):
        source = folder / f"timeline-{lines}.csv"
        write_csv(source, lines)
        store = RetroStore(f"sqlite:///{folder / f'import-{lines}.sqlite3'}")
        try:
            rid = store.add_retro(build_demo_retro())
            retro = store.load(rid)
            started = time.perf_counter()
            preview = preview_import(source, ImportOptions(), retro.events.values())
            store.apply(rid, retro.incident.version, Edit(upsert=tuple(selected_events(preview))))
            ours = (time.perf_counter() - started) * 1000
            assert len(store.load(rid).events) == len(retro.events) + lines
        finally:
            store.close()
        measured[lines] = ours
        floor = _raw_sqlite_insert(source, folder / f"floor-{lines}.sqlite3")
        goal = 5000 if lines == 100_000 else 1000
        out.append(absolute_row(f"real import of {lines:,} CSV lines (preview + one committed edit)", ours, floor,
                                "csv read + raw sqlite3 insert, one commit", goal))
    growth = measured[100_000] / measured[10_000]
    out.append(Row("real CSV import, 100,000 vs 10,000 lines (linear: ≤ 12×)", measured[100_000], measured[10_000],
                   "the 10,000-line import", "≤ 12× floor", growth <= 12))
    return out


def _raw_sqlite_insert(source: Path, database: Path) -> float:
    def run() -> None:
        conn = sqlite3.connect(database)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, at TEXT, text TEXT, source TEXT)")
            with source.open(newline="", encoding="utf-8") as handle:
                reader = csv.reader(handle)
                next(reader)
                conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?)",
                                 ((f"{n:032x}", r[0], r[1], r[2]) for n, r in enumerate(reader)))
            conn.commit()
        finally:
            conn.close()

    database.unlink(missing_ok=True)
    return _time_ms(run)


def write_slack_bomb(path: Path, expanded: int = 185 * 10**6) -> None:
    """A Slack zip that unpacks to about ``expanded`` bytes: a few channel days of huge, repetitive messages."""
    message = {"type": "message", "user": "U001", "text": "x" * 3000, "ts": "1760436000.000100"}
    day = json.dumps([message] * 500).encode()  # ~1.5 MB a day, compresses ~300:1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("users.json", json.dumps([{"id": "U001", "name": "ana"}]))
        archive.writestr("channels.json", json.dumps([{"id": "C1", "name": "inc"}]))
        for n in range(expanded // len(day) + 1):
            archive.writestr(f"inc/{(date(2000, 1, 1) + timedelta(days=n)).isoformat()}.json", day)


_MEASURE = """
import resource, sys, time
started = time.perf_counter()
outcome = "imported"
if sys.argv[1] != "floor":
    from retro.io.importers import ImportOptions, TimelineImportError, preview_import
    try:
        preview_import(sys.argv[1], ImportOptions(format="slack"))
    except TimelineImportError as exc:
        outcome = "refused: " + str(exc)
else:
    import retro.io.importers  # noqa: F401
elapsed = (time.perf_counter() - started) * 1000
try:  # VmHWM: this process's own peak (ru_maxrss may carry the parent's peak across fork + exec)
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(elapsed, peak, outcome, sep="\t")
"""


def slack_bomb_rows(folder: Path) -> list[Row]:
    """Peak memory and time of a 185 MB-expanded Slack zip, in a fresh subprocess."""
    bomb = folder / "bomb.zip"
    write_slack_bomb(bomb)

    def measure(arg: str) -> tuple[float, float, str]:
        done = subprocess.run([sys.executable, "-c", _MEASURE, arg], capture_output=True, text=True, check=True,
                              cwd=Path(__file__).resolve().parents[2])
        ms, peak_mb, outcome = done.stdout.strip().split("\t", 2)
        return float(ms), float(peak_mb), outcome

    ms, peak, outcome = measure(str(bomb))
    _, floor_peak, _ = measure("floor")
    near = folder / "near-cap.zip"
    write_slack_bomb(near, 50 * 10**6)  # just under the 50 MiB cap: read (up to the row cap), not refused
    near_ms, near_peak, near_outcome = measure(str(near))
    refused = outcome.startswith("refused")
    size = bomb.stat().st_size / 1024
    figure = f"185 MB-expanded Slack zip ({size:.0f} KB): peak MB ({'refused' if refused else 'imported'})"
    return [
        Row(figure, peak, floor_peak, "python importing the app", "≤ 300 MB", peak <= 300, unit="MB"),
        Row(f"185 MB-expanded Slack zip: time ({outcome[:60]})", ms, None, "", "refused ≤ 2000 ms or ≤ 300 MB",
            (refused and ms <= 2000) or peak <= 300),
        Row(f"50 MB-expanded Slack zip: peak MB ({near_outcome[:50]})", near_peak, floor_peak,
            "python importing the app", "≤ 300 MB", near_peak <= 300, unit="MB"),
        Row("50 MB-expanded Slack zip: time", near_ms, None, "", "≤ 10000 ms", near_ms <= 10_000),
    ]
