"""The manager / leader speaks first, enforced in the domain."""

from __future__ import annotations

import pytest

from retro.domain import (
    AccountabilityStatement,
    Incident,
    Participant,
    Retro,
    Role,
    RuleViolation,
    accountability_problems,
    check_can_record,
    leader_has_spoken,
    lock_reason,
    next_order,
)

LEADER = Participant("lead", "Dana Okafor", frozenset({Role.LEADER}))
RESPONDER = Participant("resp", "Sam Reyes", frozenset({Role.RESPONDER, Role.SCRIBE}))


def retro_with(*people: Participant, statements: tuple[AccountabilityStatement, ...] = ()) -> Retro:
    return Retro.of(Incident("i", "Outage"), [*people, *statements])


def test_others_are_locked_until_the_leader_speaks() -> None:
    retro = retro_with(LEADER, RESPONDER)
    assert lock_reason(retro, "lead") == ""
    assert "speaks first" in lock_reason(retro, "resp")
    with pytest.raises(RuleViolation, match="speaks first"):
        check_can_record(retro, AccountabilityStatement("s1", "resp", "I pushed the config"))

    retro.statements["s0"] = AccountabilityStatement("s0", "lead", "I set the deadline", order=1)
    assert leader_has_spoken(retro)
    assert lock_reason(retro, "resp") == ""
    check_can_record(retro, AccountabilityStatement("s1", "resp", "I pushed the config"))
    assert next_order(retro) == 2


def test_without_a_leader_the_stage_asks_for_one() -> None:
    retro = retro_with(RESPONDER)
    assert "Nobody holds the manager / leader role" in lock_reason(retro, "resp")
    assert lock_reason(retro, "ghost") == "That participant is not part of this retrospective."


def test_invariant_catches_a_statement_before_the_leaders() -> None:
    early = AccountabilityStatement("s1", "resp", "mine", order=1)
    late_leader = AccountabilityStatement("s2", "lead", "mine too", order=2)
    assert accountability_problems(retro_with(LEADER, RESPONDER, statements=(early, late_leader)))
    fine = AccountabilityStatement("s1", "resp", "mine", order=3)
    assert accountability_problems(retro_with(LEADER, RESPONDER, statements=(fine, late_leader))) == []


def test_removing_the_leader_role_after_others_spoke_breaks_the_rule() -> None:
    statements = (
        AccountabilityStatement("s1", "lead", "first", order=1),
        AccountabilityStatement("s2", "resp", "second", order=2),
    )
    demoted = Participant("lead", "Dana Okafor", frozenset({Role.RESPONDER}))
    assert accountability_problems(retro_with(demoted, RESPONDER, statements=statements))
