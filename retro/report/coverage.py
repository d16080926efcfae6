"""Which typed characters no bundled font can draw: findings the facilitator sees before export.

The report prints such a character as a red ``[U+XXXX]`` placeholder (never drops it); this
module lists them as readiness findings ("missing-glyph"), naming the field and the character,
so the Review stage and ``retro check`` show them too. It reads the fonts' combined coverage
from ``resources/fonts/coverage.txt`` (written by ``packaging/build_fonts.py`` and checked
against the fonts by a test), so it needs neither reportlab nor the font files.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from bisect import bisect_right
from functools import cache

from retro.domain import Retro, Stage
from retro.domain.readiness import Finding, Level
from retro.resources import resource_path

JOINERS = frozenset({0x200C, 0x200D, 0x034F}) | frozenset(range(0xFE00, 0xFE10)) | frozenset(range(0xE0100, 0xE01F0))


def is_ignorable(code: int) -> bool:
    """Default-ignorable characters (joiners, direction marks, variation selectors): never drawn."""
    return (
        code in JOINERS
        or 0x200B <= code <= 0x200F
        or 0x202A <= code <= 0x202E
        or 0x2060 <= code <= 0x206F
        or code == 0xFEFF
        or 0xE0000 <= code <= 0xE0FFF
    )


_STAGES = {
    "participants": (Stage.SETUP, "a participant's name"),
    "events": (Stage.TIMELINE, "a timeline event"),
    "factors": (Stage.FACTORS, "a contributing factor"),
    "impacts": (Stage.FACTORS, "an impact"),
    "links": (Stage.FACTORS, "an arrow's note"),
    "statements": (Stage.ACCOUNTABILITY, "an accountability statement"),
    "actions": (Stage.ACTIONS, "an action item"),
    "review_answers": (Stage.REVIEW, "a review answer"),
}


@cache
def _ranges() -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for line in resource_path("fonts", "coverage.txt").read_text(encoding="ascii").split():
        lo, _, hi = line.partition("-")
        starts.append(int(lo, 16))
        ends.append(int(hi or lo, 16))
    return starts, ends


def drawable(char: str) -> bool:
    """Whether some bundled font draws ``char`` (or it is never drawn: joiners, line breaks)."""
    code = ord(char)
    if code < 0x250 and (char.isprintable() or char in "\n\r\t"):
        return True
    if is_ignorable(code) or char in "\n\r\t\u2028\u2029":
        return True
    starts, ends = _ranges()
    i = bisect_right(starts, code) - 1
    return i >= 0 and code <= ends[i] and unicodedata.category(char) not in ("Cc", "Cs", "Co", "Cn")


def missing_characters(text: str) -> list[str]:
    """The distinct characters of ``text`` no bundled font draws, in order of appearance."""
    if text.isascii() and text.isprintable():
        return []
    seen: dict[str, None] = {}
    for char in text:
        if char not in seen and not drawable(char):
            seen[char] = None
    return list(seen)


def glyph_findings(retro: Retro) -> list[Finding]:
    """A warning for each field holding characters the PDF can only show as placeholders."""
    out: list[Finding] = []
    places: list[tuple[Stage, str, str, object]] = [(Stage.SETUP, "the incident", "", retro.incident)]
    for collection, (stage, what) in _STAGES.items():
        places += [(stage, what, key, entity) for key, entity in getattr(retro, collection).items()]
    for stage, what, key, entity in places:
        for field in dataclasses.fields(entity):  # type: ignore[arg-type]
            value = getattr(entity, field.name)
            if not isinstance(value, str) or not value:
                continue
            missing = missing_characters(value)
            if missing:
                named = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed character').lower()}" for c in missing[:5])
                more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
                out.append(Finding(
                    "missing-glyph", Level.WARNING,
                    f"The {field.name.replace('_', ' ')} of {what} has characters no font in the PDF can draw "
                    f"({named}{more}): the PDF shows them as [U+…] codes. The app and the Markdown keep them.",
                    stage, key,
                ))
    return out
