"""Report benchmarks: the internal PDF of a large retro against raw reportlab, and the demo's PDF.

The floor builds the *same volume* with plain reportlab in the same run: one Paragraph per cell
of a 1,000-row timeline (same columns, same 60-row tables), a heading and the same paragraphs for
each of the 100 factors, and the 50-row action table with its detail rows, in the same embedded
TTF fonts and page size, in one ``SimpleDocTemplate.build``. What it leaves out is what the
report adds: escaping and font fallback of user text, the redaction step, the vector factor
graph, bookmarks, the table of contents and "Page X of Y". The report draws the timeline's
time and kind cells as plain table strings (they never wrap); the second, stricter floor does
the same, so the saving is not counted as ours.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from retro.domain import Audience, Retro
from retro.report.fonts import SANS, SANS_BOLD, report_fonts
from retro.report.pdf import render_pdf
from tests.benchmarks.table import Row, absolute_row, median_ms, ratio_row
from tests.retro.report.fixtures import large_retro


def raw_reportlab(retro: Retro, *, short_cells_as_strings: bool = False) -> bytes:
    """Plain reportlab: the same number of paragraphs and table cells, nothing else.

    With ``short_cells_as_strings`` the timeline's time and kind cells are plain table strings,
    as the report itself draws them (a stricter floor).
    """
    report_fonts()
    body = ParagraphStyle("b", fontName=SANS, fontSize=8.5, leading=11)
    head = ParagraphStyle("h", fontName=SANS_BOLD, fontSize=11.5, leading=15)
    style = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.4, "#cccccc")])
    story: list = [Paragraph(retro.incident.title, head), Paragraph(retro.incident.summary, body)]
    def cell(text: str) -> str | Paragraph:
        return text if short_cells_as_strings else Paragraph(text, body)

    rows = [
        [cell(f"{e.at:%H:%M}"), cell(f"{e.at:%H:%M} UTC"), cell(e.kind.label),
         Paragraph(f"{e.text}<br/>source: {e.source}", body), Paragraph(e.evidence_url, body)]
        for e in retro.timeline()
    ]
    for start in range(0, len(rows), 60):
        table = Table(rows[start : start + 60], colWidths=[66, 54, 84, 199, 104], repeatRows=0)
        table.setStyle(style)
        story.append(table)
    for factor in retro.factor_list():
        story += [Paragraph(factor.title, head), Paragraph(factor.category.label, body),
                  Paragraph(factor.description, body), Paragraph("Contributed to: something", body),
                  Paragraph("Evidence", body)]
        story += [Paragraph(f"{e.at} {e.text} {e.evidence_url}", body) for e in retro.evidence_for(factor.id)]
        story += [Paragraph(a.title, body) for a in retro.actions_for(factor.id)] or [Paragraph("No action", body)]
        story.append(Spacer(1, 4))
    action_rows = []
    for a in retro.action_list():
        action_rows.append([Paragraph(a.title, body), Paragraph(a.owner, body), Paragraph(str(a.due), body),
                            Paragraph(a.action_type.label, body), Paragraph(a.status.label, body),
                            Paragraph(a.ticket_url, body)])
        action_rows.append([Paragraph(a.description, body), "", "", "", "", ""])
    table = Table(action_rows, colWidths=[169, 78, 62, 72, 66, 60])
    table.setStyle(style)
    story.append(table)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def interleaved_ms(*fns: Callable[[], object], repeat: int = 5) -> list[float]:
    """Median wall time of each function, run in turn within every round.

    Running ours and the floors back to back, round after round, means load from other work on a
    shared machine hits them alike, so their ratio stays meaningful.
    """
    for fn in fns:
        fn()
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for index, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            samples[index].append((time.perf_counter() - start) * 1000)
    return [statistics.median(s) for s in samples]


def run() -> list[Row]:
    from retro.demo import build_demo_retro

    big = large_retro(events=1000, factors=100, actions=50)
    ours, floor, strict = interleaved_ms(
        lambda: render_pdf(big, Audience.INTERNAL),
        lambda: raw_reportlab(big),
        lambda: raw_reportlab(big, short_cells_as_strings=True),
    )
    demo = build_demo_retro()
    demo_ms = median_ms(lambda: render_pdf(demo, Audience.INTERNAL), repeat=7)
    public_ms = median_ms(lambda: render_pdf(demo, Audience.PUBLIC), repeat=7)
    return [
        ratio_row("internal PDF, 1,000 events / 100 factors / 50 actions", ours, floor,
                  "raw reportlab, a Paragraph per cell", 1.5),
        ratio_row("  same, against the stricter floor", ours, strict,
                  "raw reportlab, short cells as strings", 1.5),
        absolute_row("internal PDF of the demo retro", demo_ms, None, "", 500),
        absolute_row("public PDF of the demo retro", public_ms, None, "", 500),
    ]
