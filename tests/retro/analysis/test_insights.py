"""Every insights figure on a library with answers worked out by hand, incl. retros missing times."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from retro.analysis.insights import (
    ActionFacts,
    ActionOutcome,
    FactorFacts,
    IncidentFacts,
    Insights,
    Period,
    ReportOutcome,
    compute_insights,
)
from retro.domain import FactorCategory, Retro

from .insights_library import NOW, known_library

M, H = timedelta(minutes=1), timedelta(hours=1)


def facts(retros: list[Retro]) -> tuple[list[IncidentFacts], list[ActionFacts], list[FactorFacts]]:
    incidents, actions, factors = [], [], []
    for r in retros:
        i = r.incident
        incidents.append(IncidentFacts(i.id, i.title, i.severity, i.services, i.started_at, i.detected_at,
                                       i.mitigated_at, i.resolved_at, i.internal_report_shared_at,
                                       i.public_report_shared_at, i.created_at))
        actions += [ActionFacts(i.id, a.status, a.due, a.completed_at, a.status_reason) for a in r.actions.values()]
        factors += [FactorFacts(i.id, f.category, f.title, f.id) for f in r.factors.values()]
    return incidents, actions, factors


def known(**kwargs) -> Insights:
    return compute_insights(*facts(known_library()), now=NOW, **kwargs)


def test_durations_by_quarter_and_who_is_left_out() -> None:
    ins = known()
    assert ins.incidents == 6
    detect = ins.detect
    assert [(p.period, p.median, p.incidents) for p in detect.by_period] == [("2026 Q1", 15 * M, 2), ("2026 Q2", 5 * M, 1)]
    assert detect.median == 10 * M and detect.basis.incidents == 3
    assert dict(detect.basis.reasons) == {"without a start time": 1, "with detection before start": 1,
                                          "without a start and detection time": 1}
    assert detect.basis.text() == ("rests on 3 incidents; 3 left out (1 with detection before start; "
                                   "1 without a start and detection time; 1 without a start time)")
    assert [d.incident_id for d in detect.per_incident] == ["B", "A", "D"]  # longest first
    mitigate = ins.mitigate
    assert mitigate.median == 35 * M and mitigate.basis.incidents == 2 and mitigate.basis.left_out == 4
    assert dict(mitigate.basis.reasons)["without a mitigation time"] == 2  # D and E
    resolve = ins.resolve
    assert resolve.median == 60 * M and resolve.basis.incidents == 3
    assert [(p.period, p.median) for p in resolve.by_period] == [("2026 Q1", 90 * M), ("2026 Q2", 45 * M)]


def test_medians_by_month() -> None:
    ins = known(period=Period.MONTH)
    assert [(p.period, p.median) for p in ins.detect.by_period] == [("2026-01", 10 * M), ("2026-02", 20 * M),
                                                                  ("2026-04", 5 * M)]


def test_incidents_by_severity_and_service() -> None:
    ins = known()
    assert ins.by_severity.counts == (("SEV1", 2), ("SEV2", 2), ("SEV3", 1), ("SEV4", 1))
    assert ins.by_severity.basis.incidents == 6
    assert ins.by_service.counts == (("checkout", 2), ("Payments", 2), ("(no service)", 3))  # "payments", "Payments "


def test_action_outcomes_and_wont_do_reasons() -> None:
    a = known().actions
    assert {o: n for o, n in a.counts if n} == {
        ActionOutcome.DONE_ON_TIME: 1, ActionOutcome.DONE_LATE: 1, ActionOutcome.DONE_UNDATED: 1,
        ActionOutcome.OPEN_PAST_DUE: 1, ActionOutcome.OPEN_ON_TRACK: 1, ActionOutcome.WONT_DO: 2,
    }
    assert a.actions == 7 and a.wont_do_reasons == (("Replaced by platform work", 2),)
    assert a.basis.incidents == 4 and dict(a.basis.reasons) == {"without action items": 2}


def test_reports_against_their_goals() -> None:
    ins = known()
    internal, public = ins.internal_report, ins.public_report
    assert internal.goal == 24 * H and public.goal == 72 * H
    assert {o: n for o, n in internal.counts if n} == {ReportOutcome.ON_TIME: 2, ReportOutcome.LATE: 1,
                                                       ReportOutcome.OVERDUE: 1}
    assert internal.median == 20 * H and internal.basis.incidents == 4
    assert dict(internal.basis.reasons) == {"not resolved (no resolution time)": 2}
    assert {o: n for o, n in public.counts if n} == {ReportOutcome.ON_TIME: 1, ReportOutcome.LATE: 1,
                                                     ReportOutcome.OVERDUE: 2}
    assert public.median == 45 * H  # of 80 h and 10 h


def test_recurring_factors_and_categories() -> None:
    f = known().factors
    assert [(t.title, t.incidents) for t in f.top_factors] == [("Pool size left at default", 3), ("No load test", 2)]
    assert f.categories[:2] == ((FactorCategory.TECHNOLOGY, 3, 3), (FactorCategory.PROCESS, 2, 2))
    assert f.basis.incidents == 4 and f.basis.left_out == 2


@pytest.mark.parametrize(("kwargs", "ids"), [
    ({"service": "  PAYMENTS"}, 2),
    ({"since": date(2026, 3, 1)}, 4),  # C (detected 1 March), D, E, F (created in June)
    ({"since": date(2027, 1, 1)}, 0),
])
def test_since_and_service_choose_incidents(kwargs: dict, ids: int) -> None:
    ins = known(**kwargs)
    assert ins.incidents == ids
    assert ins.by_severity.basis.incidents == ids


def test_payments_only() -> None:
    ins = known(service="payments")
    assert ins.detect.median == timedelta(seconds=(20 * M + 5 * M).total_seconds() / 2)
    assert ins.factors.top_factors[0].incidents == 2


def test_an_empty_library_has_no_medians() -> None:
    ins = compute_insights([], now=NOW)
    assert ins.incidents == 0 and ins.detect.median is None and ins.internal_report.median is None
    assert ins.detect.basis.text() == "rests on 0 incidents"


@pytest.mark.parametrize("seed", range(5))
def test_the_median_from_the_middle_values_is_the_statistics_median(seed: int) -> None:
    """Medians come from the one or two middle values only; they must equal what
    ``statistics.median`` of the seconds gives (a float, rounded to microseconds), odd and even."""
    import random
    from statistics import median

    from retro.analysis.insights import _median, sorted_median

    rnd = random.Random(seed)
    for n in (1, 2, 3, 4, 7, 10, 101):
        values = [timedelta(microseconds=rnd.randrange(0, 10**13)) for _ in range(n)]
        want = timedelta(seconds=median(v.total_seconds() for v in values))
        assert _median(values) == want
        assert sorted_median(sorted(values)) == want
    with pytest.raises(ValueError):
        sorted_median([])
