"""Where a search matched: a few words around the first hit, the matched words marked.

The library's search shows, under each retro it found, the words around where it matched. The
snippet is cut here, from the one document that matched best (the database ranks and says
which), so SQLite and PostgreSQL show the same thing and only the rows shown are cut. Words
match the way the full-text index matches them: case and accents ignored, each query word a
prefix of a word in the text. The parts are plain text; whoever shows them escapes them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

#: A word as the full-text index sees it: letters and digits (an underscore separates words).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
BEFORE = 4  # words shown before the first match
WORDS = 14  # words shown in all

#: What was matched, as a person calls it (the kind of the matching document).
FOUND_IN = {
    "Incident": "", "Participant": "participants", "TimelineEvent": "timeline", "Factor": "contributing factors",
    "Impact": "impact", "FactorLink": "factor links", "AccountabilityStatement": "accountability",
    "ActionItem": "action items", "ReviewAnswer": "review answers",
}


#: Letters with a stroke, which Unicode does not decompose but the full-text index folds too.
_STROKES = str.maketrans("øØđĐłŁħĦ", "ooddllhh")


def folded(word: str) -> str:
    """``word`` with case and accents dropped (Ørjan → orjan, José → jose)."""
    if word.isascii():  # most words: nothing to decompose
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.translate(_STROKES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, slots=True)
class Snippet:
    """A few words of one matching text; ``parts`` alternate plain and matched text."""

    parts: tuple[tuple[str, bool], ...]
    found_in: str = ""  # "timeline", "action items", … ("" for the retro's own fields)

    @property
    def text(self) -> str:
        return "".join(part for part, _ in self.parts)

    @property
    def matched(self) -> tuple[str, ...]:
        return tuple(part for part, hit in self.parts if hit)


def cut_snippet(body: str, terms: list[str], *, kind: str = "") -> Snippet | None:
    """The words of ``body`` around its first word starting with one of ``terms`` (``None``: no match)."""
    # A query word may hold combining marks (हिन्दी); the text's words are cut at them: so are the terms.
    wanted = tuple(folded(piece) for t in terms for piece in _WORD.findall(t))
    if not wanted:
        return None
    words = list(_WORD.finditer(body))
    hit = _first_hit(body, words, wanted)
    if hit is None:
        return None
    first = max(0, min(hit - BEFORE, len(words) - WORDS))
    last = min(len(words), first + WORDS)
    marked = {i for i in range(max(first, hit), last) if folded(words[i].group()).startswith(wanted)}
    # Plain text is gathered until the next matched word (neighbouring parts of one kind as one).
    parts: list[tuple[str, bool]] = []
    plain = "…" if first > 0 else ""
    position = words[first].start()
    if first == 0:
        plain += _spaced(body[:position].strip())
    for i in range(first, last):
        word = words[i]
        between = body[position:word.start()]
        if between:
            plain += between if between == " " else _SPACES.sub(" ", between)
        if i in marked:
            if plain:
                parts.append((plain, False))
                plain = ""
            parts.append((word.group(), True))
        else:
            plain += word.group()
        position = word.end()
    plain += _spaced(body[position:].rstrip()) if last == len(words) else "…"
    if plain:
        parts.append((plain, False))
    return Snippet(tuple(parts), FOUND_IN.get(kind, ""))


def _spaced(text: str) -> str:
    """``text`` with line breaks and runs of spaces as one space; nothing when it is only spaces."""
    text = _SPACES.sub(" ", text)
    return text if text.strip() else ""


def _first_hit(body: str, words: list[re.Match[str]], wanted: tuple[str, ...]) -> int | None:
    """The index in ``words`` of the first one starting with one of ``wanted`` (folded)."""
    if body.isascii():  # one regular expression over the text, no word folded
        ascii_terms = tuple(t for t in wanted if t.isascii())
        if not ascii_terms:
            return None
        found = _ascii_pattern(ascii_terms).search(body)
        if found is None:
            return None
        return bisect_left([w.start() for w in words], found.start())
    return next((i for i, w in enumerate(words) if folded(w.group()).startswith(wanted)), None)


@lru_cache(maxsize=64)
def _ascii_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """A word starting with one of ``terms``, in any case (ASCII text)."""
    return re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(t) for t in terms) + ")", re.IGNORECASE | re.ASCII)
