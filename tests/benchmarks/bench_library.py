"""The library at scale: 100 / 1,000 / 10,000 generated retros (SQLite, and PostgreSQL when
reachable), each figure beside its floor.

The libraries come from :mod:`tests.benchmarks.library_data` (made once, cached under /tmp; on
PostgreSQL in a database of their own). Floors are measured in the same run: a raw FTS5 /
tsquery query through the bare driver for search, a raw SELECT / JOIN for the lists, a bare
``python -c 'import sqlite3'`` for the CLI, a bare QMainWindow for start-up (see bench_startup).
What is measured is what the app does: the library's first page (``RetroStore.library_page``,
100 rows, counted and with search snippets), ranked by the database.
``RETRO_BENCH_SIZES=100,1000`` picks sizes; ``RETRO_BENCH_PG=postgresql+psycopg://user@host:port``
the server (default 127.0.0.1:5432, ``none`` to skip); ``RETRO_BENCH_ONLY=search`` measures the
search rows only; ``RETRO_BENCH_CLOCK=cpu`` times the SQLite search rows (ours and their floors,
all in this process) in CPU time, which a loaded machine disturbs far less than wall time
(PostgreSQL's rows stay in wall time: its work is in the server's processes).

Search has two floors. The first (kept from issue 14) is the bare index query: the ids of the
matching retros, unranked, nothing shown. The second, "same page raw", is hand-written SQL doing
the work the page does, through the bare driver: the same 100 rows ranked the same way, with
title, dates, the list's length, open and overdue actions and the best document's text.

"customers" is in every retro, so it does not rank (a word in more than half of the retros never
does: see ``retro.storage.search.ranked_hits``) and that page is newest first; "checkout", in about
a third, still ranks and is read twice (found, then ranked): its row says what the rule costs there.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.benchmarks.bench_cli import list_row
from tests.benchmarks.bench_startup import BARE, OURS, _times
from tests.benchmarks.library_data import library_url, pg_library_url
from tests.benchmarks.table import Row, absolute_row, median_ms, paired_ms, ratio_row

REPO = Path(__file__).resolve().parents[2]
SIZES = tuple(int(s) for s in os.environ.get("RETRO_BENCH_SIZES", "100,1000,10000").split(","))
STARTUP_RUNS = 3
PG_SERVER = os.environ.get("RETRO_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
SEARCH_ONLY = os.environ.get("RETRO_BENCH_ONLY", "") == "search"
CPU_CLOCK = os.environ.get("RETRO_BENCH_CLOCK", "wall") == "cpu"
SEARCH_ONLY = SEARCH_ONLY or CPU_CLOCK  # the other rows keep their wall-time floors


def _sqlite_ms(fn: Callable[[], object], *, repeat: int) -> float:
    """The median of ``fn()``'s time in milliseconds: wall time, or CPU time (RETRO_BENCH_CLOCK=cpu)."""
    if not CPU_CLOCK:
        return median_ms(fn, repeat=repeat)
    fn()
    samples = []
    for _ in range(repeat * 3):  # CPU time is coarser: more samples
        start = time.process_time()
        fn()
        samples.append((time.process_time() - start) * 1000)
    return statistics.median(samples)


def _raw(path: str, sql: str, *params: object) -> float:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _sqlite_ms(lambda: conn.execute(sql, params).fetchall(), repeat=5)
    finally:
        conn.close()


_RAW_SEARCH = ("SELECT DISTINCT d.incident_id FROM search_documents d WHERE d.id IN "
               "(SELECT rowid FROM search_fts WHERE search_fts MATCH ?)")
#: The database's own ranking, nothing else: bm25 of every matching document.
_RAW_RANKED = "SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank"
#: The list's first page straight from the table, as the app orders it.
_RAW_PAGE = ("SELECT * FROM incidents WHERE archived = 0 "
             "ORDER BY coalesce(started_at, resolved_at, created_at) DESC, id LIMIT 100")
#: Every word somewhere in the retro (two words), unranked: what a multi-word search must find.
_RAW_EVERY_WORD = ("SELECT d.incident_id FROM (SELECT rowid AS id, 0 AS w FROM search_fts WHERE search_fts MATCH ? "
                   "UNION ALL SELECT rowid, 1 FROM search_fts WHERE search_fts MATCH ?) AS f "
                   "JOIN search_documents d ON d.id = f.id GROUP BY d.incident_id HAVING count(DISTINCT f.w) = 2")
_PAGE_COLUMNS = ("i.id, i.title, i.severity, i.status, i.started_at, i.resolved_at, i.created_at, "
                 "i.internal_report_shared_at, i.public_report_shared_at, i.archived, i.version, i.services, i.tags")
_COUNTS = ("(SELECT count(*) FROM action_items a WHERE a.incident_id = i.id AND a.status IN ('open', 'in_progress')), "
           "(SELECT count(*) FROM action_items a WHERE a.incident_id = i.id AND a.status IN ('open', 'in_progress') "
           "AND a.due < {today})")
#: The page a search shows, in raw SQL: ranked retros (bm25 summed per retro), their first 100
#: with the list's length, counts and the best document's text.
_RAW_SAME_PAGE = (
    "WITH hits AS MATERIALIZED (SELECT d.incident_id, sum(f.rank) AS score, min(f.rank) AS best, f.rowid AS doc "
    "FROM search_fts f JOIN search_documents d ON d.id = f.rowid WHERE search_fts MATCH ? GROUP BY d.incident_id), "
    "found AS MATERIALIZED (SELECT i.id, h.doc, h.score, coalesce(i.started_at, i.resolved_at, i.created_at) AS at "
    "FROM hits h JOIN incidents i ON i.id = h.incident_id WHERE i.archived = 0), "
    "page AS (SELECT *, (SELECT count(*) FROM found) AS total FROM found ORDER BY score, at DESC, id LIMIT 100) "
    f"SELECT {_PAGE_COLUMNS}, p.total, {_COUNTS.format(today='date()')}, s.kind, s.body "
    "FROM page p JOIN incidents i ON i.id = p.id LEFT JOIN search_documents s ON s.id = p.doc "
    "ORDER BY p.score, p.at DESC, p.id")
_PG_SAME_PAGE = (
    "WITH hits AS MATERIALIZED (SELECT DISTINCT ON (m.incident_id) m.incident_id, "
    "-sum(m.r) OVER (PARTITION BY m.incident_id) AS score, m.id AS doc FROM (SELECT d.incident_id, d.id, "
    "ts_rank(d.body_tsv, q) AS r FROM search_documents d, to_tsquery('simple'::regconfig, %s) AS q "
    "WHERE d.body_tsv @@ q) AS m ORDER BY m.incident_id, m.r DESC, m.id), "
    "found AS MATERIALIZED (SELECT i.id, h.doc, h.score, coalesce(i.started_at, i.resolved_at, i.created_at) AS at "
    "FROM hits h JOIN incidents i ON i.id = h.incident_id WHERE i.archived IS FALSE), "
    "page AS (SELECT *, (SELECT count(*) FROM found) AS total FROM found ORDER BY score, at DESC NULLS LAST, id "
    "LIMIT 100) "
    f"SELECT {_PAGE_COLUMNS}, p.total, {_COUNTS.format(today='current_date')}, s.kind, s.body "
    "FROM page p JOIN incidents i ON i.id = p.id LEFT JOIN search_documents s ON s.id = p.doc "
    "ORDER BY p.score, p.at DESC NULLS LAST, p.id")
_PG_SEARCH = ("SELECT DISTINCT incident_id FROM search_documents "
              "WHERE body_tsv @@ to_tsquery('simple'::regconfig, %s)")
_PG_EVERY_WORD = ("SELECT incident_id FROM search_documents, to_tsquery('simple'::regconfig, %s) AS a, "
                  "to_tsquery('simple'::regconfig, %s) AS b WHERE body_tsv @@ (a || b) GROUP BY incident_id "
                  "HAVING bool_or(body_tsv @@ a) AND bool_or(body_tsv @@ b)")
_PG_RANKED = ("SELECT id, ts_rank(body_tsv, q) AS r FROM search_documents, "
              "to_tsquery('simple'::regconfig, %s) AS q WHERE body_tsv @@ q ORDER BY r DESC")


def _search(store: object, word: str) -> object:
    from retro.services import LibraryQuery, LibrarySort

    return store.library_page(LibraryQuery(text=word, sort=LibrarySort.RELEVANCE))  # type: ignore[attr-defined]


def _first_page(store: object) -> object:
    from retro.services import LibraryQuery

    return store.library_page(LibraryQuery())  # type: ignore[attr-defined]


def _raw_paired(path: str, ours: Callable[[], object], sql: str, *params: object) -> tuple[float, float]:
    """``ours`` and a raw SQLite query, timed in turns (:func:`paired_ms`)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return paired_ms(ours, lambda: conn.execute(sql, params).fetchall(),
                         clock=time.process_time if CPU_CLOCK else time.perf_counter)
    finally:
        conn.close()


def _pg_raw(url: str, sql: str, *params: object) -> float:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        return median_ms(lambda: conn.execute(sql, params).fetchall(), repeat=5)


def _pg_paired(url: str, ours: Callable[[], object], sql: str, *params: object) -> tuple[float, float]:
    """``ours`` and a raw psycopg query, timed in turns (:func:`paired_ms`)."""
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        return paired_ms(ours, lambda: conn.execute(sql, params).fetchall(), samples=100)


def _size_rows(n: int) -> list[Row]:
    from retro.services import LibraryQuery, LibrarySort, RetroStore

    url = library_url(n)
    path = url.removeprefix("sqlite:///")
    store = RetroStore(url)
    rows: list[Row] = []
    try:
        word = f"{n // 2:05d}"  # the ticket number in one retro's summary
        found = _search(store, word)
        assert found.total == 1 and found.snippets  # type: ignore[attr-defined]
        # Well under a millisecond: many samples, in turns with the floor (see paired_ms).
        one, fts = _raw_paired(path, lambda: _search(store, word), _RAW_SEARCH, f'"{word}"*')
        rows.append(ratio_row(f"search, a word in one retro, ranked + snippet ({n:,})", one, fts,
                              "raw FTS5 query", 5))
        one, page = _raw_paired(path, lambda: _search(store, word), _RAW_SAME_PAGE, f'"{word}"*')
        rows.append(ratio_row(f"search, one retro, vs the same page raw ({n:,})", one, page,
                              "raw SQL: same page, counts, text", 5))
        every = _sqlite_ms(lambda: _search(store, "customers"), repeat=5)
        rows.append(ratio_row(f"search, a word in every retro (not ranked: newest first), first page ({n:,})", every,
                              _raw(path, _RAW_SEARCH, '"customers"*'), "raw FTS5 query, unranked", 2))
        rows.append(ratio_row(f"search, a word in every retro, vs the ranking alone ({n:,})", every,
                              _raw(path, _RAW_RANKED, '"customers"*'), "raw FTS5 bm25 ORDER BY rank", 2))
        rows.append(ratio_row(f"search, a word in every retro, vs the same page raw ({n:,})", every,
                              _raw(path, _RAW_SAME_PAGE, '"customers"*'), "raw SQL: same page, counts, text", 2))
        # A word in about a third of the retros: still ranked, so read twice (found, then ranked).
        third = _sqlite_ms(lambda: _search(store, "checkout"), repeat=5)
        rows.append(ratio_row(f"search, a word in a third of the retros, ranked, first page ({n:,})", third,
                              _raw(path, _RAW_SEARCH, '"checkout"*'), "raw FTS5 query, unranked", 2))
        two = LibraryQuery(text="customers checkout", sort=LibrarySort.RELEVANCE)
        assert store.library_page(two).total > 0
        rows.append(ratio_row(f"search, two words, each somewhere in the retro ({n:,})",
                              _sqlite_ms(lambda: store.library_page(two), repeat=5),
                              _raw(path, _RAW_EVERY_WORD, '"customers"*', '"checkout"*'),
                              "raw FTS5, both words per retro, unranked", 2))
        if SEARCH_ONLY:
            return rows
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
    rows.append(list_row(n, url, runs=5))  # the command and its floor in turns (bench_cli runs it alone)
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
    from retro.services import LibraryQuery, LibrarySort, RetroStore

    store = RetroStore(url)
    rows: list[Row] = []
    try:
        word = f"{n // 2:05d}"
        assert _search(store, word).total == 1  # type: ignore[attr-defined]
        one, raw = _pg_paired(url, lambda: _search(store, word), _PG_SEARCH, f"('{word}':* | '-{word}':*)")
        rows.append(ratio_row(f"PostgreSQL: search, a word in one retro ({n:,})", one, raw, "raw tsquery query", 5))
        one, page = _pg_paired(url, lambda: _search(store, word), _PG_SAME_PAGE, f"('{word}':* | '-{word}':*)")
        rows.append(ratio_row(f"PostgreSQL: search, one retro, vs the same page raw ({n:,})", one, page,
                              "raw SQL: same page, counts, text", 5))
        every = median_ms(lambda: _search(store, "customers"), repeat=3)
        rows.append(ratio_row(f"PostgreSQL: search, a word in every retro (newest first), first page ({n:,})", every,
                              _pg_raw(url, _PG_SEARCH, "'customers':*"), "raw tsquery query, unranked", 2))
        rows.append(ratio_row(f"PostgreSQL: search, every retro, vs the ranking alone ({n:,})", every,
                              _pg_raw(url, _PG_RANKED, "'customers':*"), "raw ts_rank ORDER BY", 2))
        rows.append(ratio_row(f"PostgreSQL: search, every retro, vs the same page raw ({n:,})", every,
                              _pg_raw(url, _PG_SAME_PAGE, "'customers':*"), "raw SQL: same page, counts, text", 2))
        rows.append(ratio_row(f"PostgreSQL: search, a word in a third of the retros, ranked ({n:,})",
                              median_ms(lambda: _search(store, "checkout"), repeat=3),
                              _pg_raw(url, _PG_SEARCH, "'checkout':*"), "raw tsquery query, unranked", 2))
        two = LibraryQuery(text="customers checkout", sort=LibrarySort.RELEVANCE)
        rows.append(ratio_row(f"PostgreSQL: search, two words, each somewhere in the retro ({n:,})",
                              median_ms(lambda: store.library_page(two), repeat=3),
                              _pg_raw(url, _PG_EVERY_WORD, "'customers':*", "'checkout':*"),
                              "raw tsquery, both words per retro, unranked", 2))
        if SEARCH_ONLY:
            return rows
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
