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
  are left out for this reason (:func:`.public_checks.public_findings`);
* the incident's lessons learned, what went well, where we got lucky, surprises and tags.

Kept, because the team writes them *for customers*: the incident title, severity, services (scrubbed too),
lifecycle times, **summary** and **customer impact**, impact nodes, and the text of public events,
factors and actions. As a second line of defence every kept text has participants' and action
owners' names replaced by "[name removed]" — matched case-sensitively, as whole words, whole
names or capitalised parts of names (:mod:`retro.report.names` says exactly what counts), so
"we will page the on-call" survives a participant called Will Page. People the retro does not
list — a vendor's contact, a customer — are removed too ("Sarah Connor from Acme support", "Mr.
Okafor": :mod:`retro.domain.outside_names`), listed and approvable like every other mention. Because a capitalised word
can still be both ("Will this recur?"), :func:`.public_checks.public_text_mentions` lists every such mention
in the public text beforehand, so the facilitator can reword it rather than have it rewritten
blindly; :func:`public_findings` gives the same as readiness-style warnings for the app (both
in :mod:`.public_checks`, what the facilitator sees before publishing).

Private notes never appear in any report: :func:`for_audience` drops them for internal too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from retro.domain import ActionItem, ActionStatus, Audience, Retro
from retro.domain.chat_speakers import chat_speaker
from retro.domain.mentions import NAME_REMOVED, Hit, PeopleMatcher
from retro.domain.outside_names import outside_names

from .names import person_wording, retro_matcher, role_wordings
from .public_graph import public_links

__all__ = ["APPROVED", "NAME_REMOVED", "Piece", "PublicRetro", "for_audience", "is_public_action", "public_report_is_empty",
           "public_retro", "scrub_pieces"]


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
    names: PeopleMatcher, text: str, field: str, keep: set[str], wordings: dict[str, str] | None = None,
    *, speaker_words: frozenset[str] | None = None, ordinary: frozenset[str] = frozenset(),
) -> list[Piece]:
    """``text`` as the public report shows it, in pieces: each mention replaced unless approved.

    A participant's name becomes their role's wording (``wordings``, :func:`role_wordings`:
    "an engineer"), anything else its neutral mark ("[name removed]", "[e-mail address removed]").

    This is the one redaction of text: :func:`public_retro` joins the pieces, the public preview
    shows them with the replaced ones marked.

    ``speaker_words`` (an event's text): the chat speaker opening the text ("alice.w: …",
    :func:`retro.domain.chat_speakers.chat_speaker`) is a person too, listed or not; these words
    (the retro's services) are no speaker.
    """
    if not text:
        return []
    text = unicodedata.normalize("NFC", text)
    out: list[Piece] = []
    at = 0
    for hit in text_hits(names, text, speaker_words, ordinary=ordinary):
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


def text_hits(names: PeopleMatcher, text: str, speaker_words: frozenset[str] | None = None,
              *, ordinary: frozenset[str] = frozenset()) -> list[Hit]:
    """Every mention in ``text`` (NFC) the public report replaces: the matcher's, the names of people
    outside the retro (:func:`retro.domain.outside_names.outside_names`; ``ordinary``: the retro's
    service words, no names), and (``speaker_words`` given: an event's text) the chat speaker opening
    it — the one list the report, the preview and the findings
    (:func:`retro.report.public_checks.public_text_mentions`) read, so each removal can be approved."""
    hits = names.find(text)
    outside = [Hit(text[start:end], start, end, "") for start, end in outside_names(text, ordinary)
               if not any(h.start < end and start < h.end for h in hits)]
    if outside:
        hits = sorted(hits + outside, key=lambda h: h.start)
    if speaker_words is not None and (speaker := chat_speaker(text, speaker_words)) is not None:
        start, end = speaker
        if not any(h.start < end and start < h.end for h in hits):
            hits.insert(0, Hit(text[start:end], start, end, ""))
    return hits


def service_words(retro: Retro) -> frozenset[str]:
    """The words of the retro's services: no speaker ("checkout: returned 500s")."""
    return frozenset(w for s in retro.incident.services for w in re.split(r"[\W_]+", s.casefold()) if w)


def public_retro(retro: Retro, *, pieces: dict[str, list[Piece]] | None = None) -> Retro:
    """A new :class:`Retro` holding only what the public postmortem may show, every text scrubbed.

    ``pieces``, when given, receives every scrubbed field's pieces (:func:`scrub_pieces`) by
    field key — what the public preview marks.
    """
    names = retro_matcher(retro)
    keep = set(retro.incident.public_mentions)
    wordings = role_wordings(retro)

    services = service_words(retro)

    def scrub(text: str, field: str, slot: str = "") -> str:
        # a service is a name, not a sentence: "[name removed]-sync", never "an engineer-sync"
        found = scrub_pieces(names, text, field, keep, None if slot else wordings,
                             speaker_words=services if field.startswith("event:") else None, ordinary=services)
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


def public_report_is_empty(retro: Retro) -> bool:
    """Whether the public report has no public event, factor or action to show."""
    return not any(e.audience is Audience.PUBLIC for e in retro.events.values()) and not any(
        f.audience is Audience.PUBLIC for f in retro.factors.values()
    ) and not any(is_public_action(retro, a) for a in retro.actions.values())


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
