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
* actions that address no public factor (they would describe internal-only factors);
* the incident's lessons learned, what went well, where we got lucky, surprises and tags.

Kept, because the team writes them *for customers*: the incident title, severity, services,
lifecycle times, **summary** and **customer impact**, impact nodes, and the text of public events
and factors. As a second line of defence every kept text has participants' and action owners'
names replaced by "[name removed]".

Private notes never appear in any report: :func:`for_audience` drops them for internal too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from retro.domain import Audience, FactorLink, Retro

NAME_REMOVED = "[name removed]"


def for_audience(retro: Retro, audience: Audience) -> Retro:
    """The retro a report for ``audience`` is built from (never with private notes)."""
    if audience is Audience.PUBLIC:
        return public_retro(retro)
    return _copy(retro, private_notes={})


def public_retro(retro: Retro) -> Retro:
    """A new :class:`Retro` holding only what the public postmortem may show."""
    scrub = _name_scrubber(retro)
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
    actions = {}
    for k, action in retro.actions.items():
        public_factors = tuple(fid for fid in action.factor_ids if fid in factors)
        if not public_factors:
            continue
        actions[k] = replace(
            action,
            title=scrub(action.title),
            owner="",
            description="",
            status_reason="",
            ticket_url="",
            factor_ids=public_factors,
        )
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


def _name_scrubber(retro: Retro) -> Callable[[str], str]:
    """A function replacing every participant's and owner's name (and each part of it) in text."""
    names: set[str] = set()
    for person in retro.participants.values():
        names.add(person.name.strip())
        names.update(part for part in person.name.split() if len(part) >= 3)
    for action in retro.actions.values():
        names.add(action.owner.strip())
        names.update(part for part in action.owner.split() if len(part) >= 3)
    names.discard("")
    if not names:
        return lambda text: text
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return lambda text: pattern.sub(NAME_REMOVED, text)
