"""The one redaction step: what of a retrospective may appear in the public postmortem.

Both the PDF and the Markdown writers call :func:`for_audience` and render whatever comes back,
so the public guarantee is structural: what is removed here cannot be printed there.

Removed from the public retro:

* participants, accountability statements, private notes and review answers (all of them);
* internal-only timeline events and internal-only contributing factors, with every arrow and
  evidence link that touches them (a chain of arrows through removed factors becomes one direct
  arrow, and the graph is laid out afresh so it shows no holes);
* event sources, evidence links and the role that acted (they point into internal tools);
* arrow notes, action owners, descriptions, status reasons and ticket links;
* every action that addresses an internal-only factor, or no factor at all. **An action is
  public only when every factor it addresses is public** (and it addresses at least one): its
  title was written about all of them, so an action for one public and one internal factor
  would describe the internal one in the public report. The facilitator is told which actions
  are left out for this reason (:func:`public_findings`);
* the incident's lessons learned, what went well, where we got lucky, surprises and tags.

Kept, because the team writes them *for customers*: the incident title, severity, services (scrubbed too),
lifecycle times, **summary** and **customer impact**, impact nodes, and the text of public events,
factors and actions. As a second line of defence every kept text has participants' and action
owners' names replaced by "[name removed]" — matched case-sensitively, as whole words, whole
names or capitalised parts of names (:mod:`retro.report.names` says exactly what counts), so
"we will page the on-call" survives a participant called Will Page. Because a capitalised word
can still be both ("Will this recur?"), :func:`public_text_mentions` lists every such mention
in the public text beforehand, so the facilitator can reword it rather than have it rewritten
blindly; :func:`public_findings` gives the same as readiness-style warnings for the app.

Private notes never appear in any report: :func:`for_audience` drops them for internal too.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from retro.domain import ActionItem, ActionStatus, Audience, Retro, Stage
from retro.domain.mentions import (
    EMAIL,
    EMAIL_REMOVED,
    LINK,
    LINK_REMOVED,
    NAME,
    NAME_REMOVED,
    PeopleMatcher,
    mention_key,
)
from retro.domain.readiness import Finding, Level

from .jargon import advice, find_jargon
from .local_times import local_time
from .names import person_wording, retro_matcher, role_wordings
from .public_graph import public_links

__all__ = ["NAME_REMOVED", "Mention", "PublicText", "for_audience", "public_findings", "public_retro",
           "public_text_mentions", "public_texts"]


def for_audience(retro: Retro, audience: Audience) -> Retro:
    """The retro a report for ``audience`` is built from (never with private notes)."""
    if audience is Audience.PUBLIC:
        return public_retro(retro)
    return _copy(retro, private_notes={})


def is_public_action(retro: Retro, action: ActionItem) -> bool:
    """Whether ``action`` appears in the public report: it addresses factors, all of them public.

    A won't-do action appears only with a public reason: "won't do" alone tells customers nothing.
    """
    if action.status is ActionStatus.WONT_DO and not action.public_reason.strip():
        return False
    return bool(action.factor_ids) and all(
        (factor := retro.factors.get(fid)) is not None and factor.audience is Audience.PUBLIC
        for fid in action.factor_ids
    )


class Piece(NamedTuple):
    """A stretch of a public text: what the public report shows and what the internal text holds there.

    ``kind`` is "" for text kept as written, the kind of mention (:data:`NAME`, :data:`EMAIL` …)
    for a mention replaced, or ``"approved"`` for a mention the facilitator marked fine to publish.
    ``key`` is the stored key of that mention (``"<field>|<words>"``).
    """

    text: str
    original: str
    kind: str = ""
    key: str = ""


APPROVED = "approved"


def scrub_pieces(
    names: PeopleMatcher, text: str, field: str, keep: set[str], wordings: dict[str, str] | None = None
) -> list[Piece]:
    """``text`` as the public report shows it, in pieces: each mention replaced unless approved.

    A participant's name becomes their role's wording (``wordings``, :func:`role_wordings`:
    "an engineer"), anything else its neutral mark ("[name removed]", "[e-mail address removed]").

    This is the one redaction of text: :func:`public_retro` joins the pieces, the public preview
    shows them with the replaced ones marked.
    """
    if not text:
        return []
    text = unicodedata.normalize("NFC", text)
    out: list[Piece] = []
    at = 0
    for hit in names.find(text):
        key = f"{field}|{hit.key}"
        if hit.start > at:
            out.append(Piece(text[at:hit.start], text[at:hit.start]))
        if key in keep:
            out.append(Piece(hit.found, hit.found, APPROVED, key))
        else:
            out.append(Piece(person_wording(hit, wordings or {}, text), hit.found, hit.kind, key))
        at = hit.end
    if at < len(text):
        out.append(Piece(text[at:], text[at:]))
    return out


def public_retro(retro: Retro, *, pieces: dict[str, list[Piece]] | None = None) -> Retro:
    """A new :class:`Retro` holding only what the public postmortem may show, every text scrubbed.

    ``pieces``, when given, receives every scrubbed field's pieces (:func:`scrub_pieces`) by
    field key — what the public preview marks.
    """
    names = retro_matcher(retro)
    keep = set(retro.incident.public_mentions)
    wordings = role_wordings(retro)

    def scrub(text: str, field: str, slot: str = "") -> str:
        # a service is a name, not a sentence: "[name removed]-sync", never "an engineer-sync"
        found = scrub_pieces(names, text, field, keep, None if slot else wordings)
        if pieces is not None:
            pieces[slot or field] = found
        return "".join(p.text for p in found)

    events = {
        k: replace(e, text=scrub(e.text, f"event:{k}"), source="", evidence_url="", actor_role=None)
        for k, e in retro.events.items()
        if e.audience is Audience.PUBLIC
    }
    factors = {
        k: replace(f, title=scrub(f.title, f"factor:{k}:title"), description=scrub(f.description, f"factor:{k}:description"))
        for k, f in retro.factors.items()
        if f.audience is Audience.PUBLIC
    }
    impacts = {
        k: replace(i, title=scrub(i.title, f"impact:{k}:title"), description=scrub(i.description, f"impact:{k}:description"))
        for k, i in retro.impacts.items()
    }
    links = public_links(retro, factors.keys() | impacts.keys())
    if len(factors) < len(retro.factors):
        # the stored layout has holes where internal factors were: lay the public graph out afresh
        factors = {k: replace(f, x=None, y=None) for k, f in factors.items()}
        impacts = {k: replace(i, x=None, y=None) for k, i in impacts.items()}
    evidence = {k: ev for k, ev in retro.evidence.items() if ev.factor_id in factors and ev.event_id in events}
    actions = {
        k: replace(action, title=scrub(action.title, f"action:{k}"), owner="", description="", status_reason="",
                   public_reason=scrub(action.public_reason, f"action:{k}:public_reason"), ticket_url="")
        for k, action in retro.actions.items()
        if is_public_action(retro, action)
    }
    inc = retro.incident
    incident = replace(
        inc,
        title=scrub(inc.title, "incident:title"),
        summary=scrub(inc.summary, "incident:summary"),
        customer_impact=scrub(inc.customer_impact, "incident:customer_impact"),
        services=tuple(scrub(s, "incident:services", f"incident:services:{i}") for i, s in enumerate(inc.services)),
        public_apology=scrub(inc.public_apology, "incident:public_apology"),
        public_contact=scrub(inc.public_contact, "incident:public_contact"),
        public_mentions=(),
        tags=(),
        lessons_learned="",
        went_well="",
        got_lucky="",
        surprises="",
        internal_report_shared_at=None,
    )
    numbers = {f.id: f"F{i}" for i, f in enumerate(retro.factor_list(), start=1)}
    return PublicRetro(
        incident,
        events=events,
        factors=factors,
        impacts=impacts,
        links=links,
        evidence=evidence,
        actions=actions,
        numbers={fid: numbers[fid] for fid in factors},
    )


@dataclass(slots=True)
class PublicRetro(Retro):
    """The retro the public report is built from, with the internal report's factor numbers.

    A public factor keeps its number (F1, F4, F8 …), so a factor is numbered alike in both
    audiences and a reader of both can tell which is which.
    """

    numbers: dict[str, str] = field(default_factory=dict)


# -- what the facilitator should see before publishing --------------------------------------------


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
    for text in public_texts(retro):
        for hit in names.find(text.text):
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
            whose = "" if words == m.name else f" ({m.name})"
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


def public_report_is_empty(retro: Retro) -> bool:
    """Whether the public report has no public event, factor or action to show."""
    return not any(e.audience is Audience.PUBLIC for e in retro.events.values()) and not any(
        f.audience is Audience.PUBLIC for f in retro.factors.values()
    ) and not any(is_public_action(retro, a) for a in retro.actions.values())


def _replacement(kind: str) -> str:
    return {EMAIL: EMAIL_REMOVED, LINK: LINK_REMOVED}.get(kind, NAME_REMOVED)


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _copy(retro: Retro, **changes: object) -> Retro:
    fields = {
        name: dict(getattr(retro, name))
        for name in (
            "participants",
            "events",
            "factors",
            "impacts",
            "links",
            "evidence",
            "statements",
            "private_notes",
            "actions",
            "review_answers",
            "parking_lot",  # internal report only: public_retro builds its Retro without it
        )
    }
    fields.update(changes)  # type: ignore[arg-type]
    return Retro(retro.incident, **fields)
