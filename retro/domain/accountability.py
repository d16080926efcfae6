"""The accountability section's rule: the manager / leader speaks first.

No other statement can be recorded until a participant holding the leader role has recorded
one, and the leader's statement stays first in the speaking order. The rule lives here so no
screen, CLI command or import can bypass it: services check :func:`accountability_problems`
after every edit and refuse one that breaks it.
"""

from __future__ import annotations

from .entities import AccountabilityStatement
from .errors import RuleViolation
from .retro import Retro

LEADER_FIRST_REASON = (
    "The manager / leader speaks first: record their statement before anyone else's. "
    "Leaders owning their part first is what makes it safe for others to speak."
)
NO_LEADER_REASON = (
    "Nobody holds the manager / leader role yet. Give the role to the person who leads the team "
    "(Setup ▸ Participants) so they can speak first."
)


def leader_has_spoken(retro: Retro) -> bool:
    """True once any participant with the leader role has a recorded statement."""
    return any(
        (p := retro.participants.get(s.participant_id)) is not None and p.is_leader
        for s in retro.statements.values()
    )


def lock_reason(retro: Retro, participant_id: str) -> str:
    """Why ``participant_id`` cannot record a statement yet, or ``""`` when they can."""
    person = retro.participants.get(participant_id)
    if person is None:
        return "That participant is not part of this retrospective."
    if person.is_leader or leader_has_spoken(retro):
        return ""
    return LEADER_FIRST_REASON if retro.leaders() else NO_LEADER_REASON


def next_order(retro: Retro) -> int:
    """The speaking-order position a newly recorded statement takes."""
    return max((s.order for s in retro.statements.values()), default=0) + 1


def accountability_problems(retro: Retro) -> list[str]:
    """Every way the recorded statements break the leader-first rule (empty when they don't)."""
    problems: list[str] = []
    ordered = retro.speaking_order()
    for statement in ordered:
        if statement.participant_id not in retro.participants:
            problems.append("A statement belongs to a participant who is no longer in this retrospective.")
    speakers = [retro.participants.get(s.participant_id) for s in ordered]
    if any(p is not None and not p.is_leader for p in speakers):
        first = speakers[0]
        if first is None or not first.is_leader:
            problems.append(LEADER_FIRST_REASON if retro.leaders() else NO_LEADER_REASON)
    return problems


def check_accountability(retro: Retro) -> None:
    """Raise :class:`RuleViolation` when the retro breaks the leader-first rule."""
    problems = accountability_problems(retro)
    if problems:
        raise RuleViolation(problems[0])


def check_can_record(retro: Retro, statement: AccountabilityStatement) -> None:
    """Raise :class:`RuleViolation` unless ``statement`` may be recorded now."""
    if statement.id in retro.statements:
        return
    reason = lock_reason(retro, statement.participant_id)
    if reason:
        raise RuleViolation(reason)
