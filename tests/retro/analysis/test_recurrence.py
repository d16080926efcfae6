"""Recurrence: factors that keep coming back across incidents, and "seen before" links."""

from __future__ import annotations

from retro.analysis import normalise, recurring_factors, related_incidents, sightings, similarity
from retro.analysis.recurrence import FactorSighting
from retro.domain.enums import FactorCategory

from .helpers import make_retro

T, P = FactorCategory.TECHNOLOGY, FactorCategory.PROCESS


def test_normalise_drops_case_punctuation_stop_words_and_suffixes() -> None:
    assert normalise("Deploys were NOT reviewed!") == {"deploy", "not", "review"}
    assert normalise("deploying, without review") == {"deploy", "without", "review"}
    assert normalise("Cache evictions") == normalise("cache eviction") == {"cach", "eviction"}
    assert normalise("Retries stopped") == {"retry", "stop"}
    assert normalise("Status loss") == normalise("statuses losses")
    assert normalise("the of and") == frozenset()


def test_similarity_is_jaccard() -> None:
    assert similarity(frozenset("ab"), frozenset("bc")) == 1 / 3
    assert similarity(frozenset(), frozenset("a")) == 0.0


def history():
    one = make_retro(
        {"c": "Cache evictions under load", "r": "Deploys were not reviewed", "x": "Vendor DNS failed"},
        [],
        categories={"c": T, "r": P, "x": T},
        incident_id="inc-1",
        incident_title="Checkout outage",
    )
    two = make_retro(
        {"c": "cache eviction under heavy load", "r": "Deploy not reviewed"},
        [],
        categories={"c": T, "r": P},
        incident_id="inc-2",
        incident_title="Slow search",
    )
    three = make_retro(
        {"c": "Cache evicted under load", "r": "Deploys were not reviewed"},
        [],
        categories={"c": T, "r": T},  # same words, another category: not the same factor
        incident_id="inc-3",
        incident_title="Login errors",
    )
    return one, two, three


def test_recurring_factors_are_grouped_most_frequent_first() -> None:
    groups = recurring_factors(history())
    assert [(g.category, g.incident_ids) for g in groups] == [
        (T, ("inc-1", "inc-2", "inc-3")),
        (P, ("inc-1", "inc-2")),
    ]
    assert groups[0].title == "Cache evicted under load"  # each title once: the first alphabetically
    assert {s.factor_id for s in groups[1].sightings} == {"r"}
    assert "load" in groups[0].words


def test_a_factor_seen_once_does_not_recur() -> None:
    titles = [g.title for g in recurring_factors(history())]
    assert not any("DNS" in t for t in titles)
    assert any("DNS" in g.title for g in recurring_factors(history(), min_incidents=1))


def test_recurrence_is_deterministic_and_accepts_light_sightings() -> None:
    one, two, three = history()
    assert recurring_factors([three, two, one]) == recurring_factors([one, two, three])
    assert recurring_factors([sightings(one), two, sightings(three)]) == recurring_factors([one, two, three])


def test_related_incidents_link_a_new_incident_to_earlier_ones() -> None:
    new = make_retro(
        {"n1": "Cache evictions under load", "n2": "Unreviewed deploys"},
        [],
        categories={"n1": T, "n2": P},
        incident_id="inc-9",
    )
    one, two, three = history()
    related = related_incidents(new, [one, two, three, new])
    # inc-1 has the same title (1.0), inc-2 a close one (0.75), inc-3 a looser one (0.5).
    assert [(r.incident_id, r.score) for r in related] == [("inc-1", 1.0), ("inc-2", 0.75), ("inc-3", 0.5)]
    assert related[0].incident_title == "Checkout outage"
    assert related[0].matches[0].factor_id == "n1"
    assert related[0].matches[0].earlier.factor_id == "c"
    assert related[0].matches[0].similarity == 1.0
    assert all(r.incident_id != "inc-9" for r in related)


def test_related_incidents_need_the_same_category() -> None:
    new = make_retro({"n": "Vendor DNS failed"}, [], categories={"n": P}, incident_id="inc-9")
    earlier = [FactorSighting("inc-1", "Checkout outage", "x", T, "Vendor DNS failed")]
    assert related_incidents(new, [earlier]) == []
