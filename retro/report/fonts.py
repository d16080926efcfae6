"""The report's embedded fonts: DejaVu Sans for Latin, Greek and Cyrillic, Droid Sans Fallback for CJK.

The TTFs ship under ``resources/fonts`` with their licences. They are registered with reportlab
once per font folder (:func:`report_fonts` is cached); a missing or unreadable file raises
:class:`ReportError` naming the file, so an export never falls back silently to a font that
drops characters.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from retro.resources import resource_path

from .errors import ReportError

SANS = "RetroSans"
SANS_BOLD = "RetroSans-Bold"
SANS_OBLIQUE = "RetroSans-Oblique"
SANS_BOLD_OBLIQUE = "RetroSans-BoldOblique"
MONO = "RetroMono"
CJK = "RetroCJK"

FONT_FILES: dict[str, str] = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_OBLIQUE: "DejaVuSans-Oblique.ttf",
    SANS_BOLD_OBLIQUE: "DejaVuSans-BoldOblique.ttf",
    MONO: "DejaVuSansMono.ttf",
    CJK: "DroidSansFallbackFull.ttf",
}


@dataclass(frozen=True, slots=True)
class ReportFonts:
    """The registered fonts and which characters each can draw.

    ``primary`` is what every style of DejaVu Sans covers (regular, bold and oblique alike, so
    bold text never loses a glyph the regular face has); ``fallback`` is the CJK font's coverage.
    """

    folder: Path
    primary: frozenset[int]
    fallback: frozenset[int]


_lock = threading.Lock()
_cache: dict[Path, ReportFonts] = {}
_current: ReportFonts | None = None


def font_folder() -> Path:
    return resource_path("fonts")


def report_fonts() -> ReportFonts:
    """Register the report fonts (once per folder) and return their coverage.

    Raises :class:`ReportError` when a font file is missing or cannot be read.
    """
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
                faces[name] = TTFont(name, str(path))
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
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(MONO, bold, italic, MONO)
                addMapping(CJK, bold, italic, CJK)
        primary = frozenset.intersection(
            *(_basic_plane(faces[n]) for n in (SANS, SANS_BOLD, SANS_OBLIQUE, SANS_BOLD_OBLIQUE))
        )
        fonts = ReportFonts(folder, primary, _basic_plane(faces[CJK]))
        _cache[folder] = fonts
        return fonts


def _basic_plane(face: TTFont) -> frozenset[int]:
    """The characters a font maps, up to U+FFFF.

    Characters beyond the Basic Multilingual Plane (emoji …) are left out on purpose: reportlab
    writes them into the PDF's ToUnicode map in a form readers cannot decode, so they would be
    drawn but could not be searched, copied or read aloud. They get the visible placeholder.
    """
    return frozenset(code for code in face.face.charToGlyph if code <= 0xFFFF)


def forget_fonts() -> None:
    """Drop the coverage cache (tests use this after pointing the resources elsewhere)."""
    global _current
    with _lock:
        _cache.clear()
        _current = None
