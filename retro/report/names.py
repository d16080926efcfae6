"""Finding people's names in text that goes public, without mistaking ordinary words for them.

A :class:`NameMatcher` knows the participants' and action owners' names and finds them in a
text, to replace them (the public report's second line of defence, see
:mod:`retro.report.audience`) or to point them out to the facilitator, who can reword.

What counts as a mention of "Will Page" or "Wei Wu":

* the whole name, with any run of whitespace between its words ("Will Page", "Will\\nPage");
* each part of it ("Will", "Page", "Wu"), and each half of a hyphenated part ("Jean-Luc" →
  "Jean", "Luc"), as long as it is at least two letters (an initial alone, "J", is not a name
  and "A" or "I" would be words) and starts with a capital as written;
* **case-sensitively**, so "we will page the on-call" and "the wu-tang" mention nobody, while
  "Wu rolled back the deploy" does. A name typed all in lower case ("will page") is looked for
  capitalised ("Will Page"), the way a name appears in a sentence; a lower-case part of a
  capitalised name (the "de" of "Jan de Vries") counts only inside the whole name;
* as a whole word: not inside a longer word ("Wu" is not in "Wuhan", "Page" not in "Pages"),
  Unicode-aware (letters of every script are word characters). In scripts written without
  spaces between words (Chinese, Japanese, Thai …) the whole name is found inside running text.

Text and names are compared in Unicode NFC, so an "é" typed as "e" plus an accent still matches.
A capitalised common word at the start of a sentence ("Will this recur?") is still a match:
that is why the facilitator is shown every mention before the report goes out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from retro.domain import Retro

_WORD = re.compile(r"\w+(?:['’]\w+)*(?:-\w+(?:['’]\w+)*)*")
_SPACELESS_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN", "YI ")


@dataclass(frozen=True, slots=True)
class NameHit:
    """One mention: the words found, where they are, and whose name they are part of."""

    found: str
    start: int
    end: int
    person: str


class NameMatcher:
    """Finds the given people's names (whole, or by part) in text; see the module docstring."""

    def __init__(self, people: Iterable[str]) -> None:
        owners: dict[str, set[str]] = {}
        for raw in people:
            person = " ".join(unicodedata.normalize("NFC", raw).split())
            for term in _terms(person):
                owners.setdefault(term, set()).add(person)
        self._owners = {term: ", ".join(sorted(names)) for term, names in owners.items()}
        terms = sorted(owners, key=lambda t: (-len(t), t))  # whole names before their parts
        self._pattern = re.compile("|".join(_term_pattern(t) for t in terms)) if terms else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def find(self, text: str) -> list[NameHit]:
        """Every mention in ``text`` (positions are in the NFC form of ``text``)."""
        if self._pattern is None or not text:
            return []
        text = unicodedata.normalize("NFC", text)
        return [
            NameHit(m.group(0), m.start(), m.end(), self._owners[" ".join(m.group(0).split())])
            for m in self._pattern.finditer(text)
        ]

    def replace(self, text: str, replacement: str) -> str:
        """``text`` with every mention replaced by ``replacement``."""
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(replacement, unicodedata.normalize("NFC", text))


def retro_people(retro: Retro) -> list[str]:
    """Every name the retro records: its participants and its action owners."""
    names = [p.name for p in retro.participants.values()]
    names += [a.owner for a in retro.actions.values()]
    return [n for n in names if n.strip()]


def _terms(person: str) -> list[str]:
    """The forms of ``person``'s name to look for, as they would stand in a sentence: whole, then parts."""
    typed_lower = person == person.lower()  # "will page" (or a script without case)
    terms = [_sentence_form(person) if typed_lower else person] if _letters(person) >= 2 else []
    for word in _WORD.findall(person):
        for piece in [word, *word.split("-")] if "-" in word else [word]:
            if _letters(piece) < 2:
                continue  # an initial: "A" or "I" would be words
            if piece[0].isupper():
                terms.append(piece)
            elif piece[0].islower():
                if typed_lower:  # a lower-case part of a capitalised name ("de") only counts inside it
                    terms.append(_sentence_form(piece))
            elif len(piece) >= 3:  # a script without case: only parts long enough to mean a name
                terms.append(piece)
    return list(dict.fromkeys(terms))


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _sentence_form(term: str) -> str:
    """``will page`` → ``Will Page``: each word with a capital first letter."""
    return " ".join(w[:1].upper() + w[1:] for w in term.split(" "))


def _term_pattern(term: str) -> str:
    """A regular expression for ``term``: case as given, whole words only, any whitespace inside."""
    body = r"\s+".join(re.escape(w) for w in term.split(" "))
    before = "" if _spaceless(term[0]) else r"(?<!\w)"
    after = "" if _spaceless(term[-1]) else r"(?!\w)"
    return f"{before}{body}{after}"


def _spaceless(char: str) -> bool:
    """True for letters of scripts written without spaces between words."""
    return unicodedata.name(char, "").startswith(_SPACELESS_SCRIPTS)
