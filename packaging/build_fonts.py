"""Rebuild the report fonts in resources/fonts from their upstream files (run by hand, rarely).

The committed fonts are the output of this script, so anyone can check where each came from:

* Noto Sans (4 styles), Noto Sans Arabic / Hebrew / Devanagari, Noto Looped Thai (regular,
  bold; saved as NotoSansThai-*), Noto Sans Symbols 2: Debian ``fonts-noto-core``, copied unchanged except for a subset to the scripts'
  own blocks (keeps the package small).
* Noto Sans CJK KR (Hangul only): Debian ``fonts-noto-cjk`` ships it as CFF (OpenType/PostScript
  outlines), which reportlab cannot embed; the Hangul subset is converted to TrueType outlines
  here (cubic → quadratic curves with fontTools' cu2qu, 1 font unit tolerance).
* Noto Emoji (monochrome): the OFL variable font shipped in the PyPI wheel ``manimgx-fonts``;
  instanced at weight 400 (reportlab draws only static TrueType) and subset to emoji.

Usage: ``python packaging/build_fonts.py [CJK .ttc] [NotoEmoji[wght].ttf]`` (needs fontTools).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.varLib import instancer

NOTO = Path("/usr/share/fonts/truetype/noto")
OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts"

COMMON = [(0x0000, 0x024F), (0x02B0, 0x036F), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x25CC, 0x25CC)]
SCRIPTS: dict[str, list[tuple[int, int]]] = {
    "NotoSans": [(0x0000, 0x1FFF), (0x2000, 0x2BFF), (0x2C60, 0x2C7F), (0x2DE0, 0x2E7F), (0xA640, 0xA7FF), (0xFB00, 0xFB06), (0xFE20, 0xFE2F), (0xFFF0, 0xFFFF)],
    "NotoSansArabic": [(0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)],
    "NotoSansHebrew": [(0x0590, 0x05FF), (0xFB1D, 0xFB4F)],
    "NotoSansDevanagari": [(0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF)],
    "NotoSansThai": [(0x0E00, 0x0E7F)],
    "NotoSansSymbols2": [(0x2000, 0x2BFF), (0x1F000, 0x1FBFF)],
}
# Thai body text reads best in the traditional looped letterforms (Noto Sans Thai is loopless).
SOURCES = {"NotoSansThai": "NotoLoopedThai"}
HANGUL = [(0x1100, 0x11FF), (0x3000, 0x303F), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xFF00, 0xFFEF)]
EMOJI = [(0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2139), (0x2194, 0x21AA), (0x231A, 0x23FF), (0x24C2, 0x24C2), (0x25AA, 0x27BF), (0x2934, 0x2935), (0x2B05, 0x2B55), (0x3030, 0x303D), (0x3297, 0x3299), (0xFE0F, 0xFE0F), (0x1F000, 0x1FAFF), (0x200D, 0x200D), (0x20E3, 0x20E3), (0xE0020, 0xE007F)]


def _codes(ranges: list[tuple[int, int]]) -> list[int]:
    return [c for lo, hi in ranges + COMMON for c in range(lo, hi + 1)]


def _subset(font: TTFont, ranges: list[tuple[int, int]], out: Path) -> None:
    options = subset.Options()
    options.layout_features = ["*"]  # keep every OpenType feature: the shaper needs them
    options.name_IDs = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False  # print and screen at PDF scale do not use TrueType hinting
    sub = subset.Subsetter(options)
    sub.populate(unicodes=_codes(ranges))
    sub.subset(font)
    font.save(out)
    print(f"{out.name}: {out.stat().st_size // 1024} KiB")


def _to_truetype(font: TTFont) -> None:
    """Replace CFF outlines by TrueType ones (quadratic), in place."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["maxp"].tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(font["maxp"], attr, 0)
    font["maxp"].maxZones = 1
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"


def main(cjk: str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", emoji: str = "") -> None:
    for family, ranges in SCRIPTS.items():
        styles = ("Regular", "Bold", "Italic", "BoldItalic") if family == "NotoSans" else ("Regular", "Bold")
        if family == "NotoSansSymbols2":
            styles = ("Regular",)
        for style in styles:
            source = NOTO / f"{SOURCES.get(family, family)}-{style}.ttf"
            _subset(TTFont(source), ranges, OUT / f"{family}-{style}.ttf")
    collection = TTCollection(cjk)
    korean = next(f for f in collection.fonts if "KR" in f["name"].getDebugName(1) and "Mono" not in f["name"].getDebugName(1))
    _subset(korean, HANGUL, OUT / "NotoSansKR-Hangul.tmp.otf")
    korean = TTFont(OUT / "NotoSansKR-Hangul.tmp.otf")
    _to_truetype(korean)
    korean.save(OUT / "NotoSansKR-Hangul.ttf")
    (OUT / "NotoSansKR-Hangul.tmp.otf").unlink()
    print(f"NotoSansKR-Hangul.ttf: {(OUT / 'NotoSansKR-Hangul.ttf').stat().st_size // 1024} KiB")
    if emoji:
        static = instancer.instantiateVariableFont(TTFont(emoji), {"wght": 400})
        _subset(static, EMOJI, OUT / "NotoEmoji-Regular.ttf")
    write_coverage()


def write_coverage(folder: Path = OUT) -> None:
    """``coverage.txt``: every code point some report font maps, as hex ranges (one per line)."""
    codes: set[int] = set()
    for path in sorted(folder.glob("*.ttf")):
        codes |= set(TTFont(path).getBestCmap())
    lines: list[str] = []
    ordered = sorted(codes)
    start = prev = ordered[0]
    for code in [*ordered[1:], -1]:
        if code != prev + 1:
            lines.append(f"{start:X}" if start == prev else f"{start:X}-{prev:X}")
            start = code
        prev = code
    (folder / "coverage.txt").write_text("\n".join(lines) + "\n", encoding="ascii")


if __name__ == "__main__":
    main(*sys.argv[1:])
