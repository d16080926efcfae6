"""Insights counted by the database: a few aggregate queries, no retro loaded whole.

The incidents a view covers (not archived; ``since``; ``service``) are one SQL condition, and
every figure is read under it:

- one row per chosen incident with its durations already subtracted by the database (in whole
  microseconds, exact on SQLite's ISO text and PostgreSQL's timestamps), the month it started
  in and where each report stands — the per-incident values and medians need nothing more;
- incidents by service: one grouped query over the distinct service lists;
- action items: one row per outcome and one per won't-do reason (grouped in SQL);
- contributing factors: grouped over the recurrence index's keys (``factor_keys``), with the
  titles read only for the groups that can make the top ten.

The answers equal :func:`retro.analysis.insights.compute_insights` over every retro's facts
(tests compare the two on generated libraries, on SQLite and PostgreSQL).
"""

from __future__ import annotations

import json
import operator
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Date,
    Integer,
    String,
    Text,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    true,
    type_coerce,
)
from sqlalchemy.sql.elements import ColumnElement

from ..analysis.insights import (
    _DURATIONS,
    NOT_RESOLVED,
    SHARED_EARLY,
    ActionFigure,
    ActionOutcome,
    FactorFigure,
    IncidentDuration,
    Insights,
    Period,
    ReportOutcome,
    _norm_service,
    _severity_counts,
    action_figure,
    duration_figure,
    missing_times,
    out_of_order,
    report_figure,
    service_figure,
)
from ..analysis.insights_factors import GroupKey, KeyedSighting, factor_figure
from ..domain import ActionStatus, FactorCategory, Severity
from ..domain.lifecycle import INTERNAL_REPORT_DUE, PUBLIC_REPORT_DUE
from ..storage import models as m
from ..storage.factor_keys import pair_chunks

_CHUNK = 400
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_QUARTER = {f"{mo:02d}": f"Q{(mo - 1) // 3 + 1}" for mo in range(1, 13)}


def _micro_span(end: int, start: int) -> timedelta:
    """``end - start`` of two times in whole microseconds, as a timedelta."""
    return timedelta(microseconds=end - start)


def _pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _micros(conn: Connection, start: Any, end: Any) -> ColumnElement[Any]:
    """``end - start`` in whole microseconds, computed by the database (NULL when either is)."""
    if _pg(conn):
        return cast(func.extract("epoch", end - start) * 1_000_000, BigInteger)
    seconds = cast(func.strftime("%s", end), Integer) - cast(func.strftime("%s", start), Integer)
    return seconds * 1_000_000 + cast(func.substr(end, 21, 6), Integer) - cast(func.substr(start, 21, 6), Integer)


def _month(conn: Connection, column: Any) -> ColumnElement[Any]:
    """``YYYY-MM`` of a stored UTC time."""
    if _pg(conn):
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.substr(column, 1, 7)


def _utc_date(conn: Connection, column: Any) -> Any:
    """The UTC calendar date of a stored UTC time, in SQL (the same as ``value.date()`` in Python)."""
    if _pg(conn):
        return cast(func.timezone("UTC", column), Date)
    return func.date(column)  # SQLite keeps UTC as ISO text


def chosen_incidents(conn: Connection, *, since: date | None, service: str | None) -> list[ColumnElement[bool]]:
    """The SQL condition on ``incidents`` for the incidents a view covers (see
    :func:`retro.analysis.insights.select_incidents`): not archived, on or after ``since`` by when
    it happened, with ``service`` among its services (case and spacing ignored)."""
    inc = m.incidents
    where: list[ColumnElement[bool]] = [inc.c.archived.is_(False)]
    if since is not None:
        when = func.coalesce(inc.c.started_at, inc.c.detected_at, inc.c.resolved_at, inc.c.created_at)
        if _pg(conn):
            where.append(cast(func.timezone("UTC", when), Date) >= since)
        else:  # ISO text: its first ten characters are the UTC date
            where.append(type_coerce(when, String) >= literal(since.isoformat(), String))
    if service is not None:
        wanted = _norm_service(service).casefold()
        raw = type_coerce(inc.c.services, Text)
        lists = conn.execute(select(raw).where(inc.c.archived.is_(False)).distinct()).scalars().all()
        matching = [s for s in lists if s and wanted in {_norm_service(x).casefold() for x in json.loads(s)}]
        where.append(raw.in_(matching) if matching else false())
    return where


class Chosen:
    """How grouped counts are restricted to the chosen incidents.

    Every count here (rows, distinct incidents) adds up over disjoint sets of incidents, so when
    the chosen incidents are most of the library (the usual case: everything not archived) the
    counts are read for the whole library — straight from a covering index — minus those of the
    few incidents left out; otherwise for the chosen ones only. Either way the work follows the
    smaller side, not the library.
    """

    def __init__(self, conn: Connection, where: list[ColumnElement[bool]], chosen: int) -> None:
        inc = m.incidents
        total = int(conn.execute(select(func.count()).select_from(inc)).scalar_one())
        self._conn = conn
        self._where = where
        self.subtract = chosen * 2 >= total
        self.everything = chosen == total  # nothing left out: nothing to subtract, no condition at all
        condition = and_(*where)
        self._ids = select(inc.c.id).where(~func.coalesce(condition, false()) if self.subtract else condition)

    def condition(self, column: Any) -> ColumnElement[bool]:
        """``column`` (an incident id) is one of the chosen incidents."""
        if self.everything:
            return true()
        chosen: ColumnElement[bool] = ~column.in_(self._ids) if self.subtract else column.in_(self._ids)
        return chosen

    def counts(self, column: Any, *selected: Any, where: tuple[Any, ...] = (),
               group_by: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], tuple[int, ...]]:
        """``group → counts`` of ``selected`` (count expressions) over rows whose incident
        (``column``) is chosen; groups whose counts all come to 0 are left out."""
        n = len(group_by)

        def read(*extra: Any) -> dict[tuple[Any, ...], tuple[int, ...]]:
            query = select(*group_by, *selected).where(*where, *extra)
            if group_by:
                query = query.group_by(*group_by)
            return {tuple(r[:n]): tuple(map(int, r[n:])) for r in self._conn.execute(query).all()}

        return self._combine(read, column)

    def _combine(self, read: Any, column: Any) -> dict[tuple[Any, ...], tuple[int, ...]]:
        if not self.subtract:
            return {k: v for k, v in read(column.in_(self._ids)).items() if any(v)}
        out = read()
        for k, v in (() if self.everything else read(column.in_(self._ids)).items()):
            out[k] = tuple(a - b for a, b in zip(out[k], v, strict=True))
        return {k: v for k, v in out.items() if any(v)}

    def per_incident(self, column: Any, *, where: tuple[Any, ...] = (),
                     group_by: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], tuple[int, int]]:
        """``group → (rows, distinct incidents)`` over rows whose incident (``column``) is chosen.

        Grouped, ``count(DISTINCT …)`` walks an index on (group, incident) in order. Not grouped,
        PostgreSQL's ``count(DISTINCT …)`` sorts every row by collation: there the rows are grouped
        by incident first (a hash), then counted."""
        n = len(group_by)
        if group_by or not _pg(self._conn):
            return {k: (v[0], v[1]) for k, v in self.counts(
                column, func.count(), func.count(func.distinct(column)), where=where, group_by=group_by).items()}

        def read(*extra: Any) -> dict[tuple[Any, ...], tuple[int, ...]]:
            inner = (select(*group_by, column.label("incident"), func.count().label("n"))
                     .where(*where, *extra).group_by(*group_by, column).subquery())
            outer = [inner.c[i] for i in range(n)]
            query = select(*outer, func.sum(inner.c.n), func.count())
            if outer:
                query = query.group_by(*outer)
            return {tuple(r[:n]): tuple(int(v or 0) for v in r[n:]) for r in self._conn.execute(query).all()}

        return {k: (v[0], v[1]) for k, v in self._combine(read, column).items()}


def counted_action_figure(conn: Connection, chosen: Chosen, incidents: int, today: date) -> ActionFigure:
    """The action figure for the chosen incidents, counted by the database: one row per outcome
    (and one per won't-do reason), whatever the size of the library."""
    act = m.action_items
    done, wont = ActionStatus.DONE.value, ActionStatus.WONT_DO.value
    outcome = case(
        (act.c.status == wont, ActionOutcome.WONT_DO.value),
        (and_(act.c.status == done, or_(act.c.due.is_(None), act.c.completed_at.is_(None))),
         ActionOutcome.DONE_UNDATED.value),
        (and_(act.c.status == done, _utc_date(conn, act.c.completed_at) <= act.c.due),
         ActionOutcome.DONE_ON_TIME.value),
        (act.c.status == done, ActionOutcome.DONE_LATE.value),
        (and_(act.c.due.is_not(None), act.c.due < today), ActionOutcome.OPEN_PAST_DUE.value),
        else_=ActionOutcome.OPEN_ON_TRACK.value,
    ).label("outcome")
    mine = act.c.incident_id
    reason = case((act.c.status == wont, act.c.status_reason), else_=None).label("reason")
    counts: Counter[ActionOutcome] = Counter()
    reasons = []
    for (value, why), (n,) in chosen.counts(mine, func.count(), group_by=(outcome, reason)).items():
        counts[ActionOutcome(value)] += n
        if value == ActionOutcome.WONT_DO.value:
            reasons.append((why or "", n))
    with_actions = chosen.per_incident(mine).get((), (0, 0))[1]
    return action_figure(dict(counts), reasons, with_actions, incidents)


def _factor_figure(conn: Connection, chosen: Chosen, incidents: int) -> FactorFigure:
    fk = m.factor_keys
    mine = fk.c.incident_id
    categories = {c.value: c for c in FactorCategory}
    key_counts = [(categories[k[0]], k[1], v[1]) for k, v in chosen.per_incident(
        mine, where=(fk.c.key != "",), group_by=(fk.c.category, fk.c.key)).items()]
    per_category = {categories[k[0]]: v for k, v in chosen.per_incident(mine, group_by=(fk.c.category,)).items()}
    with_factors = chosen.per_incident(mine).get((), (0, 0))[1]
    own = chosen.condition(mine)

    def sightings_of(groups: Collection[GroupKey]) -> list[KeyedSighting]:
        out: list[KeyedSighting] = []
        for category, chunk in pair_chunks((c.value, k) for c, k in groups):
            out += [(categories[r[0]], r[1], r[2], r[3], r[4]) for r in conn.execute(
                select(fk.c.category, fk.c.key, fk.c.incident_id, fk.c.factor_id, fk.c.title)
                .where(own, fk.c.category == category, fk.c.key.in_(chunk)))]
        out.sort(key=lambda s: (s[2], s[3]))
        return out

    return factor_figure(key_counts, sightings_of, per_category, with_factors, incidents)


def insights(conn: Connection, *, now: datetime, since: date | None = None, service: str | None = None,
             period: Period = Period.QUARTER) -> Insights:
    inc = m.incidents
    chosen = chosen_incidents(conn, since=since, service=service)
    # One narrow row per chosen incident; subtracting two times in Python is cheaper than asking
    # SQLite to. The times come as plain values: on PostgreSQL whole microseconds since 1970
    # (exact, cheaper to bring over than aware datetimes), on SQLite the stored UTC text, parsed
    # here to naive UTC datetimes in one C call each (no aware datetime per value).
    times: list[Any] = [inc.c.started_at, inc.c.detected_at, inc.c.mitigated_at, inc.c.resolved_at,
                        inc.c.internal_report_shared_at, inc.c.public_report_shared_at]
    pg = _pg(conn)
    if pg:
        times = [cast(func.extract("epoch", t) * 1_000_000, BigInteger) for t in times]
    else:
        times = [type_coerce(t, String) for t in times]
    rows: Sequence[Sequence[Any]] = conn.execute(
        select(inc.c.id, inc.c.title, inc.c.severity, _month(conn, inc.c.started_at), *times).where(*chosen)).all()
    n = len(rows)
    micro = timedelta(microseconds=1)
    if not pg:
        parse = datetime.fromisoformat
        rows = [(r[0], r[1], r[2], r[3], *[None if t is None else parse(t) for t in r[4:]]) for r in rows]

    span: Any = _micro_span if pg else operator.sub  # span(end, start): end - start as a timedelta

    labels: dict[str | None, str] = {}
    for month in {r[3] for r in rows}:
        if month is not None:
            labels[month] = month if period is Period.MONTH else f"{month[:4]} {_QUARTER[month[5:7]]}"
    periods = [labels.get(r[3], "") for r in rows]  # "" only where there is no start (never used then)

    durations = []
    make = tuple.__new__  # a named tuple without its Python-level __new__ (30,000 of them)
    for k, (name, start_name, end_name) in enumerate(_DURATIONS):
        values: list[IncidentDuration] = []
        by_period: dict[str, list[timedelta]] = defaultdict(list)
        missing: Counter[str] = Counter()
        for r, when in zip(rows, periods, strict=True):
            start, end = r[4], r[5 + k]
            if start is None or end is None:
                missing[missing_times(start_name, end_name, start is None, end is None)] += 1
            elif end < start:
                missing[out_of_order(start_name, end_name)] += 1
            else:
                value = span(end, start)
                values.append(make(IncidentDuration, (r[0], r[1], value)))
                by_period[when].append(value)
        durations.append(duration_figure(name, values, by_period, missing))
    reports = []
    for k, (name, goal) in enumerate((("Internal report", INTERNAL_REPORT_DUE), ("Public report", PUBLIC_REPORT_DUE))):
        counts: Counter[ReportOutcome] = Counter()
        missing = Counter()
        delays: list[timedelta] = []
        cutoff: Any = now - goal  # "now > resolved + goal" without overflowing near year 9999
        cutoff = (cutoff - _EPOCH) // micro if pg else cutoff.astimezone(UTC).replace(tzinfo=None)
        for r in rows:
            resolved, shared = r[7], r[8 + k]
            if resolved is None:
                missing[NOT_RESOLVED] += 1
            elif shared is None:
                counts[ReportOutcome.OVERDUE if resolved < cutoff else ReportOutcome.NOT_YET_DUE] += 1
            elif shared < resolved:
                missing[SHARED_EARLY] += 1
            else:
                delay = span(shared, resolved)
                delays.append(delay)
                counts[ReportOutcome.ON_TIME if delay <= goal else ReportOutcome.LATE] += 1
        reports.append(report_figure(name, goal, counts, delays, missing))
    raw = type_coerce(inc.c.services, Text)
    services = [(tuple(json.loads(s)) if s else (), int(c))
                for s, c in conn.execute(select(raw, func.count()).where(*chosen).group_by(raw))]
    severities = {s.value: s for s in Severity}
    counted = Chosen(conn, chosen, n)
    return Insights(
        incidents=n, period=period, since=since, service=service,
        detect=durations[0], mitigate=durations[1], resolve=durations[2],
        by_severity=_severity_counts(Counter(severities[r[2]] for r in rows), n),
        by_service=service_figure(services, n),
        actions=counted_action_figure(conn, counted, n, now.date()),
        internal_report=reports[0], public_report=reports[1],
        factors=_factor_figure(conn, counted, n), now=now,
    )
