"""Insights: is the team learning? Figures over the library, each saying what it rests on.

Pure computations on light facts (no storage, no Qt): :func:`compute_insights` takes one
:class:`IncidentFacts` per incident, one :class:`ActionFacts` per action item and one
:class:`FactorFacts` per contributing factor (see :mod:`retro.services.insights` for the
queries) and returns :class:`Insights`:

* time to detect, mitigate and resolve per incident, and their medians by month or quarter;
* incidents by severity and by service;
* action items done on time, done late, open past due, open and not yet due, won't do (with
  the reasons given);
* time from resolution to the internal and the public report, against the 24 h and 72 h goals;
* the contributing factors and categories that come back most.

Every figure says how many incidents it rests on; an incident without the times a figure
needs (or with times out of order) is left out of that figure and counted, with why.
MTTx alone misleads: the figures come together, and medians, not means, so one long outage
does not make a quarter look worse than it was.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from functools import cache
from operator import itemgetter

from ..domain import ActionStatus, Severity
from ..domain.report_deadlines import INTERNAL_REPORT_DUE, PUBLIC_REPORT_DUE
from .insights_factors import facts_factor_figure
from .insights_figures import (
    NO_SERVICE,
    TOP_FACTORS,
    ActionFacts,
    ActionFigure,
    ActionOutcome,
    Basis,
    CountFigure,
    DurationFigure,
    FactorFacts,
    FactorFigure,
    IncidentDuration,
    IncidentFacts,
    Insights,
    Period,
    PeriodValue,
    RecurringTheme,
    ReportFigure,
    ReportOutcome,
    _basis,
)

__all__ = [  # the figures' types are named here too, as they always were
    "NO_SERVICE", "TOP_FACTORS", "ActionFacts", "ActionFigure", "ActionOutcome", "Basis", "CountFigure",
    "DurationFigure", "FactorFacts", "FactorFigure", "IncidentDuration", "IncidentFacts", "Insights", "Period",
    "PeriodValue", "RecurringTheme", "ReportFigure", "ReportOutcome", "action_figure", "action_outcome",
    "compute_insights", "duration_figure", "missing_times", "most_common_spelling", "out_of_order", "period_of",
    "report_figure", "select_incidents", "service_figure", "sorted_median",
]


def period_of(when: datetime, period: Period) -> str:
    """``2026-03`` (month) or ``2026 Q1`` (quarter), in UTC."""
    if period is Period.MONTH:
        return f"{when.year:04d}-{when.month:02d}"
    return f"{when.year:04d} Q{(when.month - 1) // 3 + 1}"


def _norm_service(s: str) -> str:
    return " ".join(s.split())


def select_incidents(incidents: Iterable[IncidentFacts], *, since: date | None = None,
                     service: str | None = None) -> list[IncidentFacts]:
    """The incidents a view covers: on or after ``since`` (by :attr:`IncidentFacts.when`; an
    incident with no time at all is left out when ``since`` is given) and with ``service``
    among its services (case and spacing ignored)."""
    out = []
    wanted = _norm_service(service).casefold() if service else None
    for inc in incidents:
        if since is not None and (inc.when is None or inc.when.date() < since):
            continue
        if wanted is not None and wanted not in {_norm_service(s).casefold() for s in inc.services}:
            continue
        out.append(inc)
    return out


_DURATIONS = (
    ("Time to detect", "started_at", "detected_at"),
    ("Time to mitigate", "started_at", "mitigated_at"),
    ("Time to resolve", "started_at", "resolved_at"),
)
_LABEL = {"started_at": "start", "detected_at": "detection", "mitigated_at": "mitigation", "resolved_at": "resolution"}


def _duration_figure(name: str, start: str, end: str, incidents: Sequence[IncidentFacts],
                     period: Period) -> DurationFigure:
    values: list[IncidentDuration] = []
    by_period: dict[str, list[timedelta]] = defaultdict(list)
    missing: Counter[str] = Counter()
    for inc in incidents:
        a, b = getattr(inc, start), getattr(inc, end)
        if a is None or b is None:
            missing[missing_times(start, end, a is None, b is None)] += 1
            continue
        if b < a:
            missing[out_of_order(start, end)] += 1
            continue
        values.append(IncidentDuration(inc.id, inc.title, b - a))
        by_period[period_of(a, period)].append(b - a)
    return duration_figure(name, values, by_period, missing)


@cache
def missing_times(start: str, end: str, no_start: bool, no_end: bool) -> str:
    """Why an incident is left out of a duration: the times it lacks (a handful of sentences,
    asked for once per incident left out: kept)."""
    gone = " and ".join(_LABEL[f] for f, gone in ((start, no_start), (end, no_end)) if gone)
    return f"without a {gone} time"


@cache
def out_of_order(start: str, end: str) -> str:
    return f"with {_LABEL[end]} before {_LABEL[start]}"


def duration_figure(name: str, values: list[IncidentDuration], by_period: dict[str, list[timedelta]],
                    missing: Counter[str]) -> DurationFigure:
    """A duration figure from the per-incident values (any order), grouped by period, and who was left out."""
    periods = tuple(PeriodValue(p, _median(v), len(v)) for p, v in sorted(by_period.items()))
    values.sort(key=itemgetter(0))  # longest first, ties by id: two stable sorts on C-level keys
    values.sort(key=itemgetter(2), reverse=True)
    overall = sorted_median([v.value for v in reversed(values)]) if values else None  # longest first, reversed
    return DurationFigure(name, tuple(values), periods, overall, _basis(len(values), missing))


def _median(values: Sequence[timedelta]) -> timedelta:
    """The median as :func:`statistics.median` of the values' seconds gives it (a float, then
    rounded to microseconds), found from the one or two middle values only."""
    return sorted_median(sorted(values))


def sorted_median(ordered: Sequence[timedelta]) -> timedelta:
    """:func:`_median` of values already in ascending order."""
    n = len(ordered)
    if not n:
        raise ValueError("no median of no values")
    mid = n // 2
    if n % 2:
        return timedelta(seconds=ordered[mid].total_seconds())
    return timedelta(seconds=(ordered[mid - 1].total_seconds() + ordered[mid].total_seconds()) / 2)


def _severity_figure(incidents: Sequence[IncidentFacts]) -> CountFigure:
    return _severity_counts(Counter(inc.severity for inc in incidents), len(incidents))


def _severity_counts(counts: Counter[Severity], incidents: int) -> CountFigure:
    return CountFigure("Incidents by severity", tuple((s.label, counts.get(s, 0)) for s in Severity),
                       Basis(incidents))


def _service_figure(incidents: Sequence[IncidentFacts]) -> CountFigure:
    return service_figure(((inc.services, 1) for inc in incidents), len(incidents))


def service_figure(services: Iterable[tuple[Sequence[str], int]], incidents: int) -> CountFigure:
    """Incidents by service from (an incident's services, how many incidents have exactly those).

    Spellings that differ only in case or spacing are one service, named by its most common
    spelling (ties: the alphabetically first)."""
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for names, n in services:
        seen: set[str] = set()
        for s in names:
            if not s.strip():
                continue
            plain = _norm_service(s)
            folded = plain.casefold()
            spellings[folded][plain] += n
            seen.add(folded)
        for folded in seen or {NO_SERVICE}:
            counts[folded] += n
    shown = {k: most_common_spelling(v) for k, v in spellings.items()}
    shown[NO_SERVICE] = NO_SERVICE
    ordered = sorted(((shown[k], n) for k, n in counts.items()), key=lambda kv: (kv[0] == NO_SERVICE, -kv[1],
                                                                                  kv[0].casefold()))
    return CountFigure("Incidents by service", tuple(ordered), Basis(incidents))


def action_outcome(a: ActionFacts, today: date) -> ActionOutcome:
    if a.status is ActionStatus.WONT_DO:
        return ActionOutcome.WONT_DO
    if a.status is ActionStatus.DONE:
        if a.due is None or a.completed_at is None:
            return ActionOutcome.DONE_UNDATED
        return ActionOutcome.DONE_ON_TIME if a.completed_at.date() <= a.due else ActionOutcome.DONE_LATE
    if a.due is not None and a.due < today:
        return ActionOutcome.OPEN_PAST_DUE
    return ActionOutcome.OPEN_ON_TRACK


def most_common_spelling(spellings: Counter[str]) -> str:
    """The spelling used most often; ties to the alphabetically first (the same whatever the order read)."""
    return min(spellings, key=lambda s: (-spellings[s], s))


def action_figure(counts: dict[ActionOutcome, int], wont_do_reasons: Iterable[tuple[str, int]],
                  incidents_with_actions: int, incidents: int) -> ActionFigure:
    """The action figure from outcome counts (computed here or by the database) and the won't-do
    reasons as given (the same reason in other case or spacing counts once, under its most
    common spelling)."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for reason, n in wont_do_reasons:
        clean = " ".join(reason.split()) or "(no reason given)"
        spellings[clean.casefold()][clean] += n
    reasons = {most_common_spelling(v): sum(v.values()) for v in spellings.values()}
    without = incidents - incidents_with_actions
    missing = Counter({"without action items": without}) if without else Counter()
    return ActionFigure(
        tuple((o, counts.get(o, 0)) for o in ActionOutcome),
        tuple(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0].casefold()))),
        sum(counts.values()), _basis(incidents_with_actions, missing),
    )


def _action_figure(actions: Sequence[ActionFacts], incidents: Sequence[IncidentFacts], today: date) -> ActionFigure:
    ids = {inc.id for inc in incidents}
    mine = [a for a in actions if a.incident_id in ids]
    counts = Counter(action_outcome(a, today) for a in mine)
    reasons = [(a.status_reason, 1) for a in mine if a.status is ActionStatus.WONT_DO]
    return action_figure(dict(counts), reasons, len({a.incident_id for a in mine}), len(ids))


def _report_figure(name: str, goal: timedelta, field_name: str, incidents: Sequence[IncidentFacts],
                   now: datetime) -> ReportFigure:
    counts: Counter[ReportOutcome] = Counter()
    missing: Counter[str] = Counter()
    delays: list[timedelta] = []
    for inc in incidents:
        shared = getattr(inc, field_name)
        if inc.resolved_at is None:
            missing[NOT_RESOLVED] += 1
            continue
        if shared is None:
            counts[ReportOutcome.OVERDUE if now > inc.resolved_at + goal else ReportOutcome.NOT_YET_DUE] += 1
            continue
        if shared < inc.resolved_at:
            missing[SHARED_EARLY] += 1
            continue
        delay = shared - inc.resolved_at
        delays.append(delay)
        counts[ReportOutcome.ON_TIME if delay <= goal else ReportOutcome.LATE] += 1
    return report_figure(name, goal, counts, delays, missing)


NOT_RESOLVED = "not resolved (no resolution time)"
SHARED_EARLY = "shared before resolution (check the times)"


def report_figure(name: str, goal: timedelta, counts: Counter[ReportOutcome], delays: list[timedelta],
                  missing: Counter[str]) -> ReportFigure:
    """A report figure from its outcome counts, the delays of the shared reports and who was left out."""
    used = sum(counts.values())
    return ReportFigure(name, goal, tuple((o, counts.get(o, 0)) for o in ReportOutcome),
                        _median(delays) if delays else None, _basis(used, missing))


def compute_insights(incidents: Iterable[IncidentFacts], actions: Sequence[ActionFacts] = (),
                     factors: Sequence[FactorFacts] = (), *, now: datetime, since: date | None = None,
                     service: str | None = None, period: Period = Period.QUARTER,
                     actions_figure: ActionFigure | None = None) -> Insights:
    """Every figure for the incidents ``since`` / ``service`` select (``now``: aware, for what is
    overdue; today's date is taken in ``now``'s own zone). ``actions_figure``, when given, is the
    action figure already counted (by the database) for the same incidents; ``actions`` is then
    not used."""
    chosen = select_incidents(incidents, since=since, service=service)
    today = now.date()
    detect, mitigate, resolve = (_duration_figure(n, a, b, chosen, period) for n, a, b in _DURATIONS)
    return Insights(
        incidents=len(chosen), period=period, since=since, service=service,
        detect=detect, mitigate=mitigate, resolve=resolve,
        by_severity=_severity_figure(chosen), by_service=_service_figure(chosen),
        actions=actions_figure if actions_figure is not None else _action_figure(actions, chosen, today),
        internal_report=_report_figure("Internal report", INTERNAL_REPORT_DUE, "internal_report_shared_at", chosen, now),
        public_report=_report_figure("Public report", PUBLIC_REPORT_DUE, "public_report_shared_at", chosen, now),
        factors=facts_factor_figure(factors, chosen), now=now,
    )
