"""The library list one page at a time: filtered, sorted and searched by the database.

A library of 10,000 retros is never read whole to show its first screen. The database applies
the filters (severity, status, archived), the sort (any column the list shows) and the search
(ranked: bm25 on SQLite, ts_rank on PostgreSQL) and hands back one page; open and overdue
actions are counted for that page's retros only, and the snippet of where a search matched is
cut for them only. ``total`` says how many rows the whole list has, so a view can show its size
and fetch more as a person scrolls.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, case, func, select

from ..domain import IncidentStatus, Severity
from ..domain.lifecycle import INTERNAL_REPORT_DUE, PUBLIC_REPORT_DUE
from ..domain.snippets import Snippet, cut_snippet
from ..domain.time_range import shifted
from ..storage import models as m
from ..storage import search
from .summaries import LibraryPage, LibraryQuery, LibrarySort, local_date, summarise

_OPEN = ("open", "in_progress")

__all__ = ["LibraryPage", "LibraryQuery", "LibrarySort", "library_page"]


def library_page(conn: Connection, query: LibraryQuery, *, offset: int = 0, limit: int = 100,
                 now: datetime) -> LibraryPage:
    """Rows ``offset`` … ``offset + limit`` of the list ``query`` describes."""
    inc = m.incidents
    terms = search.words(query.text)
    hits = search.ranked_hits(conn, terms) if terms else None
    columns: list[Any] = [
        inc.c.id, inc.c.title, inc.c.severity, inc.c.status, inc.c.started_at, inc.c.resolved_at,
        inc.c.created_at, inc.c.internal_report_shared_at, inc.c.public_report_shared_at,
        inc.c.archived, inc.c.version, inc.c.services, inc.c.tags,
    ]
    count_query: Select[Any] = select(func.count()).select_from(inc)
    if hits is not None:
        count_query = count_query.join(hits, hits.c.incident_id == inc.c.id)
    conditions = _conditions(conn, query, terms)
    if conditions:
        count_query = count_query.where(*conditions)
    # One statement: the page, and the whole list's length beside each row (worked out once).
    rows_query: Select[Any] = select(*columns, count_query.scalar_subquery().label("total"),
                                     *([hits.c.doc] if hits is not None else []))
    if hits is not None:
        rows_query = rows_query.join(hits, hits.c.incident_id == inc.c.id)
    if conditions:
        rows_query = rows_query.where(*conditions)
    rows_query = rows_query.order_by(*_order(query, hits, now)).limit(limit).offset(offset)
    found = conn.execute(rows_query).all()
    if found:
        total = int(found[0].total)
    else:
        total = int(conn.execute(count_query).scalar_one()) if offset else 0
    counts = _action_counts(conn, [r.id for r in found], local_date(now))
    summaries = tuple(
        summarise(
            id=r.id, title=r.title, severity=r.severity, status=r.status,
            started_at=r.started_at, resolved_at=r.resolved_at, created_at=r.created_at,
            internal_report_shared_at=r.internal_report_shared_at,
            public_report_shared_at=r.public_report_shared_at,
            archived=r.archived, version=r.version, services=r.services, tags=r.tags,
            open_actions=counts.get(r.id, (0, 0))[0], overdue_actions=counts.get(r.id, (0, 0))[1], now=now,
        )
        for r in found
    )
    snippets: dict[str, Snippet] = {}
    if hits is not None and found:
        bodies = search.documents(conn, (r.doc for r in found))
        for r in found:
            kind, body = bodies.get(r.doc, ("", ""))
            snippet = cut_snippet(body, terms, kind=kind)
            if snippet is not None:
                snippets[r.id] = snippet
    return LibraryPage(summaries, offset, total, snippets)


def _conditions(conn: Connection, query: LibraryQuery, terms: list[str]) -> list[ColumnElement[bool]]:
    inc = m.incidents
    out: list[ColumnElement[bool]] = []
    if not query.include_archived:
        out.append(inc.c.archived.is_(False))
    if query.severity is not None:
        out.append(inc.c.severity == query.severity.value)
    if query.status is not None:
        out.append(inc.c.status == query.status.value)
    if len(terms) > 1:  # ranked on any word; found only when every word is somewhere in the retro
        matching = search.matching_incidents(conn, query.text)
        if matching is not None:
            out.append(inc.c.id.in_(matching))
    return out


def incident_date() -> ColumnElement[Any]:
    """The date the list shows for a retro: started, else resolved, else created."""
    inc = m.incidents
    return func.coalesce(inc.c.started_at, inc.c.resolved_at, inc.c.created_at)


def _rank(column: ColumnElement[Any], values: list[str]) -> ColumnElement[Any]:
    return case(*((column == v, i) for i, v in enumerate(values)), else_=len(values))


def _report_rank(shared: ColumnElement[Any], due_after: Any, now: datetime) -> ColumnElement[Any]:
    """0 overdue, 1 due, 2 not due yet, 3 done: the order the list's report columns sort in."""
    inc = m.incidents
    # Resolved before ``now - due_after`` ⇔ the report's due time has passed.
    cut = shifted(now, -due_after) or now
    return case((shared.is_not(None), 3), (inc.c.resolved_at.is_(None), 2),
                (inc.c.resolved_at < cut, 0), else_=1)


def _order(query: LibraryQuery, hits: Any, now: datetime) -> list[ColumnElement[Any]]:
    """ORDER BY for ``query``; ties go newest first, then by id, so pages never overlap."""
    inc, act = m.incidents, m.action_items
    newest = [incident_date().desc().nulls_last(), inc.c.id]
    sort = query.sort
    if sort is LibrarySort.RELEVANCE:
        return newest if hits is None else [hits.c.score, *newest]
    if sort is LibrarySort.DATE:
        when = incident_date()
        return [when.desc().nulls_last() if query.descending else when.asc().nulls_first(), inc.c.id]
    key: ColumnElement[Any]
    if sort is LibrarySort.TITLE:
        key = func.lower(inc.c.title)
    elif sort is LibrarySort.SEVERITY:
        key = _rank(inc.c.severity, [s.value for s in Severity])
    elif sort is LibrarySort.STATUS:
        key = _rank(inc.c.status, [s.value for s in IncidentStatus])
    elif sort is LibrarySort.INTERNAL_REPORT:
        key = _report_rank(inc.c.internal_report_shared_at, INTERNAL_REPORT_DUE, now)
    elif sort is LibrarySort.PUBLIC_REPORT:
        key = _report_rank(inc.c.public_report_shared_at, PUBLIC_REPORT_DUE, now)
    else:  # open actions, then overdue ones: counted per row by the (incident, status, due) index
        today = local_date(now)
        is_open = and_(act.c.incident_id == inc.c.id, act.c.status.in_(_OPEN))
        n_open = select(func.count()).where(is_open).scalar_subquery()
        n_overdue = select(func.count()).where(is_open, act.c.due.is_not(None), act.c.due < today).scalar_subquery()
        key = n_open * 1000 + n_overdue
    return [key.desc() if query.descending else key.asc(), *newest]


def _action_counts(conn: Connection, ids: list[str], today: date) -> dict[str, tuple[int, int]]:
    """``{incident id: (open, overdue)}`` for the named retros only (one indexed query)."""
    if not ids:
        return {}
    act = m.action_items
    query = (
        select(act.c.incident_id, func.count(),
               func.sum(case((and_(act.c.due.is_not(None), act.c.due < today), 1), else_=0)))
        .where(act.c.status.in_(_OPEN), act.c.incident_id.in_(ids))
        .group_by(act.c.incident_id)
    )
    return {incident_id: (int(n), int(late or 0)) for incident_id, n, late in conn.execute(query)}
