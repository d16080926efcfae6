"""The appendix of links in full: on paper a link cannot be clicked, so every URL is printed whole."""

from __future__ import annotations

from reportlab.platypus import Flowable

from retro.domain import Audience, Retro

from . import content
from .code_text import urls
from .content import Section
from .paragraphs import Paragraph
from .pdf_blocks import plain_cell, section_heading, text_table
from .pdf_links import full_link_cell
from .public_checks import approved_mentions
from .styles import INK, grid_style, styles
from .text import bookmark_title, escape

LINKS = Section("links", "Links in full")


def link_list(retro: Retro, audience: Audience) -> list[tuple[str, str]]:
    """``(where, url)`` for every URL the report shows, each URL once, in the report's order."""
    internal = audience is Audience.INTERNAL
    found: list[tuple[str, str]] = []
    inc = retro.incident

    def add(where: str, text: str, *, whole: bool = False) -> None:
        for url in ([text.strip()] if whole and text.strip() else urls(text)):
            found.append((where, url))

    add("Summary", inc.summary)
    add("Customer impact", inc.customer_impact)
    for event in retro.timeline():
        when = content.local_time(retro, event.at)
        add(f"Timeline {when}", event.text)
        if internal and event.evidence_url:
            add(f"Timeline {when}, evidence", event.evidence_url, whole=True)
    numbers = content.factor_numbers(retro)  # the same numbers as the report's factors
    for factor in retro.factor_list():
        add(f"Factor {numbers[factor.id]}", factor.description)
    for action in retro.action_list():
        if internal:
            title = bookmark_title(action.title, 40)  # on one line, cut at a word as the bookmarks are
            add(f"Action “{title}”", action.description)
            if action.ticket_url:
                add(f"Action “{title}”, ticket", action.ticket_url, whole=True)
    if internal:
        for statement in retro.statements.values():
            add("Accountability", statement.text)
        for answer in retro.review_answers.values():
            add("Review", answer.text)
        for text in (inc.lessons_learned, inc.went_well, inc.got_lucky, inc.surprises):
            add("Lessons", text)
    seen: set[str] = set()
    out = []
    for where, url in found:
        if url not in seen:
            seen.add(url)
            out.append((where, url))
    return out


def links_appendix(retro: Retro, audience: Audience, width: float) -> list[Flowable]:
    items = link_list(retro, audience)
    if not items:
        return []
    s = styles()
    rows: list[list[str | Flowable]] = [[Paragraph("Where", s.cell_head), Paragraph("Link", s.cell_head)]]
    padding = 10  # the cells' left and right padding (grid_style)
    for where, url in items:  # a thousand rows in a long retro: plain strings and lines where they do
        rows.append([plain_cell(where, 130 - padding), full_link_cell(url, width - 130 - padding)])
    table = text_table(rows, [130, width - 130], repeat_rows=1)
    style = grid_style(rows=len(rows))
    style.add("TEXTCOLOR", (0, 1), (0, -1), INK)
    table.setStyle(style)
    note = Paragraph("Every link in this report, written out in full for printed copies.", s.note)
    return [*section_heading(LINKS), note, table]


APPROVED = Section("approved-mentions", "Mentions marked fine to publish")


def approved_appendix(retro: Retro, audience: Audience, width: float) -> list[Flowable]:
    """The internal report's list of the mentions the facilitator let through to the public report.

    Each is words the people-matcher took for a person's name (an ordinary word, a service named
    like someone) and the facilitator decided are not about a person: they are printed in the
    public report as written, so the internal report says so, where and whose name they resemble.
    """
    if audience is not Audience.INTERNAL:
        return []
    mentions = approved_mentions(retro)
    if not mentions:
        return []
    s = styles()
    rows = [[Paragraph(h, s.cell_head) for h in ("Where", "Words", "Whose name they resemble")]]
    for m in mentions:
        rows.append([Paragraph(escape(m.where), s.cell), Paragraph(escape(m.found), s.cell),
                     Paragraph(escape(m.name), s.cell)])
    table = text_table(rows, [width * 0.45, width * 0.25, width * 0.30], repeat_rows=1)
    table.setStyle(grid_style(rows=len(rows)))
    note = Paragraph("The public report prints these words as written: the facilitator marked each one "
                     "fine to publish because it is not about a person.", s.note)
    return [*section_heading(APPROVED), note, table]
