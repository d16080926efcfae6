"""The forms a person's name takes in text, as the expressions :class:`retro.domain.mentions.PeopleMatcher` runs.

Titles before a name and honorifics after it, glued prefixes (``O'``, ``Mc``), word endings
(possessives, German ``-s``, Slavic declension), CamelCase and German spellings, and one
expression per script family (Latin, CJK, Hangul, Arabic, Hebrew …) whose alternatives are
grouped by first letter. Text is folded (:mod:`retro.domain.folding`) before it is matched.
"""

from __future__ import annotations

import re
import unicodedata

from .folding import fold, fold_word, german_spelling, is_spaceless

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TITLES = r"(?:(?:mr|mrs|ms|mx|dr|prof|herr|frau|pan|pani|sr|sra|srta|mme|mlle|sig|sra)\.?\s+)?"
_GLUED = r"(?:(?:[od]'|mc\s?|mac\s)(?=[a-z]))?"
_LATIN_HONORIFIC = r"(?:[-\s]?(?:san|sama|kun|chan|sensei|senpai|dono|shi|ssi|nim)(?![a-z0-9]))?"
_SHORT_ENDINGS = r"(?:owie|owi|ego|emu|iem|em|ie|a)?"  # for three-letter parts: "Jana", not "Same"
_ENDINGS = r"(?:owie|owi|ego|emu|iem|ach|ami|om|em|ie|ej|ów|ow|ova|ov|in|ina|es|s|a|e|i|y|u|o|n)?"
_AFTER_LATIN = r"(?!(?:[a-z0-9]|'[a-rt-z0-9]))"  # not inside a word; a possessive 's may follow
_CJK_HONORIFIC = r"(?:\s?(?:さん|さま|様|くん|君|ちゃん|氏|先生|殿|선생님|씨|님|先生|小姐|老师|同学))?"
_KOREAN_PARTICLE = r"(?:(?:에게|한테|이|가|은|는|을|를|의|도|와|과)(?![가-힣]))?"
_ARABIC_PREFIX = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)(?:وب|ول|فب|فل|وك)))"
_HEBREW_PREFIX = r"(?:(?<!\w)|(?<=(?<!\w)[ובלכמשה])|(?<=(?<!\w)(?:וה|וב|ול|שה|מה|כש|וש|שב|של)))"


def upper_form(token: str) -> str:
    """The fold of the name in capitals: Cyrillic and Greek capitals have other look-alikes."""
    return fold_word(token.upper()).capitalize()


def german_form(token: str) -> str:
    return fold_word(german_spelling(token))


def split_camel(token: str) -> str:
    return _CAMEL.sub(" ", token)


def letter_count(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _body(part: str) -> str:
    """A folded name part as a pattern: apostrophes optional, CamelCase halves joined or apart."""
    out = []
    for ch in part.lower():
        out.append("'?" if ch == "'" else r"\s?" if ch == " " else re.escape(ch))
    return "".join(out)


def script_family(last_part: str) -> str:
    """Which endings a name ending in ``last_part`` takes: none (two letters), short ones, all."""
    letters = letter_count(last_part)
    return "two-letter" if letters < 3 else "short" if letters == 3 else "long"


def caseless_body(parts: list[str]) -> str:
    return r"[\s_.,\-]*".join(_body(p) for p in parts)


def cased_body(parts: list[str]) -> str:
    """Ordinary-word parts: only as a name is written, capitalised (``Will``, ``WillPage``)."""
    words = [_body(p)[:1].upper() + _body(p)[1:] if p[:1].isalpha() else _body(p) for p in parts]
    return r"[\s_.,\-]*".join(words)


_LATIN = rf"(?<![a-z0-9])(?=[a-z@]){_TITLES}@?{_GLUED}(?=[{{gate}}])(?:{{alternation}})"
#: family -> the expression around its alternation of bodies (``{}``).
FAMILIES = {
    "two-letter": f"{_LATIN}{_LATIN_HONORIFIC}{_AFTER_LATIN}",
    "short": f"{_LATIN}{_SHORT_ENDINGS}{_LATIN_HONORIFIC}{_AFTER_LATIN}",
    "long": f"{_LATIN}{_ENDINGS}{_LATIN_HONORIFIC}{_AFTER_LATIN}",
    "cased": rf"(?<![A-Za-z0-9])(?=[A-Za-z@])(?i:{_TITLES})@?(?=[{{gate}}])(?:{{alternation}})(?i:{_LATIN_HONORIFIC})(?!(?:[A-Za-z0-9]|'[a-rt-zA-RT-Z0-9]))",
    "kept": "(?:{alternation})",  # few, and their bodies start with lookbehinds
}


def kept_terms(tokens: list[str]) -> list[tuple[str, str, tuple[str, bool]]]:
    folded = [fold_word(t) for t in tokens]
    forms: list[list[str]] = []
    if len(folded) >= 2:
        forms += [folded, [folded[-1], *folded[:-1]]]
    for part in folded:
        if len(part) >= 2:
            forms.append([part])
        if len(folded) == 1 and len(part) == 3 and is_spaceless(part[0]):
            forms.append([part[1:]])  # the given name of a three-character CJK or Hangul name
    out = []
    for form in forms:
        body = r"[\s・·]*".join(re.escape(p) for p in form)
        first = form[0][0]
        if is_spaceless(first):
            pattern = f"{body}{_CJK_HONORIFIC}{_KOREAN_PARTICLE}"
        elif "ARABIC" in unicodedata.name(first, ""):
            pattern = rf"{_ARABIC_PREFIX}{body}(?!\w)"
        elif "HEBREW" in unicodedata.name(first, ""):
            pattern = rf"{_HEBREW_PREFIX}{body}(?!\w)"
        else:
            pattern = rf"(?<!\w){body}(?!\w)"
        out.append(("kept", pattern, (form[0][0], False)))
    return out


def compile_forms(family: str, terms: list[tuple[str, str]]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regular expression for a family's bodies, longest first; each alternative names its owners."""
    owners: dict[str, set[str]] = {}
    for body, person in terms:
        owners.setdefault(body, set()).add(person)
    ordered = sorted(owners, key=lambda p: (-len(p), p))
    groups = {f"t{i}": ", ".join(sorted(owners[p])) for i, p in enumerate(ordered)}
    if family == "kept":  # bodies start with lookbehinds
        alternation = "|".join(f"(?P<t{i}>{p})" for i, p in enumerate(ordered))
    else:
        # bodies grouped by their first letter: the engine tries a place's few bodies, not all of them
        # (bodies with different first letters never match at one place, so the order that matters —
        # longest first — is kept within each group)
        by_lead: dict[str, list[str]] = {}
        for i, p in enumerate(ordered):
            lead = p[:2] if p.startswith("\\") else p[:1]
            by_lead.setdefault(lead, []).append(f"(?P<t{i}>{p[len(lead):]})")
        alternation = "|".join(f"{lead}(?:{'|'.join(alts)})" for lead, alts in by_lead.items())
    gate = "".join(sorted({re.escape(_first_char(b)) for b in ordered}))
    return re.compile(FAMILIES[family].format(alternation=alternation, gate=gate)), groups


def _first_char(body: str) -> str:
    """The first character a body can match (bodies start with a literal, maybe escaped)."""
    return body[1] if body.startswith("\\") else body[0]


def fold_text(text: str) -> tuple[str, list[int] | None]:
    """The cased fold of ``text`` with CamelCase split, and where each character came from (None: the same place)."""
    if text.isascii():
        if not _CAMEL.search(text):
            return text, None
        cased, origin = text, list(range(len(text)))
    else:
        cased, origin = fold(text)
        if not _CAMEL.search(cased):
            return cased, origin
    out, where, last = [], [], 0
    for m in _CAMEL.finditer(cased):
        out.append(cased[last:m.start()] + " ")
        where += [*origin[last:m.start()], origin[m.start()]]
        last = m.start()
    out.append(cased[last:])
    where += origin[last:]
    return "".join(out), where


# a word, or initials ("J.", "J.R."), right before a hit — not a sentence's last word ("… Kowalski. Kowalski")
