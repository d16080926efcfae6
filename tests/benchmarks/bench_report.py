"""Report benchmarks: the internal PDF of a large retro against raw reportlab, the demo's PDF, and
the routing of a 100-card graph's arrows around its cards (random stored layout, median of three
seeds; and the layered layout of the large retro), goal ≤ 300 ms each.

The floor builds the *same volume* with plain reportlab in the same run: one Paragraph per cell
of a 1,000-row timeline (same columns, same 60-row tables), a heading and the same paragraphs for
each of the 100 factors, the 50-row action table with its detail rows, and the appendix of
every URL in full (1,050 rows: volume, not machinery), in the same embedded TTF font files
(Noto Sans regular and bold, DejaVu Sans Mono, registered as plain reportlab TTFonts: see
:func:`floor_fonts`) and page size, in one ``SimpleDocTemplate.build``. What it leaves out is
what the report adds: escaping, font fallback, bidi and shaping of user text, the redaction
step, the vector factor graph with routed arrows, bookmarks, links, the table of contents and
"Page X of Y". The report draws the timeline's time and kind cells as plain table strings (they
never wrap) and its evidence cells and appendix URLs straight on the canvas; the second,
stricter floor draws all of these as plain table strings, so those savings are not counted as ours.

Both run in one process, after the report has installed its two text-output mends
(:mod:`retro.report.pdf_unicode`: UTF-16 ToUnicode maps, ActualText for shaped words); they
apply to the floor too and cost it next to nothing (one attribute look-up per text run).
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from xml.sax.saxutils import escape as xml_escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from retro.domain import Audience, Retro
from retro.report.fonts import FONT_FILES, MONO, SANS, SANS_BOLD, font_folder
from retro.report.pdf import FRAME_W, render_pdf
from retro.report.pdf_appendix import link_list
from retro.report.pdf_links import evidence_lines
from tests.benchmarks.table import Row, absolute_row, median_ms, ratio_row
from tests.retro.report.fixtures import large_retro

FLOOR_SANS, FLOOR_BOLD, FLOOR_MONO = "FloorSans", "FloorSans-Bold", "FloorMono"


def floor_fonts() -> tuple[str, str, str]:
    """The report's own Noto Sans (regular, bold) and mono files, registered as plain reportlab TTFonts.

    The same font files as the report (same glyphs, same widths, same embedding), but under
    their own names and without anything the report does to its faces (such as remembering
    string widths), so that nothing the report does for speed makes the floor faster too.
    """
    if FLOOR_SANS not in pdfmetrics.getRegisteredFontNames():
        folder = font_folder()
        pdfmetrics.registerFont(TTFont(FLOOR_SANS, str(folder / FONT_FILES[SANS])))
        pdfmetrics.registerFont(TTFont(FLOOR_BOLD, str(folder / FONT_FILES[SANS_BOLD])))
        pdfmetrics.registerFont(TTFont(FLOOR_MONO, str(folder / FONT_FILES[MONO])))
    return FLOOR_SANS, FLOOR_BOLD, FLOOR_MONO


def raw_reportlab(retro: Retro, *, short_cells_as_strings: bool = False) -> bytes:
    """Plain reportlab: the same number of paragraphs and table cells, nothing else.

    With ``short_cells_as_strings`` the timeline's time and kind cells are plain table strings,
    and its evidence cell the two short lines the report shows (host, end of the path), as the
    report itself draws them (a stricter floor).
    """
    sans, bold, mono = floor_fonts()
    body = ParagraphStyle("b", fontName=sans, fontSize=8.5, leading=11)
    head = ParagraphStyle("h", fontName=bold, fontSize=11.5, leading=15)
    style = TableStyle([("FONT", (0, 0), (-1, -1), sans, 8.5, 11), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.4, "#cccccc")])
    story: list = [Paragraph(retro.incident.title, head), Paragraph(retro.incident.summary, body)]
    def cell(text: str) -> str | Paragraph:
        return text if short_cells_as_strings else Paragraph(text, body)

    rows = [
        [cell(f"{e.at:%H:%M}"), cell(f"{e.at:%H:%M} UTC"), cell(e.kind.label),
         Paragraph(f"{xml_escape(e.text)}<br/>source: {xml_escape(e.source)}", body),
         "\n".join(evidence_lines(e.evidence_url)) if short_cells_as_strings else Paragraph(e.evidence_url, body)]
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
    story.append(_links_in_full(retro, body, mono, style, short_cells_as_strings))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def _links_in_full(retro: Retro, body: ParagraphStyle, mono: str, style: TableStyle, strings: bool) -> Table:
    """The appendix of every URL written out whole (1,050 rows here), as the report prints it."""
    link_style = ParagraphStyle("m", body, fontName=mono, fontSize=7.8, leading=10)
    per_line = int((FRAME_W - 140) // pdfmetrics.stringWidth("0", mono, 7.8))
    rows = []
    for where, url in link_list(retro, Audience.INTERNAL):
        if strings:
            rows.append([where, "\n".join(url[i : i + per_line] for i in range(0, len(url), per_line))])
        else:
            rows.append([Paragraph(xml_escape(where), body), Paragraph(xml_escape(url), link_style)])
    table = Table(rows, colWidths=[130, FRAME_W - 130])
    table.setStyle(style)
    return table


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


def routing_ms(retro: Retro) -> float:
    """Median time to route every arrow of ``retro``'s PDF graph around the cards (layout excluded)."""
    from retro.report.fonts import report_fonts
    from retro.report.graph_drawing import FactorGraph

    report_fonts()
    graph = FactorGraph(retro, {f.id: f"F{i + 1}" for i, f in enumerate(retro.factor_list())}, max_height=640.0)
    graph.wrap(FRAME_W, 640.0)

    def again() -> object:
        graph.__dict__.pop("_routes", None)
        return graph.arrow_routes()

    return median_ms(again, repeat=5)


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
    from tests.retro.report.test_graph_routing import random_retro

    random_ms = statistics.median(routing_ms(random_retro(seed, factors=99, stored=True)) for seed in (1, 2, 3))
    layered_ms = routing_ms(large_retro(events=20, factors=100, actions=0))
    return [
        absolute_row("arrows routed around cards, 100-card random layout", random_ms, None, "", 300),
        absolute_row("arrows routed around cards, 101-card layered layout", layered_ms, None, "", 300),
        ratio_row("internal PDF, 1,000 events / 100 factors / 50 actions", ours, floor,
                  "raw reportlab, a Paragraph per cell", 1.5),
        ratio_row("  same, against the stricter floor", ours, strict,
                  "raw reportlab, short cells as strings", 1.5),
        absolute_row("internal PDF of the demo retro", demo_ms, None, "", 500),
        absolute_row("public PDF of the demo retro", public_ms, None, "", 500),
    ]
