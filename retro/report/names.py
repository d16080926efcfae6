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

import unicodedata

from retro.domain import Retro, Role
from retro.domain.mentions import NAME, NAME_REMOVED, Hit, PeopleMatcher, retro_matcher, retro_people

NameMatcher = PeopleMatcher
NameHit = Hit

__all__ = ["NAME_REMOVED", "NameHit", "NameMatcher", "person_wording", "retro_matcher", "retro_people", "role_wordings"]


#: How the public report refers to a person who held a role in the incident, best first.
ROLE_WORDINGS: tuple[tuple[Role, str], ...] = (
    (Role.INCIDENT_COMMANDER, "the incident commander"),
    (Role.COMMUNICATIONS_LEAD, "the communications lead"),
    (Role.LEADER, "a manager"),
    (Role.RESPONDER, "an engineer"),
)
#: A participant who held no role in the incident itself (facilitator, scribe, observer …).
TEAM_MEMBER = "a team member"


def role_wordings(retro: Retro) -> dict[str, str]:
    """For each participant's name (as the matcher reports it), the neutral words the public report uses.

    Only the role is said ("an engineer", "the incident commander") — never anything of the name.
    Action owners who are not participants, and a mention two people share, stay "[name removed]".
    """
    out: dict[str, str] = {}
    for person in retro.participants.values():
        name = " ".join(unicodedata.normalize("NFC", person.name).split())
        if not name:
            continue
        wording = next((words for role, words in ROLE_WORDINGS if role in person.roles), TEAM_MEMBER)
        out[name] = wording if out.get(name, wording) == wording else NAME_REMOVED  # two people, one name
    return out


def person_wording(hit: Hit, wordings: dict[str, str], text: str) -> str:
    """What replaces ``hit`` in ``text``: the person's role wording for a name, else the hit's own."""
    if hit.kind != NAME or hit.person not in wordings:
        return hit.replacement
    words = wordings[hit.person]
    before = text[:hit.start].rstrip(" \t\"'“‘(")
    if not before or before.endswith((".", "!", "?", "\n")):
        words = words[:1].upper() + words[1:]  # a sentence starts with it
    return words
