"""The postmortem's contributing factors: the graph, the graph in words, then each factor with what
it contributed to, its evidence and the actions that address it."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from retro.domain import ActionItem, ActionStatus, Audience, Retro, TimelineEvent

from . import content
from .code_text import prose_markup, shorten
from .content import factor_numbers
from .graph_drawing import FactorGraph
from .paragraphs import Paragraph
from .pdf_blocks import Heading, KeepStart, muted, section_heading, user_text
from .pdf_links import LINK_HEX, link
from .styles import styles
from .text import escape, inline


def factor_ref(number: str, factor_id: str) -> str:
    """``F6`` as a link to that factor's heading (its bookmark), or nothing for an impact."""
    if not number:
        return ""
    return f'<a href="#factor-{escape(factor_id)}" color="{LINK_HEX}">{escape(number)}</a>'


def graph_in_words(retro: Retro, numbers: dict[str, str]) -> str:
    """The graph as text (its alternative for screen readers and text search): counts and arrows."""
    factors, impacts = len(retro.factors), len(retro.impacts)

    def name(node_id: str) -> str:
        if node_id in numbers:
            return numbers[node_id]
        impact = retro.impacts.get(node_id)
        return f"“{impact.title}”" if impact else "?"

    arrows = sorted(retro.links.values(), key=lambda li: (numbers.get(li.cause_id, "~"), li.id))
    said = "; ".join(f"{name(li.cause_id)} → {name(li.effect_id)}" for li in arrows)
    lead = f"The graph in words: {factors} contributing factor{'s' if factors != 1 else ''}, {impacts} impact{'s' if impacts != 1 else ''}"
    lead += f", {len(arrows)} arrow{'s' if len(arrows) != 1 else ''} (cause → what it contributed to)"
    return escape(lead + (": " + said + "." if said else "."))


def factors(retro: Retro, audience: Audience, graph_height: float) -> list[Flowable]:
    s = styles()
    heading = section_heading(content.FACTORS)
    if not retro.factors:
        return [*heading, Paragraph("<i>No contributing factors are recorded.</i>", s.note)]
    intro = Paragraph(
        "Incidents rarely have a single cause. Each card is a contributing factor; an arrow means "
        "“contributed to”. The factors are described below the graph, in the order of their numbers.",
        s.note,
    )
    numbers = factor_numbers(retro)
    graph = FactorGraph(retro, numbers, max_height=graph_height)
    out: list[Flowable] = [KeepStart([*heading, intro, graph]), Paragraph(graph_in_words(retro, numbers), s.note), Spacer(1, 6)]
    internal = audience is Audience.INTERNAL
    evidence_of, actions_of = _evidence_and_actions(retro)
    for factor in retro.factor_list():
        number = numbers[factor.id]
        title = f"{number} · {factor.title}"
        block: list[Flowable] = [
            Heading(f"{number} · {inline(factor.title)}", s.h2, f"factor-{factor.id}", title, level=1)
        ]
        meta = factor.category.label + (f" · {factor.audience.label.lower()}" if internal else "")
        block.append(Paragraph(muted(escape(meta)), s.note))
        if factor.description.strip():
            block += user_text(factor.description, s.para)
        leads = [
            (retro.factors.get(li.effect_id) or retro.impacts.get(li.effect_id), li.note)
            for li in retro.links.values()
            if li.cause_id == factor.id
        ]
        leads_text = [
            f"{factor_ref(numbers.get(node.id, ''), node.id)} {inline(node.title)}".strip() + (f" ({inline(note)})" if note else "")
            for node, note in leads
            if node is not None
        ]
        if leads_text:
            block.append(Paragraph("<b>Contributed to:</b> " + "; ".join(leads_text), s.para))
        evidence = evidence_of.get(factor.id, [])
        if evidence:
            block.append(Paragraph("<b>Evidence</b>", s.h3))
            for event in evidence:
                short, cut = shorten(event.text)
                line = f"{escape(content.both_times(retro, event.at))} — {prose_markup(short, one_line=True)}"
                if cut:
                    line += muted(" (full text in the timeline)")
                if internal and event.evidence_url:
                    line += " " + link(event.evidence_url)
                block.append(Paragraph(line, s.bullet, bulletText="•"))
        # the public report lists only what is being done, not what was decided against
        actions = [a for a in actions_of.get(factor.id, []) if internal or a.status is not ActionStatus.WONT_DO]
        if actions:
            block.append(Paragraph("<b>Addressed by</b>", s.h3))
            for action in actions:
                line = inline(action.title)
                if internal:
                    line += muted(f" — {inline(action.owner) or 'no owner'}, due {content.due_text(action)}, {escape(action.status.label.lower())}")
                block.append(Paragraph(line, s.bullet, bulletText="•"))
        elif internal:
            block.append(Paragraph("<i>No action addresses this factor yet.</i>", s.note))
        out += [KeepStart(block[:3]), *block[3:], Spacer(1, 4)]
    return out


def _evidence_and_actions(retro: Retro) -> tuple[dict[str, list[TimelineEvent]], dict[str, list[ActionItem]]]:
    """``evidence_for`` and ``actions_for`` of every factor at once (same order, one sort each)."""
    cited: dict[str, set[str]] = {}
    for ev in retro.evidence.values():
        cited.setdefault(ev.event_id, set()).add(ev.factor_id)
    evidence: dict[str, list[TimelineEvent]] = {}
    for event in retro.timeline():
        for factor_id in cited.get(event.id, ()):
            evidence.setdefault(factor_id, []).append(event)
    actions: dict[str, list[ActionItem]] = {}
    for action in retro.action_list():
        for factor_id in dict.fromkeys(action.factor_ids):
            actions.setdefault(factor_id, []).append(action)
    return evidence, actions
