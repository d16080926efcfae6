"""The library list one page at a time: filtered, sorted and searched by the database.

A library of 10,000 retros is never read whole to show its first screen. The database applies
the filters (severity, status, archived), the sort (any column the list shows) and the search
(ranked: bm25 on SQLite, ts_rank on PostgreSQL) and hands back one page; open and overdue
actions are counted for that page's retros only, and the snippet of where a search matched is
cut for them only. ``total`` says how many rows the whole list has, so a view can show its size
and fetch more as a person scrolls.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    DateTime,
    Dialect,
    Engine,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    func,
    literal,
    null,
    select,
    true,
    union_all,
)
from sqlalchemy.sql.visitors import replacement_traverse

from ..domain import IncidentStatus, Severity
from ..domain.report_deadlines import INTERNAL_REPORT_DUE, PUBLIC_REPORT_DUE
from ..domain.snippets import Snippet, cut_snippet, folded
from ..domain.time_range import shifted
from ..storage import models as m
from ..storage import search
from ..storage.engine import driver_errors
from .summaries import LibraryPage, LibraryQuery, LibrarySort, local_date, summarise

_OPEN = ("open", "in_progress")

__all__ = ["LibraryPage", "LibraryQuery", "LibrarySort", "library_page"]

#: What a page row reads from ``incidents``, in this order (the summary's fields).
_COLUMNS = ("id", "title", "severity", "status", "started_at", "resolved_at", "created_at",
            "internal_report_shared_at", "public_report_shared_at", "archived", "version", "services", "tags")


def library_page(conn: Connection, query: LibraryQuery, *, offset: int = 0, limit: int = 100,
                 now: datetime) -> LibraryPage:
    """Rows ``offset`` … ``offset + limit`` of the list ``query`` describes.

    One statement does it all: the page (filtered, ranked or sorted), the whole list's length,
    each row's open and overdue actions, and the text of the document a search matched best. It
    is built and compiled once per shape of query (cached), and run on the driver's own
    connection, so a search that finds one retro costs little more than the database's work.
    """
    terms = search.words(query.text)
    dialect = conn.dialect
    icu = query.sort is LibrarySort.TITLE and dialect.name == "postgresql" and _has_icu(conn)
    statement = _statement(dialect, _Shape(len(terms), query.sort, query.descending, query.include_archived,
                                           query.severity is not None, query.status is not None, icu))
    values: dict[str, Any] = {"limit": limit, "offset": offset, **search.term_params(dialect.name, terms)}
    if query.severity is not None:
        values["severity"] = query.severity.value
    if query.status is not None:
        values["status"] = query.status.value
    sqlite = dialect.name == "sqlite"
    today = local_date(now)
    values["today"] = today.isoformat() if sqlite else today
    for name, due_after, sort in (("internal_cut", INTERNAL_REPORT_DUE, LibrarySort.INTERNAL_REPORT),
                                  ("public_cut", PUBLIC_REPORT_DUE, LibrarySort.PUBLIC_REPORT)):
        if query.sort is sort:  # resolved before now less the due delay ⇔ overdue
            cut = (shifted(now, -due_after) or now).astimezone(UTC)
            values[name] = cut.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else cut
    raw: Any = conn.connection.driver_connection
    if sqlite and query.sort is LibrarySort.TITLE:
        raw.create_function("retro_title_key", 1, title_key, deterministic=True)
    with driver_errors(conn, statement.sql):
        found = statement.run(raw, values)
        if found:
            total = int(found[0][statement.total])
        elif offset:  # past the end: the length of the list still comes from the database
            first = statement.run(raw, {**values, "offset": 0, "limit": 1})
            total = int(first[0][statement.total]) if first else 0
        else:
            total = 0
    read = _reader(sqlite)
    summaries = []
    snippets: dict[str, Snippet] = {}
    n_open, n_overdue, kind, body = statement.n_open, statement.n_open + 1, statement.kind, statement.kind + 1
    for row in found:
        fields = read(row)
        summaries.append(summarise(**fields, open_actions=row[n_open] or 0, overdue_actions=row[n_overdue] or 0,
                                   now=now))
        if terms and row[body] is not None:
            snippet = cut_snippet(row[body], terms, kind=row[kind])
            if snippet is not None:
                snippets[fields["id"]] = snippet
    return LibraryPage(tuple(summaries), offset, total, snippets)


def title_key(title: str | None) -> str:
    """What the list sorts titles by: case and accents ignored (``Ärger`` beside ``apple``, ``Élan``
    beside ``elan``), by code point otherwise (Latin, then Greek, then Cyrillic, …). SQLite's
    ``lower()`` folds ASCII only, so it is worked out here, for SQLite (a function on the
    connection, no stored sort key)."""
    if title is None:
        return ""
    return title.lower() if title.isascii() else folded(title)


_ICU: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def _has_icu(conn: Connection) -> bool:
    """Whether the PostgreSQL server has ICU's root collation, ``und-x-icu`` (asked once per engine).

    A database made with the C or C.UTF-8 locale (the usual container default) sorts by code
    point, so ``Ärger`` came after ``zebra``; ICU's root collation sorts as a person reads."""
    engine = conn.engine
    known = _ICU.get(engine)
    if known is None:
        known = _ICU[engine] = conn.exec_driver_sql(
            "SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'").first() is not None
    return known


def _reader(sqlite: bool) -> Callable[[tuple[Any, ...]], dict[str, Any]]:
    """Turns a driver row's first columns into the summary's fields (what the column types do)."""
    parse = datetime.fromisoformat

    def when(value: Any) -> datetime | None:
        if value is None:
            return None
        if sqlite:
            return parse(value + "+00:00")
        stamp: datetime = value
        return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)

    def texts(value: str | None) -> tuple[str, ...]:
        return tuple(json.loads(value)) if value and value != "[]" else ()

    def read(row: tuple[Any, ...]) -> dict[str, Any]:  # the order of _COLUMNS
        return {"id": row[0], "title": row[1], "severity": row[2], "status": row[3], "started_at": when(row[4]),
                "resolved_at": when(row[5]), "created_at": when(row[6]),
                "internal_report_shared_at": when(row[7]), "public_report_shared_at": when(row[8]),
                "archived": bool(row[9]), "version": row[10], "services": texts(row[11]), "tags": texts(row[12])}

    return read


@dataclass(frozen=True, slots=True)
class _Shape:
    """What the SQL of a page depends on (the values are bound)."""

    n_terms: int
    sort: LibrarySort
    descending: bool
    include_archived: bool
    by_severity: bool
    by_status: bool
    icu: bool = False  # PostgreSQL has ICU's root collation (titles sort by it)


@dataclass(frozen=True, slots=True)
class _Compiled:
    """One page statement, compiled for one database: its SQL and how to bind it."""

    sql: str
    names: tuple[str, ...] | None  # positional parameters (SQLite), else ``None``: named (PostgreSQL)
    defaults: dict[str, Any]  # the constants SQLAlchemy bound (the open statuses, the ranks)
    total: int  # where the columns after the incident's are
    n_open: int
    kind: int

    def run(self, raw: Any, values: dict[str, Any]) -> list[tuple[Any, ...]]:
        params = {**self.defaults, **values}
        if self.names is None:
            return list(raw.execute(self.sql, params).fetchall())
        return list(raw.execute(self.sql, tuple(params[n] for n in self.names)).fetchall())


_CACHE: dict[tuple[str, str, _Shape], _Compiled] = {}


def _statement(dialect: Dialect, shape: _Shape) -> _Compiled:
    key = (dialect.name, dialect.paramstyle, shape)
    compiled = _CACHE.get(key)
    if compiled is None:
        if len(_CACHE) > 256:  # every shape is a handful of filters × sorts × words: never many
            _CACHE.clear()
        compiled = _CACHE[key] = _compile(dialect, shape)
    return compiled


def _compile(dialect: Dialect, shape: _Shape) -> _Compiled:
    stmt = _build(dialect.name, shape)
    compiled = stmt.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    names = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup is not None else None
    defaults = dict(compiled.params)
    n = len(_COLUMNS)
    return _Compiled(compiled.string, names, defaults, total=n, n_open=n + 1, kind=n + 3)


def _build(dialect: str, shape: _Shape) -> Select[Any]:
    """The page's statement: a page of incidents (limit inside), then for those rows only the
    counts and the best document's text; ordered by the page's own sort keys."""
    inc, act, doc = m.incidents, m.action_items, m.search_documents
    hits = search.ranked_hits(dialect, shape.n_terms) if shape.n_terms else None
    conditions = _conditions(shape)
    keys = _order(dialect, shape, hits)
    limit, offset = bindparam("limit", None, type_=Integer), bindparam("offset", None, type_=Integer)
    if hits is None:  # the list: the incidents table is read in the page's order, counted apart
        count_query: Select[Any] = select(func.count()).select_from(inc).where(*conditions)
        rows: Select[Any] = select(
            inc.c.id, count_query.scalar_subquery().label("total"), null().label("doc"),
            *(key.label(f"k{i}") for i, (key, _) in enumerate(keys)),
        ).where(*conditions)
    else:  # a search: the retros found are joined to their incidents once, for the count and the page
        labelled = [key.label(f"k{i}") for i, (key, _) in enumerate(keys)]
        joined_all: Select[Any] = (select(inc.c.id, hits.c.doc, *labelled)
                                   .select_from(inc.join(hits, hits.c.incident_id == inc.c.id)).where(*conditions))
        if dialect != "sqlite":
            joined_all = _few_hits_by_id(joined_all, hits, keys, conditions)
        found = joined_all.cte("found").prefix_with("MATERIALIZED")
        rows = select(found.c.id, select(func.count()).select_from(found).scalar_subquery().label("total"),
                      found.c.doc, *(found.c[f"k{i}"] for i in range(len(keys))))
        keys = [(found.c[f"k{i}"], way) for i, (_, way) in enumerate(keys)]
    page = rows.order_by(*(way(key) for key, way in keys)).limit(limit).offset(offset).subquery("page")
    is_open = and_(act.c.incident_id == page.c.id, act.c.status.in_(_OPEN))
    n_open = select(func.count()).where(is_open).scalar_subquery()
    n_overdue = select(func.count()).where(
        is_open, act.c.due.is_not(None), act.c.due < bindparam("today", None, type_=Date)).scalar_subquery()
    if dialect == "sqlite":  # each page row looked up by its id
        row: Any = inc
        joined: Any = page.join(inc, inc.c.id == page.c.id)
    else:
        # PostgreSQL cannot foresee how few rows a search finds (its prefix estimates are far off)
        # and would hash the whole incidents table to join ≤ 100 rows to it; the OFFSET keeps
        # the lateral subquery whole, so each page row is looked up by its id.
        row = select(*(inc.c[name] for name in _COLUMNS)).where(inc.c.id == page.c.id).offset(0).lateral("row")
        joined = page.join(row, true())
    outer = select(*(row.c[name] for name in _COLUMNS), page.c.total, n_open, n_overdue)
    if hits is not None:
        outer = outer.add_columns(doc.c.kind, doc.c.body).select_from(joined.outerjoin(doc, doc.c.id == page.c.doc))
    else:
        outer = outer.add_columns(literal(None, String), literal(None, String)).select_from(joined)
    return outer.order_by(*(way(page.c[f"k{i}"]) for i, (_, way) in enumerate(keys)))


#: Up to this many retros found, PostgreSQL looks each one up by its id (see :func:`_few_hits_by_id`).
FEW_HITS = 64


def _few_hits_by_id(joined: Select[Any], hits: Any, keys: list[tuple[Any, Any]],
                    conditions: list[ColumnElement[bool]]) -> Any:
    """PostgreSQL: the retros found joined to their incidents by id lookups when they are few.

    It cannot foresee how few rows a search finds (its prefix estimates are far off), so for one
    hit it hashed all 10,000 incidents (3 of the statement's 4 ms). Both ways are written out,
    each behind a one-time test of how many were found, so only one runs: few hits, each looked
    up by id (a lateral subquery, kept whole by its OFFSET); many, the one hash join.
    """
    inc = m.incidents
    n_found = select(func.count()).select_from(hits).scalar_subquery()
    one = select(inc).where(inc.c.id == hits.c.incident_id, *conditions).offset(0).lateral("one")

    def on_one(element: Any, **_kw: Any) -> Any:
        return one.c[element.name] if getattr(element, "table", None) is inc else None

    def rebound(key: ColumnElement[Any]) -> ColumnElement[Any]:
        moved: ColumnElement[Any] = replacement_traverse(key, {}, on_one)
        return moved

    few = (select(one.c.id, hits.c.doc, *(rebound(key).label(f"k{i}") for i, (key, _) in enumerate(keys)))
           .select_from(hits.join(one, true())).where(n_found <= FEW_HITS))
    return union_all(few, joined.where(n_found > FEW_HITS))


def _conditions(shape: _Shape) -> list[ColumnElement[bool]]:
    inc = m.incidents
    out: list[ColumnElement[bool]] = []
    if not shape.include_archived:
        out.append(inc.c.archived.is_(False))
    if shape.by_severity:
        out.append(inc.c.severity == bindparam("severity", None, type_=String))
    if shape.by_status:
        out.append(inc.c.status == bindparam("status", None, type_=String))
    return out


def incident_date() -> ColumnElement[Any]:
    """The date the list shows for a retro: started, else resolved, else created."""
    inc = m.incidents
    return func.coalesce(inc.c.started_at, inc.c.resolved_at, inc.c.created_at)


def _rank(column: ColumnElement[Any], values: list[str]) -> ColumnElement[Any]:
    return case(*((column == v, i) for i, v in enumerate(values)), else_=len(values))


def _report_rank(shared: ColumnElement[Any], cut: str) -> ColumnElement[Any]:
    """0 overdue, 1 due, 2 not due yet, 3 done: the order the list's report columns sort in.
    ``cut`` names the bound time (now less the due delay): resolved before it ⇔ overdue."""
    inc = m.incidents
    return case((shared.is_not(None), 3), (inc.c.resolved_at.is_(None), 2),
                (inc.c.resolved_at < bindparam(cut, None, type_=DateTime(timezone=True)), 0), else_=1)


_Way = Callable[[ColumnElement[Any]], ColumnElement[Any]]


def _newest_first(c: ColumnElement[Any]) -> ColumnElement[Any]:
    return c.desc().nulls_last()


def _oldest_first(c: ColumnElement[Any]) -> ColumnElement[Any]:
    return c.asc().nulls_first()


def _up(c: ColumnElement[Any]) -> ColumnElement[Any]:
    return c.asc()


def _down(c: ColumnElement[Any]) -> ColumnElement[Any]:
    return c.desc()


def _order(dialect: str, shape: _Shape, hits: Any) -> list[tuple[ColumnElement[Any], _Way]]:
    """The sort keys of ``shape``, each with its direction; ties go newest first, then by id, so
    pages never overlap."""
    inc, act = m.incidents, m.action_items
    newest: list[tuple[ColumnElement[Any], _Way]] = [(incident_date(), _newest_first), (inc.c.id, _up)]
    sort = shape.sort
    if sort is LibrarySort.RELEVANCE:
        return newest if hits is None else [(hits.c.score, _up), *newest]
    if sort is LibrarySort.DATE:
        return [(incident_date(), _newest_first if shape.descending else _oldest_first), (inc.c.id, _up)]
    key: ColumnElement[Any]
    if sort is LibrarySort.TITLE:
        # SQLite: a Unicode-aware key from Python (title_key); PostgreSQL: ICU's root collation
        # when the server has it, else lower() in the database's own collation.
        if dialect == "sqlite":
            key = func.retro_title_key(inc.c.title)
        elif shape.icu:
            key = func.lower(inc.c.title).collate("und-x-icu")
        else:
            key = func.lower(inc.c.title)
    elif sort is LibrarySort.SEVERITY:
        key = _rank(inc.c.severity, [s.value for s in Severity])
    elif sort is LibrarySort.STATUS:
        key = _rank(inc.c.status, [s.value for s in IncidentStatus])
    elif sort is LibrarySort.INTERNAL_REPORT:
        key = _report_rank(inc.c.internal_report_shared_at, "internal_cut")
    elif sort is LibrarySort.PUBLIC_REPORT:
        key = _report_rank(inc.c.public_report_shared_at, "public_cut")
    else:  # open actions, then overdue ones: counted per row by the (incident, status, due) index
        is_open = and_(act.c.incident_id == inc.c.id, act.c.status.in_(_OPEN))
        n_open = select(func.count()).where(is_open).scalar_subquery()
        n_overdue = select(func.count()).where(
            is_open, act.c.due.is_not(None), act.c.due < bindparam("today", None, type_=Date)).scalar_subquery()
        key = n_open * 1000 + n_overdue
    return [(key, _down if shape.descending else _up), *newest]
