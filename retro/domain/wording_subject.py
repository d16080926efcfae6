"""Who does the verb: the wording coach's subject heuristic.

The words before the verb in the same clause, cut at the first preposition; the last of them is
the head. A person, a role or a team blames; a system as the subject is quiet; the first person
is ownership where a statement welcomes it.
"""

from __future__ import annotations

import re

from . import wording_words as w
from .wording_context import PLAIN, WordingContext
from .wording_rules import _Lazy

_BOUNDARY = _Lazy(
    r"[.;:!?\n()\[\]\"“”—–]|,|(?<![\w-])(?:and|but|because|so|when|while|after|before|since|although|though|"
    r"until|or|once|whereas|then|if|unless)(?![\w-])")
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\w:]*", re.UNICODE)
_CONJUNCTIONS = frozenset({"and", "but", "then", "or", ","})

FIRST, PERSON, GROUP, THING, NONE = "first", "person", "group", "thing", "none"


def _clause_before(text: str, pos: int) -> tuple[str, int, str]:
    """The words of the clause before ``pos``, where that clause starts, and what started it."""
    lo = max(0, pos - 160)
    window = text[lo:pos]
    last = None
    for match in _BOUNDARY.finditer(window):
        last = match
    if last is None:
        return window, lo, "" if lo == 0 else " "
    return window[last.end():], lo + last.start(), last.group(0).casefold()


def _words(chunk: str) -> list[str]:
    chunk = re.sub(r"\bon[ -]call\b", "oncall", chunk, flags=re.IGNORECASE)
    chunk = re.sub(r"\bno[ -]one\b", "nobody", chunk, flags=re.IGNORECASE)
    return _WORD.findall(chunk)


def _is_name(word: str, initial: bool, ctx: WordingContext) -> bool:
    low = word.casefold().strip("'’")
    if low in ctx.names:
        return True
    first = word[0]
    if first.isalpha() and not first.isupper() and not first.islower():
        return True  # a script without letter case (Chinese, Japanese, Arabic, Hindi …): a name
    if not first.isupper() or (word.isupper() and len(word) > 1) or low in w.NOT_NAMES:
        return False
    # a capitalised plural opening a sentence ("Alerts failed …") is a thing; "Carlos", "James" are names
    return not (initial and low.endswith("s") and len(low) > 3 and low[-2] not in "aeiouś")


def classify_words(words: list[str], initial: bool, ctx: WordingContext) -> str:
    """Who ``words`` (a subject noun phrase, verb excluded) is: first person, a person, a group, a thing."""
    for i, word in enumerate(words):
        low = word.casefold()
        if low in ("who", "whom"):
            return PERSON if i else NONE
        if low == "which":
            return THING
        if low in w.SUBJECT_CUT and i:
            words = words[:i]
            break
    while words and words[-1].casefold() in w.SKIP_WORDS:
        words = words[:-1]
    if not words:
        return NONE
    head = words[-1]
    low = head.casefold()
    if low.endswith(("'s", "’s")) or low.endswith(("s'", "s’")):
        return THING  # "Sam's change": the change is the subject
    if low in w.FIRST_PERSON:
        return FIRST
    if low in ("we", "us", "ourselves"):
        return FIRST if ctx.ownership else GROUP
    if low in w.PRONOUNS:
        return GROUP if low in w.GROUP_NOUNS or low in ("everyone", "everybody", "nobody") else PERSON
    if low in w.ORGANISATIONS:
        return THING  # "the vendor never responded": another organisation's silence is a system's
    if low in w.PERSON_NOUNS:
        return GROUP if low in w.GROUP_NOUNS else PERSON
    if _is_name(head, initial and len(words) == 1, ctx):
        return PERSON
    return THING


def subject_of(text: str, pos: int, ctx: WordingContext = PLAIN) -> str:
    """Who does the verb at ``pos``: the clause's subject, or the sentence's when the clause has none."""
    chunk, start, opener = _clause_before(text, pos)
    words = _words(chunk)
    initial = opener in ("", ".", "!", "?", "\n", ";", ":", "(", "\"", "“")
    kind = classify_words(words, initial, ctx)
    hops = 0
    while kind == NONE and opener in _CONJUNCTIONS and hops < 3:
        chunk, start, opener = _clause_before(text, start)
        words = _words(chunk)
        # "Sam restarted the pod and failed to …": the first words of the clause before are its subject
        head: list[str] = []
        for word in words:
            if word.casefold() in w.SUBJECT_CUT or (head and not _could_be_subject(word, ctx)):
                break
            head.append(word)
        initial = opener in ("", ".", "!", "?", "\n", ";", ":")
        kind = classify_words(head, initial, ctx)
        hops += 1
    return kind


def _could_be_subject(word: str, ctx: WordingContext) -> bool:
    low = word.casefold()
    return (low in w.PERSON_NOUNS or low in w.PRONOUNS or low in w.SKIP_WORDS or low in ("the", "a", "an", "our")
            or low in ctx.names or word[:1].isupper())


_AGENT_CUT = w.SUBJECT_CUT | {"and", "or", "without", "after", "before", "during", "because", "when", "while",
                              "yesterday", "today", "earlier", "later", "again", "too", "last", "this", "in"}


def _phrase_subject(phrase: str, ctx: WordingContext) -> str:
    words = _words(phrase)
    for i, word in enumerate(words):
        if i and word.casefold() in _AGENT_CUT:
            words = words[:i]
            break
    return classify_words(words, True, ctx)


_POSSESSOR = re.compile(r"^(?:his|her|their|your)$|^(.+?)(?:'s|’s|s'|s’)$", re.IGNORECASE)


def owned_by_a_person(text: str, pos: int, ctx: WordingContext = PLAIN) -> bool:
    """Whether the subject before ``pos`` is a person's thing: "Sam's change", "his commit", "the intern's script".

    Harm done by a thing a person is named as owning still points at the person ("Sam's change broke
    checkout"); "the deploy's canary", "our change" do not.
    """
    words = _words(_clause_before(text, pos)[0])
    for word in words[:-1]:
        m = _POSSESSOR.match(word)
        if not m:
            continue
        if m.group(1) is None:
            return True
        owner = m.group(1).casefold()
        # a vendor's or a system's thing is not a person's ("Stripe's API"): a known name, a role or a team only
        if owner in ctx.names or owner in w.PERSON_NOUNS or owner in w.PRONOUNS:
            return True
    return False


def clause_subject(text: str, pos: int, ctx: WordingContext = PLAIN) -> str:
    """Who opens the clause before ``pos`` ("Priya pointed the job at production …" → a person): for words
    told after the deed, where the nearest words before are its object, not its subject."""
    chunk, _start, opener = _clause_before(text, pos)
    head: list[str] = []
    for word in _words(chunk):
        if word.casefold() in w.SUBJECT_CUT or (head and not _could_be_subject(word, ctx)):
            break
        head.append(word)
        if not _could_be_subject(word, ctx):
            break
    return classify_words(head, opener in ("", ".", "!", "?", "\n", ";", ":"), ctx)
