"""The accountability speaking order: who has spoken, who is next, who must wait.

The manager / leader comes first; then everyone who has recorded a statement, in the order
they spoke; then everyone still to speak, in the order of the participant list.
"""

from __future__ import annotations

from dataclasses import dataclass

from .accountability import lock_reason
from .entities import AccountabilityStatement, Participant
from .retro import Retro


@dataclass(frozen=True, slots=True)
class Speaker:
    """One person in the speaking order."""

    participant: Participant
    statement: AccountabilityStatement | None
    lock_reason: str

    @property
    def has_spoken(self) -> bool:
        return self.statement is not None

    def roles_text(self) -> str:
        return ", ".join(role.label for role in self.participant.roles_in_order())


def speaking_order(retro: Retro) -> list[Speaker]:
    """Leaders first, then those who spoke (in order), then those still to speak."""
    spoken: dict[str, AccountabilityStatement] = {}
    for statement in retro.speaking_order():
        spoken.setdefault(statement.participant_id, statement)
    people = retro.people()
    order_of = {pid: i for i, pid in enumerate(spoken)}

    def key(person: Participant) -> tuple[int, int, int]:
        if person.id in spoken:
            return (0 if person.is_leader else 1, order_of[person.id], 0)
        return (2 if not person.is_leader else -1, 0, people.index(person))

    return [
        Speaker(p, spoken.get(p.id), lock_reason(retro, p.id))
        for p in sorted(people, key=key)
    ]


def next_speaker(speakers: list[Speaker]) -> Speaker | None:
    """The first person in the order who has not spoken and may speak now."""
    return next((s for s in speakers if not s.has_spoken and not s.lock_reason), None)
