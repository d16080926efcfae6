"""The postmortem PDF: page template, single-pass build, table of contents, bookmarks, metadata.

The document is built in one platypus pass. :class:`PostmortemCanvas` holds every page back
until the end, so it knows the page count ("Page X of Y") and the page of every section: it then
writes the table of contents into the space reserved on the cover, adds the bookmarks and draws
the marking, header and footer on each page. The PDF is built in memory and written atomically
(:func:`retro.report.atomic.write_atomically`), so a failure never leaves a half-written file.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from retro import __version__
from retro.domain import Audience, Retro, Role

from . import content, pdf_actions, pdf_appendix, pdf_archival, pdf_factors, pdf_story, pdf_timeline
from . import pdf_sections as sections
from .atomic import write_atomically
from .audience import for_audience
from .content import Section
from .errors import ReportCancelled, ReportError, ReportLayoutError
from .fonts import SANS, SANS_BOLD, report_fonts
from .open_questions import pdf_open_questions
from .pdf_blocks import Heading, KeepStart, room_for_tables
from .styles import ACCENT, LINK, MUTED, RULE
from .text import bookmark_title, plain

PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 44.0, 58.0, 50.0
FRAME_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
LANGUAGE = "en-GB"
MARK_RED = colors.HexColor("#b3261e")

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


class PostmortemCanvas(Canvas):
    """A canvas that keeps pages until :meth:`save`, then numbers and decorates them."""

    marking = ""
    kind = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["lang"] = LANGUAGE
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []
        self._page_bookmarks: list[tuple[str, str, int, float]] = []
        self._toc: tuple[int, float, float, float, list[Section]] | None = None

    # called by flowables while drawing ------------------------------------------------------------

    def mark_bookmark(self, key: str, title: str, level: int, height: float) -> None:
        """Remember a bookmark at the current position (added when the page is written)."""
        top = self._currentMatrix[5] + height
        self._page_bookmarks.append((key, title, level, top))

    def reserve_toc(self, toc_sections: list[Section], width: float, height: float) -> None:
        e, f = self._currentMatrix[4:6]
        self._toc = (len(self._held_pages), e, f + height, width, toc_sections)

    # page handling ---------------------------------------------------------------------------------

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._page_bookmarks = []
        self._startPage()

    def save(self) -> None:
        pages = self._held_pages
        total = len(pages)
        first_page = {}
        for index, state in enumerate(pages):
            for key, *_ in state["_page_bookmarks"]:
                first_page.setdefault(key, index + 1)
        toc = self._toc
        annotations = self._annotationCount  # the highest number used so far: new ones go above it
        for index, state in enumerate(pages):
            self.__dict__.update(state)
            self._annotationCount = annotations
            for key, title, level, top in state["_page_bookmarks"]:
                self.bookmarkPage(key, fit="XYZ", left=0, top=top + 6)
                self.addOutlineEntry(bookmark_title(title), key, level=level)
            self._decorate(index + 1, total)
            if toc is not None and toc[0] == index:
                self._draw_toc(toc, first_page)
            annotations = self._annotationCount
            Canvas.showPage(self)
        self.showOutline()
        pdf_archival.apply(self, LANGUAGE)
        Canvas.save(self)

    def _decorate(self, number: int, total: int) -> None:
        self.saveState()
        internal = self.marking.startswith("Internal")
        self.setFillColor(LINK.clone() if not internal else MARK_RED)
        self.setFont(SANS_BOLD, 8.5)
        self.drawString(MARGIN_X, PAGE_H - 30, self.marking.upper())
        self.setFillColor(MUTED)
        self.setFont(SANS, 8)
        self.drawRightString(PAGE_W - MARGIN_X, PAGE_H - 30, self.kind)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.6)
        self.line(MARGIN_X, PAGE_H - 36, PAGE_W - MARGIN_X, PAGE_H - 36)
        self.line(MARGIN_X, 36, PAGE_W - MARGIN_X, 36)
        self.drawString(MARGIN_X, 24, self.marking)
        self.drawRightString(PAGE_W - MARGIN_X, 24, f"Page {number} of {total}")
        self.restoreState()

    def _draw_toc(self, toc: tuple[int, float, float, float, list[Section]], first_page: dict[str, int]) -> None:
        _, x, top, width, toc_sections = toc
        self.saveState()
        y = top - 13
        for section in toc_sections:
            page = first_page.get(section.key)
            self.setFont(SANS, 10)
            self.setFillColor(ACCENT)
            self.drawString(x + 4, y, section.title)
            number = str(page) if page else "—"
            title_end = x + 4 + self.stringWidth(section.title, SANS, 10) + 6
            num_start = x + width - 4 - self.stringWidth(number, SANS, 10) - 6
            self.setFillColor(RULE)
            dots = max(0, int((num_start - title_end) / self.stringWidth(".", SANS, 10)))
            if dots:
                self.drawString(title_end, y, "." * dots)
            self.setFillColor(ACCENT)
            self.drawRightString(x + width - 4, y, number)
            if page:
                self.linkRect("", section.key, (x, y - 4, x + width, y + 12), relative=0, thickness=0)
            y -= 18
        self.restoreState()


class _PostmortemDoc(BaseDocTemplate):
    """Counts flowables for the progress bar and stops when the person cancels."""

    def __init__(self, buffer: io.BytesIO, *, total: int, progress: Progress | None, is_cancelled: IsCancelled | None, **kw: Any) -> None:
        super().__init__(buffer, pagesize=A4, initialFontName=SANS, initialFontSize=9.5, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, keepTogetherClass=KeepStart, **kw)
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._total = total
        self._done = 0
        self._progress = progress
        self._is_cancelled = is_cancelled
        self.last_heading = ""  # the section being laid out, to say where a layout failure happened

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            self.last_heading = flowable.bookmark[1]
        self._done += 1
        if self._is_cancelled is not None and self._is_cancelled():
            raise ReportCancelled("The export was cancelled; no file was written.")
        if self._progress is not None:
            self._progress(min(self._done, self._total), self._total)


def story(retro: Retro, audience: Audience, related: Sequence[Retro] = ()) -> list[Flowable]:
    """Every flowable of the report for ``audience``, from a retro already cut for it.

    ``related`` are other retros of the library (the internal report lists those that share
    contributing factors, with their open actions); the caller chooses and loads them.
    """
    report_fonts()
    internal = audience is Audience.INTERNAL
    open_findings = content.open_findings(retro) if internal else []  # read once: it checks every field's wording
    toc = content.sections(retro, audience, open_findings)
    told = pdf_story.story(retro) if internal else []
    seen_before = pdf_story.related(retro, related) if internal and related else []
    appendix = pdf_appendix.links_appendix(retro, audience, FRAME_W)
    approved = pdf_appendix.approved_appendix(retro, audience, FRAME_W)
    if told:
        toc.insert(toc.index(content.SUMMARY) + 1 if content.SUMMARY in toc else 0, pdf_story.STORY)
    if seen_before:
        toc.insert(toc.index(content.FACTORS) + 1 if content.FACTORS in toc else len(toc), pdf_story.RELATED)
    if appendix:
        toc = [*toc, pdf_appendix.LINKS]
    if approved:
        toc = [*toc, pdf_appendix.APPROVED]
    out: list[Flowable] = sections.cover(retro, audience, toc)
    out += sections.summary(retro, audience)
    out += told
    out += sections.impact(retro)
    if audience is Audience.INTERNAL:
        out += sections.participants(retro)
    out += pdf_timeline.timeline(retro, audience, FRAME_W)
    out += pdf_factors.factors(retro, audience, FRAME_H - 90)  # room for the heading and intro
    out += seen_before
    if audience is Audience.INTERNAL:
        out += sections.accountability(retro)
    out += pdf_actions.actions(retro, audience, FRAME_W)
    if audience is Audience.INTERNAL:
        out += sections.review(retro)
        out += sections.lessons(retro)
        out += pdf_open_questions(retro)  # parked topics left open (issue 11)
        out += sections.findings(retro, FRAME_W, open_findings)
    out += appendix
    out += approved
    return room_for_tables(out)


def render_pdf(
    retro: Retro,
    audience: Audience,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
    related: Sequence[Retro] = (),
) -> bytes:
    """The PDF for ``audience`` as bytes (private notes never included; public cut for customers)."""
    report_fonts()
    view = for_audience(retro, audience)
    if is_cancelled is not None and is_cancelled():
        raise ReportCancelled("The export was cancelled; no file was written.")
    doc: _PostmortemDoc | None = None
    try:
        flowables = story(view, audience, related)
        buffer = io.BytesIO()
        doc = _PostmortemDoc(buffer, total=len(flowables), progress=progress, is_cancelled=is_cancelled, **metadata(view, audience))
        canvas_class = type(
            "Canvas",
            (PostmortemCanvas,),
            {"marking": content.MARKING[audience], "kind": content.DOC_KIND[audience]},
        )
        doc.build(flowables, canvasmaker=canvas_class)
    except ReportError:
        raise
    except Exception as exc:
        if not isinstance(exc, LayoutError) and not _raised_in_reportlab(exc):
            raise  # a bug of ours: keep its own name and traceback
        raise ReportLayoutError(_layout_reason(exc, doc.last_heading if doc else "")) from exc
    return buffer.getvalue()


def _raised_in_reportlab(exc: BaseException) -> bool:
    """Whether ``exc`` was raised inside reportlab (not in our code that reportlab called)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and str(tb.tb_frame.f_globals.get("__name__", "")).startswith("reportlab")


def _layout_reason(exc: Exception, section: str) -> str:
    """Why the layout failed, in words for the person exporting (reportlab's own text is for logs)."""
    where = f" (in or after the section “{plain(section)[:60]}”)" if section else ""
    if isinstance(exc, LayoutError):
        return f"something in it is too large to fit on a page{where}"
    return f"the PDF library could not lay it out ({type(exc).__name__}){where}"


def metadata(retro: Retro, audience: Audience) -> dict[str, str]:
    """Title, author, subject, keywords and creator for the PDF's document information."""
    inc = retro.incident
    kind = content.DOC_KIND[audience]
    author = "Blameless Retro"
    if audience is Audience.INTERNAL:
        facilitators = [p.name for p in retro.people() if Role.FACILITATOR in p.roles]
        if facilitators:
            author = ", ".join(plain(n) for n in facilitators)
    keywords = ["postmortem", audience.value, inc.severity.label, *inc.services]
    if audience is Audience.INTERNAL:
        keywords += list(inc.tags)
    return {
        "title": plain(inc.title or "Untitled incident"),
        "author": author,
        "subject": f"{kind} — {inc.severity.label} — {content.MARKING[audience]}",
        "keywords": ", ".join(plain(k) for k in keywords if k),
        "creator": f"Blameless Retro {__version__}",
    }


def write_pdf(
    retro: Retro,
    path: str | Path,
    audience: Audience,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
    related: Sequence[Retro] = (),
) -> Path:
    """Write the postmortem PDF for ``audience`` to ``path`` atomically and return the path.

    Raises :class:`ReportError` (nothing left at ``path``, its message naming it) when it cannot
    be written or reportlab cannot lay it out, and :class:`ReportCancelled` when
    ``is_cancelled()`` turns true during the build.
    """
    try:
        data = render_pdf(retro, audience, progress=progress, is_cancelled=is_cancelled, related=related)
    except ReportLayoutError as exc:
        target = Path(path).expanduser().absolute()
        raise ReportError(f"Cannot write the report to {target}: {exc.reason}. Nothing was written.") from exc.__cause__
    return write_atomically(Path(path), data)
