"""Text folded for finding names: one form however a name is typed, with a map back to the text.

:func:`fold` turns a text into a *cased fold* — each character of the (NFC) text becomes zero or
more ASCII letters, or stays itself in a script we match as written — and says, for each
character of the fold, which character of the text it came from. What it does, in order:

* NFKC per character, so full-width ``Ｗｕ`` and ligatures read as ``Wu``, ``fi``;
* drops zero-width and formatting characters (ZWSP, ZWJ, soft hyphen, bidi marks, BOM …) and
  combining marks, so ``W\u200bu`` and ``José`` with a separate accent read as ``Wu``, ``Jose``;
* maps letters of Cyrillic and Greek that look like Latin ones to those Latin letters (the
  Latin part of Unicode TR 39's confusables table, which is all a name in Latin text can hide
  behind), so ``Аda`` with a Cyrillic ``А`` reads as ``Ada``;
* transliterates every other letter with :mod:`anyascii` (``Ł``→``L``, ``ß``→``ss``, ``ø``→``o``,
  ``Дмитрий``→``Dmitpiy`` after the look-alikes), keeping case;
* keeps CJK, kana, Hangul, Arabic, Hebrew, Thai and other scripts as they are: their names are
  matched in their own letters (transliteration would make short names collide).

Apostrophes of every kind become ``'``. :func:`german_spelling` gives the other common way to
write umlauts and Nordic letters (``ü``→``ue``, ``ø``→``oe``, ``å``→``aa``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

#: Kept as written (matched in their own letters, no spaces between words in several of them).
KEPT_SCRIPTS = (
    "CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA", "HANGUL", "THAI", "LAO", "KHMER", "MYANMAR",
    "TIBETAN", "YI ", "ARABIC", "HEBREW", "DEVANAGARI", "BENGALI", "TAMIL", "TELUGU", "GUJARATI",
    "GURMUKHI", "KANNADA", "MALAYALAM", "SINHALA", "ETHIOPIC", "SYRIAC", "THAANA", "IDEOGRAPHIC",
)
#: Scripts written without spaces between words: a name is found inside running text.
SPACELESS_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA", "HANGUL", "THAI", "LAO", "KHMER",
                     "MYANMAR", "TIBETAN", "YI ", "IDEOGRAPHIC")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u061c\u0640"
                       "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2061\u2062\u2063\u2064")
APOSTROPHES = frozenset("'’‘ʼʹ′`´ʻ")

#: Cyrillic and Greek letters that look like Latin ones (from Unicode's confusables.txt).
CONFUSABLES = dict(zip(
    "АВЕЅІЈКМНОРСТХУаеѕіјоосрхуԁһӏԛԝѵ"
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοριυνκτχ",
    "ABESIJKMHOPCTXYaesijoocpxydhlqwv"
    "ABEZHIKMNOPTYXaopiuvktx",
    strict=True,
))

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ø": "oe", "Ø": "Oe",
                         "æ": "ae", "Æ": "Ae", "å": "aa", "Å": "Aa", "ß": "ss", "ẞ": "Ss"})


def german_spelling(text: str) -> str:
    """``Müller`` → ``Mueller``, ``Søren`` → ``Soeren``: the spelling without umlauts or Nordic letters."""
    return unicodedata.normalize("NFC", text).translate(_GERMAN)


def script_of(char: str) -> str:
    """The script-ish prefix of a character's Unicode name ("" for unnamed ones)."""
    return unicodedata.name(char, "")


def is_kept(char: str) -> bool:
    return script_of(char).startswith(KEPT_SCRIPTS)


def is_spaceless(char: str) -> bool:
    return script_of(char).startswith(SPACELESS_SCRIPTS)


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """The cased fold of one (NFC) character: ASCII, or the character itself in a kept script."""
    out = []
    for c in unicodedata.normalize("NFKC", char):
        if c < "\x80":
            out.append(c)
        elif c in ZERO_WIDTH or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        elif c in APOSTROPHES:
            out.append("'")
        elif c in CONFUSABLES:
            out.append(CONFUSABLES[c])
        elif is_kept(c):
            out.append(c)
        elif unicodedata.category(c).startswith("Z"):
            out.append(" ")
        else:
            latin = anyascii(c) or ""
            out.append(latin.upper() if c.isupper() else latin)  # "Ц" → "TS", so "ЦОЙ" is no CamelCase
    return "".join(out)


@lru_cache(maxsize=8192)
def plain_char(char: str) -> str:
    """:func:`fold_char` without the look-alikes: Cyrillic and Greek transliterated (``р`` → ``r``, not ``p``),
    soft and hard signs dropped (``Ольга`` → ``Olga``), as a name in those scripts is written in Latin letters."""
    if char in "ьъЬЪ":
        return ""
    if char in CONFUSABLES:
        latin = anyascii(char)
        return latin.upper() if char.isupper() else latin
    return fold_char(char)


def fold(text: str) -> tuple[str, list[int]]:
    """The cased fold of NFC ``text`` and, for each of its characters, the index in ``text`` it came from.

    A word written in Cyrillic or Greek is transliterated (``Мария`` → ``Mariya``), so a name listed
    in Latin letters is found in it; look-alikes are mapped only in a word mixing them with Latin
    letters, or made of look-alikes alone (``Аda``, ``Сое``): that is how a Latin name is disguised.
    Runs of non-ASCII characters are folded once each (texts repeat their words).
    """
    if text.isascii():
        return text, list(range(len(text)))
    pieces: list[str] = []
    origin: list[int] = []
    at = 0
    for m in _NON_ASCII.finditer(text):
        lo, hi = m.span()
        if lo > at:
            pieces.append(text[at:lo])
            origin.extend(range(at, lo))
        # a run glued to Latin letters is part of a word mixing scripts: look-alikes count there
        glued = (lo > 0 and text[lo - 1].isalpha()) or (hi < len(text) and text[hi].isalpha())
        folded, lengths = _fold_run(m.group(0), glued)
        pieces.append(folded)
        for i, n in enumerate(lengths, start=lo):
            if n == 1:
                origin.append(i)
            elif n:
                origin.extend([i] * n)
        at = hi
    if at < len(text):
        pieces.append(text[at:])
        origin.extend(range(at, len(text)))
    return "".join(pieces), origin


_NON_ASCII = re.compile("[^\x00-\x7f]+")


@lru_cache(maxsize=8192)
def _fold_run(run: str, glued: bool) -> tuple[str, tuple[int, ...]]:
    """The fold of a run of non-ASCII characters and how many characters each became."""
    folded = [fold_char(ch) for ch in run]
    if not glued:
        for lo, hi in _plain_words(run):
            folded[lo:hi] = [plain_char(ch) for ch in run[lo:hi]]
    return "".join(folded), tuple(len(f) for f in folded)


_CYRILLIC_OR_GREEK = "\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f"
#: A word holding a Cyrillic or Greek letter.
_SCRIPT_WORD = re.compile(f"[^\\W\\d_]*[{_CYRILLIC_OR_GREEK}][^\\W\\d_]*")
#: A Cyrillic or Greek letter that looks like no Latin one.
_UNLIKE_LATIN = re.compile("[" + "".join(re.escape(chr(c)) for r in ((0x370, 0x400), (0x1F00, 0x2000), (0x400, 0x530))
                                         for c in range(*r) if chr(c) not in CONFUSABLES) + "]")


def _plain_words(run: str) -> list[tuple[int, int]]:
    """Where the Cyrillic and Greek words of a run are that no Latin name could hide behind (a letter unlike
    any Latin one; the run holds no Latin letter, being non-ASCII)."""
    return [m.span() for m in _SCRIPT_WORD.finditer(run) if _UNLIKE_LATIN.search(m.group(0))]


def fold_word(text: str) -> str:
    """The cased fold of ``text`` alone (names, handles)."""
    return "".join(fold_char(ch) for ch in unicodedata.normalize("NFC", text))


def transliterate(text: str) -> str:
    """Plain transliteration (no look-alikes): the way a name in another script is written in Latin."""
    return anyascii(unicodedata.normalize("NFKC", text))
