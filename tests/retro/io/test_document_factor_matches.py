"""The "Seen before" decisions travel in the JSON document (``factor_matches``): written when there
are any, read back exactly, refused with the JSON path when wrong, and kept by the store."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from retro.domain import Factor, FactorCategory, Impact, Incident, Retro
from retro.domain.factor_matches import MatchDecision
from retro.io.document import DocumentError, dump, dumps, load_document
from tests.strategies import retros


def _retro() -> Retro:
    retro = Retro.of(Incident("inc", "Checkout down"), [Impact("imp"), Factor("f1", "Pool too small", FactorCategory.TECHNOLOGY)])
    retro.factor_matches[("f1", "earlier", "ef3")] = MatchDecision.SAME
    retro.factor_matches[("f1", "older", "x")] = MatchDecision.DIFFERENT
    return retro


def test_written_sorted_and_read_back() -> None:
    document = dump(_retro())
    assert document["factor_matches"] == [
        {"factor_id": "f1", "other_incident_id": "earlier", "other_factor_id": "ef3", "decision": "same"},
        {"factor_id": "f1", "other_incident_id": "older", "other_factor_id": "x", "decision": "different"},
    ]
    assert load_document(dumps(_retro())) == _retro()
    plain = Retro.of(Incident("inc", "t"), [Impact("imp")])
    assert "factor_matches" not in dump(plain)  # older documents stay as they were


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(retros())
def test_round_trip_with_decisions(retro: Retro) -> None:
    assert load_document(dumps(retro)).factor_matches == retro.factor_matches


@pytest.mark.parametrize(("change", "path", "says"), [
    (lambda m: m[0].update(decision="maybe"), "$.factor_matches[0].decision", "'maybe' is not a known value"),
    (lambda m: m[0].update(factor_id="nope"), "$.factor_matches[0].factor_id", "no contributing factor"),
    (lambda m: m[0].update(other_incident_id="inc"), "$.factor_matches[0].other_incident_id", "own incident"),
    (lambda m: m[0].update(other_factor_id=""), "$.factor_matches[0].other_factor_id", "not a usable id"),
    (lambda m: m[0].pop("decision"), "$.factor_matches[0].decision", "missing"),
    (lambda m: m[0].update(colour="red"), "$.factor_matches[0].colour", ""),
    (lambda m: m.append(dict(m[0])), "$.factor_matches[2]", "same pair as $.factor_matches[0]"),
    (lambda m: m.__setitem__(0, "same"), "$.factor_matches[0]", ""),
])
def test_bad_decisions_are_refused_with_their_path(change, path: str, says: str) -> None:
    document = json.loads(dumps(_retro()))
    change(document["factor_matches"])
    with pytest.raises(DocumentError) as caught:
        load_document(document)
    assert caught.value.path == path and says in caught.value.message


def test_not_a_list_is_refused() -> None:
    document = json.loads(dumps(_retro()))
    document["factor_matches"] = {"f1": "same"}
    with pytest.raises(DocumentError, match=r"^\$\.factor_matches: "):
        load_document(document)
