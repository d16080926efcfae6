"""Near-duplicate contributing factors: matched by the words' meaning, decided once."""

from __future__ import annotations

from retro.analysis.recurrence import FactorSighting
from retro.analysis.similar_factors import Decision, similar_factors, similarity
from retro.domain import Factor, FactorCategory

T, P = FactorCategory.TECHNOLOGY, FactorCategory.PROCESS


def _s(incident: str, fid: str, title: str, category: FactorCategory = T) -> FactorSighting:
    return FactorSighting(incident, f"Incident {incident}", fid, category, title)


def test_word_order_filler_words_and_typos_are_forgiven() -> None:
    assert similarity("Connection pool too small", "The pool of connections was too small") >= 80
    assert similarity("Conection pool timout", "connection pool timeout") >= 80
    assert similarity("Connection pool too small", "Certificate expired on the load balancer") < 50


def test_matches_same_category_other_incidents_best_per_incident() -> None:
    mine = Factor("f", "Connection pool too small", T)
    earlier = [
        _s("A", "a1", "pool of connections too small"), _s("A", "a2", "connection pool small"),
        _s("B", "b1", "Connection pool too small", P),  # other category
        _s("C", "c1", "Disk filled up"),
        _s("me", "x", "Connection pool too small"),  # this incident itself
    ]
    found = similar_factors(mine, "me", earlier)
    assert [(m.earlier.incident_id, m.earlier.factor_id) for m in found] == [("A", "a1")]


def test_decisions_win_over_the_score() -> None:
    mine = Factor("f", "Connection pool too small", T)
    earlier = [_s("A", "a1", "pool of connections too small"), _s("C", "c1", "Too few database sockets")]
    decisions = {("f", "A", "a1"): Decision.DIFFERENT, ("f", "C", "c1"): Decision.SAME}
    found = similar_factors(mine, "me", earlier, decisions)
    assert [(m.earlier.incident_id, m.confirmed) for m in found] == [("C", True)]
