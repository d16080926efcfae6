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

    One pass over the index per word, no subquery per word per retro: SQLite reads each word's
    matches once (FTS5's bm25; revision 0011 keeps the document lengths it needs) and keeps the
    retros that saw every word; PostgreSQL reads the documents matching any word once through
    the GIN index on the stored ``body_tsv`` (revision 0011), ranks them with ``ts_rank`` and
    checks each word on the stored vector.
    """
    if dialect == "sqlite":
        rank = "rank" if ranked else "0.0"
        if n_terms == 1:
            matches = f"SELECT rowid AS id, {rank} AS r, 0 AS w FROM search_fts WHERE search_fts MATCH :w0"
        else:
            matches = " UNION ALL ".join(
                f"SELECT rowid AS id, {rank} AS r, {i} AS w FROM search_fts WHERE search_fts MATCH :w{i}"
                for i in range(n_terms))
        every = f" HAVING count(DISTINCT f.w) = {n_terms}" if n_terms > 1 else ""
        # A bare column beside min(): SQLite takes ``doc`` from the row with the smallest rank.
        sql = text(
            "SELECT d.incident_id AS incident_id, sum(f.r) AS score, min(f.r) AS best, f.id AS doc "
            f"FROM ({matches}) AS f JOIN search_documents AS d ON d.id = f.id "
            f"GROUP BY d.incident_id{every}"
        )
    else:
        rank = "ts_rank(d.body_tsv, {q})" if ranked else "0.0"
        queries = ", ".join(f"to_tsquery('simple'::regconfig, :w{i}) AS q{i}(q)" for i in range(n_terms))
        anyword = " || ".join(f"q{i}.q" for i in range(n_terms))
        has = "".join(f", d.body_tsv @@ q{i}.q AS h{i}" for i in range(n_terms)) if n_terms > 1 else ""
        every = (" HAVING " + " AND ".join(f"bool_or(m.h{i})" for i in range(n_terms))) if n_terms > 1 else ""
        # Grouped by hashing (no sort of every match): the best document is the least of
        # (-rank, id), so the highest rank wins and ties go to the first document.
        sql = text(
            "SELECT m.incident_id AS incident_id, -sum(m.r) AS score, max(m.r) AS best, "
            "(min(ARRAY[-m.r::float8, m.id::float8]))[2]::integer AS doc FROM ("
            f"SELECT d.incident_id, d.id, {rank.format(q=anyword)} AS r{has} "
            f"FROM search_documents AS d, {queries} WHERE d.body_tsv @@ ({anyword})) AS m "
            f"GROUP BY m.incident_id{every}"
        )
    values = term_params(dialect, terms) if terms is not None else {}
    sql = sql.bindparams(*(bindparam(f"w{i}", values.get(f"w{i}"), type_=String) for i in range(n_terms)))
    hits = sql.columns(
        column("incident_id", String), column("score", Float), column("best", Float), column("doc", Integer),
    ).cte("hits")
    # Read twice (the page and the count): worked out once.
    return hits.prefix_with("MATERIALIZED")
