"""Insights read from the database equal the same figures computed from the retros themselves."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from retro.analysis.insights import ActionOutcome, compute_insights
from retro.domain import Retro
from retro.services import RetroStore

from ..analysis.insights_library import NOW, known_library
from ..analysis.test_insights import facts


def test_store_insights_match_the_pure_figures(store: RetroStore) -> None:
    retros = known_library()
    for retro in retros:
        store.add_retro(retro, new_ids=False)
    archived = known_library()[0]
    archived.incident = replace(archived.incident, id="ARCH", archived=True)
    archived.factors = {}
    archived.actions = {}
    archived.impacts = {k: replace(v, id="imp-arch") for k, v in archived.impacts.items()}
    store.add_retro(archived, new_ids=True)
    got = store.insights(now=NOW)
    want = compute_insights(*facts(retros), now=NOW)
    assert got == want  # the archived retro is not counted
    assert got.actions.count(ActionOutcome.WONT_DO) == 2
    assert store.insights(now=NOW, service="Payments", since=date(2026, 4, 1)).incidents == 1


# -- the database's counting equals the reference on random, untidy libraries ------------------

_TITLES = ("Pool size left at default", "pool size, left at DEFAULT!", "No load test", "no load-test", "The runbook",
           "Runbooks were out of date", "runbook out of date", "Alert went to the wrong channel", "the", "DNS TTL 3600")
_SERVICES = ("checkout", "Checkout ", "payments", "PAYMENTS", "ledger", "  auth  api", "Ωmega")
_REASONS = ("Replaced by platform work", "replaced by  platform work", "Out of scope", "out of scope", "OUT OF SCOPE")


def _random_library(seed: int, n: int = 40) -> list[Retro]:
    from datetime import UTC, datetime, timedelta
    from random import Random

    from retro.domain import ActionItem, ActionStatus, Factor, FactorCategory, Impact, Incident, Severity

    rnd = Random(seed)
    retros = []
    for i in range(n):
        start = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(seconds=rnd.randrange(0, 500 * 86400),
                                                             microseconds=rnd.randrange(10**6))

        def maybe(base: datetime, spread: int) -> datetime | None:
            if rnd.random() < 0.15:
                return None
            return base + timedelta(seconds=rnd.randrange(-spread // 5, spread), microseconds=rnd.randrange(10**6))

        resolved = maybe(start, 20000)
        incident = Incident(
            f"R{i:03d}", f"Incident {i}", rnd.choice(list(Severity)),
            services=tuple(rnd.sample(_SERVICES, rnd.randrange(0, 3))),
            started_at=None if rnd.random() < 0.1 else start, detected_at=maybe(start, 3000),
            mitigated_at=maybe(start, 9000), resolved_at=resolved,
            internal_report_shared_at=maybe(resolved, 200000) if resolved else None,
            public_report_shared_at=maybe(resolved, 500000) if resolved else None,
            created_at=start + timedelta(days=1), archived=rnd.random() < 0.1,
        )
        entities: list = [Impact(f"imp-{i}")]
        factors = [Factor(f"f{k}", rnd.choice(_TITLES), rnd.choice(list(FactorCategory)[:2]))
                   for k in range(rnd.randrange(0, 4))]
        entities += factors
        for k in range(rnd.randrange(0, 4)):
            status = rnd.choice(list(ActionStatus))
            entities.append(ActionItem(
                f"a{k}", f"Action {k}", status=status,
                due=None if rnd.random() < 0.2 else (start + timedelta(days=rnd.randrange(-5, 400))).date(),
                completed_at=start + timedelta(days=rnd.randrange(0, 60), hours=rnd.randrange(24))
                if status is ActionStatus.DONE and rnd.random() < 0.9 else None,
                status_reason=rnd.choice(_REASONS) if status is ActionStatus.WONT_DO else ""))
        retros.append(Retro.of(incident, entities))
    return retros


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counted_insights_equal_the_reference_on_random_libraries(store: RetroStore, seed: int) -> None:
    from datetime import UTC, datetime

    from retro.analysis.insights import Period

    retros = _random_library(seed)
    for retro in retros:
        store.add_retro(retro, new_ids=False)
    shown = [store.load(r.incident.id) for r in retros if not r.incident.archived]  # as stored
    now = datetime(2026, 2, 1, 8, 30, tzinfo=UTC)
    for kwargs in ({}, {"period": Period.MONTH}, {"since": date(2025, 9, 1)}, {"service": "checkout"},
                   {"service": "payments", "since": date(2025, 3, 1)}, {"service": "nowhere"},
                   {"since": date(2025, 1, 20)}):
        got = store.insights(now=now, **kwargs)
        assert got == compute_insights(*facts(shown), now=now, **kwargs), kwargs
    assert store.insights(now=now).incidents == len(shown)


def test_counted_insights_equal_the_reference_when_nothing_is_archived(store: RetroStore) -> None:
    """Every incident chosen (no archived one, no filter): the counts are read without any
    condition and nothing is subtracted; the figures still equal the reference."""
    from datetime import UTC, datetime

    from retro.analysis.insights import Period

    retros = _random_library(5)
    for retro in retros:
        retro.incident = replace(retro.incident, archived=False)
        store.add_retro(retro, new_ids=False)
    shown = [store.load(r.incident.id) for r in retros]
    now = datetime(2026, 2, 1, 8, 30, tzinfo=UTC)
    for kwargs in ({}, {"period": Period.MONTH}, {"service": "checkout"}):
        assert store.insights(now=now, **kwargs) == compute_insights(*facts(shown), now=now, **kwargs), kwargs
    assert store.insights(now=now).incidents == len(retros)
