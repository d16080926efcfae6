"""Storage figures: one committed edit, and loading a retro with 10,000 timeline events.

(a) ``RetroStore.apply`` adding one event to a small retro, beside a raw ``sqlite3`` insert +
    commit into a similar table with the same pragmas (WAL, synchronous=FULL). Goal ≤ 2×.
(b) ``RetroStore.load`` of a retro with 10,000 events. Goal ≤ 150 ms, shown beside a raw
    ``sqlite3`` fetch of the same rows (no objects built).
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from retro.domain import Edit, EventKind, Retro, TimelineEvent, new_id
from retro.services import RetroStore
from tests.benchmarks.table import Row, absolute_row, median_ms, ratio_row

EVENTS = 10_000
T0 = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


def _raw_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "busy_timeout = 10000"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def _bench_edit(folder: Path) -> Row:
    """Ours and the floor measured in alternation, so both see the same disk weather."""
    store = RetroStore(f"sqlite:///{folder / 'edit.sqlite3'}")
    retro = store.create_retro("Small retro")
    state = {"version": retro.incident.version, "n": 0}

    def one_edit() -> None:
        state["n"] += 1
        event = TimelineEvent(new_id(), T0 + timedelta(seconds=state["n"]), f"Event {state['n']}: cache warmed")
        state["version"] = store.apply(retro.incident.id, state["version"], Edit.of(upsert=[event])).version

    raw = _raw_connection(folder / "raw.sqlite3")
    raw.execute("CREATE TABLE events (incident_id TEXT, id TEXT, at TEXT, text TEXT, kind TEXT, "
                "source TEXT, evidence_url TEXT, audience TEXT, actor_role TEXT, PRIMARY KEY (incident_id, id))")

    def raw_insert() -> None:
        state["n"] += 1
        raw.execute("BEGIN")
        raw.execute("INSERT INTO events VALUES (?, ?, ?, ?, 'observation', '', '', 'internal', NULL)",
                    ("inc", new_id(), str(T0), f"Event {state['n']}"))
        raw.execute("COMMIT")

    ours_samples, floor_samples = [], []
    for _ in range(3):
        one_edit(), raw_insert()  # warm up
    for _ in range(61):
        ours_samples.append(median_ms(one_edit, repeat=1, warmup=0))
        floor_samples.append(median_ms(raw_insert, repeat=1, warmup=0))
    store.close()
    raw.close()
    return ratio_row("commit one edit (apply, small retro)", statistics.median(ours_samples),
                     statistics.median(floor_samples), "sqlite3 insert+commit", 2)


def _bench_load(folder: Path) -> Row:
    path = folder / "big.sqlite3"
    store = RetroStore(f"sqlite:///{path}")
    created = store.create_retro("Ten thousand events")
    big = Retro(created.incident, impacts=dict(created.impacts))
    for i in range(EVENTS):
        event = TimelineEvent(new_id(), T0 + timedelta(seconds=i), f"Event {i}: something was observed in the logs",
                              kind=EventKind.OBSERVATION, source="chat export")
        big.events[event.id] = event
    incident_id = store.add_retro(big)
    assert len(store.load(incident_id).events) == EVENTS
    ours = median_ms(lambda: store.load(incident_id), repeat=9, warmup=2)
    store.close()

    raw = _raw_connection(path)

    def raw_fetch() -> None:
        raw.execute("SELECT * FROM timeline_events WHERE incident_id = ?", (incident_id,)).fetchall()

    floor = median_ms(raw_fetch, repeat=9, warmup=2)
    raw.close()
    return absolute_row(f"load() a retro with {EVENTS:,} events", ours, floor, "sqlite3 fetch of the rows", 150)


def run() -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="bench-storage-") as tmp:
        folder = Path(tmp)
        return [_bench_edit(folder), _bench_load(folder)]
