"""What the words around a possible name say about it: the people-matcher's context rules.

:func:`name_only` takes from a participant list's entry what is no part of the name ("(she/her)",
"Dr.", " - Payments"); :func:`in_capitals_not_a_name` and :func:`is_date` tell when a name that is
also an ordinary word is that word here: emphasis or a heading in capitals ("we WILL", "GRACE
PERIOD"), a month in a date ("On May 3").
"""

from __future__ import annotations

import re
import unicodedata

#: What a participant list adds to a name that is no part of it: "(she/her)", "[on-call]", "(SRE)", " - Payments",
#: "Dr.", "Jr.", "PhD" — each would otherwise make an ordinary word ("the SRE team", "the DR site") a name.
_ANNOTATION = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}|\s+[-–—|/]\s+.*$")
_TITLE_WORDS = re.compile(r"(?i)^(?:(?:mr|mrs|ms|mx|miss|dr|prof|sir|dame|herr|frau)\.?\s+)+|"
                          r"(?:,?\s+(?:jr|sr|ii|iii|iv|phd|md|esq|mba|msc)\.?)+$")


def name_only(name: str) -> str:
    """``name`` without what a participant list adds to it (:data:`_ANNOTATION`); the name as given when nothing is left."""
    bare = _ANNOTATION.sub(" ", name)
    bare = "".join(ch for ch in bare if unicodedata.category(ch) != "So")  # emoji
    bare = " ".join(_TITLE_WORDS.sub("", " ".join(bare.split())).split())
    return bare if any(ch.isalpha() for ch in bare) else name


_MONTH_NAMES = ("january february march april may june july august september october november december "
                "jan feb mar apr jun jul aug sep sept oct nov dec")
_MONTHS = frozenset(_MONTH_NAMES.split())
_DAY_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?\.?\s*$")
_DAY_AFTER = re.compile(r"\s*\d")
_MONTH_WORD_BEFORE = re.compile(r"(?i)\b(?:in|since|until|till|by|from|of|during|early|late|mid|end of|last|next|this|"
                                r"every|through|before|after)[\s-]+$")
_MONTH_END = re.compile(r"\s*(?:[,.;:!?)]|$)")


#: Words written in capitals for emphasis, never for a name: "we WILL fix it", "MAY recur", "do NOT".
_EMPHASIS = frozenset(["will", "may", "must", "can", "not", "all", "any", "only", "never", "every", "do", "does", "did",
                       "more", "most", "now", "here", "very", "much", "still", "also", "and", "but", "or", "the", "new",
                       "down", "up", "back", "fix", "ready", "done", "free", "fast", "hot", "live", "open", "close"])


def in_capitals_not_a_name(text: str, start: int, end: int) -> bool:
    """Whether a name part that is an ordinary word, found in capitals, is no name here: a word written in
    capitals for emphasis (:data:`_EMPHASIS`), a phrase in capitals ("WILL PAGE"), or text mostly in capitals
    (a heading, a shout). "CABLE checked the pool" is the person."""
    found = text[start:end]
    if not found.isupper():
        return False
    if found.lower() in _EMPHASIS:
        return True
    before, after = re.findall(r"[^\W\d_]+", text[max(0, start - 30):start])[-1:], re.findall(r"[^\W\d_]+", text[end:end + 30])[:1]
    if any(len(word) >= 2 and word.isupper() for word in before + after):
        return True  # a phrase in capitals: "WILL PAGE", "GRACE PERIOD EXPIRED"
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


def is_date(text: str, start: int, end: int) -> bool:
    """Whether a name that is a month ("April", "May", "June", "Jan") is a date here: a day or year beside it
    ("May 3", "3 May", "April 2025"), or a preposition before it and nothing after ("in June,", "since May.")."""
    if text[start:end].lower() not in _MONTHS:
        return False
    before, after = text[max(0, start - 20):start], text[end:end + 10]
    return bool(_DAY_AFTER.match(after) or _DAY_BEFORE.search(before)
                or (_MONTH_WORD_BEFORE.search(before) and _MONTH_END.match(after)))
