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


def _matched_retro() -> Retro:
    from retro.domain import Factor, FactorCategory, Impact, Incident
    from retro.domain.factor_matches import MatchDecision

    retro = Retro.of(Incident("inc", "Checkout down"), [Impact("imp"), Factor("f1", "Pool too small", FactorCategory.TECHNOLOGY)])
    retro.factor_matches[("f1", "earlier", "ef3")] = MatchDecision.SAME
    retro.factor_matches[("f1", "older", "x")] = MatchDecision.DIFFERENT
    return retro


def test_the_store_keeps_them_with_the_retro_and_a_copy_follows_its_factors(store: RetroStore) -> None:
    store.add_retro(_matched_retro(), new_ids=False)
    assert store.load("inc").factor_matches == _matched_retro().factor_matches
    assert store.factor_match_decisions("inc") == _matched_retro().factor_matches
    from retro.domain.factor_matches import MatchDecision
    from retro.io.document import dumps, load_document

    copy = store.load(store.add_retro(load_document(dumps(store.load("inc")))))  # loaded as a copy: new ids
    (factor_id,) = copy.factors
    assert copy.factor_matches == {(factor_id, "earlier", "ef3"): MatchDecision.SAME,
                                   (factor_id, "older", "x"): MatchDecision.DIFFERENT}


def test_similar_factors_from_the_index_equal_the_scan_of_every_factor(store: RetroStore) -> None:
    import random

    from retro.analysis.similar_factors import similar_factors
    from retro.domain import Factor, FactorCategory, Impact, Incident

    rng = random.Random(3)
    words = ["pool", "connections", "conection", "too", "small", "the", "of", "alert", "disk", "DNS", "runbook",
             "was", "retry", "storm"]
    cats = [FactorCategory.TECHNOLOGY, FactorCategory.PROCESS]
    ids = []
    for i in range(60):
        factors = [Factor(f"f{j}", " ".join(rng.sample(words, rng.randint(1, 4))), rng.choice(cats))
                   for j in range(rng.randint(1, 4))]
        ids.append(store.add_retro(Retro.of(Incident(f"r{i:02d}", f"Incident {i}"), [Impact("i"), *factors]),
                                   new_ids=False))
    for rid in ids[:3]:
        for factor in store.load(rid).factors.values():
            earlier = store.factor_sightings(include_archived=True)
            some = [s for s in earlier if s.incident_id != rid][:3]
            for k, s in enumerate(some):  # a decision of each kind, whatever the score
                store.decide_factor_match(rid, (factor.id, s.incident_id, s.factor_id),
                                          Decision.SAME if k % 2 == 0 else Decision.DIFFERENT)
            want = similar_factors(factor, rid, earlier, store.factor_match_decisions(rid))
            assert store.similar_factors(rid, factor) == want
            _counted_as_the_scan(store, rid, factor, earlier)
            # rejecting the strongest matches brings the next ones in, exactly as the scan does
            for m in want[:3]:
                store.decide_factor_match(rid, (factor.id, m.earlier.incident_id, m.earlier.factor_id),
                                          Decision.DIFFERENT)
            want = similar_factors(factor, rid, earlier, store.factor_match_decisions(rid))
            assert store.similar_factors(rid, factor) == want
            _counted_as_the_scan(store, rid, factor, earlier)


def _counted_as_the_scan(store: RetroStore, rid: str, factor, earlier) -> None:
    """"Seen before" counts every earlier retro the scan of every factor finds, past the twelve listed."""
    from retro.analysis.similar_factors import similar_factors

    every = similar_factors(factor, rid, earlier, store.factor_match_decisions(rid), limit=10**6)
    seen = store.seen_before(rid, factor)
    assert list(seen.matches) == every[:12] == store.similar_factors(rid, factor)
    assert seen.total == len(every) and seen.more == max(len(every) - 12, 0)


def test_seen_before_for_a_very_common_factor_reads_the_first_by_title(store: RetroStore) -> None:
    """Thirty earlier retros share the factor word for word (all tie at the top score), two read
    a little differently, one was judged different: the panel's twelve are the store's answer
    and the pure answer over every sighting alike (ties settled by the retro's title)."""
    from random import Random

    from retro.analysis.recurrence import FactorSighting
    from retro.analysis.similar_factors import similar_factors
    from retro.domain import Factor, FactorCategory, Impact, Incident

    titles = [f"{w} outage" for w in ("Zeta", "alpha", "Beta", "gamma", "Delta", "epsilon")] * 5
    Random(3).shuffle(titles)
    sightings = []
    for i, title in enumerate([*titles, "Other", "More"]):
        text = "Pool too small" if i < len(titles) else "The pool was too small for load"
        store.add_retro(Retro.of(Incident(f"e{i:02d}", f"{title} {i}"), [
            Impact("imp"), Factor("f", text, FactorCategory.TECHNOLOGY)]), new_ids=False)
        sightings.append(FactorSighting(f"e{i:02d}", f"{title} {i}", "f", FactorCategory.TECHNOLOGY, text))
    mine = Factor("n", "pool too small", FactorCategory.TECHNOLOGY)
    store.add_retro(Retro.of(Incident("new", "New"), [Impact("imp"), mine]), new_ids=False)
    store.decide_factor_match("new", ("n", "e05", "f"), Decision.DIFFERENT)
    got = store.similar_factors("new", mine)
    want = similar_factors(mine, "new", sightings, store.factor_match_decisions("new"))
    assert [(s.earlier.incident_id, s.score) for s in got] == [(s.earlier.incident_id, s.score) for s in want]
    assert len(got) == 12 and "e05" not in {s.earlier.incident_id for s in got}
    seen = store.seen_before("new", mine)  # 32 read alike, one of them judged different: 31, twelve listed
    assert (seen.total, seen.more) == (31, 19) and list(seen.matches) == got
    _counted_as_the_scan(store, "new", mine, sightings)
