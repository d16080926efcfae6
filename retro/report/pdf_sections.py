"""The postmortem's written sections as platypus flowables, from a retro already cut for its audience.

The cover, summary, impact, participants, accountability, review, lessons and open findings: what
people wrote, in the report's order. The timeline, the contributing factors and the actions are
tables and a graph, each in its own module (:mod:`.pdf_timeline`, :mod:`.pdf_factors`,
:mod:`.pdf_actions`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from reportlab.platypus import Flowable, Spacer

from retro import __version__
from retro.domain import Audience, Retro, Role
from retro.domain.readiness import Finding, Level
from retro.domain.review import REVIEW_QUESTIONS

from . import content
from .content import Section
from .paragraphs import Paragraph
from .pdf_blocks import KeepStart, TocSlot, muted, section_heading, text_table, user_text
from .styles import grid_style, styles
from .text import escape, inline

# -- cover ---------------------------------------------------------------------------------------


def cover(retro: Retro, audience: Audience, sections: list[Section]) -> list[Flowable]:
    s = styles()
    inc = retro.incident
    out: list[Flowable] = [
        Paragraph(escape(content.DOC_KIND[audience]).upper(), s.kind),
        Paragraph(inline(inc.title or "Untitled incident"), s.title),
        Paragraph(
            " · ".join(f"<b>{escape(label)}:</b> {inline(value)}" for label, value in document_facts(retro, audience)),
            s.note,
        ),
        Spacer(1, 2),
    ]
    facts = content.cover_facts(retro, audience)
    rows = [[Paragraph(escape(label), s.fact_label), Paragraph(inline(value), s.fact)] for label, value in facts]
    table = text_table(rows, [130, None])
    table.setStyle(grid_style(header=False, zebra=True, rows=len(rows)))
    out += [table, Spacer(1, 18), Paragraph("Contents", s.h2), TocSlot(sections)]
    if audience is Audience.PUBLIC:
        out.append(
            Paragraph(
                "This public postmortem describes what happened, how customers were affected, the "
                "contributing factors and what we are changing. It is written for our customers.",
                s.note,
            )
        )
    return out


# -- summary, impact, participants ---------------------------------------------------------------


def document_facts(retro: Retro, audience: Audience, now: datetime | None = None) -> list[tuple[str, str]]:
    """Facts about this document: when it was made, from which version; who ran and who approves it."""
    inc = retro.incident
    made = (now or datetime.now(UTC)).astimezone(content.incident_zone(retro))
    facts = [("Generated", f"{made:%Y-%m-%d %H:%M %Z} by Blameless Retro {__version__}")]
    if audience is Audience.INTERNAL:
        facts.append(("Retro version", f"edit {inc.version}" if inc.version else "not yet saved"))
        people = retro.people()
        facilitators = [p.name for p in people if Role.FACILITATOR in p.roles]
        approvers = [p.name for p in people if Role.APPROVER in p.roles]
        facts.append(("Facilitator", ", ".join(facilitators) or "not named"))
        facts.append(("Approvers", ", ".join(approvers) or "none named yet (give someone the Approver role in Setup)"))
    return facts


def text_block(text: str, empty: str) -> list[Flowable]:
    s = styles()
    if text.strip():
        return user_text(text, s.para)
    return [Paragraph(f"<i>{escape(empty)}</i>", s.note)]


def summary(retro: Retro, audience: Audience) -> list[Flowable]:
    out = [*section_heading(content.SUMMARY), *text_block(retro.incident.summary, "No summary has been written yet.")]
    if audience is Audience.INTERNAL:
        out.append(Paragraph(escape(content.PUBLIC_FIELDS_NOTE), styles().note))
    return out


def impact(retro: Retro) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        *section_heading(content.IMPACT),
        *text_block(retro.incident.customer_impact, "The customer impact has not been described yet."),
    ]
    for node in sorted(retro.impacts.values(), key=lambda i: (i.title.casefold(), i.id)):
        if node.description.strip():
            out += [Paragraph(inline(node.title), s.h3), *user_text(node.description, s.para)]
    return out


def participants(retro: Retro) -> list[Flowable]:
    s = styles()
    rows = [[Paragraph("Name", s.cell_head), Paragraph("Roles", s.cell_head)]]
    rows += [
        [Paragraph(inline(p.name), s.cell), Paragraph(escape(content.roles_text(p.roles_in_order())), s.cell)]
        for p in retro.people()
    ]
    out: list[Flowable] = [*section_heading(content.PARTICIPANTS)]
    if len(rows) == 1:
        return [*out, Paragraph("<i>No participants are recorded.</i>", s.note)]
    table = text_table(rows, [200, None], repeat_rows=1)
    table.setStyle(grid_style(rows=len(rows)))
    return [*out, table]


# -- accountability ------------------------------------------------------------------------------


def accountability(retro: Retro) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        *section_heading(content.ACCOUNTABILITY),
        Paragraph(
            "The manager / leader speaks first: what they decided that contributed, and what they will "
            "change. Others' reflections follow in the order they were given.",
            s.note,
        ),
    ]
    ordered = retro.speaking_order()
    leader_first = sorted(ordered, key=lambda st: not _is_leader(retro, st.participant_id))[:1]
    ordered = leader_first + [st for st in ordered if st not in leader_first]
    if not ordered:
        return [*out, Paragraph("<i>No statements are recorded.</i>", s.note)]
    for statement in ordered:
        person = retro.participants.get(statement.participant_id)
        name = person.name if person else "A former participant"
        roles = content.roles_text(person.roles_in_order()) if person else ""
        out.append(
            KeepStart(
                [
                    Paragraph(f"{inline(name)} {muted('— ' + escape(roles)) if roles else ''}", s.h3),
                    *user_text(statement.text, s.quote),
                ]
            )
        )
    return out


def _is_leader(retro: Retro, participant_id: str) -> bool:
    person = retro.participants.get(participant_id)
    return person is not None and person.is_leader


# -- review, lessons, findings -------------------------------------------------------------------


def review(retro: Retro) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [*section_heading(content.REVIEW)]
    known = {q.key for q in REVIEW_QUESTIONS}
    for question in REVIEW_QUESTIONS:
        answer = retro.review_answers.get(question.key)
        out.append(
            KeepStart(
                [
                    Paragraph(escape(question.topic), s.h3),
                    Paragraph(muted(f"<i>{escape(question.question)}</i>"), s.note),
                    *text_block(answer.text if answer else "", "Not answered."),
                ]
            )
        )
    for key, answer in sorted(retro.review_answers.items()):
        if key not in known:
            out += [Paragraph(inline(key), s.h3), *text_block(answer.text, "Not answered.")]
    return out


def lessons(retro: Retro) -> list[Flowable]:
    s = styles()
    inc = retro.incident
    out: list[Flowable] = [*section_heading(content.LESSONS)]
    for title, text in (
        ("What we learned", inc.lessons_learned),
        ("What went well", inc.went_well),
        ("Where we got lucky", inc.got_lucky),
        ("What surprised us", inc.surprises),
    ):
        out += [Paragraph(escape(title), s.h2), *text_block(text, "Nothing recorded.")]
    return out


def findings(retro: Retro, width: float, items: list[Finding] | None = None) -> list[Flowable]:
    s = styles()
    items = content.open_findings(retro) if items is None else items
    if not items:
        return []
    rows = [[Paragraph(h, s.cell_head) for h in ("Level", "Stage", "Finding")]]
    for finding in items:
        level = "<b>Blocker</b>" if finding.level is Level.BLOCKER else "Warning"
        rows.append([Paragraph(level, s.cell), Paragraph(escape(finding.stage.label), s.cell), Paragraph(inline(finding.message), s.cell)])
    table = text_table(rows, [60, 100, width - 160], repeat_rows=1)
    table.setStyle(grid_style(rows=len(rows)))
    note = Paragraph("These readiness checks were still open when this report was produced.", s.note)
    return [*section_heading(content.FINDINGS), note, table]
