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

Kept, because the team writes them *for customers*: the incident title, severity, services,
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

from dataclasses import dataclass, replace
from typing import NamedTuple

from retro.domain import ActionItem, Audience, FactorLink, Retro, Stage
from retro.domain.readiness import Finding, Level

from .content import local_time
from .names import NameMatcher, retro_people

NAME_REMOVED = "[name removed]"


def for_audience(retro: Retro, audience: Audience) -> Retro:
    """The retro a report for ``audience`` is built from (never with private notes)."""
    if audience is Audience.PUBLIC:
        return public_retro(retro)
    return _copy(retro, private_notes={})


def is_public_action(retro: Retro, action: ActionItem) -> bool:
    """Whether ``action`` appears in the public report: it addresses factors, all of them public."""
    return bool(action.factor_ids) and all(
        (factor := retro.factors.get(fid)) is not None and factor.audience is Audience.PUBLIC
        for fid in action.factor_ids
    )


def public_retro(retro: Retro) -> Retro:
    """A new :class:`Retro` holding only what the public postmortem may show."""
    names = NameMatcher(retro_people(retro))

    def scrub(text: str) -> str:
        return names.replace(text, NAME_REMOVED)

    events = {
        k: replace(e, text=scrub(e.text), source="", evidence_url="", actor_role=None)
        for k, e in retro.events.items()
        if e.audience is Audience.PUBLIC
    }
    factors = {
        k: replace(f, title=scrub(f.title), description=scrub(f.description))
        for k, f in retro.factors.items()
        if f.audience is Audience.PUBLIC
    }
    impacts = {
        k: replace(i, title=scrub(i.title), description=scrub(i.description)) for k, i in retro.impacts.items()
    }
    links = _public_links(retro, factors.keys() | impacts.keys())
    if len(factors) < len(retro.factors):
        # the stored layout has holes where internal factors were: lay the public graph out afresh
        factors = {k: replace(f, x=None, y=None) for k, f in factors.items()}
        impacts = {k: replace(i, x=None, y=None) for k, i in impacts.items()}
    evidence = {k: ev for k, ev in retro.evidence.items() if ev.factor_id in factors and ev.event_id in events}
    actions = {
        k: replace(action, title=scrub(action.title), owner="", description="", status_reason="", ticket_url="")
        for k, action in retro.actions.items()
        if is_public_action(retro, action)
    }
    inc = retro.incident
    incident = replace(
        inc,
        title=scrub(inc.title),
        summary=scrub(inc.summary),
        customer_impact=scrub(inc.customer_impact),
        tags=(),
        lessons_learned="",
        went_well="",
        got_lucky="",
        surprises="",
        internal_report_shared_at=None,
    )
    return Retro(
        incident,
        events=events,
        factors=factors,
        impacts=impacts,
        links=links,
        evidence=evidence,
        actions=actions,
    )


# -- what the facilitator should see before publishing --------------------------------------------


@dataclass(frozen=True, slots=True)
class PublicText:
    """A piece of the retro's own text that the public report shows (names aside)."""

    where: str
    text: str
    stage: Stage
    target_id: str = ""


class Mention(NamedTuple):
    """Public text that mentions a participant or action owner: where, whose name, the words found."""

    where: str
    name: str
    found: str
    stage: Stage
    target_id: str = ""


def public_texts(retro: Retro) -> list[PublicText]:
    """Every text of ``retro`` that :func:`public_retro` keeps, labelled with where it is."""
    inc = retro.incident
    out = [
        PublicText("the incident title", inc.title, Stage.SETUP),
        PublicText("the summary", inc.summary, Stage.SETUP),
        PublicText("the customer impact", inc.customer_impact, Stage.SETUP),
    ]
    for event in retro.timeline():
        if event.audience is Audience.PUBLIC:
            when = local_time(retro, event.at)
            out.append(PublicText(f"the public timeline event at {when}", event.text, Stage.TIMELINE, event.id))
    for factor in retro.factor_list():
        if factor.audience is Audience.PUBLIC:
            out.append(PublicText(f"the title of the factor “{_short(factor.title)}”", factor.title, Stage.FACTORS, factor.id))
            out.append(PublicText(f"the description of “{_short(factor.title)}”", factor.description, Stage.FACTORS, factor.id))
    for node in sorted(retro.impacts.values(), key=lambda i: (i.title.casefold(), i.id)):
        out.append(PublicText(f"the title of the impact “{_short(node.title)}”", node.title, Stage.FACTORS, node.id))
        out.append(PublicText(f"the description of the impact “{_short(node.title)}”", node.description, Stage.FACTORS, node.id))
    for action in retro.action_list():
        if is_public_action(retro, action):
            out.append(PublicText(f"the action “{_short(action.title)}”", action.title, Stage.ACTIONS, action.id))
    return [t for t in out if t.text.strip()]


def public_text_mentions(retro: Retro) -> list[Mention]:
    """Every mention of a participant's or action owner's name in the text the public report shows.

    Each would be replaced by "[name removed]" in the public report; listing them lets the
    facilitator reword the sentence instead (or see that "Will" was not about Will at all).
    """
    names = NameMatcher(retro_people(retro))
    if not names:
        return []
    return [
        Mention(text.where, hit.person, hit.found, text.stage, text.target_id)
        for text in public_texts(retro)
        for hit in names.find(text.text)
    ]


def public_findings(retro: Retro) -> list[Finding]:
    """Readiness-style warnings about the public report: names in public text, actions left out.

    Findings have the codes ``public-name`` and ``partly-internal-action``; the app can list
    them with :func:`retro.domain.readiness.readiness`'s.
    """
    findings: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    for m in public_text_mentions(retro):
        if (m.where, m.target_id, m.found) in seen:
            continue
        seen.add((m.where, m.target_id, m.found))
        whose = "" if " ".join(m.found.split()) == m.name else f" (part of {m.name}'s name)"
        message = (
            f"{_first_upper(m.where)} mentions “{' '.join(m.found.split())}”{whose}: the public "
            f"postmortem will show “{NAME_REMOVED}” in its place. Reword it: leave the name out, "
            "or rephrase if the word is not meant as a name there."
        )
        findings.append(Finding("public-name", Level.WARNING, message, m.stage, m.target_id))
    for action in retro.action_list():
        public = [fid for fid in action.factor_ids if fid in retro.factors and retro.factors[fid].audience is Audience.PUBLIC]
        if public and not is_public_action(retro, action):
            message = (
                f"“{_short(action.title)}” also addresses an internal-only factor, so the public "
                "postmortem leaves it out. Split it, or make its factors public, if customers should see it."
            )
            findings.append(Finding("partly-internal-action", Level.WARNING, message, Stage.ACTIONS, action.id))
    return findings


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _public_links(retro: Retro, kept: set[str]) -> dict[str, FactorLink]:
    """Arrows between kept nodes; a chain through removed factors becomes one direct arrow.

    Without this, a public factor whose path to the impact runs through an internal-only factor
    would float unconnected in the public graph.
    """
    forward: dict[str, list[str]] = {}
    for link in retro.links.values():
        forward.setdefault(link.cause_id, []).append(link.effect_id)
    links: dict[str, FactorLink] = {}
    for cause in sorted(kept):
        seen: set[str] = set()
        stack = list(forward.get(cause, []))
        while stack:
            node = stack.pop()
            if node in seen or node == cause:
                continue
            seen.add(node)
            if node in kept:
                key = f"public-{cause}-{node}"
                links[key] = FactorLink(key, cause, node)
            else:
                stack.extend(forward.get(node, []))
    return links


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
        )
    }
    fields.update(changes)  # type: ignore[arg-type]
    return Retro(retro.incident, **fields)  # type: ignore[arg-type]
