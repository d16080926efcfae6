"""Near-duplicate decisions are stored once per pair; earlier factors' actions are read back."""

from __future__ import annotations

import pytest

from retro.analysis.similar_factors import Decision
from retro.domain import ActionStatus, NotFound, Retro
from retro.services import RetroStore


def test_decisions_round_trip_and_go_with_the_retro(store: RetroStore, stored: Retro) -> None:
    pair = ("f-1", "other-incident", "x-9")
    assert store.factor_match_decisions("inc-1") == {}
    store.decide_factor_match("inc-1", pair, Decision.SAME)
    store.decide_factor_match("inc-1", pair, Decision.DIFFERENT)  # changed mind: one row
    assert store.factor_match_decisions("inc-1") == {pair: Decision.DIFFERENT}
    store.decide_factor_match("inc-1", pair, None)
    assert store.factor_match_decisions("inc-1") == {}
    store.decide_factor_match("inc-1", pair, Decision.SAME)
    store.delete_retro("inc-1")
    assert store.factor_match_decisions("inc-1") == {}
    with pytest.raises(NotFound):
        store.decide_factor_match("inc-1", pair, Decision.SAME)


def test_earlier_factor_actions(store: RetroStore, stored: Retro) -> None:
    found = store.earlier_factor_actions([("inc-1", "f-1"), ("inc-1", "f-2")])
    assert found[("inc-1", "f-1")] == [("Add a pool saturation alert", ActionStatus.IN_PROGRESS),
                                       ("Size the pool from load", ActionStatus.OPEN)]
    assert found[("inc-1", "f-2")] == [("Size the pool from load", ActionStatus.OPEN)]
    assert store.earlier_factor_actions([]) == {}
