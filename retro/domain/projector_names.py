"""Names or roles on the projector (issue 11): the retro's option to show what people *did*.

With ``Incident.projector_shows_roles`` the room reads "Incident commander" where it would read
"Dana Leader": the statements' speakers, the action owners and the people in the room, and the
names typed inside what the projector shows (event texts, statements, action titles), found by
the same people-matcher as the public report. Someone typed as an owner who is not a participant
is shown as "Owner". The facilitator's own screen and the reports are unchanged (the public report
has its own scrubbing).
"""

from __future__ import annotations

import unicodedata

from .entities import Participant
from .folding import fold_word
from .mentions import NAME, retro_matcher
from .retro import Retro


def roles_text(participant: Participant) -> str:
    """``Incident commander, Leader``; ``Participant`` for someone without a role."""
    roles = participant.roles_in_order()
    return ", ".join(role.label for role in roles) if roles else "Participant"


def shown_person(retro: Retro, participant: Participant) -> str:
    """The participant as the projector names them."""
    return roles_text(participant) if retro.incident.projector_shows_roles else participant.name


def shown_owner(retro: Retro, owner: str) -> str:
    """An action's owner as the projector names them ("" stays "")."""
    if not owner.strip() or not retro.incident.projector_shows_roles:
        return owner
    return owner_role(retro, owner)


def owner_role(retro: Retro, owner: str) -> str:
    """An action's owner by role: the participant's roles, "Owner" for someone who is not a
    participant, "" for no owner (what :func:`shown_owner` shows with the roles option)."""
    if not owner.strip():
        return ""
    wanted = _key(owner)
    people = retro.people()
    for person in people:
        if _key(person.name) == wanted:
            return roles_text(person)
    by_first = [p for p in people if _key(p.name).split(" ")[0] == wanted]
    return roles_text(by_first[0]) if len(by_first) == 1 else "Owner"


def _key(name: str) -> str:
    return " ".join(fold_word(word).casefold() for word in name.split())


def shown_text(retro: Retro, text: str, *, roles: bool | None = None) -> str:
    """``text`` as the projector shows it: with the roles option, each person's name becomes their
    role ("Dana restarted the pods" → "Incident commander restarted the pods"), an owner who is not
    a participant "Owner", an e-mail address or a profile link the public report's wording.
    ``roles`` overrides the retro's option (True: always roles)."""
    if not (retro.incident.projector_shows_roles if roles is None else roles) or not text:
        return text
    text = unicodedata.normalize("NFC", text)  # the matcher's positions are in the NFC form
    hits = retro_matcher(retro).find(text)
    if not hits:
        return text
    role_of = {" ".join(unicodedata.normalize("NFC", p.name).split()): roles_text(p).split(", ")[0]
             for p in retro.people()}
    out, at = [], 0
    for hit in sorted(hits, key=lambda h: h.start):
        out.append(text[at:hit.start])
        out.append(role_of.get(hit.person, "Owner") if hit.kind == NAME else hit.replacement)
        at = hit.end
    out.append(text[at:])
    return "".join(out)

