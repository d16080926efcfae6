"""User text → safe Paragraph markup, with per-character font fallback.

User text is content, never markup: ``&``, ``<`` and ``>`` are escaped and line breaks become
``<br/>``. Runs of characters DejaVu Sans lacks are wrapped in the CJK fallback font; a character
no bundled font has becomes a visible ``[U+XXXX]`` placeholder, so nothing vanishes silently.
"""

from __future__ import annotations

import re
import unicodedata

from .fonts import CJK, current_fonts

_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ASCII_PRINTABLE = re.compile(r"[ -~\n\r\t]*")
PLACEHOLDER_COLOR = "#b3261e"


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` so reportlab's Paragraph parser shows them as typed."""
    return text.translate(_ESCAPES)


def placeholder(char: str) -> str:
    """The visible stand-in for a character no bundled font can draw, e.g. ``[U+1F600]``."""
    return f"[U+{ord(char):04X}]"


def para(text: str) -> str:
    """Paragraph markup that shows ``text`` exactly as typed (line breaks kept)."""
    lines = _NEWLINES.split(text.replace("\t", "    "))
    return "<br/>".join(_line(line) for line in lines)


def inline(text: str) -> str:
    """Like :func:`para` but line breaks become spaces (for titles and table cells kept short)."""
    return _line(" ".join(_NEWLINES.split(text.replace("\t", " "))))


def _line(text: str) -> str:
    if _ASCII_PRINTABLE.fullmatch(text):
        return escape(text)
    fonts = current_fonts()
    out: list[str] = []
    run: list[str] = []  # characters for the CJK font

    def flush() -> None:
        if run:
            out.append(f'<font name="{CJK}">{escape("".join(run))}</font>')
            run.clear()

    for char in text:
        code = ord(char)
        if code in fonts.primary and _drawable(char):
            flush()
            out.append(escape(char))
        elif code in fonts.fallback and _drawable(char):
            run.append(char)
        else:
            flush()
            out.append(f'<font color="{PLACEHOLDER_COLOR}">{placeholder(char)}</font>')
    flush()
    return "".join(out)


def _drawable(char: str) -> bool:
    """False for control and surrogate characters, which no font draws visibly."""
    return unicodedata.category(char) not in ("Cc", "Cs", "Co", "Cn") or char == " "


def plain(text: str) -> str:
    """Text for places that are not Paragraphs (bookmarks, metadata): one line, no controls."""
    one_line = " ".join(_NEWLINES.split(text))
    return "".join(ch if _drawable(ch) else placeholder(ch) for ch in one_line).strip()
