"""Paragraph and table styles of the postmortem PDFs (one place, so every section looks alike)."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from .fonts import MONO, SANS, SANS_BOLD

INK = colors.HexColor("#1d232a")
MUTED = colors.HexColor("#5b6670")
RULE = colors.HexColor("#c9d1d9")
HEADER_FILL = colors.HexColor("#e8edf2")
ZEBRA = colors.HexColor("#f6f8fa")
LINK = colors.HexColor("#0b57d0")
ACCENT = colors.HexColor("#0b3d62")
CODE_FILL = colors.HexColor("#f1f3f5")


class Styles:
    """The named paragraph styles."""

    def __init__(self) -> None:
        base = ParagraphStyle(
            "body", fontName=SANS, bulletFontName=SANS, fontSize=9.5, leading=13.5, textColor=INK, alignment=TA_LEFT
        )
        self.body = base
        self.title = ParagraphStyle("title", base, fontName=SANS_BOLD, fontSize=22, leading=27, textColor=ACCENT, spaceAfter=6)
        self.kind = ParagraphStyle("kind", base, fontSize=11, leading=14, textColor=MUTED, spaceAfter=4)
        self.h1 = ParagraphStyle(
            "h1", base, fontName=SANS_BOLD, fontSize=15, leading=19, textColor=ACCENT, spaceBefore=14, spaceAfter=7
        )
        self.h2 = ParagraphStyle(
            "h2", base, fontName=SANS_BOLD, fontSize=11.5, leading=15, textColor=INK, spaceBefore=10, spaceAfter=4, keepWithNext=1
        )
        self.h3 = ParagraphStyle("h3", base, fontName=SANS_BOLD, fontSize=9.5, leading=13, spaceBefore=6, spaceAfter=2, keepWithNext=1)
        self.para = ParagraphStyle("para", base, spaceAfter=6)
        self.note = ParagraphStyle("note", base, fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=6)
        self.cell = ParagraphStyle("cell", base, fontSize=8.5, leading=11)
        self.bullet = ParagraphStyle("bullet", self.cell, leftIndent=11, bulletIndent=1, spaceAfter=2)
        self.cell_detail = ParagraphStyle("cell_detail", self.cell, fontSize=8, leading=10.5, textColor=INK, leftIndent=8)
        # an action's details, under its row of columns (the 5 pt cell padding plus an indent)
        self.action_detail = ParagraphStyle(
            "action_detail", self.cell_detail, leftIndent=13, rightIndent=5, spaceBefore=0, spaceAfter=4
        )
        self.cell_muted = ParagraphStyle("cell_muted", self.cell, fontSize=7.5, leading=9.5, textColor=MUTED)
        self.cell_head = ParagraphStyle("cell_head", self.cell, fontName=SANS_BOLD, textColor=INK)
        self.cell_mono = ParagraphStyle("cell_mono", self.cell, fontName=MONO, fontSize=7.8, leading=10)
        self.fact_label = ParagraphStyle("fact_label", base, fontName=SANS_BOLD, fontSize=9, leading=12, textColor=MUTED)
        self.fact = ParagraphStyle("fact", base, fontSize=9.5, leading=12.5)
        # pasted logs and stack traces: monospace, line breaks kept, on a light panel
        self.code = ParagraphStyle(
            "code", base, fontName=MONO, fontSize=7.2, leading=9.2, backColor=CODE_FILL, borderPadding=(3, 4, 3, 4),
            spaceBefore=3, spaceAfter=5, leftIndent=4, rightIndent=4, splitLongWords=1,
        )
        self.quote = ParagraphStyle(
            "quote", base, leftIndent=10, borderPadding=(4, 6, 4, 8), spaceAfter=8, spaceBefore=2
        )


@cache
def styles() -> Styles:
    return Styles()


def grid_style(*, header: bool = True, zebra: bool = True, rows: int = 0, rules: bool = True) -> TableStyle:
    """Light rules below the rows, a shaded header row and zebra striping."""
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), SANS, 8.5, 11),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if rules:
        commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE))
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
        ]
    if zebra and rows:
        commands.append(("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1), [colors.white, ZEBRA]))
    return TableStyle(commands)


def hexcolour(colour: colors.Color) -> str:
    """``#0b57d0`` for a reportlab colour, for inline ``<font color>`` markup."""
    return "#" + colour.hexval()[2:]
