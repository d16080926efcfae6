"""The forms a person's name takes in text, as the expressions :class:`retro.domain.mentions.PeopleMatcher` runs.

Titles before a name and honorifics after it, glued prefixes (``O'``, ``Mc``), word endings
(possessives, German ``-s``, Slavic declension), CamelCase and German spellings, and one
expression per script family (Latin, CJK, Hangul, Arabic, Hebrew …) whose alternatives are
grouped by first letter. Text is folded (:mod:`retro.domain.folding`) before it is matched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .folding import fold, fold_word, german_spelling, is_spaceless, transliterate

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TITLES = r"(?:(?:mr|mrs|ms|mx|dr|prof|herr|frau|pan|pani|sr|sra|srta|mme|mlle|sig|sra)\.?\s+)?"
_GLUED = r"(?:(?:[od]'|mc\s?|mac\s)(?=[a-z]))?"
_LATIN_HONORIFIC = r"(?:[-\s]?(?:san|sama|kun|chan|sensei|senpai|dono|shi|ssi|nim)(?![a-z0-9]))?"
_SHORT_ENDINGS = r"(?:owie|owi|ego|emu|iem|em|ie|a)?"  # for three-letter parts: "Jana", not "Same"
_ENDINGS = r"(?:owie|owi|ego|emu|iem|yem|ach|ami|om|em|ie|ej|ów|ow|ova|ov|in|ina|es|ya|yu|s|a|e|i|y|u|o|n)?"
# not inside a word nor before digits (:data:`_DIGITS` takes those a handle has); a possessive 's may follow
_AFTER_LATIN = r"(?!(?:[a-z0-9]|'[a-rt-z0-9]))"
#: Digits glued to a name of five letters or more, at most four (a year): "priya1987" is a handle, taken with
#: the name ("[name removed]", not "[name removed]1987"); "ed25519", "dev1", "alma9", "sam01" are no people.
_DIGITS = r"(?:(?<=[a-z]{{5}})[0-9]{{1,4}}(?![0-9]))?"
#: Case endings that replace a name's last vowel (Slavic, Greek): Мария → Марии, Марией; Ольга →
#: Ольгу; Андрей → Андреем; Katarzyna → Katarzynie; Γιώργος → Γιώργο. Required after a stem.
_STEM_ENDINGS = r"(?:iyu|iey|eyu|oyu|ego|emu|iem|yem|ey|ei|oy|oj|oi|ou|em|om|ii|iu|ia|ya|yu|ye|ie|a|e|i|o|u|y)"
#: Polish/Czech/Slovak endings of a Latin name in ``-a`` on a stem of four letters or more, written in Latin
#: letters: Katarzyna → Katarzynie, Katarzyny, Katarzynej, Katarzynou, Katarzynom. Not ``-e`` (the fold of
#: ``ę``, taken by "stem" in text that is not ASCII): "Marine", "Olive" are English words.
_LATIN_STEM_ENDINGS = r"(?:ie|ej|ou|om|y)"
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
    "two-letter": f"{_LATIN}{_LATIN_HONORIFIC}{_DIGITS}{_AFTER_LATIN}",
    "short": f"{_LATIN}{_SHORT_ENDINGS}{_LATIN_HONORIFIC}{_DIGITS}{_AFTER_LATIN}",
    "long": f"{_LATIN}{_ENDINGS}{_LATIN_HONORIFIC}{_DIGITS}{_AFTER_LATIN}",
    "stem": f"{_LATIN}{_STEM_ENDINGS}{_LATIN_HONORIFIC}{_DIGITS}{_AFTER_LATIN}",
    "latin-stem": f"{_LATIN}{_LATIN_STEM_ENDINGS}{_LATIN_HONORIFIC}{_AFTER_LATIN}",
    "cased": rf"(?<![A-Za-z0-9])(?=[A-Za-z@])(?i:{_TITLES})@?(?=[{{gate}}])(?:{{alternation}})(?i:{_LATIN_HONORIFIC})(?!(?:[A-Za-z0-9]|'[a-rt-zA-RT-Z0-9]))",
    "kept": "(?:{alternation})",  # few, and their bodies start with lookbehinds
    # an Arabic name part in Latin letters (:mod:`retro.domain.arabic_latin`): bodies carry their own case rules
    "arabic-latin": r"(?<![A-Za-z0-9])(?:{alternation})(?!(?:[A-Za-z0-9]|'[a-rt-zA-RT-Z0-9]))",
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
        if len(folded) == 1 and len(part) == 4 and is_spaceless(part[0]):
            forms += [[part[:2]], [part[2:]]]  # family and given name of a four-character one: 山田太郎 → 山田さん
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
    if family in ("kept", "arabic-latin"):  # bodies start with lookbehinds or classes
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


#: A word broken at the end of a line with a hyphen ("Kowal-\nska", pasted from a PDF or a wrapped chat).
_BROKEN = re.compile(r"(?<=[A-Za-z])-[ \t]*\r?\n[ \t]*(?=[a-z])")


def fold_text(text: str) -> tuple[str, list[int] | None]:
    """The cased fold of ``text`` with CamelCase split, and where each character came from (None: the same place);
    a word broken over two lines with a hyphen is joined."""
    cased, origin = _fold_text(text)
    if "\n" not in text or not _BROKEN.search(cased):
        return cased, origin
    where = origin if origin is not None else list(range(len(cased)))
    out, kept, last = [], [], 0
    for m in _BROKEN.finditer(cased):
        out.append(cased[last:m.start()])
        kept += where[last:m.start()]
        last = m.end()
    out.append(cased[last:])
    kept += where[last:]
    return "".join(out), kept


def _fold_text(text: str) -> tuple[str, list[int] | None]:
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


#: A name's last vowels that a case ending replaces (longest first): Мария (Mapiya) → Mapi-i,
#: Андрей (Andpey) → Andpe-em, Ольга (Ol'ga) → Ol'g-u, Γιώργος (Giopgos) → Giopg-o.
_STEM_END = re.compile(r"(?:iya|ia|ya|iy|ij|y|os|as|is|es|a|o|e|i)$")


def stem(part: str, shortest: int = 3) -> str | None:
    """The stem a case ending follows (``Mapi`` of ``Mapiya``), or None: no vowel to replace, too short."""
    m = _STEM_END.search(part.lower())
    if not m:
        return None
    body = part[: m.start()].rstrip("'")
    return body if letter_count(body) >= shortest else None


def latin_stem(token: str) -> str | None:
    """The stem of a Latin name in ``-a`` that takes :data:`_LATIN_STEM_ENDINGS` in Latin text (``Katarzyn``),
    or None: not in ``-a``, or a stem under four letters ("Tin" + "y" is "tiny", "Ann" + "ie" is "Annie")."""
    if not token[:1].isascii() or not token.lower().endswith("a") or token.lower().endswith(("ia", "ya")):
        return None
    return stem(token, shortest=4)


def declines(token: str) -> bool:
    """Whether a name part takes case endings on its stem: Cyrillic and Greek names, and Latin ones in ``-a``
    (Slavic feminine: Katarzyna → Katarzynie, Katarzyny) or -y (Dmitry → Дмитрием, Sergey → Сергею)."""
    name = unicodedata.name(token[:1], "")
    return name.startswith(("CYRILLIC", "GREEK")) or (token[:1].isascii() and token.lower().endswith(("a", "y")))


#: How Cyrillic names are written in Latin letters besides :mod:`anyascii`'s way, each system as
#: (letters, their spelling), two-letter groups first: the popular English one (Yulia, Alexey,
#: Natalia, Dmitry), the scholarly/Central European one (Julija, Jaroslav, Aleksej) and the
#: passport one (ICAO 9303: Iuliia, Aleksei).
_ROMANISATIONS: tuple[dict[str, str], ...] = (
    {"ия": "ia", "ья": "ia", "ий": "y", "кс": "x", "ь": "", "ъ": "", "я": "ya", "ю": "yu", "й": "y", "х": "kh",
     "ц": "ts", "ж": "zh", "ч": "ch", "ш": "sh", "щ": "shch", "ё": "e", "э": "e", "ы": "y", "е": "e"},
    {"ия": "ia", "ий": "ij", "ь": "", "ъ": "", "я": "ja", "ю": "ju", "й": "j", "х": "ch", "ц": "c", "ж": "z",
     "ч": "c", "ш": "s", "щ": "sc", "ё": "e", "э": "e", "ы": "y", "е": "e"},
    {"ь": "", "ъ": "ie", "я": "ia", "ю": "iu", "й": "i", "х": "kh", "ц": "ts", "ж": "zh", "ч": "ch", "ш": "sh",
     "щ": "shch", "ё": "e", "э": "e", "ы": "y", "е": "e"},
)


def _romaniser(system: dict[str, str]) -> Callable[[str], str]:
    def romanised(token: str) -> str:
        if not any("CYRILLIC" in unicodedata.name(ch, "") for ch in token):
            return fold_word(token)
        lower, out, at = token.lower(), [], 0
        while at < len(lower):
            pair = lower[at:at + 2]
            if pair in system:
                piece, at = system[pair], at + 2
            else:
                piece, at = system.get(lower[at], lower[at]), at + 1
            out.append(piece)
        latin = transliterate("".join(out)).lower()
        return latin[:1].upper() + latin[1:] if token[:1].isupper() else latin
    return romanised


ROMANISATIONS = tuple(_romaniser(system) for system in _ROMANISATIONS)


#: A name written in Latin letters as :mod:`anyascii` writes the same name in Cyrillic, so "Yulia",
#: "Julia", "Alexey", "Aleksei", "Dmitry" are found in "Юлия", "Алексей", "Дмитрий" (transliterated
#: "Yuliya", "Aleksey", "Dmitriy"): (rule, replacement) in order.
_CYRILLIC_STYLE = (
    (re.compile(r"x"), "ks"),
    (re.compile(r"^i(?=[aeou])"), "y"),
    (re.compile(r"^j(?=[aeiou])"), "y"),
    (re.compile(r"(?<=[aeiou])j(?=[aeiou])"), "y"),
    (re.compile(r"(?<=[aeo])[ij]$"), "y"),
    (re.compile(r"(?<=[^aeiouy])(?:y|ij|ii)$"), "iy"),
    (re.compile(r"ii(?=[aeou])"), "i"),
)


def _cyrillic_style(token: str, glide: str) -> str:
    folded = fold_word(token)
    if not folded.isascii() or not folded.isalpha() or len(folded) < 3:
        return folded
    lower = folded.lower()
    for rule, spelling in _CYRILLIC_STYLE:
        lower = rule.sub(spelling, lower)
    lower = re.sub(r"(?<=[^aeiouy])i(?=[aeou])", glide, lower)  # Maria → Mariya / Marya
    return lower[:1].upper() + lower[1:] if folded[:1].isupper() else lower


def cyrillic_style(token: str) -> str:
    """``Maria`` → ``Mariya``, ``Alexei`` → ``Aleksey``, ``Dmitry`` → ``Dmitriy``, ``Julia`` → ``Yuliya``."""
    return _cyrillic_style(token, "iy")


def cyrillic_style_short(token: str) -> str:
    """``Natalia`` → ``Natalya`` (``Наталья`` with its soft sign dropped)."""
    return _cyrillic_style(token, "y")


def ungerman(token: str) -> str:
    """``Mueller`` → ``Muller``, ``Bjoern`` → ``Bjorn``: a name spelled with ``ae``/``oe``/``ue`` as it reads
    written with the umlaut (``Müller``, whose fold is ``Muller``)."""
    folded = fold_word(token)
    return re.sub(r"(?<=[b-df-hj-np-tv-z])([aou])e(?=[b-df-hj-np-tv-z])", r"\1", folded, flags=re.I)
