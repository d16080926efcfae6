"""The speaking order, without Qt: the leader first, then who spoke in order, then who waits."""

from __future__ import annotations

from retro.domain import AccountabilityStatement, Incident, Participant, Retro, Role
from retro.domain.speakers import next_speaker, speaking_order


def _retro() -> Retro:
    people = [
        Participant("p-ana", "Ana", position=0),
        Participant("p-lee", "Lee", frozenset({Role.LEADER}), position=2),
        Participant("p-kim", "Kim", position=1),
    ]
    return Retro.of(Incident("i", "Checkout outage"), people)


def test_before_anyone_speaks_the_leader_comes_first_and_is_the_only_one_who_may() -> None:
    order = speaking_order(_retro())
    assert [s.participant.name for s in order] == ["Lee", "Ana", "Kim"]
    assert [bool(s.lock_reason) for s in order] == [False, True, True]
    assert next_speaker(order) is order[0]


def test_who_spoke_comes_next_in_the_order_they_spoke_then_who_is_still_to_speak() -> None:
    retro = _retro()
    retro.statements["s1"] = AccountabilityStatement("s1", "p-lee", "I approved the change", order=1)
    retro.statements["s2"] = AccountabilityStatement("s2", "p-kim", "I skipped the canary", order=2)
    order = speaking_order(retro)
    assert [(s.participant.name, s.has_spoken) for s in order] == [("Lee", True), ("Kim", True), ("Ana", False)]
    assert not any(s.lock_reason for s in order)
    upcoming = next_speaker(order)
    assert upcoming is not None and upcoming.participant.name == "Ana"
    assert next_speaker(order[:2]) is None
