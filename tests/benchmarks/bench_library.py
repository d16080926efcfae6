"""The library at scale: 100 / 1,000 / 10,000 generated retros (SQLite, and PostgreSQL when
reachable), each figure beside its floor.

The libraries come from :mod:`tests.benchmarks.library_data` (made once, cached under /tmp; on
PostgreSQL in a database of their own). Floors are measured in the same run: a raw FTS5 /
tsquery query through the bare driver for search, a raw SELECT / JOIN for the lists, a bare
``python -c 'import sqlite3'`` for the CLI, a bare QMainWindow for start-up (see bench_startup).
What is measured is what the app does: the library's first page (``RetroStore.library_page``,
100 rows, counted and with search snippets), ranked by the database.
``RETRO_BENCH_SIZES=100,1000`` picks sizes; ``RETRO_BENCH_PG=postgresql+psycopg://user@host:port``
the server (default 127.0.0.1:5432, ``none`` to skip).
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
from tests.benchmarks.library_data import library_url, pg_library_url
from tests.benchmarks.table import Row, absolute_row, median_ms, ratio_row

REPO = Path(__file__).resolve().parents[2]
SIZES = tuple(int(s) for s in os.environ.get("RETRO_BENCH_SIZES", "100,1000,10000").split(","))
STARTUP_RUNS = 3
PG_SERVER = os.environ.get("RETRO_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")


def _raw(path: str, sql: str, *params: object) -> float:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return median_ms(lambda: conn.execute(sql, params).fetchall(), repeat=5)
    finally:
        conn.close()


_RAW_SEARCH = ("SELECT DISTINCT d.incident_id FROM search_documents d WHERE d.id IN "
               "(SELECT rowid FROM search_fts WHERE search_fts MATCH ?)")
#: The database's own ranking, nothing else: bm25 of every matching document.
_RAW_RANKED = "SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank"
#: The list's first page straight from the table, as the app orders it.
_RAW_PAGE = ("SELECT * FROM incidents WHERE archived = 0 "
             "ORDER BY coalesce(started_at, resolved_at, created_at) DESC, id LIMIT 100")
_PG_SEARCH = ("SELECT DISTINCT incident_id FROM search_documents "
              "WHERE body_tsv @@ to_tsquery('simple'::regconfig, %s)")
_PG_RANKED = ("SELECT id, ts_rank(body_tsv, q) AS r FROM search_documents, "
              "to_tsquery('simple'::regconfig, %s) AS q WHERE body_tsv @@ q ORDER BY r DESC")


def _search(store: object, word: str) -> object:
    from retro.services import LibraryQuery, LibrarySort

    return store.library_page(LibraryQuery(text=word, sort=LibrarySort.RELEVANCE))  # type: ignore[attr-defined]


def _first_page(store: object) -> object:
    from retro.services import LibraryQuery

    return store.library_page(LibraryQuery())  # type: ignore[attr-defined]


def _pg_raw(url: str, sql: str, *params: object) -> float:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        return median_ms(lambda: conn.execute(sql, params).fetchall(), repeat=5)


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
        found = _search(store, word)
        assert found.total == 1 and found.snippets  # type: ignore[attr-defined]
        rows.append(ratio_row(f"search, a word in one retro, ranked + snippet ({n:,})",
                              median_ms(lambda: _search(store, word), repeat=7),
                              _raw(path, _RAW_SEARCH, f'"{word}"*'), "raw FTS5 query", 5))
        every = median_ms(lambda: _search(store, "customers"), repeat=5)
        rows.append(ratio_row(f"search, a word in every retro, ranked, first page ({n:,})", every,
                              _raw(path, _RAW_SEARCH, '"customers"*'), "raw FTS5 query, unranked", 2))
        rows.append(ratio_row(f"search, a word in every retro, vs the ranking alone ({n:,})", every,
                              _raw(path, _RAW_RANKED, '"customers"*'), "raw FTS5 bm25 ORDER BY rank", 2))
        first_page = median_ms(lambda: _first_page(store), repeat=7)
        rows.append(ratio_row(f"library list, no search, first page ({n:,})", first_page,
                              _raw(path, "SELECT * FROM incidents ORDER BY created_at DESC"),
                              "raw SELECT of every retro", 2))
        rows.append(ratio_row(f"library list, no search, vs the same page raw ({n:,})", first_page,
                              _raw(path, _RAW_PAGE), "raw SELECT … LIMIT 100", 5))
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
    rows.extend(_startup_rows(url, f"{n:,}"))
    return rows


def _startup_rows(url: str, label: str) -> list[Row]:
    """Start-up to the first paint of the listed library, in time and in CPU time, beside a bare window."""
    bare, ours = [], []
    for _ in range(STARTUP_RUNS):
        bare.append(_times(BARE))
        ours.append(_times(OURS, url))
    return [ratio_row(f"start-up to a populated library ({label})", statistics.median(o[1] for o in ours),
                      statistics.median(b[1] for b in bare), "bare QMainWindow shown", 1.5),
            ratio_row(f"… in CPU time ({label})", statistics.median(o[3] for o in ours),
                      statistics.median(b[3] for b in bare), "bare QMainWindow's CPU", 1.5)]


def _pg_rows(n: int) -> list[Row]:
    """Search and the list's first page on PostgreSQL (its own database), beside raw psycopg queries."""
    if PG_SERVER == "none":
        return []
    url = pg_library_url(PG_SERVER, n)
    if url is None:
        print("  (PostgreSQL not reachable: its rows are left out)", file=sys.stderr)
        return []
    from retro.services import RetroStore

    store = RetroStore(url)
    rows: list[Row] = []
    try:
        word = f"{n // 2:05d}"
        assert _search(store, word).total == 1  # type: ignore[attr-defined]
        rows.append(ratio_row(f"PostgreSQL: search, a word in one retro ({n:,})",
                              median_ms(lambda: _search(store, word), repeat=7),
                              _pg_raw(url, _PG_SEARCH, f"('{word}':* | '-{word}':*)"), "raw tsquery query", 5))
        every = median_ms(lambda: _search(store, "customers"), repeat=3)
        rows.append(ratio_row(f"PostgreSQL: search, a word in every retro, first page ({n:,})", every,
                              _pg_raw(url, _PG_SEARCH, "'customers':*"), "raw tsquery query, unranked", 2))
        rows.append(ratio_row(f"PostgreSQL: search, every retro, vs the ranking alone ({n:,})", every,
                              _pg_raw(url, _PG_RANKED, "'customers':*"), "raw ts_rank ORDER BY", 2))
        rows.append(ratio_row(f"PostgreSQL: library list, first page ({n:,})",
                              median_ms(lambda: _first_page(store), repeat=7),
                              _pg_raw(url, "SELECT * FROM incidents ORDER BY created_at DESC"),
                              "raw SELECT of every retro", 2))
    finally:
        store.close()
    if n == max(SIZES):  # start-up on a team database: the quick read goes through psycopg alone
        rows.extend(_startup_rows(url, f"PostgreSQL, {n:,}"))
    return rows


def run() -> list[Row]:
    rows: list[Row] = []
    for n in SIZES:
        print(f"  library of {n:,} retros …", file=sys.stderr, flush=True)
        rows.extend(_size_rows(n))
        rows.extend(_pg_rows(n))
    return rows


if __name__ == "__main__":
    from tests.benchmarks.table import render

    print(render(run()))
