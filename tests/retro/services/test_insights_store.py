"""Insights read from the database equal the same figures computed from the retros themselves."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from retro.analysis.insights import ActionOutcome, compute_insights
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
