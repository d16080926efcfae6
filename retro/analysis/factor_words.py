"""Factor keys: the words of a contributing factor's title that matter for recurrence.

Titles are compared as sets of normalised words: case-folded, punctuation dropped, common
words ("the", "was"; "no" is kept — it matters) left out, and a light suffix stemming so
"deploys", "deployed" and "deploying" meet. A factor's *key* (:func:`factor_key`) is those
words, sorted and joined by spaces; :func:`similarity` compares two word sets (Jaccard).
:mod:`retro.analysis.recurrence` groups factors by these; the store keeps every factor's key.
"""

from __future__ import annotations

import re

_STOP_TEXT = """a an the and or of to in on at for from by with as is are was were be been being it its this
    that these those our we us their they them there which who whom what when where while into onto
    during after before than then so very too also just about over under again had has have having
    do does did done can could would should may might will shall"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
"""Words that carry no meaning for matching. Negations ("no", "not", "without") are kept."""

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SUFFIXES = ("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s")


def normalise(title: str) -> frozenset[str]:
    """The meaningful, stemmed words of a factor title."""
    words = (w.casefold() for w in _WORD.findall(title))
    return frozenset(_stem(w) for w in words if w not in STOP_WORDS)


def factor_key(title: str) -> str:
    """The normalised key of a factor title: its meaningful, stemmed words, sorted, space-joined.

    Titles that differ only in case, punctuation, stop words, word order or light suffixes share
    a key ("Deploys were not reviewed" and "deploy NOT reviewed" give ``"deploy not review"``).
    The empty key ("" for a title of stop words only) never matches anything.
    """
    return " ".join(sorted(normalise(title)))


def key_words(key: str) -> frozenset[str]:
    """The word set of a :func:`factor_key` (the inverse of joining)."""
    return frozenset(key.split())


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard index of two word sets (0.0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _stem(word: str) -> str:
    """A light suffix stemmer: good enough to meet plurals and tenses, never below 3 letters."""
    for suffix in _SUFFIXES:
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            continue  # "loss", "status", "analysis" are not plurals
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                stem += "y"
            elif len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                stem = stem[:-1]  # "stopped" → "stop"
            return stem.rstrip("e") if len(stem) > 3 else stem
    return word.rstrip("e") if len(word) > 3 else word
