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
from dataclasses import dataclass

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
    wanted = tuple(folded(t) for t in terms if t)
    words = list(_WORD.finditer(body))
    if not wanted:
        return None
    hits = [i for i, w in enumerate(words) if folded(w.group()).startswith(wanted)]
    if not hits:
        return None
    first = max(0, min(hits[0] - BEFORE, len(words) - WORDS))
    last = min(len(words), first + WORDS)
    marked = set(hits)
    parts: list[tuple[str, bool]] = []

    def plain(text: str) -> None:
        text = _SPACES.sub(" ", text)  # line breaks and runs of spaces read as one space
        if text.strip():
            parts.append((text, False))

    plain("…" if first > 0 else "")
    position = words[first].start()
    if first == 0:
        plain(body[:position].strip())
    for i in range(first, last):
        word = words[i]
        between = body[position:word.start()]
        if between:
            parts.append((_SPACES.sub(" ", between), False))
        parts.append((word.group(), i in marked))
        position = word.end()
    plain(body[position:].rstrip() if last == len(words) else "…")
    return Snippet(tuple(_joined(parts)), FOUND_IN.get(kind, ""))


def _joined(parts: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Neighbouring parts of the same kind as one."""
    out: list[tuple[str, bool]] = []
    for text, hit in parts:
        if out and out[-1][1] == hit:
            out[-1] = (out[-1][0] + text, hit)
        else:
            out.append((text, hit))
    return out
