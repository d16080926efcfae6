"""Insights read from the per-retro figures: one narrow row per retro, no retro loaded whole.

Every save of a retro works out its figures in the same transaction
(:mod:`retro.storage.incident_figures`: durations in whole microseconds or why they cannot be
used, report delays, action outcomes by state, won't-do reasons, its factors' categories). The
incidents a view covers (not archived; ``since``; ``service``) are one SQL condition on that
table, and the figures are:

- one row per chosen incident from ``incident_figures`` — durations, medians by period,
  severities, services, reports, action items and factors by category all come from it;
- the contributing factors that come back most: grouped over the recurrence index's keys
  (``factor_keys``), with the titles read only for the groups that can make the top ten.

The answers equal :func:`retro.analysis.insights.compute_insights` over every retro's facts
(tests compare the two on generated libraries, on SQLite and PostgreSQL).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Text, and_, false, func, select, true, type_coerce
from sqlalchemy.sql.elements import ColumnElement

from ..analysis.insights import (
    _DURATIONS,
    NOT_RESOLVED,
    SHARED_EARLY,
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
from ..domain import FactorCategory, Severity
from ..domain.lifecycle import INTERNAL_REPORT_DUE, PUBLIC_REPORT_DUE
from ..storage import models as m
from ..storage.factor_keys import pair_chunks
from ..storage.incident_figures import NO_END, NO_START, NO_TIMES, OUT_OF_ORDER

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_QUARTER = {f"{mo:02d}": f"Q{(mo - 1) // 3 + 1}" for mo in range(1, 13)}
_MICRO = timedelta(microseconds=1)


def _pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def chosen_incidents(conn: Connection, *, since: date | None, service: str | None) -> list[ColumnElement[bool]]:
    """The SQL condition on ``incident_figures`` for the incidents a view covers (see
    :func:`retro.analysis.insights.select_incidents`): not archived, on or after ``since`` by when
    it happened, with ``service`` among its services (case and spacing ignored)."""
    fig = m.incident_figures
    where: list[ColumnElement[bool]] = [fig.c.archived.is_(False)]
    if since is not None:
        where.append(fig.c.happened_on >= since)
    if service is not None:
        wanted = _norm_service(service).casefold()
        raw = type_coerce(fig.c.services, Text)
        lists = conn.execute(select(raw).where(fig.c.archived.is_(False)).distinct()).scalars().all()
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
        fig = m.incident_figures
        total = int(conn.execute(select(func.count()).select_from(fig)).scalar_one())
        self._conn = conn
        self._where = where
        self.subtract = chosen * 2 >= total
        self.everything = chosen == total  # nothing left out: nothing to subtract, no condition at all
        condition = and_(*where)
        self._ids = select(fig.c.incident_id).where(~func.coalesce(condition, false()) if self.subtract else condition)

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


def _factor_figure(conn: Connection, chosen: Chosen, per_category: dict[FactorCategory, tuple[int, int]],
                   with_factors: int, incidents: int) -> FactorFigure:
    """The factors that come back most (from the key index, for the chosen incidents), with the
    counts by category and of incidents with any factor already read from their figures."""
    fk = m.factor_keys
    mine = fk.c.incident_id
    categories = {c.value: c for c in FactorCategory}
    key_counts = [(categories[k[0]], k[1], v[1]) for k, v in chosen.per_incident(
        mine, where=(fk.c.key != "",), group_by=(fk.c.category, fk.c.key)).items()]
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




def _loads(text: str | None) -> list[str]:
    return json.loads(text) if text and text != "[]" else []


def insights(conn: Connection, *, now: datetime, since: date | None = None, service: str | None = None,
             period: Period = Period.QUARTER) -> Insights:
    """Every figure for the chosen incidents: one read of their figures rows, and the grouped
    read of the factor keys for the factors that come back most."""
    c = m.incident_figures.c
    chosen = chosen_incidents(conn, since=since, service=service)
    texts = [type_coerce(col, Text) for col in (c.open_due, c.wont_do_reasons, c.factor_categories, c.services)]
    rows: Sequence[Sequence[Any]] = conn.execute(select(
        c.incident_id, c.title, c.severity, c.started_month,
        c.detect_us, c.detect_gap, c.mitigate_us, c.mitigate_gap, c.resolve_us, c.resolve_gap,  # 4–9
        c.resolved_us, c.internal_delay_us, c.public_delay_us,  # 10–12
        c.done_on_time, c.done_late, c.done_undated, c.wont_do, c.open_undated, *texts,  # 13–17, 18–21
    ).where(*chosen)).all()
    n = len(rows)

    labels: dict[str | None, str] = {}
    for month in {r[3] for r in rows}:
        if month is not None:
            labels[month] = month if period is Period.MONTH else f"{month[:4]} {_QUARTER[month[5:7]]}"
    periods = [labels.get(r[3], "") for r in rows]  # "" only where there is no start (never used then)

    durations = []
    make = tuple.__new__  # a named tuple without its Python-level __new__ (30,000 of them)
    for k, (name, start_name, end_name) in enumerate(_DURATIONS):
        why = {NO_START: missing_times(start_name, end_name, True, False),
               NO_END: missing_times(start_name, end_name, False, True),
               NO_TIMES: missing_times(start_name, end_name, True, True),
               OUT_OF_ORDER: out_of_order(start_name, end_name)}
        values: list[IncidentDuration] = []
        by_period: dict[str, list[timedelta]] = defaultdict(list)
        missing: Counter[str] = Counter()
        at = 4 + 2 * k
        for r, when in zip(rows, periods, strict=True):
            micros = r[at]
            if micros is None:
                missing[why[r[at + 1]]] += 1
            else:
                value = timedelta(microseconds=micros)
                values.append(make(IncidentDuration, (r[0], r[1], value)))
                by_period[when].append(value)
        durations.append(duration_figure(name, values, by_period, missing))

    reports = []
    for k, (name, goal) in enumerate((("Internal report", INTERNAL_REPORT_DUE), ("Public report", PUBLIC_REPORT_DUE))):
        counts: Counter[ReportOutcome] = Counter()
        missing = Counter()
        delays: list[timedelta] = []
        cutoff = (now - goal - _EPOCH) // _MICRO  # "now > resolved + goal" without overflowing near year 9999
        goal_us = goal // _MICRO
        for r in rows:
            resolved, delay_us = r[10], r[11 + k]
            if resolved is None:
                missing[NOT_RESOLVED] += 1
            elif delay_us is None:
                counts[ReportOutcome.OVERDUE if resolved < cutoff else ReportOutcome.NOT_YET_DUE] += 1
            elif delay_us < 0:
                missing[SHARED_EARLY] += 1
            else:
                delays.append(timedelta(microseconds=delay_us))
                counts[ReportOutcome.ON_TIME if delay_us <= goal_us else ReportOutcome.LATE] += 1
        reports.append(report_figure(name, goal, counts, delays, missing))

    today = now.date().isoformat()  # the due dates are ISO text: they compare as dates do
    outcomes: Counter[ActionOutcome] = Counter()
    reasons: Counter[str] = Counter()
    with_actions = 0
    category_factors: Counter[str] = Counter()
    category_incidents: Counter[str] = Counter()
    with_factors = 0
    services: Counter[str] = Counter()
    for r in rows:
        on_time, late, undated, wont, open_undated = r[13:18]
        dues = _loads(r[18])
        if on_time or late or undated or wont or open_undated or dues:
            with_actions += 1
            past = sum(1 for d in dues if d < today)
            outcomes.update({ActionOutcome.DONE_ON_TIME: on_time, ActionOutcome.DONE_LATE: late,
                             ActionOutcome.DONE_UNDATED: undated, ActionOutcome.WONT_DO: wont,
                             ActionOutcome.OPEN_PAST_DUE: past,
                             ActionOutcome.OPEN_ON_TRACK: open_undated + len(dues) - past})
            if wont:
                reasons.update(_loads(r[19]))
        kinds = _loads(r[20])
        if kinds:
            with_factors += 1
            category_factors.update(kinds)
            category_incidents.update(set(kinds))
        services[r[21]] += 1
    categories = {f.value: f for f in FactorCategory}
    per_category = {categories[k]: (v, category_incidents[k]) for k, v in category_factors.items()}
    severities = {s.value: s for s in Severity}
    return Insights(
        incidents=n, period=period, since=since, service=service,
        detect=durations[0], mitigate=durations[1], resolve=durations[2],
        by_severity=_severity_counts(Counter(severities[r[2]] for r in rows), n),
        by_service=service_figure([(tuple(_loads(s)), k) for s, k in services.items()], n),
        actions=action_figure({o: v for o, v in outcomes.items() if v}, reasons.items(), with_actions, n),
        internal_report=reports[0], public_report=reports[1],
        factors=_factor_figure(conn, Chosen(conn, chosen, n), per_category, with_factors, n), now=now,
    )
