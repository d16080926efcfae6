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
    TOP_FACTORS,
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
from ..domain.report_deadlines import INTERNAL_REPORT_DUE, PUBLIC_REPORT_DUE
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
    """How the factor keys are restricted to the chosen incidents.

    When the chosen incidents are most of the library (the usual case: everything not archived)
    the keys are counted for the whole library — straight from a covering index — and those of
    the few incidents left out are subtracted; otherwise they are counted for the chosen ones
    only. Either way the work follows the smaller side, not the library.
    """

    def __init__(self, conn: Connection, where: list[ColumnElement[bool]], chosen: int) -> None:
        fig = m.incident_figures
        total = int(conn.execute(select(func.count()).select_from(fig)).scalar_one())
        self.subtract = chosen * 2 >= total
        self.everything = chosen == total  # nothing left out: nothing to subtract, no condition at all
        self.left_out = total - chosen
        condition = and_(*where)
        self._ids = select(fig.c.incident_id).where(~func.coalesce(condition, false()) if self.subtract else condition)

    def condition(self, column: Any) -> ColumnElement[bool]:
        """``column`` (an incident id) is one of the chosen incidents."""
        if self.everything:
            return true()
        chosen: ColumnElement[bool] = ~column.in_(self._ids) if self.subtract else column.in_(self._ids)
        return chosen

    def left_out_ids(self, column: Any) -> ColumnElement[bool]:
        """``column`` is one of the incidents left out (when subtracting)."""
        left: ColumnElement[bool] = column.in_(self._ids)
        return left


def key_counts(conn: Connection, chosen: Chosen) -> list[tuple[FactorCategory, str, int]]:
    """(category, key, chosen incidents) of the groups that can make the top ten — a superset of
    :func:`retro.analysis.insights_factors.top_candidates`' answer, found by the database.

    A group needs ≥ 2 incidents and at least as many as the tenth most seen. Counted over the
    chosen incidents, that is the cut itself. Counted over the whole library (``subtract``), a
    group's chosen count is at most its whole count and at least that minus the incidents left
    out, so the groups whose whole count is below the tenth whole count minus the incidents left
    out can never make it: only the others are read, and their left-out counts subtracted."""
    fk = m.factor_keys
    categories = {c.value: c for c in FactorCategory}
    seen = func.count(func.distinct(fk.c.incident_id))
    where: list[ColumnElement[bool]] = [fk.c.key != ""]
    if not chosen.subtract:
        where.append(chosen.condition(fk.c.incident_id))
    groups = (select(fk.c.category, fk.c.key, seen.label("n")).where(*where)
              .group_by(fk.c.category, fk.c.key).having(seen >= 2).cte("groups"))
    tenth = select(groups.c.n).order_by(groups.c.n.desc()).limit(1).offset(TOP_FACTORS - 1).scalar_subquery()
    slack = chosen.left_out if chosen.subtract else 0
    rows = conn.execute(select(groups.c.category, groups.c.key, groups.c.n)
                        .where(groups.c.n >= func.coalesce(tenth, 0) - slack)).all()
    counts = {(r[0], r[1]): int(r[2]) for r in rows}
    if chosen.subtract and not chosen.everything and counts:
        for category, chunk in pair_chunks(counts):
            for c, k, n in conn.execute(
                    select(fk.c.category, fk.c.key, seen).where(
                        chosen.left_out_ids(fk.c.incident_id), fk.c.category == category, fk.c.key.in_(chunk))
                    .group_by(fk.c.category, fk.c.key)):
                counts[(c, k)] -= int(n)
    return [(categories[c], k, n) for (c, k), n in counts.items() if n]


def _factor_figure(conn: Connection, chosen: Chosen, per_category: dict[FactorCategory, tuple[int, int]],
                   with_factors: int, incidents: int) -> FactorFigure:
    """The factors that come back most (from the key index, for the chosen incidents), with the
    counts by category and of incidents with any factor already read from their figures."""
    fk = m.factor_keys
    categories = {c.value: c for c in FactorCategory}
    own = chosen.condition(fk.c.incident_id)

    def sightings_of(groups: Collection[GroupKey]) -> list[KeyedSighting]:
        out: list[KeyedSighting] = []
        for category, chunk in pair_chunks((c.value, k) for c, k in groups):
            out += [(categories[r[0]], r[1], r[2], r[3], r[4]) for r in conn.execute(
                select(fk.c.category, fk.c.key, fk.c.incident_id, fk.c.factor_id, fk.c.title)
                .where(own, fk.c.category == category, fk.c.key.in_(chunk)))]
        out.sort(key=lambda s: (s[2], s[3]))
        return out

    return factor_figure(key_counts(conn, chosen), sightings_of, per_category, with_factors, incidents)




def _loads(text: str | None) -> list[str]:
    return json.loads(text) if text and text != "[]" else []


def insights(conn: Connection, *, now: datetime, since: date | None = None, service: str | None = None,
             period: Period = Period.QUARTER) -> Insights:
    """Every figure for the chosen incidents: one read of their figures rows, and the grouped
    read of the factor keys for the factors that come back most."""
    c = m.incident_figures.c
    chosen = chosen_incidents(conn, since=since, service=service)
    texts = [c.open_due, type_coerce(c.wont_do_reasons, Text), c.factor_categories, type_coerce(c.services, Text)]
    rows: Sequence[Sequence[Any]] = conn.execute(select(
        c.incident_id, c.title, c.severity, c.started_month,
        c.detect_us, c.detect_gap, c.mitigate_us, c.mitigate_gap, c.resolve_us, c.resolve_gap,  # 4–9
        c.resolved_us, c.internal_delay_us, c.public_delay_us,  # 10–12
        c.done_on_time, c.done_late, c.done_undated, c.wont_do, c.open_undated, *texts,  # 13–17, 18–21
    ).where(*chosen)).all()
    n = len(rows)

    cols: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) or [()] * 22  # one tuple per column

    labels: dict[str | None, str] = {}
    for month in set(cols[3]):
        if month is not None:
            labels[month] = month if period is Period.MONTH else f"{month[:4]} {_QUARTER[month[5:7]]}"
    periods = [labels.get(month, "") for month in cols[3]]  # "" only where there is no start (never used then)

    durations = []
    make = tuple.__new__  # a named tuple without its Python-level __new__ (30,000 of them)
    for k, (name, start_name, end_name) in enumerate(_DURATIONS):
        why = {NO_START: missing_times(start_name, end_name, True, False),
               NO_END: missing_times(start_name, end_name, False, True),
               NO_TIMES: missing_times(start_name, end_name, True, True),
               OUT_OF_ORDER: out_of_order(start_name, end_name)}
        values: list[IncidentDuration] = []
        by_period: dict[str, list[timedelta]] = defaultdict(list)
        at = 4 + 2 * k
        for iid, title, micros, when in zip(cols[0], cols[1], cols[at], periods, strict=True):
            if micros is not None:
                value = timedelta(0, 0, micros)  # positional: cheaper than the keyword, 30,000 times
                values.append(make(IncidentDuration, (iid, title, value)))
                by_period[when].append(value)
        missing = Counter({why[gap]: n for gap, n in Counter(cols[at + 1]).items() if gap})
        durations.append(duration_figure(name, values, by_period, missing))

    reports = []
    for k, (name, goal) in enumerate((("Internal report", INTERNAL_REPORT_DUE), ("Public report", PUBLIC_REPORT_DUE))):
        cutoff = (now - goal - _EPOCH) // _MICRO  # "now > resolved + goal" without overflowing near year 9999
        goal_us = goal // _MICRO
        delays: list[timedelta] = []
        unresolved = early = overdue = not_yet = on_time = late = 0
        for resolved, delay_us in zip(cols[10], cols[11 + k], strict=True):
            if resolved is None:
                unresolved += 1
            elif delay_us is None:
                if resolved < cutoff:
                    overdue += 1
                else:
                    not_yet += 1
            elif delay_us < 0:
                early += 1
            else:
                delays.append(timedelta(0, 0, delay_us))
                if delay_us <= goal_us:
                    on_time += 1
                else:
                    late += 1
        counts = Counter({ReportOutcome.ON_TIME: on_time, ReportOutcome.LATE: late,
                          ReportOutcome.OVERDUE: overdue, ReportOutcome.NOT_YET_DUE: not_yet})
        missing = Counter({NOT_RESOLVED: unresolved, SHARED_EARLY: early})
        missing = Counter({reason: k for reason, k in missing.items() if k})
        reports.append(report_figure(name, goal, counts, delays, missing))

    today = now.date().isoformat()  # the due dates are ISO text: they compare as dates do
    on_time = late = undated = wont = on_track = past = with_actions = 0
    reasons: Counter[str] = Counter()  # one JSON list per retro with won't-do actions: few distinct
    combos: Counter[str] = Counter()  # the factors' categories of a retro: few distinct combinations
    services: Counter[str] = Counter()
    for r in rows:
        dues = r[18]
        if r[13] or r[14] or r[15] or r[16] or r[17] or dues:
            with_actions += 1
            on_time += r[13]
            late += r[14]
            undated += r[15]
            on_track += r[17]
            if r[16]:
                wont += r[16]
                reasons[r[19]] += 1
            if dues:
                for due in dues.split():
                    if due < today:
                        past += 1
                    else:
                        on_track += 1
        combos[r[20]] += 1
        services[r[21]] += 1
    outcomes = {ActionOutcome.DONE_ON_TIME: on_time, ActionOutcome.DONE_LATE: late,
                ActionOutcome.DONE_UNDATED: undated, ActionOutcome.OPEN_PAST_DUE: past,
                ActionOutcome.OPEN_ON_TRACK: on_track, ActionOutcome.WONT_DO: wont}
    why_not: Counter[str] = Counter()
    for text, k in reasons.items():
        for reason in _loads(text):
            why_not[reason] += k
    categories = {f.value: f for f in FactorCategory}
    per_category: dict[FactorCategory, tuple[int, int]] = {}
    with_factors = 0
    for text, k in combos.items():
        kinds = text.split()
        if kinds:
            with_factors += k
        for kind, times in Counter(kinds).items():
            factors, incidents = per_category.get(categories[kind], (0, 0))
            per_category[categories[kind]] = (factors + times * k, incidents + k)
    severities = {s.value: s for s in Severity}
    return Insights(
        incidents=n, period=period, since=since, service=service,
        detect=durations[0], mitigate=durations[1], resolve=durations[2],
        by_severity=_severity_counts(Counter(severities[r[2]] for r in rows), n),
        by_service=service_figure([(tuple(_loads(s)), k) for s, k in services.items()], n),
        actions=action_figure(outcomes, why_not.items(), with_actions, n),
        internal_report=reports[0], public_report=reports[1],
        factors=_factor_figure(conn, Chosen(conn, chosen, n), per_category, with_factors, n), now=now,
    )
