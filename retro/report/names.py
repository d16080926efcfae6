"""Finding people's names in text that goes public: the report's view of the one people-matcher.

The matching itself lives in :mod:`retro.domain.mentions` (so the findings, the live warnings
and the reports share it); its docstring says exactly what counts as a mention. This module
adds what the report knows about a retro: whose names to look for (participants and action
owners). A service named like a person ("kowalski-sync") is still scrubbed: the facilitator
marks that mention fine to publish if it is meant (``Incident.public_mentions``).

One matcher is built per set of people and kept (a matcher never changes once built): the
public report, the findings and the preview each ask for it on every refresh.
"""

from __future__ import annotations

from functools import lru_cache

from retro.domain import Retro
from retro.domain.mentions import NAME_REMOVED, Hit, PeopleMatcher

NameMatcher = PeopleMatcher
NameHit = Hit

__all__ = ["NAME_REMOVED", "NameHit", "NameMatcher", "retro_matcher", "retro_people"]


def retro_people(retro: Retro) -> list[str]:
    """Every name the retro records: its participants and its action owners."""
    names = [p.name for p in retro.participants.values()]
    names += [a.owner for a in retro.actions.values()]
    return [n for n in names if n.strip()]


def retro_matcher(retro: Retro) -> PeopleMatcher:
    """The matcher for ``retro``'s people (built once per set of people)."""
    return _matcher(tuple(retro_people(retro)))


@lru_cache(maxsize=16)
def _matcher(people: tuple[str, ...]) -> PeopleMatcher:
    return PeopleMatcher(people)
