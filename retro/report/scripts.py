"""Writing systems in the PDF: font runs, Arabic joining, and right-to-left order.

* :func:`font_runs` cuts text into runs, each drawn by the first face of the style's chain that
  has its characters (combining marks and joiners stay with their base); a character no bundled
  font has becomes ``None`` (the caller draws a visible placeholder).
* :func:`join_arabic` gives Arabic letters their joined forms (Unicode presentation forms, which
  the Arabic face maps), so the text looks right and still extracts as letters a search finds.
* :func:`visual_order` is the Unicode bidirectional algorithm for one line (explicit embeddings
  aside): it returns the order in which the line's characters are drawn left to right. Lines are
  reordered *after* line breaking, so a long right-to-left paragraph wraps in reading order.
  PDF readers (poppler, pdf.js, Acrobat) put visually ordered right-to-left text back into
  logical order when they extract it, so searching for a Hebrew or Arabic name finds it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import arabic_reshaper

from .coverage import JOINERS as _JOINERS
from .coverage import is_ignorable
from .fonts import ARABIC, ARABIC_BOLD, ReportFonts

ARABIC_FACES = frozenset({ARABIC, ARABIC_BOLD})
_STRONG_R = frozenset({"R", "AL"})
_NEUTRAL = frozenset({"B", "S", "WS", "ON", "BN", "LRI", "RLI", "FSI", "PDI", "LRE", "RLE", "LRO", "RLO", "PDF"})
# Hebrew, Arabic, Syriac, Thaana, NKo …, their presentation forms, and the RTL SMP blocks
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
_MARKS = frozenset({"Mn", "Me", "Mc"})
_MIRROR = dict(zip("()[]{}<>«»‹›⁅⁆", ")(][}{><»«›‹⁆⁅", strict=True))

_reshaper = arabic_reshaper.ArabicReshaper({"delete_harakat": False, "delete_tatweel": False, "support_ligatures": True})
_reshaper_plain = arabic_reshaper.ArabicReshaper({"delete_harakat": False, "delete_tatweel": False, "support_ligatures": False})


_plain: dict[tuple[int, str], re.Pattern[str]] = {}


def drawn_as_is(text: str, face: str, fonts: ReportFonts) -> bool:
    """Whether ``face`` draws every character of ``text`` itself, left to right, unshaped.

    One regular-expression search (the face's drawable characters as one class, cached per
    face), so Latin text with diacritics, Greek and Cyrillic skip the per-character font runs,
    joining and reordering: for such text :func:`font_runs` would return ``[(face, text)]``.
    """
    key = (id(fonts.coverage), face)
    pattern = _plain.get(key)
    if pattern is None:
        pattern = _plain[key] = _outside(fonts.coverage.get(face, frozenset()))
    return pattern.search(text) is None


def _outside(covered: frozenset[int]) -> re.Pattern[str]:
    """A pattern matching any character not drawn as is by a face covering ``covered``."""
    codes = sorted(c for c in covered if _as_is(c))
    ranges: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = codes[i], codes[j]
        ranges.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
        i = j + 1
    return re.compile(f"[^{''.join(ranges)}]" if ranges else "[\\s\\S]")


def _as_is(code: int) -> bool:
    char = chr(code)
    if char == " ":
        return True
    if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn"):
        return False
    return _RTL_LETTER.match(char) is None and (_bidi_class(char) not in _STRONG_R)


def font_runs(text: str, base: str, fonts: ReportFonts) -> list[tuple[str | None, str]]:
    """``text`` cut into ``(face, characters)`` runs for a paragraph set in ``base``.

    ``face`` is None for a single character that no bundled font has; default-ignorable
    characters no face of the run has are left out of the drawing (they have no glyph to show).
    """
    runs: list[tuple[str | None, str]] = []
    face: str | None = None
    chars: list[str] = []
    coverage = fonts.coverage

    def flush() -> None:
        if chars:
            runs.append((face, "".join(chars)))
            chars.clear()

    for char in text:
        code = ord(char)
        marks = unicodedata.category(char) in _MARKS or code in _JOINERS
        if chars and face is not None and marks and code in coverage[face]:
            chars.append(char)
            continue
        if is_ignorable(code):
            if face is not None and code in coverage[face]:
                chars.append(char)
            continue
        if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char != " ":
            flush()
            runs.append((None, char))
            face = None
            continue
        found = face if face is not None and code in coverage[face] and _prefers(face, code, base, fonts) else fonts.face_for(code, base)
        if found is None:
            flush()
            runs.append((None, char))
            face = None
            continue
        if found != face:
            flush()
            face = found
        chars.append(char)
    flush()
    return runs


def _prefers(face: str, code: int, base: str, fonts: ReportFonts) -> bool:
    """Keep a run's face for a shared character (digit, space, comma) unless the base face has it.

    A space or digit inside a run of Arabic stays in the base face when the base face has it, so
    that runs break at spaces like ordinary words; marks and letters stay in the run's face.
    """
    return face == base or code not in fonts.coverage.get(base, ())


def join_arabic(text: str, covered: frozenset[int]) -> str:
    """Arabic letters in their joined (presentation) forms, as far as the face ``covered`` maps them."""
    shaped: str = _reshaper.reshape(text)  # arabic_reshaper has no annotations
    if all(ord(c) in covered for c in shaped):
        return shaped
    plain: str = _reshaper_plain.reshape(text)
    return plain if all(ord(c) in covered for c in plain) else text


# --- the bidirectional algorithm, for one line ------------------------------------------------


@lru_cache(maxsize=4096)
def _bidi_class(char: str) -> str:
    return unicodedata.bidirectional(char) or "L"


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds any right-to-left letter (Hebrew, Arabic, Syriac …)."""
    return _RTL_LETTER.search(text) is not None


def base_is_rtl(text: str) -> bool:
    """The paragraph direction of ``text``: that of its first strong character (rule P2)."""
    for char in text:
        kind = _bidi_class(char)
        if kind == "L":
            return False
        if kind in _STRONG_R:
            return True
    return False


def levels(classes: Sequence[str], base_rtl: bool) -> list[int]:
    """Embedding levels for characters of the given bidi classes (rules W1–W7, N1–N2, I1–I2, L1)."""
    e = 1 if base_rtl else 0
    sor = "R" if base_rtl else "L"
    types = list(classes)
    n = len(types)
    prev = sor
    for i, t in enumerate(types):  # W1: a mark takes the class of what it marks
        if t == "NSM":
            types[i] = prev
        else:
            prev = types[i]
    last_strong = sor
    for i, t in enumerate(types):  # W2, W3
        if t in ("L", "R", "AL"):
            last_strong = t
        if t == "EN" and last_strong == "AL":
            types[i] = "AN"
        if t == "AL":
            types[i] = "R"
    for i in range(1, n - 1):  # W4
        if types[i] == "ES" and types[i - 1] == "EN" == types[i + 1]:
            types[i] = "EN"
        elif types[i] == "CS" and types[i - 1] in ("EN", "AN") and types[i - 1] == types[i + 1]:
            types[i] = types[i - 1]
    for i, t in enumerate(types):  # W5: terminators next to European numbers
        if t == "ET":
            j = i
            while j < n and types[j] == "ET":
                j += 1
            if (j < n and types[j] == "EN") or (i > 0 and types[i - 1] == "EN"):
                for k in range(i, j):
                    types[k] = "EN"
    for i, t in enumerate(types):  # W6
        if t in ("ES", "ET", "CS"):
            types[i] = "ON"
    last_strong = sor
    for i, t in enumerate(types):  # W7
        if t in ("L", "R"):
            last_strong = t
        elif t == "EN" and last_strong == "L":
            types[i] = "L"
    i = 0
    while i < n:  # N1, N2: neutrals between two of the same direction take it, else the base's
        if types[i] in _NEUTRAL:
            j = i
            while j < n and types[j] in _NEUTRAL:
                j += 1
            before = _strength(types[i - 1]) if i > 0 else sor
            after = _strength(types[j]) if j < n else sor
            fill = before if before == after else ("R" if base_rtl else "L")
            for k in range(i, j):
                types[k] = fill
            i = j
        else:
            i += 1
    out: list[int] = []
    for t in types:  # I1, I2
        if e == 0:
            out.append(1 if t == "R" else 2 if t in ("AN", "EN") else 0)
        else:
            out.append(2 if t in ("L", "EN", "AN") else 1)
    for k in range(n - 1, -1, -1):  # L1: trailing white space at the base level
        if classes[k] in ("WS", "S", "B", "BN"):
            out[k] = e
        else:
            break
    return out


def _strength(kind: str) -> str:
    return "R" if kind in ("R", "AL", "AN", "EN") else "L"


def reorder(levels_: Sequence[int]) -> list[int]:
    """Rule L2: the logical indices in drawing order, left to right."""
    order = list(range(len(levels_)))
    if not order:
        return order
    highest = max(levels_)
    lowest_odd = min((lv for lv in levels_ if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels_[order[i]] >= level:
                j = i
                while j < len(order) and levels_[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


def visual_order(text: str, base_rtl: bool) -> list[int]:
    """The indices of ``text``'s characters in the order they are drawn (left to right)."""
    return reorder(levels([_bidi_class(c) for c in text], base_rtl))


def visual(text: str, base_rtl: bool | None = None) -> str:
    """``text`` as drawn left to right (mirrored brackets in right-to-left runs)."""
    if not has_rtl(text):
        return text
    rtl = base_is_rtl(text) if base_rtl is None else base_rtl
    lv = levels([_bidi_class(c) for c in text], rtl)
    return "".join(mirror(text[i]) if lv[i] % 2 else text[i] for i in reorder(lv))


def mirror(char: str) -> str:
    """The mirrored glyph for a bracket drawn right to left (rule L4)."""
    return _MIRROR.get(char, char)
