"""The library at scale: 100 / 1,000 / 10,000 generated retros (SQLite), each figure beside its floor.

The libraries come from :mod:`tests.benchmarks.library_data` (made once, cached under /tmp).
Floors are measured in the same run: a raw FTS5 query through ``sqlite3`` for search, a raw
SELECT / JOIN for the lists, a bare ``python -c 'import sqlite3'`` for the CLI, a bare
QMainWindow for start-up (see bench_startup). ``RETRO_BENCH_SIZES=100,1000`` picks sizes.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks.bench_startup import BARE, OURS, _times
from tests.benchmarks.library_data import library_url
from tests.benchmarks.table import Row, absolute_row, median_ms, ratio_row

REPO = Path(__file__).resolve().parents[2]
SIZES = tuple(int(s) for s in os.environ.get("RETRO_BENCH_SIZES", "100,1000,10000").split(","))
STARTUP_RUNS = 3


def _raw(path: str, sql: str, *params: object) -> float:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return median_ms(lambda: conn.execute(sql, params).fetchall(), repeat=5)
    finally:
        conn.close()


_RAW_SEARCH = ("SELECT DISTINCT d.incident_id FROM search_documents d WHERE d.id IN "
               "(SELECT rowid FROM search_fts WHERE search_fts MATCH ?)")


def _process_ms(args: list[str], runs: int = 5) -> float:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd=REPO, env=env)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _size_rows(n: int) -> list[Row]:
    from retro.services import RetroStore

    url = library_url(n)
    path = url.removeprefix("sqlite:///")
    store = RetroStore(url)
    rows: list[Row] = []
    try:
        word = f"{n // 2:05d}"  # the ticket number in one retro's summary
        assert len(store.list_retros(text=word, include_archived=True)) == 1
        rows.append(ratio_row(f"search, a word in one retro ({n:,})",
                              median_ms(lambda: store.list_retros(text=word, include_archived=True), repeat=5),
                              _raw(path, _RAW_SEARCH, f'"{word}"*'), "raw FTS5 query", 5))
        rows.append(ratio_row(f"search, a word in every retro ({n:,})",
                              median_ms(lambda: store.list_retros(text="customers", include_archived=True), repeat=3),
                              _raw(path, _RAW_SEARCH, '"customers"*'), "raw FTS5 query", 2))
        rows.append(ratio_row(f"library list, no search ({n:,})",
                              median_ms(lambda: store.list_retros(include_archived=True), repeat=3),
                              _raw(path, "SELECT * FROM incidents ORDER BY created_at DESC"), "raw SELECT", 2))
        raw_join = ("SELECT a.*, i.title, i.severity FROM action_items a JOIN incidents i ON i.id = a.incident_id "
                    "WHERE a.status IN ('open', 'in_progress')")
        rows.append(absolute_row(f"follow-through, first screen of {n * 4:,} actions",
                                 median_ms(lambda: store.open_actions(limit=60), repeat=5),
                                 _raw(path, raw_join), "raw JOIN of every open action", 100))
        rows.append(absolute_row(f"recurring factors, whole library ({n:,})",
                                 median_ms(store.recurring_summary, repeat=3),  # what the tab reads
                                 _raw(path, "SELECT incident_id, factor_id, category, key FROM factor_keys"),
                                 "raw SELECT of the factor keys", 300))
        one = store.load(store.list_retros()[0].id)
        rows.append(absolute_row(f"related retros for one retro ({n:,})",
                                 median_ms(lambda: store.related_incidents(one, limit=10), repeat=5),
                                 None, "", 20))
    finally:
        store.close()
    rows.append(ratio_row(f"`retro list` ({n:,})",
                          _process_ms([sys.executable, "-m", "ui.launch", "--db", url, "list"]),
                          _process_ms([sys.executable, "-c", "import sqlite3"]), "python -c 'import sqlite3'", 5))
    bare, ours = [], []
    for _ in range(STARTUP_RUNS):
        bare.append(_times(BARE)[1])
        ours.append(_times(OURS, url)[1])
    rows.append(ratio_row(f"start-up to a populated library ({n:,})", statistics.median(ours),
                          statistics.median(bare), "bare QMainWindow shown", 1.5))
    return rows


def run() -> list[Row]:
    rows: list[Row] = []
    for n in SIZES:
        print(f"  library of {n:,} retros …", file=sys.stderr, flush=True)
        rows.extend(_size_rows(n))
    return rows


if __name__ == "__main__":
    from tests.benchmarks.table import render

    print(render(run()))
