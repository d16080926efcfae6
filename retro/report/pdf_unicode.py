"""Two mends to reportlab's text output so every character extracts as typed.

* **ToUnicode beyond U+FFFF.** reportlab writes each glyph's character as four hex digits, so an
  emoji (U+1F600) became an unreadable five-digit entry: drawn, but not searchable or read
  aloud. :func:`_to_unicode_cmap` writes UTF-16 (surrogate pairs), as the PDF format defines.
* **ActualText for shaped words.** HarfBuzz turns Devanagari and Thai into glyphs that are
  reordered (the vowel sign ि is drawn before its consonant) or have no character of their own
  (conjuncts). Each shaped word is wrapped in a marked-content span whose ``/ActualText`` holds
  the word as typed, so copy, search and screen readers get the letters, in logical order.

:func:`install` applies both once; :func:`retro.report.fonts.report_fonts` calls it when it registers
the fonts, naming the faces that are shaped (this module knows no font of its own).
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import ttfonts
from reportlab.pdfgen import textobject
from reportlab.platypus import paragraph

_installed = False
_lock = threading.Lock()


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    entries = []
    for i, code in enumerate(subset):
        try:
            target = _utf16_hex(chr(code))
        except (ValueError, UnicodeEncodeError):
            target = "FFFD"
        entries.append(f"<{i:02X}> <{target}>")
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    for start in range(0, len(entries), 100):  # at most 100 entries per block (PDF spec)
        chunk = entries[start : start + 100]
        lines += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def _shaped_word(original, shaped_faces):  # type: ignore[no-untyped-def]
    def shape(w, *args, **kwargs):  # type: ignore[no-untyped-def]
        pieces = w[1:]
        if not any(getattr(f, "fontName", None) in shaped_faces for f, _ in pieces if not hasattr(f, "cbDefn")):
            return w  # only the scripts that need it are shaped: Latin stays fast and plain
        new = original(w, *args, **kwargs)
        if new is w:
            return w
        for f, s in new[1:]:
            if isinstance(s, ttfonts.ShapedStr):
                s.actual = "".join(text for g, text in pieces if g is f) or None
        return new

    return shape


def _add(original):  # type: ignore[no-untyped-def]
    def add(self, other):  # type: ignore[no-untyped-def]
        out = original(self, other)
        mine = getattr(self, "actual", None)
        theirs = getattr(other, "actual", None) if isinstance(other, ttfonts.ShapedStr) else str(other)
        if mine is not None and theirs is not None:
            out.actual = mine + theirs
        return out

    return add


def _radd(original):  # type: ignore[no-untyped-def]
    def radd(self, other):  # type: ignore[no-untyped-def]
        out = original(self, other)
        mine = getattr(self, "actual", None)
        if mine is not None and not isinstance(other, ttfonts.ShapedStr):
            out.actual = str(other) + mine
        return out

    return radd


def _format_text(original):  # type: ignore[no-untyped-def]
    def format_text(self, text):  # type: ignore[no-untyped-def]
        out = original(self, text)
        actual = getattr(text, "actual", None)
        if actual and isinstance(text, ttfonts.ShapedStr):
            return f"/Span <</ActualText <FEFF{_utf16_hex(actual)}>>> BDC {out} EMC"
        return out

    return format_text


def install(shaped_faces: frozenset[str]) -> None:
    """Apply the mends (idempotent); words set in ``shaped_faces`` get their ActualText."""
    global _installed
    with _lock:
        if _installed:
            return
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        paragraph.shapeFragWord = _shaped_word(paragraph.shapeFragWord, shaped_faces)
        ttfonts.ShapedStr.__add__ = _add(ttfonts.ShapedStr.__add__)
        ttfonts.ShapedStr.__radd__ = _radd(ttfonts.ShapedStr.__radd__)
        textobject.PDFTextObject._formatText = _format_text(textobject.PDFTextObject._formatText)
        _installed = True
