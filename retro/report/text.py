"""User text → safe Paragraph markup, with per-character font fallback.

User text is content, never markup: ``&``, ``<`` and ``>`` are escaped and line breaks become
``<br/>``. The report's Paragraph (:mod:`.paragraphs`) then sets each run of characters in a face
that has them; a character no bundled font has becomes a visible ``[U+XXXX]`` placeholder.
"""

from __future__ import annotations

import re
import unicodedata

from .paragraphs import PLACEHOLDER_COLOR, placeholder

_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` so reportlab's Paragraph parser shows them as typed."""
    return text.translate(_ESCAPES)


def para(text: str) -> str:
    """Paragraph markup that shows ``text`` exactly as typed (line breaks kept)."""
    lines = _NEWLINES.split(text.replace("\t", "    "))
    return "<br/>".join(_line(line) for line in lines)


def inline(text: str) -> str:
    """Like :func:`para` but line breaks become spaces (for titles and table cells kept short)."""
    return _line(" ".join(_NEWLINES.split(text.replace("\t", " "))))


def _line(text: str) -> str:
    """One line of user text as markup; fonts per script are chosen later, per fragment
    (:class:`retro.report.paragraphs.Paragraph`), so bold text gets bold faces too."""
    if text.isascii() and text.isprintable():
        return escape(text)
    return "".join(
        escape(ch) if _drawable(ch) else f'<font color="{PLACEHOLDER_COLOR}">{placeholder(ch)}</font>' for ch in text
    )


def _drawable(char: str) -> bool:
    """False for control and surrogate characters, which no font draws visibly."""
    return unicodedata.category(char) not in ("Cc", "Cs", "Co", "Cn") or char == " "


def plain(text: str) -> str:
    """Text for places that are not Paragraphs (bookmarks, metadata): one line, no controls."""
    one_line = " ".join(_NEWLINES.split(text))
    return "".join(ch if _drawable(ch) else placeholder(ch) for ch in one_line).strip()


def bookmark_title(title: str, limit: int = 80) -> str:
    """A bookmark's text: one line, cut at a word with an ellipsis when longer than ``limit``."""
    text = plain(title)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:—-") + "…"
