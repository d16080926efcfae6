"""Building blocks of the postmortem PDF: bookmarked headings, the contents slot, tables that break
well across pages, one-line cells and what a person wrote.

Everything that turns a heading into a bookmark or user text into flowables lives here (and
every URL into a link in :mod:`.pdf_links`), so the section builders (:mod:`.pdf_sections`,
:mod:`.pdf_timeline`, :mod:`.pdf_factors`, :mod:`.pdf_actions`) only decide *what* to show.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table

from .code_text import blocks, code_markup, prose_markup
from .content import Section
from .fonts import SANS, current_fonts
from .paragraphs import Paragraph
from .scripts import drawn_as_is
from .styles import MUTED, hexcolour, styles
from .text import escape, inline

ROW_SPLIT_MIN = 36.0
"""A tall row is cut at a page end only where at least this much of it (about three lines) fits."""
TALL_ROW = 240.0
"""Rows taller than this (a third of a page) are cut at the page end rather than moved on whole."""
ORPHAN_ROOM = 400.0
"""A table whose first two rows take less than this never leaves a single row at a page foot."""


class Heading(Paragraph):
    """A heading that leaves a PDF bookmark (outline entry) where it is drawn."""

    def __init__(self, text: str, style: ParagraphStyle, key: str, title: str, level: int = 0) -> None:
        super().__init__(text, style)
        self.bookmark = (key, title, level)

    def draw(self) -> None:
        key, title, level = self.bookmark
        mark = getattr(self.canv, "mark_bookmark", None)
        if mark is not None:
            mark(key, title, level, self.height)
        super().draw()


class TocSlot(Flowable):
    """Reserved space where the canvas writes the table of contents once page numbers are known."""

    def __init__(self, sections: list[Section]) -> None:
        super().__init__()
        self.sections = sections
        self.height = 18.0 * len(sections) + 4

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        reserve = getattr(self.canv, "reserve_toc", None)
        if reserve is not None:
            reserve(self.sections, self.width, self.height)


def section_heading(section: Section) -> list[Flowable]:
    """A top-level heading, moved to the next page when fewer than ~120 pt are left on this one.

    (A ``keepWithNext`` heading would drag a whole long table to the next page with it.)
    """
    return [CondPageBreak(120), Heading(escape(section.title), styles().h1, section.key, section.title)]


class TextTable(Table):
    """A table of user text whose rows may be split across pages when they are tall.

    A pasted stack trace can make one row taller than a page, and a table that breaks only
    *between* rows then cannot be laid out at all (reportlab's LayoutError). Here the row that
    straddles the page end is cut when it is taller than :data:`TALL_ROW` (so it fills the page
    instead of leaving a hole) and at least :data:`ROW_SPLIT_MIN` of it fits; shorter rows move
    to the next page whole, as before, and never alone: a split that would carry a single row
    over (a last page holding one row) carries two. Deciding on the first split keeps the continued part off
    the current page: reportlab's own fallback would draw it below, under a second header.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)  # type: ignore[attr-defined]  # reportlab's row measuring
        tall = self._straddling_row_height(availHeight) > TALL_ROW
        self.splitByRow, self.splitInRow = (0, ROW_SPLIT_MIN) if tall else (1, 0)  # type: ignore[assignment]  # points, not rows
        try:
            parts = super().split(availWidth, availHeight)
            if not tall and len(parts) == 2:
                parts = self._no_lone_row(parts, availWidth)
        finally:
            self.splitByRow, self.splitInRow = 1, 0
        for part in parts:  # the parts were made with this split's settings: each decides afresh
            if isinstance(part, Table):
                part.splitByRow, part.splitInRow = 1, 0
        return parts

    def _no_lone_row(self, parts: list[Flowable], avail_width: float) -> list[Flowable]:
        """Split one row earlier when only one row would go on (a page holding a single row)."""
        first, rest = parts
        header = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        kept = len(first._cellvalues)  # type: ignore[attr-defined]
        moved = len(rest._cellvalues) - header  # type: ignore[attr-defined]
        if kept - header < 2 and self._rowHeights and sum(self._rowHeights[:header]) + 2 * max(self._rowHeights) < ORPHAN_ROOM:  # type: ignore[attr-defined]
            return []  # a single row at the foot of a page: the table starts on the next one instead
        if moved != 1 or kept - header < 3:
            return parts
        room = sum(self._rowHeights[: kept - 1]) + 0.01  # type: ignore[attr-defined]
        again = super().split(avail_width, room)
        return again if len(again) == 2 else parts

    def _straddling_row_height(self, avail_height: float) -> float:
        """The height of the first row that does not fit in ``avail_height`` (0 when all fit)."""
        used = 0.0
        for height in self._rowHeights:  # type: ignore[attr-defined]  # measured by split's _calc
            used += height
            if used > avail_height:
                return float(height)
        return 0.0


class RoomForStart(CondPageBreak):
    """A section's page break that asks for room for its heading, its note *and* the table's start.

    A plain ``CondPageBreak(120)`` let a heading and its note stay at a page foot while the table
    below moved on (it never leaves a single row behind): an orphaned heading. This asks for the
    heading and what follows it up to the table, plus the table's header and first two rows
    (or the whole table when it is shorter), and at least ``minimum``.
    """

    def __init__(self, lead: list[Flowable], table: Table, minimum: float = 120.0) -> None:
        super().__init__(minimum)
        self.lead, self.table, self.minimum = lead, table, minimum

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        canvas = getattr(self, "canv", None)  # set by wrapOn; a bare wrap() measures without one
        needed = 0.0
        for flowable in self.lead:  # a heading's space before counts too: this is mid-page
            height = flowable.wrapOn(canvas, availWidth, 0xFFFFFFF)[1]  # type: ignore[arg-type]
            needed += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        table = self.table
        table._calc(availWidth, 0xFFFFFFF)  # type: ignore[attr-defined]  # reportlab's row measuring
        header = table.repeatRows if isinstance(table.repeatRows, int) else len(table.repeatRows)
        needed += sum(table._rowHeights[: header + 2]) + table.getSpaceBefore()  # type: ignore[attr-defined]
        self.height = max(self.minimum, needed)
        return super().wrap(availWidth, availHeight)


def room_for_tables(flowables: list[Flowable]) -> list[Flowable]:
    """``flowables`` with each section's ``CondPageBreak`` before a heading and a table (within
    the next few flowables) replaced by a :class:`RoomForStart` for that table."""
    out = list(flowables)
    for i, flowable in enumerate(out):
        if type(flowable) is not CondPageBreak or i + 1 >= len(out) or not isinstance(out[i + 1], Heading):
            continue
        for j in range(i + 2, min(i + 5, len(out))):
            if isinstance(out[j], Heading):
                break
            table = out[j]
            if isinstance(table, TextTable):
                out[i] = RoomForStart(out[i + 1 : j], table, flowable.height)
                break
    return out


class KeepStart(KeepTogether):
    """Keeps a heading with its text, like KeepTogether, unless the whole is taller than a page.

    KeepTogether moves content that does not fit to the next page even when it could never fit
    on one, leaving a hole (a lone section heading on an otherwise empty page). A block taller
    than a page starts where it is, as long as its heading and the first few lines of its text
    fit; otherwise on the next page. The document uses this class for ``keepWithNext`` too.
    """

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        size = super().wrap(aW, aH)
        # KeepTogether leaves out the first flowable's space before, which the frame adds below
        # another flowable (not at the top of a page): without it a heading seems to fit here,
        # and what it should keep moves on without it
        shown = [f for f in self._content if not isinstance(f, CondPageBreak)]  # type: ignore[attr-defined]
        self._space_before = shown[0].getSpaceBefore() if shown else 0.0
        self._H += self._space_before  # type: ignore[attr-defined]  # KeepTogether's measured height
        # the heading (and note) to keep with the first lines of the text; a CondPageBreak is
        # not wrapped here: wrapping one that does not fit asks the frame for a page break
        self._lead = sum(f.wrapOn(self.canv, aW, 0xFFFFFFF)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in shown[:-1])
        return size

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        page = frame._height if frame is not None else aH
        on_a_fresh_page: float = self._H - self._space_before  # type: ignore[attr-defined]
        if on_a_fresh_page > page:  # it can never be kept together: start here if its beginning fits
            return [CondPageBreak(self._lead + ROW_SPLIT_MIN), *self._content]  # type: ignore[attr-defined]
        return super().split(aW, aH)


#: What a table cell holds: plain text (drawn as it is, the cheapest), a flowable, or flowables stacked.
Cell = str | Flowable | list[Flowable]


def text_table(rows: Sequence[Sequence[Cell]], col_widths: Sequence[float | None], *, repeat_rows: int = 0) -> Table:
    """A left-aligned :class:`TextTable`: every table holding user text is made here."""
    return TextTable(rows, colWidths=col_widths, repeatRows=repeat_rows, hAlign="LEFT")  # type: ignore[arg-type]  # lists, as the stubs want


class TextLine(Flowable):
    """One line of plain text drawn straight on the canvas in a paragraph style's face and colour.

    Made by :func:`one_line` only for text the style's face draws itself and that fits the width:
    a thousand timeline rows each carry such a line (``source: Slack · public``).
    """

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, float(self.style.leading)
        return self.width, self.height

    def draw(self) -> None:
        style = self.style
        self.canv.setFont(style.fontName, style.fontSize)
        self.canv.setFillColor(style.textColor)
        self.canv.drawString(style.leftIndent, self.height - style.fontSize, self.text)


def one_line(text: str, style: ParagraphStyle, width: float) -> Flowable:
    """``text`` (user text, not markup) as a :class:`TextLine` when it fits on one line, else a Paragraph."""
    fits = stringWidth(text, style.fontName, style.fontSize) <= width - style.leftIndent - style.rightIndent
    if fits and drawn_as_is(text, style.fontName, current_fonts()):
        return TextLine(text, style)
    return Paragraph(inline(text), style)


def plain_cell(text: str, width: float) -> str | Paragraph:
    """``text`` as a plain table string when it is one line the regular face draws itself.

    A plain string skips the Paragraph's markup parsing and line breaking; the table must set
    the cell style's font (``grid_style`` does) and colour. Anything longer, or in a script the
    regular face lacks, is a Paragraph in the cell style, with escaping and font fallback.
    """
    cell = styles().cell
    if "\n" not in text and drawn_as_is(text, SANS, current_fonts()) and stringWidth(text, SANS, cell.fontSize) <= width:
        return text
    return Paragraph(escape(text), cell)


MUTED_HEX = hexcolour(MUTED)


def muted(text: str) -> str:
    return f'<font color="{MUTED_HEX}">{text}</font>'


def user_text(text: str, style: ParagraphStyle) -> list[Flowable]:
    """What a person wrote: prose paragraphs with live links, pasted logs as monospace blocks."""
    parts = blocks(text)
    if len(parts) <= 1 and (not parts or parts[0][0] == "prose"):
        return [Paragraph(prose_markup(text), style)]
    code_style = styles().code
    return [Paragraph(prose_markup(chunk), style) if kind == "prose" else Paragraph(code_markup(chunk), code_style) for kind, chunk in parts]
