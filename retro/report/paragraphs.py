"""The report's Paragraph: every script drawn by a face that has it, right-to-left lines in order.

It is reportlab's Paragraph with three steps added:

1. after the markup is parsed, each text fragment is cut into font runs for its own style
   (bold Arabic in a bold heading, regular Korean in a table cell), Arabic is joined, and a
   character no bundled font has becomes a red ``[U+XXXX]`` placeholder;
2. a paragraph with Devanagari or Thai is shaped with HarfBuzz (reportlab's ``shaping``);
3. when drawn, each line holding right-to-left text is put into visual order (the bidi
   algorithm in :mod:`.scripts`); lines are broken in logical order first, so wrapping follows
   the reading order, and splitting across pages keeps logical text.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paragraph import _FUZZ  # type: ignore[attr-defined]  # reportlab's own line-fit slack
from reportlab.platypus.paraparser import ParaParser

from . import scripts
from .fonts import SHAPED_FACES, current_fonts

PLACEHOLDER_COLOR = "#b3261e"


def placeholder(char: str) -> str:
    """The visible stand-in for a character no bundled font can draw, e.g. ``[U+1F600]``."""
    return f"[U+{ord(char):04X}]"


class Paragraph(_Paragraph):
    """A Paragraph whose fragments are set in the faces that have their characters."""

    _rtl = False
    _base_rtl = False

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        if frags is None and type(text) is str and _MARKUP.search(text) is None:
            frags = _plain_frags(cleaner(text), style)  # no tags: the markup parser has nothing to do
        super()._setup(text, style, bulletText, frags, cleaner)  # type: ignore[misc]  # not in the stubs
        if all(getattr(f, "text", "").isascii() for f in self.frags):
            return  # the common case: nothing to cut, shape or reorder
        fonts = current_fonts()
        if all(hasattr(f, "cbDefn") or scripts.drawn_as_is(getattr(f, "text", ""), f.fontName, fonts) for f in self.frags):
            return  # Latin with diacritics, Greek, Cyrillic: the fragment's own face draws it all
        self.frags = script_frags(self.frags)
        logical = "".join(getattr(f, "text", "") for f in self.frags)
        self._rtl = scripts.has_rtl(logical)
        self._base_rtl = self._rtl and scripts.base_is_rtl(logical)
        shaped = any(getattr(f, "fontName", "") in SHAPED_FACES for f in self.frags)
        changes: dict[str, Any] = {}
        if shaped and not self.style.shaping:
            changes["shaping"] = 1
        if self._base_rtl and self.style.alignment == TA_LEFT and not bulletText:
            changes["alignment"] = TA_RIGHT
        if changes:
            self.style = _variant(self.style, **changes)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """reportlab's wrap, remembered for the width last asked.

        A table wraps each cell when it measures its rows, again for each split it tries and
        again when it draws, always at the column's width: breaking the lines once per width
        (the lines depend only on the width, the style and the fragments) saves three quarters
        of the line breaking in a long report.
        """
        last = self.__dict__.get("_last_wrap")
        if last is not None and last[0] == availWidth and last[1] is self.style and last[2] is self.frags:
            _, _, _, self.height, self.blPara, self._wrapWidths = last
            self.width = availWidth
            return availWidth, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        if availWidth >= _FUZZ and hasattr(self, "blPara"):
            self._last_wrap = (availWidth, self.style, self.frags, self.height, self.blPara, self._wrapWidths)
        return size

    def draw(self) -> None:
        if not self._rtl or not hasattr(self, "blPara"):
            super().draw()
            return
        logical = self.blPara
        self.blPara = _visual_lines(logical, self._base_rtl)
        try:
            super().draw()
        finally:
            self.blPara = logical


# text with a tag, or an entity other than the four :func:`.text.escape` and links write
_MARKUP = re.compile(r"<|&(?!(?:amp|lt|gt|quot);)")
_UNESCAPE = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&amp;", "&"))
_templates: dict[int, tuple[ParagraphStyle, Any]] = {}


def _plain_frags(text: str, style: ParagraphStyle) -> list[Any] | None:
    """The one fragment reportlab's parser would make of tag-free ``text`` in ``style``.

    A thousand timeline cells are plain escaped text: parsing each (an HTML parser, a fragment
    copied per entity) cost more than breaking its lines. The fragment is a copy of the one the
    parser makes of a single letter in the same style, with the text put in. None (parse it
    after all) when nothing is left to show.
    """
    if not text:
        return None
    found = _templates.get(id(style))
    if found is None or found[0] is not style:
        parsed = ParaParser().parse("x", style)[1]  # type: ignore[no-untyped-call]  # reportlab: no annotations
        found = _templates[id(style)] = (style, parsed[0] if parsed and len(parsed) == 1 else None)
    template = found[1]
    if template is None:
        return None
    for escaped, char in _UNESCAPE:
        text = text.replace(escaped, char)
    return [template.clone(text=text)]


_variants: dict[tuple[int, tuple[tuple[str, Any], ...]], ParagraphStyle] = {}


def _variant(style: ParagraphStyle, **changes: Any) -> ParagraphStyle:
    key = (id(style), tuple(sorted(changes.items())))
    found = _variants.get(key)
    if found is None or found.parent is not style:
        found = ParagraphStyle(f"{style.name}-script", parent=style, **changes)
        _variants[key] = found
    return found


def script_frags(frags: list[Any]) -> list[Any]:
    """``frags`` with their text cut into font runs (already-cut fragments are kept as they are)."""
    fonts = current_fonts()
    out: list[Any] = []
    for frag in frags:
        text = getattr(frag, "text", "")
        if getattr(frag, "_scripted", False) or hasattr(frag, "cbDefn") or not text or (text.isascii() and text.isprintable()) \
                or scripts.drawn_as_is(text, frag.fontName, fonts):
            out.append(frag)
            continue
        base = frag.fontName
        for face, run in scripts.font_runs(text, base, fonts):
            if face is None:
                piece = frag.clone(text=placeholder(run), fontName=base, textColor=_placeholder_colour())
            else:
                if face in scripts.ARABIC_FACES:
                    run = scripts.join_arabic(run, fonts.coverage[face])
                piece = frag.clone(text=run, fontName=face)
            piece._scripted = True
            out.append(piece)
    return out


def _placeholder_colour() -> Any:
    from reportlab.lib import colors

    return colors.HexColor(PLACEHOLDER_COLOR)


def _visual_lines(bl: Any, base_rtl: bool) -> Any:
    """A copy of the broken lines with each right-to-left line in drawing order."""
    out = copy.copy(bl)
    if bl.kind == 0:
        lines = []
        for extra, words in bl.lines:
            text = " ".join(words)
            if scripts.has_rtl(text):
                words = scripts.visual(text, base_rtl).split(" ")
            lines.append((extra, words))
        out.lines = lines
        return out
    lines = []
    for line in bl.lines:
        words = getattr(line, "words", None)
        if words and scripts.has_rtl("".join(getattr(f, "text", "") for f in words)):
            line = copy.copy(line)
            line.words = _visual_frags(words, base_rtl)
        lines.append(line)
    out.lines = lines
    return out


def _visual_frags(words: list[Any], base_rtl: bool) -> list[Any]:
    """One line's fragments cut and reordered so that drawing them left to right reads right."""
    units: list[tuple[int, str]] = []  # (fragment index, character or a whole shaped text)
    classes: list[str] = []
    for index, frag in enumerate(words):
        text = getattr(frag, "text", "")
        if hasattr(frag, "cbDefn") or not isinstance(text, str) or type(text) is not str:
            units.append((index, text))
            classes.append("L" if text else "ON")
            continue
        for char in text:
            units.append((index, char))
            classes.append(scripts._bidi_class(char))
    lv = scripts.levels(classes, base_rtl)
    order = scripts.reorder(lv)
    out: list[Any] = []
    run_index = -1
    run_text: list[str] = []

    def flush() -> None:
        if run_index >= 0:
            frag = words[run_index]
            text = getattr(frag, "text", "")
            if type(text) is not str or hasattr(frag, "cbDefn"):
                out.append(frag)
            else:
                out.append(frag.clone(text="".join(run_text)))

    for i in order:
        index, char = units[i]
        if index != run_index or type(getattr(words[index], "text", "")) is not str or hasattr(words[index], "cbDefn"):
            flush()
            run_index, run_text = index, []
        run_text.append(scripts.mirror(char) if lv[i] % 2 and isinstance(char, str) else char)
    flush()
    return out
