"""Links in the postmortem PDF: live where a reader can click them, shortened in narrow cells and
written out whole in the appendix for printed copies.

Only web and mail schemes become live links; any other URL is shown as plain text. A thousand
timeline rows each carry an evidence link, so the ones the primary face draws are drawn
straight on the canvas (:class:`EvidenceLink`) instead of laid out as Paragraphs.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .fonts import MONO, SANS, current_fonts
from .paragraphs import Paragraph
from .styles import LINK, hexcolour, styles
from .text import escape, inline

LINK_SCHEMES = ("http", "https", "mailto", "ftp")
LINK_HEX = hexcolour(LINK)


def link(url: str, label: str | None = None) -> str:
    """A live link for ``url`` (only web and mail schemes), else the URL shown as plain text."""
    url = url.strip()
    if not url:
        return ""
    shown = inline(label if label is not None else short_url(url))
    if urlsplit(url).scheme.lower() not in LINK_SCHEMES:
        return shown
    href = escape(url).replace('"', "&quot;")
    return f'<a href="{href}" color="{LINK_HEX}">{shown}</a>'


def evidence_link(url: str) -> str:
    """A two-line live link for a narrow column: the host, then the end of the path."""
    lines = evidence_lines(url)
    if len(lines) == 1 and lines[0] == url.strip():
        return link(url)
    if urlsplit(url.strip()).scheme.lower() not in LINK_SCHEMES:
        return inline(url)
    href = escape(url.strip()).replace('"', "&quot;")
    return f'<a href="{href}" color="{LINK_HEX}">{"<br/>".join(inline(line) for line in lines)}</a>'


def evidence_lines(url: str) -> list[str]:
    """``["grafana.example.com", "…/overview"]``: what a narrow evidence cell shows of a URL."""
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return [url.strip()]
    tail = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if parts.query and not tail:
        tail = "?" + parts.query
    tail = tail if len(tail) <= 22 else tail[:21] + "…"
    host = parts.netloc if len(parts.netloc) <= 26 else parts.netloc[:25] + "…"
    return [host, "…/" + tail] if tail else [host]


class EvidenceLink(Flowable):
    """A live link drawn straight on the canvas: the cheap way to fill a thousand table cells.

    Used only when every character is in the primary font and the lines fit the column; otherwise
    :func:`evidence_cell` returns an ordinary Paragraph (with escaping and font fallback).
    """

    FONT, SIZE, LEADING = SANS, 8.5, 11.0

    def __init__(self, url: str, lines: list[str]) -> None:
        super().__init__()
        self.url = url
        self.lines = lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.LEADING * len(self.lines)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.FONT, self.SIZE)
        canvas.setFillColor(LINK)
        y = self.height - self.SIZE
        for line in self.lines:
            canvas.drawString(0, y, line)
            y -= self.LEADING
        canvas.linkURL(self.url, (0, 0, self.width, self.height), relative=1, thickness=0)


def evidence_cell(url: str, width: float) -> Flowable | str:
    """The timeline's evidence cell for ``url`` (empty when there is none)."""
    url = url.strip()
    if not url:
        return ""
    lines = evidence_lines(url)
    primary = current_fonts().primary
    drawable = all(ord(ch) in primary for line in lines for ch in line)
    if drawable and urlsplit(url).scheme.lower() in LINK_SCHEMES:
        return EvidenceLink(url, [_fit(line, width) for line in lines])
    return Paragraph(evidence_link(url), styles().cell)


class FullLink(EvidenceLink):
    """A URL written out whole in monospace, cut into lines that fill the column (the appendix)."""

    FONT, SIZE, LEADING = MONO, 7.8, 10.0


def full_link_cell(url: str, width: float) -> Flowable:
    """The appendix's cell for ``url``: every character of it, as a live link when it is a web link.

    A printable ASCII URL in a web or mail scheme is drawn straight on the canvas, cut every
    *n* characters (the face is monospaced, so *n* is the column's width over one advance);
    anything else goes through a Paragraph, with escaping and font fallback.
    """
    url = url.strip()
    advance = stringWidth("0", MONO, FullLink.SIZE)
    per_line = int(width // advance)
    if (url.isascii() and url.isprintable() and per_line >= 8 and urlsplit(url).scheme.lower() in LINK_SCHEMES
            and all(ord(ch) in current_fonts().coverage[MONO] for ch in url)):
        return FullLink(url, [url[i : i + per_line] for i in range(0, len(url), per_line)])
    return Paragraph(link(url, label=url), styles().cell_mono)


def _fit(line: str, width: float) -> str:
    """``line`` shortened with "…" until it fits ``width`` points in the evidence font."""
    if stringWidth(line, SANS, EvidenceLink.SIZE) <= width:
        return line
    while len(line) > 2 and stringWidth(line + "…", SANS, EvidenceLink.SIZE) > width:
        line = line[:-1]
    return line.rstrip("…") + "…"


def ticket_label(url: str) -> str:
    """``PAY-814`` for ``https://tracker.example.com/browse/PAY-814``; else a short URL."""
    parts = urlsplit(url.strip())
    tail = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if tail and len(tail) <= 16:
        return tail
    return short_url(url, 16)


def short_url(url: str, limit: int = 44) -> str:
    """``grafana.example.com/d/abc…``: the host and the start of the path."""
    parts = urlsplit(url)
    text = (parts.netloc + parts.path) if parts.netloc else url
    text = text.rstrip("/") or url
    return text if len(text) <= limit else text[: limit - 1] + "…"
