"""The quarterly "learning review" PDF: the Insights tab's figures on paper, charts included.

Built with reportlab platypus and reportlab graphics (vector bar charts), from an
:class:`~retro.analysis.insights.Insights` value: nothing is read from the database here. Every
figure carries the sentence saying how many incidents it rests on and who was left out. The
review is internal (it names no person, but factor titles and won't-do reasons are the team's
own words), marked so on every page. Fonts and styles come from :mod:`retro.report.fonts` and
:mod:`retro.report.styles` (public names only).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from ..analysis.insights import ActionOutcome, Insights, ReportOutcome
from ..analysis.insights_text import span

GOOD, LATE, BAD, CALM, MUTED = "#2e7d32", "#ef8f00", "#c62828", "#1565c0", "#8a8a8a"
_ACTION = {ActionOutcome.DONE_ON_TIME: GOOD, ActionOutcome.DONE_LATE: LATE, ActionOutcome.DONE_UNDATED: GOOD,
           ActionOutcome.OPEN_PAST_DUE: BAD, ActionOutcome.OPEN_ON_TRACK: CALM, ActionOutcome.WONT_DO: MUTED}
_REPORT = {ReportOutcome.ON_TIME: GOOD, ReportOutcome.LATE: LATE, ReportOutcome.OVERDUE: BAD,
           ReportOutcome.NOT_YET_DUE: CALM}


def _bars(rows: Sequence[tuple[str, float, str, str]], width: float) -> object:
    """A vector bar chart: label, bar, value text; one row each."""
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from .fonts import SANS
    from .styles import ACCENT, INK

    row_h, size = 15.0, 8.0
    drawing = Drawing(width, max(1, len(rows)) * row_h + 2)
    if not rows:
        drawing.add(String(0, 4, "Nothing to show yet.", fontName=SANS, fontSize=size, fillColor=INK))
        return drawing
    label_w = min(max(stringWidth(r[0], SANS, size) for r in rows) + 8, width * 0.42)
    value_w = max(stringWidth(r[2], SANS, size) for r in rows) + 8
    bar_w = max(20.0, width - label_w - value_w)
    top = max(r[1] for r in rows) or 1
    for i, (label, value, text, colour) in enumerate(rows):
        y = drawing.height - (i + 1) * row_h + 3
        shown = label
        while shown and stringWidth(shown, SANS, size) > label_w - 8 + 0.01:  # (w + 8) - 8 may round below w
            shown = shown[:-2] + "…" if len(shown) > 2 else ""
        drawing.add(String(label_w - 6, y + 1, shown, fontName=SANS, fontSize=size, fillColor=INK, textAnchor="end"))
        length = bar_w * value / top if value > 0 else 0
        if length:
            drawing.add(Rect(label_w, y, max(length, 1.5), row_h - 6, fillColor=colors.HexColor(colour) if colour
                             else ACCENT, strokeColor=None))
        drawing.add(String(label_w + length + 4, y + 1, text, fontName=SANS, fontSize=size, fillColor=INK))
    return drawing


def learning_review_pdf(ins: Insights, *, title: str = "Learning review") -> bytes:
    """The PDF's bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    from .fonts import SANS, report_fonts
    from .styles import MUTED, styles
    from .text import inline, para

    report_fonts()
    st = styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=title, author="Blameless Retro",
                            subject="What the incidents of this period say about whether the team is learning")
    width = doc.width
    scope = [f"since {ins.since.isoformat()}" if ins.since else "", f"service {ins.service}" if ins.service else ""]
    scope_text = ", ".join(s for s in scope if s) or "all retros in the library"
    story: list = [
        Paragraph(inline(title), st.title),
        Paragraph(inline(f"{_count(ins.incidents, 'incident')} · {scope_text} · medians {ins.period.value}ly · "
                         f"written {datetime.now(UTC):%Y-%m-%d}"), st.kind),
        Paragraph(para("Medians, not means: one long outage does not hide how the others went. Times alone "
                       "mislead; read them beside what was done about the contributing factors. Each figure "
                       "says how many incidents it rests on, and which were left out for missing times."), st.note),
    ]

    section: list[str] = []

    def figure(heading: str, headline: str, rows: Sequence[tuple[str, float, str, str]], basis: str,
               extra: str = "") -> None:
        # a section's heading stays with its first figure (never alone at the foot of a page)
        parts = [Paragraph(inline(section.pop()), st.h1)] if section else []
        parts.append(Paragraph(inline(heading), st.h2))
        if headline:
            parts.append(Paragraph(inline(headline), st.para))
        parts.append(_bars(rows, width))
        parts.append(Spacer(1, 3))
        parts.append(Paragraph(para(basis[:1].upper() + basis[1:] + "."), st.note))
        if extra:
            parts.append(Paragraph(para(extra), st.note))
        story.append(KeepTogether(parts))

    section.append("How fast we notice and recover")
    for d in ins.durations:
        figure(d.name, f"Median {span(d.median)}" if d.median is not None else "No incident has these times yet.",
               [(p.period, p.median.total_seconds(), f"{span(p.median)} ({p.incidents})", "") for p in d.by_period],
               d.basis.text())
    section.append("Do our actions get done?")
    a = ins.actions
    reasons = "Won't do, because: " + "; ".join(f"{n} × {r}" for r, n in a.wont_do_reasons) if a.wont_do_reasons else ""
    figure(f"Action items ({a.actions:,})", "", [(o.label, n, str(n), _ACTION[o]) for o, n in a.counts],
           a.basis.text(), reasons)
    section.append("Are the postmortems on time?")
    for r in (ins.internal_report, ins.public_report):
        goal = int(r.goal.total_seconds() // 3600)
        figure(f"{r.name} (goal: {goal} h after resolution)",
               f"Median {span(r.median)} after resolution" if r.median is not None else "None shared yet.",
               [(o.label, n, str(n), _REPORT[o]) for o, n in r.counts], r.basis.text())
    section.append("Where incidents happen")
    figure("Incidents by severity", "", [(n, c, str(c), "") for n, c in ins.by_severity.counts],
           ins.by_severity.basis.text())
    figure("Incidents by service", "", [(n, c, str(c), "") for n, c in ins.by_service.counts[:15]],
           ins.by_service.basis.text())
    section.append("What keeps coming back")
    f = ins.factors
    figure("Contributing factors seen in more than one incident", "" if f.top_factors else
           "No contributing factor appears in more than one incident.",
           [(f"{t.title} ({t.category.label})", t.incidents, _count(t.incidents, "incident"), "") for t in f.top_factors],
           f.basis.text())
    figure("Contributing factors by category", "", [(c.label, i, f"{_count(i, 'incident')}, {_count(n, 'factor')}", "")
                                                    for c, n, i in f.categories if n], f.basis.text())

    def page(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(doc.leftMargin, 10 * mm, "Internal — learning review")
        canvas.drawRightString(doc.leftMargin + doc.width, 10 * mm, f"Page {document.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()


def write_learning_review(ins: Insights, path: Path) -> Path:
    """Write the learning review PDF to ``path`` atomically; returns the path written."""
    from .atomic import write_atomically

    return write_atomically(Path(path), learning_review_pdf(ins))


def _count(n: int, noun: str) -> str:
    """``1 incident``, ``10,000 incidents``."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
