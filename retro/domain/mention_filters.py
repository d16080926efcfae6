"""The people-matcher's quick paths: letters every form of a name must hold, and one expression per family.

:class:`retro.domain.mentions.PeopleMatcher` runs a family of name forms (one large regular
expression) only on text that holds one of its *needles* — three letters every match of one of
the family's forms contains — found by one cheap expression (:func:`prefilter`). The needles are
necessary conditions, never sufficient ones: a text that passes still goes through the full
search, so the quick path changes how fast the matcher is, not what it finds.
"""

from __future__ import annotations

import re

_NEEDLE = 3  # letters of a body's literal start that the pre-filter compares


def prefilter(needles: set[tuple[str, bool]], *, cased: bool = False) -> re.Pattern[str] | None:
    """One expression finding any needle of a family (None when a body has none: always run).

    A needle (:func:`needle`) that starts its body's first name part is looked for at the start of
    a word (or after a glued ``Mc``), as the body itself is; any other needle anywhere. Every
    alternative starts with a letter (the start-of-word test comes after it), so the engine skips
    at once the places whose letter starts no needle.
    """
    if any(not n for n, _ in needles):
        return None
    anchored = {n for n, at_start in needles if at_start}
    if not cased:
        anchored |= {f"mc{n}" for n in anchored}  # "McDonald": the body follows a glued "Mc"
    # after the first letter: the letter before it is no letter or digit of a word
    boundary = r"(?<![A-Za-z0-9].)" if cased else r"(?<![a-z0-9].)"
    alternatives = _leads(anchored, boundary) + _leads({n for n, at_start in needles if not at_start}, "")
    return re.compile("|".join(alternatives))


def _leads(words: set[str], after_first: str) -> list[str]:
    by_lead: dict[str, set[str]] = {}
    for word in words:
        by_lead.setdefault(word[0], set()).add(word[1:])
    return [re.escape(lead) + after_first + _group(trie(tails)) for lead, tails in sorted(by_lead.items())]


def trie(words: set[str]) -> str:
    """``words`` as one expression that tries, at each place, only the words sharing its first letters."""
    if not words:
        return ""
    if "" in words:
        rest = trie(words - {""})
        return f"(?:{rest})?" if rest else ""
    by_lead: dict[str, set[str]] = {}
    for word in words:
        by_lead.setdefault(word[0], set()).add(word[1:])
    alternatives = [re.escape(lead) + (_group(trie(tails))) for lead, tails in sorted(by_lead.items())]
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def _group(pattern: str) -> str:
    return pattern if len(pattern) <= 1 or (pattern.startswith("(?:") and pattern.endswith(")")) else f"(?:{pattern})"


def needle(part: str, *, cased: bool = False) -> tuple[str, bool]:
    """Letters that any text matched by a Latin body for ``part`` holds, and whether they start the part.

    A body matches the part's letters in order, apostrophes and spaces optional (:func:`_body`),
    so each run of letters between those is in every match; the needle is the first three
    letters of the first run that long (``O'Brien`` → ``bri``), or the longest run.
    """
    body = part.lower()
    if cased and body[:1].isalpha():
        body = body[:1].upper() + body[1:]
    runs = [r for r in re.split(r"[' ]", body) if r]
    long_runs = [r for r in runs if len(r) >= _NEEDLE]
    run = long_runs[0] if long_runs else max(runs, key=len, default="")
    return run[:_NEEDLE], bool(run) and body.startswith(run)
