"""The report's embedded fonts, and which face draws which character in each style.

Noto Sans (four styles) draws Latin, Greek and Cyrillic; each other script has its own Noto face
in regular and bold (Arabic, Hebrew, Devanagari, Thai), then Droid Sans Fallback (Chinese,
Japanese), Noto Sans KR (Hangul, converted to TrueType outlines), Noto Sans Symbols 2, Noto Emoji
(monochrome) and DejaVu Sans as the last, broad fallback. The TTFs ship under ``resources/fonts``
with their licences (see its README for sources and sizes).

Fallback is chosen per style, by coverage: bold text uses the bold face of every script that has
one, so nothing depends on what all styles happen to share. The fonts are registered with
reportlab once per font folder (:func:`report_fonts` is cached); a missing or unreadable file
raises :class:`ReportError` naming the file, so an export never falls back silently to a font
that drops characters.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from retro.resources import resource_path

from . import pdf_unicode
from .errors import ReportError

SANS = "RetroSans"
SANS_BOLD = "RetroSans-Bold"
SANS_OBLIQUE = "RetroSans-Oblique"
SANS_BOLD_OBLIQUE = "RetroSans-BoldOblique"
MONO = "RetroMono"
ARABIC, ARABIC_BOLD = "RetroArabic", "RetroArabic-Bold"
HEBREW, HEBREW_BOLD = "RetroHebrew", "RetroHebrew-Bold"
DEVANAGARI, DEVANAGARI_BOLD = "RetroDevanagari", "RetroDevanagari-Bold"
THAI, THAI_BOLD = "RetroThai", "RetroThai-Bold"
CJK = "RetroCJK"
KOREAN = "RetroKorean"
SYMBOLS = "RetroSymbols"
EMOJI = "RetroEmoji"
WIDE, WIDE_BOLD = "RetroWide", "RetroWide-Bold"  # DejaVu Sans: the broad last resort

FONT_FILES: dict[str, str] = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    SANS_OBLIQUE: "NotoSans-Italic.ttf",
    SANS_BOLD_OBLIQUE: "NotoSans-BoldItalic.ttf",
    MONO: "DejaVuSansMono.ttf",
    ARABIC: "NotoSansArabic-Regular.ttf",
    ARABIC_BOLD: "NotoSansArabic-Bold.ttf",
    HEBREW: "NotoSansHebrew-Regular.ttf",
    HEBREW_BOLD: "NotoSansHebrew-Bold.ttf",
    DEVANAGARI: "NotoSansDevanagari-Regular.ttf",
    DEVANAGARI_BOLD: "NotoSansDevanagari-Bold.ttf",
    THAI: "NotoSansThai-Regular.ttf",
    THAI_BOLD: "NotoSansThai-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    KOREAN: "NotoSansKR-Hangul.ttf",
    SYMBOLS: "NotoSansSymbols2-Regular.ttf",
    EMOJI: "NotoEmoji-Regular.ttf",
    WIDE: "DejaVuSans.ttf",
    WIDE_BOLD: "DejaVuSans-Bold.ttf",
}

# Faces whose scripts need OpenType shaping (HarfBuzz) to read correctly: conjuncts, vowel
# reordering, mark stacking. Arabic is shaped into presentation forms before layout instead
# (see ``scripts.py``), which keeps its text extractable; Hebrew needs only reordering.
SHAPED_FACES = frozenset({DEVANAGARI, DEVANAGARI_BOLD, THAI, THAI_BOLD})

_REGULAR_CHAIN = (ARABIC, HEBREW, DEVANAGARI, THAI, CJK, KOREAN, SYMBOLS, EMOJI, WIDE, WIDE_BOLD, MONO)
_BOLD_CHAIN = (ARABIC_BOLD, HEBREW_BOLD, DEVANAGARI_BOLD, THAI_BOLD, CJK, KOREAN, SYMBOLS, EMOJI, WIDE_BOLD, WIDE, MONO)

# For each base face, the faces tried in order for a character it lacks.
CHAINS: dict[str, tuple[str, ...]] = {
    SANS: (SANS, *_REGULAR_CHAIN, SANS_OBLIQUE),
    SANS_OBLIQUE: (SANS_OBLIQUE, SANS, *_REGULAR_CHAIN, SANS_BOLD_OBLIQUE),
    SANS_BOLD: (SANS_BOLD, *_BOLD_CHAIN, SANS_BOLD_OBLIQUE, SANS_OBLIQUE),
    SANS_BOLD_OBLIQUE: (SANS_BOLD_OBLIQUE, SANS_BOLD, *_BOLD_CHAIN, SANS_OBLIQUE),
    MONO: (MONO, SANS, *_REGULAR_CHAIN, SANS_OBLIQUE),
}


@dataclass(frozen=True, slots=True)
class ReportFonts:
    """The registered fonts and which characters each can draw (``coverage[face]``)."""

    folder: Path
    coverage: dict[str, frozenset[int]]

    @property
    def primary(self) -> frozenset[int]:
        """What the regular Latin face draws (text made only of these needs no fallback)."""
        return self.coverage[SANS]

    def chain(self, face: str) -> tuple[str, ...]:
        """The faces tried, in order, for text set in ``face`` (itself first)."""
        return CHAINS.get(face) or (face, *CHAINS[SANS])

    def face_for(self, code: int, base: str) -> str | None:
        """The first face of ``base``'s chain that has ``code``, or None when no bundled font has it."""
        for face in self.chain(base):
            if code in self.coverage.get(face, ()):
                return face
        return None


class ReportFace(TTFont):
    """A TrueType face that remembers how wide each string it measured is.

    reportlab measures every word of every paragraph (in pure Python when its C accelerator is
    not installed), and a report measures the same words over and over: a timeline repeats its
    kinds, sources and common words a thousand times. Widths are kept per face in font units
    (the size is applied on the way out), so one entry serves every size.
    """

    _LIMIT = 200_000

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._units: dict[str, float] = {}

    def stringWidth(self, text: str, size: float, encoding: str | None = "utf8") -> float:
        if type(text) is not str:  # bytes, or a shaped string (its glyphs carry their own widths)
            return float(super().stringWidth(text, size, encoding or "utf8"))
        units = self._units.get(text)
        if units is None:
            if len(self._units) >= self._LIMIT:
                self._units.clear()
            face = self.face
            units = self._units[text] = sum(map(face.charWidths.get, map(ord, text), repeat(face.defaultWidth)))
        return 0.001 * size * units


_lock = threading.Lock()
_cache: dict[Path, ReportFonts] = {}
_current: ReportFonts | None = None


def font_folder() -> Path:
    return resource_path("fonts")


def report_fonts() -> ReportFonts:
    """Register the report fonts (once per folder) and return their coverage.

    Raises :class:`ReportError` when a font file is missing or cannot be read.
    """
    pdf_unicode.install(SHAPED_FACES)
    folder = font_folder()
    fonts = _register(folder)
    global _current
    _current = fonts
    return fonts


def current_fonts() -> ReportFonts:
    """The fonts registered last (registering them first if need be): cheap, for per-text calls."""
    return _current if _current is not None else report_fonts()


def _register(folder: Path) -> ReportFonts:
    with _lock:
        cached = _cache.get(folder)
        if cached is not None:
            return cached
        faces: dict[str, TTFont] = {}
        for name, filename in FONT_FILES.items():
            path = folder / filename
            if not path.is_file():
                raise ReportError(
                    f"The report font {filename} is missing: expected it at {path}. "
                    "Reinstall the app, or restore resources/fonts."
                )
            try:
                faces[name] = ReportFace(name, str(path))
            except (TTFError, OSError) as exc:
                raise ReportError(f"The report font at {path} cannot be read: {exc}") from exc
        for face in faces.values():
            pdfmetrics.registerFont(face)
        addMapping(SANS, 0, 0, SANS)
        addMapping(SANS, 1, 0, SANS_BOLD)
        addMapping(SANS, 0, 1, SANS_OBLIQUE)
        addMapping(SANS, 1, 1, SANS_BOLD_OBLIQUE)
        for style in (SANS_BOLD, SANS_OBLIQUE, SANS_BOLD_OBLIQUE):
            addMapping(style, 0, 0, style)
        others = set(FONT_FILES) - {SANS, SANS_BOLD, SANS_OBLIQUE, SANS_BOLD_OBLIQUE}
        for name in others:
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(name, bold, italic, name)
        fonts = ReportFonts(folder, {name: _coverage(face) for name, face in faces.items()})
        _cache[folder] = fonts
        return fonts


def _coverage(face: TTFont) -> frozenset[int]:
    """The characters a font maps (every plane: the ToUnicode map is written for all of them)."""
    return frozenset(face.face.charToGlyph)


def forget_fonts() -> None:
    """Drop the coverage cache (tests use this after pointing the resources elsewhere)."""
    global _current
    with _lock:
        _cache.clear()
        _current = None
