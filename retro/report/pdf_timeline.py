"""The postmortem's timeline: every event in a table, local time and UTC, kind and what happened."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from retro.domain import Audience, Retro
from retro.domain.time_range import in_zone, strftime

from . import content
from .code_text import has_code, prose_markup
from .fonts import MONO, SANS
from .paragraphs import Paragraph
from .pdf_blocks import Cell, one_line, section_heading, text_table, user_text
from .pdf_links import evidence_cell
from .styles import INK, grid_style, styles
from .text import escape

TIMELINE_CHUNK = 60  # rows per timeline table: long tables split slowly, chunks flow the same


def timeline(retro: Retro, audience: Audience, width: float) -> list[Flowable]:
    s = styles()
    events = retro.timeline()
    out: list[Flowable] = [*section_heading(content.TIMELINE)]
    if not events:
        return [*out, Paragraph("<i>No events are recorded.</i>", s.note)]
    utc_only = content.zone_is_utc(retro)
    internal = audience is Audience.INTERNAL
    zone_name = retro.incident.timezone or "UTC"
    intro = (
        "Times are UTC."
        if utc_only
        else f"Times are shown in the incident's timezone ({escape(zone_name)}) with UTC beside them."
    )
    if internal:
        intro += " Events marked public also appear in the public postmortem."
    out.append(Paragraph(intro, s.note))
    head: list[Cell] = [Paragraph("Time" if utc_only else "Local time", s.cell_head)]
    widths = [66.0]
    if not utc_only:
        head.append(Paragraph("UTC", s.cell_head))
        widths.append(54.0)
    head += [Paragraph("Kind", s.cell_head), Paragraph("What happened", s.cell_head)]
    widths += [84.0, 0.0]
    if internal:
        head.append(Paragraph("Evidence", s.cell_head))
        widths.append(104.0)
    widths[widths.index(0.0)] = width - sum(widths)
    rows: list[list[Cell]] = []
    last_day = ""
    zone = content.incident_zone(retro)
    time_columns = 1 if utc_only else 2
    for event in events:
        # time and kind are plain table strings: they never wrap, and skip Paragraph layout
        local = in_zone(event.at, zone)
        day = strftime(local, "%Y-%m-%d")
        stamp = local.strftime("%H:%M") + ("" if utc_only else local.strftime(" %Z"))
        row: list[Cell] = [f"{day}\n{stamp}" if day != last_day else stamp]
        last_day = day
        if not utc_only:
            row.append(content.utc_time(event.at, with_date=False))
        what: Paragraph | list[Flowable] = (
            user_text(event.text, s.cell) if has_code(event.text) else Paragraph(prose_markup(event.text), s.cell)
        )
        if internal:
            extra = []
            if event.source:
                extra.append(f"source: {event.source}")
            if event.actor_role is not None:
                extra.append(event.actor_role.label.lower())
            if event.audience is Audience.PUBLIC:
                extra.append("public")
            if extra:
                # a second, one-style line (drawn straight when it fits): much cheaper to lay out
                # than a mixed-style paragraph
                line = one_line(" · ".join(extra), s.cell_muted, widths[time_columns + 1] - 10)
                what = [*(what if isinstance(what, list) else [what]), line]
        row += [wrapped_label(event.kind.label, widths[time_columns] - 10, 8.5), what]
        if internal:
            row.append(evidence_cell(event.evidence_url, widths[-1] - 10))
        rows.append(row)
    style = grid_style(rows=len(rows) + 1)
    style.add("FONT", (0, 1), (time_columns - 1, -1), MONO, 7.8, 10)
    style.add("FONT", (time_columns, 1), (time_columns, -1), SANS, 8.5, 11)
    style.add("TEXTCOLOR", (0, 1), (time_columns, -1), INK)
    for start in range(0, len(rows), TIMELINE_CHUNK):
        chunk = [head, *rows[start : start + TIMELINE_CHUNK]]
        table = text_table(chunk, widths, repeat_rows=1)
        table.setStyle(style)
        out.append(table)
    return out


def wrapped_label(label: str, width: float, size: float) -> str:
    """A short label (an event's kind) as a plain table string that fits ``width`` points: broken
    at spaces onto more lines where it is wider ("Turned into / an action"), never drawn over the
    next column."""
    lines: list[str] = []
    for word in label.split():
        if lines and stringWidth(f"{lines[-1]} {word}", SANS, size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)
