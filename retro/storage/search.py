"""Full-text search behind one interface: FTS5 on SQLite, ``tsvector`` on PostgreSQL.

Both databases keep the same ``search_documents`` table (one row per entity with text, written
by the services in the edit's transaction); only the matching differs. A query is split into
words; a retro matches when every word (as a prefix) occurs somewhere in it.
"""

from __future__ import annotations

import re
import sqlite3
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
    and_,
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

_WORD = re.compile(r"\w+", re.UNICODE)


def words(query: str) -> list[str]:
    """The words of a search query, lower-cased, duplicates dropped, in order."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(query.casefold()):
        seen.setdefault(word, None)
    return list(seen)


def _pg_term(term: str) -> str:
    """One word as a prefix tsquery. PostgreSQL's parser reads ``PD-00050`` as the word ``pd`` and
    the signed integer ``-00050``, so a number is also looked for with a minus in front."""
    return f"('{term}':* | '-{term}':*)" if term.isdigit() else f"'{term}':*"


def matching_incidents(conn: Connection, query: str) -> Select[Any] | None:
    """A select of the incident ids matching ``query``, or ``None`` when it has no words."""
    terms = words(query)
    if not terms:
        return None
    doc = search_documents
    clauses = []
    for i, term in enumerate(terms):
        if conn.dialect.name == "sqlite":
            # Quoted FTS5 string + prefix star: the word can never be read as FTS syntax.
            match = text(
                f"search_documents.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :w{i})"
            ).bindparams(bindparam(f"w{i}", f'"{term}"*'))
        else:
            match = text(
                f"search_documents.body_tsv @@ to_tsquery('simple'::regconfig, :w{i})"
            ).bindparams(bindparam(f"w{i}", _pg_term(term)))
        clauses.append(doc.c.incident_id.in_(select(doc.c.incident_id).where(match)))
    return select(doc.c.incident_id).where(and_(*clauses)).distinct()


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


def ranked_hits(conn: Connection, terms: list[str]) -> CTE:
    """One row per retro any of ``terms`` (prefixes) occurs in: ``incident_id``, ``score`` (lower is
    better: the sum over the retro's matching documents, so a retro that says it in more places
    ranks higher) and ``doc``, the id of its best-matching document (where the snippet comes from).

    SQLite: FTS5's bm25 (revision 0008 keeps the document lengths it needs); PostgreSQL:
    ``ts_rank`` over the stored, GIN-indexed ``body_tsv`` (revision 0008). Whether a retro holds
    *every* word is :func:`matching_incidents`' job; this only ranks.
    """
    if conn.dialect.name == "sqlite":
        # A bare column beside min(): SQLite takes ``doc`` from the row with the smallest rank.
        sql = text(
            "SELECT d.incident_id AS incident_id, sum(f.rank) AS score, min(f.rank) AS best, f.rowid AS doc "
            "FROM search_fts AS f JOIN search_documents AS d ON d.id = f.rowid "
            "WHERE search_fts MATCH :ranked GROUP BY d.incident_id"
        ).bindparams(bindparam("ranked", " OR ".join(f'"{t}"*' for t in terms)))
    else:
        sql = text(
            "SELECT DISTINCT ON (m.incident_id) m.incident_id AS incident_id, "
            "-sum(m.r) OVER (PARTITION BY m.incident_id) AS score, m.r AS best, m.id AS doc FROM ("
            "SELECT d.incident_id, d.id, ts_rank(d.body_tsv, q.q) AS r "
            "FROM search_documents AS d, to_tsquery('simple'::regconfig, :ranked) AS q(q) "
            "WHERE d.body_tsv @@ q.q) AS m "
            "ORDER BY m.incident_id, m.r DESC, m.id"
        ).bindparams(bindparam("ranked", " | ".join(_pg_term(t) for t in terms)))
    hits = sql.columns(column("incident_id", String), column("score", Float), column("best", Float),
                       column("doc", Integer)).cte("hits")
    # Read twice (the page and the count): worked out once.
    return hits.prefix_with("MATERIALIZED")


def documents(conn: Connection, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """``{document id: (kind, body)}`` of the named search documents (a page's best matches)."""
    wanted = sorted(set(ids))
    doc = search_documents
    found: dict[int, tuple[str, str]] = {}
    for start in range(0, len(wanted), 400):
        rows = conn.execute(select(doc.c.id, doc.c.kind, doc.c.body).where(doc.c.id.in_(wanted[start : start + 400])))
        found.update((r.id, (r.kind, r.body)) for r in rows)
    return found
