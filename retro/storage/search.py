"""Full-text search behind one interface: FTS5 on SQLite, ``tsvector`` on PostgreSQL.

Both databases keep the same ``search_documents`` table (one row per entity with text, written
by the services in the edit's transaction); only the matching differs. A query is split into
words; a retro matches when every word (as a prefix) occurs somewhere in it.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterable
from itertools import chain
from typing import Any

from sqlalchemy import (
    CTE,
    Connection,
    Float,
    Integer,
    Select,
    String,
    TextClause,
    bindparam,
    column,
    delete,
    insert,
    select,
    text,
    tuple_,
)

from ..domain import Entity, EntityRef, Incident
from .mapping import search_text
from .models import search_documents


def words(query: str) -> list[str]:
    """The words of a search query, lower-cased, duplicates dropped, in order.

    A word is letters and decimal digits, with the combining marks that follow a letter (the
    vowel signs of Devanagari or Thai belong to their word: PostgreSQL's parser keeps ``हिन्दी``
    whole, and FTS5 reads a quoted word it splits as a phrase of its pieces). Anything else
    separates words: punctuation, an underscore (as for FTS5), other numerals (``2¹``, ``½``:
    PostgreSQL's parser does not count them, it read ``2¹`` as ``2``). ``lower()``, not
    ``casefold()``: casefolding turns ``Straße`` into ``strasse``, which the indexes (they only
    lower-case) never contain. No word can be read as query syntax by FTS5 or ``to_tsquery``.
    """
    seen: dict[str, None] = {}
    current: list[str] = []
    for char in query.lower() + " ":
        kind = unicodedata.category(char)
        if kind[0] == "L" or kind == "Nd" or (kind[0] == "M" and current):
            current.append(char)
        elif current:
            seen.setdefault("".join(current), None)
            current = []
    return list(seen)


def fts_term(term: str) -> str:
    """One word as an FTS5 prefix query: a quoted string (never syntax) with a star."""
    return '"' + term.replace('"', '""') + '"*'


def pg_term(term: str) -> str:
    """One word as a prefix tsquery. PostgreSQL's parser reads ``PD-00050`` as the word ``pd`` and
    the signed integer ``-00050``, so a number is also looked for with a minus in front."""
    quoted = term.replace("'", "''").replace("\\", "\\\\")
    return f"('{quoted}':* | '-{quoted}':*)" if term.isdigit() else f"'{quoted}':*"


def term_params(dialect: str, terms: list[str]) -> dict[str, str]:
    """The bound values ``w0`` … of :func:`ranked_hits` and :func:`matching_incidents`."""
    make = fts_term if dialect == "sqlite" else pg_term
    return {f"w{i}": make(t) for i, t in enumerate(terms)}


def matching_incidents(conn: Connection, query: str) -> Select[Any] | None:
    """A select of the incident ids matching ``query`` (every word somewhere in the retro), or
    ``None`` when it has no words."""
    terms = words(query)
    if not terms:
        return None
    hits = ranked_hits(conn.dialect.name, len(terms), terms, ranked=False)
    return select(hits.c.incident_id)


def index_entities(conn: Connection, incident_id: str, entities: Iterable[Entity | Incident],
                   *, new: bool = False) -> None:
    """(Re)index ``entities`` of one retro: replace their documents with their current text.

    ``new`` says none of them has a document yet (just inserted), which saves the delete.
    """
    items = list(entities)
    if not items:
        return
    keys = [(type(e).__name__, e.key) for e in items]
    if not new:
        forget(conn, incident_id, keys)
    rows: list[tuple[str, str, str, str]] = []
    for entity, (kind, key) in zip(items, keys, strict=True):
        body = search_text(entity)
        if body:
            rows.append((incident_id, kind, key, body))
    if conn.dialect.name == "sqlite" and len(rows) > _MANY:
        _insert_many_sqlite(conn, rows)
    elif rows:
        conn.execute(insert(search_documents), [dict(zip(_COLUMNS, r, strict=True)) for r in rows])


_COLUMNS = ("incident_id", "kind", "key", "body")
#: Above this many documents, SQLite gets multi-row INSERT statements instead of an executemany.
_MANY = 50
#: Rows per statement: 4 parameters each, under SQLite's limit on variables (32,766 since 3.32,
#: 999 before). Fewer, larger statements also mean fewer FTS5 segments to merge.
_ROWS_PER_STATEMENT = (32_766 if sqlite3.sqlite_version_info >= (3, 32) else 999) // 4


def _insert_many_sqlite(conn: Connection, rows: list[tuple[str, str, str, str]]) -> None:
    """Insert many documents in few statements, so the FTS5 index is written once per statement.

    The FTS5 table is kept in step by an ``AFTER INSERT`` trigger; within an executemany every
    row is its own statement, and FTS5 flushes its pending terms at each statement's savepoint,
    writing one tiny index segment per row (100,000 imported events: ~8 s). A multi-row VALUES
    statement fires the same trigger per row but flushes once (~0.6 s). The columns are plain
    text, so the parameters go to the driver as they are.
    """
    head = "INSERT INTO search_documents (incident_id, kind, key, body) VALUES "
    for start in range(0, len(rows), _ROWS_PER_STATEMENT):
        chunk = rows[start : start + _ROWS_PER_STATEMENT]
        params = tuple(chain.from_iterable(chunk))
        conn.exec_driver_sql(head + ",".join(["(?, ?, ?, ?)"] * len(chunk)), params)


def forget_refs(conn: Connection, incident_id: str, refs: Iterable[EntityRef]) -> None:
    forget(conn, incident_id, [(r.kind, r.key) for r in refs])


def forget(conn: Connection, incident_id: str, keys: list[tuple[str, str]]) -> None:
    """Drop the documents of the named entities (kind, key) of one retro."""
    if not keys:
        return
    doc = search_documents
    for start in range(0, len(keys), 400):
        chunk = keys[start : start + 400]
        conn.execute(
            delete(doc).where(doc.c.incident_id == incident_id, tuple_(doc.c.kind, doc.c.key).in_(chunk))
        )


# -- ranked search: the matching retros, best first, and where each matched ---------------------------


def ranked_hits(dialect: str, n_terms: int, terms: list[str] | None = None, *, ranked: bool = True) -> CTE:
    """One row per retro holding every one of ``n_terms`` words (bound as ``w0`` … by
    :func:`term_params`; each a prefix, each anywhere in the retro, in any of its documents):
    ``incident_id``, ``score`` (lower is better: the sum over the retro's matching documents, so a
    retro that says it in more places ranks higher) and ``doc``, the id of its best-matching
    document (where the snippet comes from). With ``terms`` the words are bound in the statement;
    ``ranked=False`` skips the ranking (every score 0) for a caller that only filters.

    **Common words do not rank**: a word found in more than half of the
    library's retros (archived ones too) tells them apart no better than chance, the test bm25
    applies to documents (its IDF is ≤ 0 there) applied to retros. Such a word must still be
    found, but the score is the sum over the other words only; when every word is common, every
    score is 0 and the list's own tie-break orders it, newest first. Nor is a single retro
    found ranked (there is nothing to order). A retro not ranked shows its first-written matching
    document as its snippet (the retro's own title or summary when they match).

    The matches are read once unranked (every word, joined to the retros: what any search must
    do), counted per word; only the words that are not common are read again with their rank, so
    a search for a word in every retro costs about what finding its retros costs. SQLite: FTS5's
    bm25 (revision 0011 keeps the lengths it needs), the costly part there; PostgreSQL: the GIN
    index on the stored ``body_tsv``, ``ts_rank`` of each word in the one pass (cheap there), the
    ranking words' summed.
    """
    if not ranked or n_terms > _MOST_RANKED_WORDS:
        return _cte(_unranked(dialect, n_terms), dialect, n_terms, terms)
    if dialect == "sqlite":
        matches = " UNION ALL ".join(
            f"SELECT rowid AS id, {i} AS w FROM search_fts WHERE search_fts MATCH :w{i}" for i in range(n_terms))
        holds = ", ".join(f"max(f.w = {i}) AS a{i}" for i in range(n_terms)) if n_terms > 1 else "1 AS a0"
        every = " AND ".join(f"g.a{i}" for i in range(n_terms))
        counts = ", ".join(f"sum(a{i}) AS c{i}" for i in range(n_terms))
        # The verdict is the outer loop (CROSS JOIN keeps the order): a common word's index is not read again.
        scored = " UNION ALL ".join(
            f"SELECT search_fts.rowid AS id, search_fts.rank AS r FROM verdict CROSS JOIN search_fts "
            f"WHERE verdict.found > 1 AND verdict.c{i} * 2 <= verdict.n AND search_fts MATCH :w{i}"
            for i in range(n_terms))
        # A bare column beside min(): SQLite takes ``doc`` from the row with the smallest rank.
        # CROSS JOIN keeps the matches the outer loop: with two words SQLite otherwise scanned
        # every document and looked each up among the matches (76 ms instead of 45 at 10,000).
        sql = text(
            "WITH grouped AS MATERIALIZED (SELECT d.incident_id AS incident_id, min(f.id) AS first, "
            f"{holds} FROM ({matches}) AS f CROSS JOIN search_documents AS d ON d.id = f.id "
            "GROUP BY d.incident_id), "
            f"verdict AS MATERIALIZED (SELECT (SELECT count(*) FROM incidents) AS n, {counts}, "
            f"sum({every.replace('g.', '')}) AS found FROM grouped), "
            "scored AS MATERIALIZED (SELECT d.incident_id AS incident_id, sum(k.r) AS score, min(k.r) AS best, "
            f"k.id AS doc FROM ({scored}) AS k CROSS JOIN search_documents AS d ON d.id = k.id GROUP BY d.incident_id) "
            "SELECT g.incident_id AS incident_id, 0.0 AS score, NULL AS best, g.first AS doc FROM grouped AS g "
            f"WHERE {every} AND NOT EXISTS (SELECT 1 FROM scored) "
            "UNION ALL SELECT s.incident_id, s.score, s.best, s.doc FROM scored AS s "
            f"JOIN grouped AS g ON g.incident_id = s.incident_id WHERE {every}"
        )
    else:
        # Each word's rank is worked out in the one pass and a common word's left out afterwards:
        # a second pass had to join back to the documents (PostgreSQL merged all 160,000 of them)
        # or carry every matching tsvector in the CTE, both slower than ts_rank itself (~7 ms of
        # ~18 for 15,000 documents on an idle machine).
        queries = ", ".join(f"to_tsquery('simple'::regconfig, :w{i}) AS q{i}(q)" for i in range(n_terms))
        anyword = " || ".join(f"q{i}.q" for i in range(n_terms))
        ranks = ", ".join(f"ts_rank(d.body_tsv, q{i}.q) AS r{i}" if n_terms == 1 else
                          f"CASE WHEN d.body_tsv @@ q{i}.q THEN ts_rank(d.body_tsv, q{i}.q) END AS r{i}"
                          for i in range(n_terms))
        # Per word: held somewhere, the sum of its ranks, its best document: the least of (-rank, id),
        # so the highest rank wins and ties go to the first document (a NULL rank sorts last).
        per_word = ", ".join(f"count(m.r{i}) > 0 AS a{i}, sum(m.r{i}) AS s{i}, "
                             f"(min(ARRAY[-m.r{i}::float8, m.id::float8]))[2]::integer AS d{i}"
                             for i in range(n_terms))
        every = " AND ".join(f"g.a{i}" for i in range(n_terms))
        counts = ", ".join(f"count(*) FILTER (WHERE a{i}) AS c{i}" for i in range(n_terms))
        # A word held by at most half of the retros found at all is rare whatever the library's size:
        # the library is counted (a scan on PostgreSQL) only when that does not settle it.
        rare = ", ".join(f"CASE WHEN found <= 1 THEN false WHEN c{i} * 2 <= seen THEN true "
                         f"ELSE c{i} * 2 <= (SELECT count(*) FROM incidents) END AS k{i}" for i in range(n_terms))
        score = " + ".join(f"CASE WHEN v.k{i} THEN g.s{i} ELSE 0.0 END" for i in range(n_terms))
        best = ", ".join(f"CASE WHEN v.k{i} THEN g.d{i} END" for i in range(n_terms))
        sql = text(
            f"WITH m AS MATERIALIZED (SELECT d.incident_id, d.id, {ranks} FROM search_documents AS d, {queries} "
            f"WHERE d.body_tsv @@ ({anyword})), "
            f"grouped AS MATERIALIZED (SELECT m.incident_id, min(m.id) AS first, {per_word} FROM m "
            "GROUP BY m.incident_id), "
            f"verdict AS MATERIALIZED (SELECT {rare} FROM (SELECT count(*) AS seen, "
            f"{counts}, count(*) FILTER (WHERE {every.replace('g.', '')}) AS found FROM grouped) AS c) "
            f"SELECT g.incident_id, (-({score}))::float8 AS score, NULL::float8 AS best, "
            f"coalesce({best}, g.first) AS doc FROM grouped AS g, verdict AS v WHERE {every}"
        )
    return _cte(sql, dialect, n_terms, terms)


#: A search of more words than this is listed newest first (each word is a column of the statement).
_MOST_RANKED_WORDS = 64


def _unranked(dialect: str, n_terms: int) -> TextClause:
    """The retros holding every word, unranked (every score 0, no best document)."""
    if dialect == "sqlite":
        matches = " UNION ALL ".join(
            f"SELECT rowid AS id, {i} AS w FROM search_fts WHERE search_fts MATCH :w{i}" for i in range(n_terms))
        every = f" HAVING count(DISTINCT f.w) = {n_terms}" if n_terms > 1 else ""
        return text("SELECT d.incident_id AS incident_id, 0.0 AS score, NULL AS best, NULL AS doc "
                    f"FROM ({matches}) AS f JOIN search_documents AS d ON d.id = f.id GROUP BY d.incident_id{every}")
    queries = ", ".join(f"to_tsquery('simple'::regconfig, :w{i}) AS q{i}(q)" for i in range(n_terms))
    anyword = " || ".join(f"q{i}.q" for i in range(n_terms))
    every = (" HAVING " + " AND ".join(f"bool_or(d.body_tsv @@ q{i}.q)" for i in range(n_terms))) if n_terms > 1 else ""
    return text("SELECT d.incident_id AS incident_id, 0.0::float8 AS score, NULL::float8 AS best, NULL::integer AS doc "
                f"FROM search_documents AS d, {queries} WHERE d.body_tsv @@ ({anyword}) GROUP BY d.incident_id{every}")


def _cte(sql: TextClause, dialect: str, n_terms: int, terms: list[str] | None) -> CTE:
    values = term_params(dialect, terms) if terms is not None else {}
    sql = sql.bindparams(*(bindparam(f"w{i}", values.get(f"w{i}"), type_=String) for i in range(n_terms)))
    hits = sql.columns(
        column("incident_id", String), column("score", Float), column("best", Float), column("doc", Integer),
    ).cte("hits")
    # Read twice (the page and the count): worked out once.
    return hits.prefix_with("MATERIALIZED")
