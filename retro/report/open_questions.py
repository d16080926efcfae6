"""The internal report's "Open questions": topics the room parked and left open (issue 11).

Only the internal report has this section; the public view of a retro carries no parking lot
(:mod:`retro.report.audience` never copies it), so a public writer has nothing to show here.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from retro.domain import Retro
from retro.domain.parking_lot import open_questions

from . import content
from .paragraphs import Paragraph
from .pdf_blocks import section_heading
from .styles import styles
from .text import inline

INTRO = "Parked during the meeting and left open: each still needs an answer or an owner."


def pdf_open_questions(retro: Retro) -> list[Flowable]:
    """The section's flowables (none when nothing is left open)."""
    questions = open_questions(retro)
    if not questions:
        return []
    s = styles()
    out: list[Flowable] = [*section_heading(content.OPEN_QUESTIONS), Paragraph(INTRO, s.note)]
    for item in questions:
        out.append(Paragraph(f"• {inline(item.text)} <font color='#666666'>(raised in {item.stage.label})</font>",
                             s.body))
    return out


def markdown_open_questions(retro: Retro, md_line: Callable[[str], str]) -> list[str]:
    """The section's Markdown lines, ``md_line`` escaping each item (none when nothing is left open)."""
    questions = open_questions(retro)
    if not questions:
        return []
    return ["", f"## {content.OPEN_QUESTIONS.title}", "", f"_{INTRO}_", "",
            *(f"- {md_line(item.text)} _(raised in {item.stage.label})_" for item in questions)]
