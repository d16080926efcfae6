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


def fold(text: str, *, look_alikes: bool = True) -> tuple[str, list[int]]:
    """The cased fold of NFC ``text`` and, for each of its characters, the index in ``text`` it came from.

    ``look_alikes=False``: Cyrillic and Greek read as transliterated (:func:`plain_char`).
    """
    if text.isascii():
        return text, list(range(len(text)))
    pieces: list[str] = []
    origin: list[int] = []
    one = fold_char if look_alikes else plain_char
    for i, ch in enumerate(text):
        if ch < "\x80":
            pieces.append(ch)
            origin.append(i)
            continue
        folded = one(ch)
        pieces.append(folded)
        origin.extend([i] * len(folded))
    return "".join(pieces), origin


def fold_word(text: str) -> str:
    """The cased fold of ``text`` alone (names, handles)."""
    return "".join(fold_char(ch) for ch in unicodedata.normalize("NFC", text))


def transliterate(text: str) -> str:
    """Plain transliteration (no look-alikes): the way a name in another script is written in Latin."""
    return anyascii(unicodedata.normalize("NFKC", text))
