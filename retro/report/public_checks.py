"""What the facilitator should see before publishing: every mention of a person in the text the
public report shows, jargon customers would not understand, actions the public report leaves out,
and an empty public report.

:func:`public_text_mentions` lists each mention (a participant's or action owner's name, a handle,
an address, a profile link) where it is, so the facilitator can reword it or mark it fine to
publish; :func:`public_findings` says all of it as readiness-style warnings for the app and the
internal report. The redaction itself is :mod:`.audience`'s.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from retro.domain import ActionStatus, Audience, Retro, Stage
from retro.domain.mentions import EMAIL, EMAIL_REMOVED, LINK, LINK_REMOVED, NAME, NAME_REMOVED, mention_key
from retro.domain.readiness import Finding, Level

from .audience import is_public_action, public_report_is_empty, service_words, text_hits
from .jargon import advice, find_jargon
from .local_times import local_time
from .names import retro_matcher, role_wordings


@dataclass(frozen=True, slots=True)
class PublicText:
    """A piece of the retro's own text that the public report shows (names aside)."""

    where: str
    text: str
    stage: Stage
    target_id: str = ""
    field: str = ""  # the stable key of the field, for mentions marked fine to publish


class Mention(NamedTuple):
    """Public text that mentions a participant or action owner: where, whose name, the words found."""

    where: str
    name: str
    found: str
    stage: Stage
    target_id: str = ""
    field: str = ""
    kind: str = NAME
    start: int = 0
    end: int = 0

    @property
    def key(self) -> str:
        """What is stored in ``Incident.public_mentions`` when this mention is fine to publish."""
        return f"{self.field}|{mention_key(self.found)}"


def public_texts(retro: Retro) -> list[PublicText]:
    """Every text of ``retro`` that :func:`public_retro` keeps, labelled with where it is."""
    inc = retro.incident
    out = [
        PublicText("the incident title", inc.title, Stage.SETUP, field="incident:title"),
        PublicText("the summary", inc.summary, Stage.SETUP, field="incident:summary"),
        PublicText("the customer impact", inc.customer_impact, Stage.SETUP, field="incident:customer_impact"),
        *(PublicText(f"the service “{_short(s)}”", s, Stage.SETUP, field="incident:services") for s in inc.services),
        PublicText("the public apology", inc.public_apology, Stage.SETUP, field="incident:public_apology"),
        PublicText("the public contact line", inc.public_contact, Stage.SETUP, field="incident:public_contact"),
    ]
    for event in retro.timeline():
        if event.audience is Audience.PUBLIC:
            when = local_time(retro, event.at)
            out.append(PublicText(f"the public timeline event at {when}", event.text, Stage.TIMELINE, event.id, f"event:{event.id}"))
    for factor in retro.factor_list():
        if factor.audience is Audience.PUBLIC:
            out.append(PublicText(f"the title of the factor “{_short(factor.title)}”", factor.title, Stage.FACTORS,
                                  factor.id, f"factor:{factor.id}:title"))
            out.append(PublicText(f"the description of “{_short(factor.title)}”", factor.description, Stage.FACTORS,
                                  factor.id, f"factor:{factor.id}:description"))
    for node in sorted(retro.impacts.values(), key=lambda i: (i.title.casefold(), i.id)):
        out.append(PublicText(f"the title of the impact “{_short(node.title)}”", node.title, Stage.FACTORS, node.id,
                              f"impact:{node.id}:title"))
        out.append(PublicText(f"the description of the impact “{_short(node.title)}”", node.description, Stage.FACTORS,
                              node.id, f"impact:{node.id}:description"))
    for action in retro.action_list():
        if is_public_action(retro, action):
            out.append(PublicText(f"the action “{_short(action.title)}”", action.title, Stage.ACTIONS, action.id,
                                  f"action:{action.id}"))
            out.append(PublicText(f"the public reason of “{_short(action.title)}”", action.public_reason, Stage.ACTIONS,
                                  action.id, f"action:{action.id}:public_reason"))
    return [t for t in out if t.text.strip()]


def public_text_mentions(retro: Retro, *, include_approved: bool = False) -> list[Mention]:
    """Every mention of a person (name, handle, address, profile link) in the text the public report shows.

    One per mention, in the order of the report. Each would be replaced in the public report;
    listing them lets the facilitator reword the sentence instead, or mark a mention that is
    not about a person ("Will this recur?") as fine to publish — those are left out here
    unless ``include_approved``.
    """
    names = retro_matcher(retro)
    keep = set(retro.incident.public_mentions)
    out = []
    services = service_words(retro)
    for text in public_texts(retro):
        # an event's chat speaker ("alice.w: …") is removed too: listed here, it can be approved
        speaker_words = services if text.field.startswith("event:") else None
        for hit in text_hits(names, unicodedata.normalize("NFC", text.text), speaker_words, ordinary=services):
            mention = Mention(text.where, hit.person or hit.kind, hit.found, text.stage, text.target_id, text.field,
                              hit.kind, hit.start, hit.end)
            if include_approved or mention.key not in keep:
                out.append(mention)
    return out


def approved_mentions(retro: Retro) -> list[Mention]:
    """The mentions the facilitator marked fine to publish (for the internal report's appendix)."""
    keep = set(retro.incident.public_mentions)
    return [m for m in public_text_mentions(retro, include_approved=True) if m.key in keep]


def public_findings(retro: Retro) -> list[Finding]:
    """Readiness-style findings about the public report: mentions, actions left out, an empty report.

    Codes: ``public-name`` (one per mention, warning), ``partly-internal-action`` (warning),
    ``public-jargon`` (one per ticket id, internal host, IP address or private link, warning),
    ``public-empty`` (a blocker: no public event, factor or action). The app lists them with
    :func:`retro.domain.readiness.readiness`'s.
    """
    findings: list[Finding] = []
    wordings = role_wordings(retro)
    for m in public_text_mentions(retro):
        words = " ".join(m.found.split())
        if m.kind == NAME:
            whose = "" if words == m.name or m.name == NAME else f" ({m.name})"  # NAME: no one the retro lists
            what = f"“{words}”{whose}"
        else:
            what = f"the {m.kind} “{_short(words, 50)}”"
        message = (
            f"{_first_upper(m.where)} mentions {what}: the public postmortem will show "
            f"“{wordings.get(m.name, NAME_REMOVED) if m.kind == NAME else _replacement(m.kind)}” in its place. Reword it, or mark it fine to publish if it is not about a person."
        )
        findings.append(Finding("public-name", Level.WARNING, message, m.stage, m.target_id, m.key))
    for action in retro.action_list():
        public = [fid for fid in action.factor_ids if fid in retro.factors and retro.factors[fid].audience is Audience.PUBLIC]
        if public and action.status is ActionStatus.WONT_DO and not action.public_reason.strip():
            message = (f"“{_short(action.title)}” is won't-do with no public reason, so the public postmortem "
                       "leaves it out. Write a public reason in its details if customers should read why.")
            findings.append(Finding("wont-do-public-reason", Level.WARNING, message, Stage.ACTIONS, action.id))
        elif public and not is_public_action(retro, action):
            message = (
                f"“{_short(action.title)}” also addresses an internal-only factor, so the public "
                "postmortem leaves it out. Split it, or make its factors public, if customers should see it."
            )
            findings.append(Finding("partly-internal-action", Level.WARNING, message, Stage.ACTIONS, action.id))
    for text in public_texts(retro):
        for jargon in find_jargon(text.text):
            message = (f"{_first_upper(text.where)} contains the {jargon.kind} “{_short(jargon.found, 50)}”: "
                       f"{advice(jargon.kind)}.")
            findings.append(Finding("public-jargon", Level.WARNING, message, text.stage, text.target_id))
    if public_report_is_empty(retro):
        message = (
            "The public report would be empty: no timeline event, contributing factor or action is public. "
            "Select what customers should read and use “Mark selected public”: in the Timeline (the "
            "selected events' menu, Audience → Public), in Contributing factors (the canvas toolbar) or in "
            "Actions (beside Delete selected; an action's factors become public with it). Each is one undo step."
        )
        findings.append(Finding("public-empty", Level.BLOCKER, message, Stage.TIMELINE))
    return findings


def _replacement(kind: str) -> str:
    return {EMAIL: EMAIL_REMOVED, LINK: LINK_REMOVED}.get(kind, NAME_REMOVED)


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]
