"""The one people-matcher: every way a text can point at a person, found and replaceable.

:class:`PeopleMatcher` knows the names of the people in a retro (participants and action
owners) and finds, in any text, every form that still points at one of them. The public
report replaces what it finds (:mod:`retro.report.audience`), the findings list each hit, and
the live warnings use the same object, so the three can never disagree.

Text and names are compared in a *fold* (:mod:`retro.domain.folding`): NFKC, zero-width
characters dropped, look-alike letters of other scripts mapped to Latin (TR 39 skeleton),
accents and other scripts transliterated (``Łukasz`` = ``Lukasz``, ``Müller`` = ``Muller`` =
``Mueller``, ``Дмитрий`` = ``Dmitriy``). What counts as a mention of a person:

* the whole name, its words joined by spaces, ``_``, ``.``, ``-`` or nothing (``WillPage``,
  ``jan_kowalski``), also in reverse order (``Kowalski Jan``);
* each part of the name of two letters or more (an initial is no name), in any case — unless
  the part is also an ordinary word (:mod:`retro.domain.common_words`, plus the retro's
  services), which counts only capitalised as in a sentence (``Will``, not ``will`` or
  ``WILL``), so "we will page the on-call" mentions nobody;
* word endings of names that are not ordinary words: possessives (``Wu's``, ``Jones'``),
  German ``-s``, Polish and other Slavic declension (``Łukasza``, ``Kowalskiego``, ``Kasię``);
* handles derived from a name: ``first.last``, ``first_last``, ``flast``, ``f.last``,
  ``firstl``, with or without ``@``; a surname with its particles joined (``vanderberg``,
  ``pvanderberg``), the particles taken in beside it ("van der Berg");
* the given name's short forms (:mod:`retro.domain.short_forms`): nicknames ("Bob", "Sasha",
  "Володя") and cuts of four letters or more, capitalised ("Alex" of Alexandra);
* an Arabic name in Latin letters (:mod:`retro.domain.arabic_latin`): محمد الأحمد →
  "Mohammed Al-Ahmad", "Muhammad", "Alahmad"; a Polish woman's surname in ``-skiej``;
* a word broken over two lines with a hyphen ("Kowal-⏎ska");
* names in CJK, kana and Hangul inside running text without spaces (and the given name of a
  three-character name), and Arabic and Hebrew names behind a one-letter prefix (``و``, ``ב``);
* **every** e-mail address, every other ``@handle`` (not ``@here``, ``@channel`` or team
  handles), Slack's ``<@U…|name>`` whole, every profile or deep link of a chat tool or git host,
  and every link with a name in it (whole: "[link removed]", never a broken link).

A hit covers what would otherwise still point at the person: a title before it (``Dr.``,
``Herr``), an honorific after it (``-san``, ``さん``, ``씨``), ``O'`` or ``Mc`` glued to it, and
the person's other name parts or initials right beside it ("Tomas [name removed]" cannot happen).

Speed (issue 9: 1,000 events × 30 people in well under 50 ms): the forms of a family are one
expression whose alternatives are grouped by first letter, and each family first asks a cheap
pre-filter — three letters every match of one of its forms must hold (:func:`retro.domain.mention_filters.needle`) — so
most texts never run the full expressions; addresses and links are looked for only in text
holding an ``@`` or a ``/``, and ASCII text is neither normalised nor folded.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .arabic_latin import arabic_names, latin_body, latin_spellings
from .common_words import COMMON_WORDS
from .folding import fold_word, is_kept, transliterate
from .mention_addresses import EMAIL, EMAIL_PATTERN, HANDLE, LINK, find_addresses, link_spans
from .mention_context import in_capitals_not_a_name, is_date, name_only
from .mention_filters import needle, prefilter, trie
from .name_forms import (
    ROMANISATIONS,
    cased_body,
    caseless_body,
    compile_forms,
    cyrillic_style,
    cyrillic_style_short,
    declines,
    fold_text,
    german_form,
    kept_terms,
    latin_stem,
    letter_count,
    script_family,
    split_camel,
    stem,
    ungerman,
    upper_form,
)
from .short_forms import prefixes, short_forms

if TYPE_CHECKING:
    from .retro import Retro

NAME_REMOVED = "[name removed]"
EMAIL_REMOVED = "[e-mail address removed]"
LINK_REMOVED = "[link removed]"

NAME = "name"
__all__ = ["EMAIL", "EMAIL_PATTERN", "EMAIL_REMOVED", "HANDLE", "LINK", "LINK_REMOVED", "NAME", "NAME_REMOVED", "Hit",
           "PeopleMatcher", "mention_key"]




@dataclass(frozen=True, slots=True)
class Hit:
    """One mention: the words found, where (in the NFC text), whose they are and of what kind."""

    found: str
    start: int
    end: int
    person: str
    kind: str = NAME

    @property
    def key(self) -> str:
        """What the facilitator approves as "fine to publish": the words, folded (case, accents)."""
        return mention_key(self.found)

    @property
    def replacement(self) -> str:
        return {EMAIL: EMAIL_REMOVED, LINK: LINK_REMOVED}.get(self.kind, NAME_REMOVED)


def mention_key(found: str) -> str:
    return " ".join(fold_word(found).lower().split())


@dataclass(slots=True)
class _Person:
    name: str
    tokens: set[str]  # lower-case folded parts and initials, for the neighbours of a hit


#: What a name part may carry at its ends that is not part of it: apostrophes, transliteration's
#: ʿayn and hamza (folded to ` and '), spacing accents, punctuation.
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


class PeopleMatcher:
    """Finds every form of the given people's names (and every address and profile link) in text."""

    def __init__(self, people: Iterable[str], *, ordinary_words: Iterable[str] = ()) -> None:
        common = set(COMMON_WORDS)
        for words in ordinary_words:
            common.update(w for w in re.split(r"[\W_]+", fold_word(words).lower()) if w)
        self._common = frozenset(common)
        # family -> [(body, person)]; a family is one regular expression: a shared prefix and suffix
        # around one alternation of bodies (fast: the prefix is tried once per place, not per name)
        terms: dict[str, list[tuple[str, str]]] = {}
        # family -> the literal start of each of its bodies: a family runs only on text holding one
        self._needles: dict[str, set[tuple[str, bool]]] = {}
        self._handle_owner: dict[str, set[str]] = {}  # handle without separators -> people
        self._people: list[_Person] = []
        for raw in dict.fromkeys(" ".join(unicodedata.normalize("NFC", p).split()) for p in people):
            if not raw:
                continue
            person = _Person(raw, set())
            self._people.append(person)
            for family, body, letters in self._terms(raw, person):
                terms.setdefault(family, []).append((body, raw))
                self._needles.setdefault(family, set()).add(letters)
        # the longest hit at a place wins, whichever expression finds it
        self._handle_filter = re.compile(trie(set(self._handle_owner))) if self._handle_owner else None
        self._passes = [(family, prefilter(self._needles[family], cased=family == "cased"), *compile_forms(family, found))
                        for family, found in terms.items()]
        self._by_name = {p.name: p for p in self._people}

    def __bool__(self) -> bool:
        return bool(self._people)

    # -- building ---------------------------------------------------------------------------

    def _terms(self, name: str, person: _Person) -> list[tuple[str, str, tuple[str, bool]]]:
        """(family, body, needle) for every form of ``name`` (see :data:`FAMILIES` and :func:`_needle`)."""
        name = name_only(name)
        tokens = [t.strip(".") for t in re.split(r"[\s\-‐‑]+", name) if t.strip(".")]
        out: list[tuple[str, str, tuple[str, bool]]] = []
        kept = [t for t in tokens if is_kept(t[0])]
        latin = [t for t in tokens if not is_kept(t[0])]
        # a name in an Indian script is also written in Latin letters: राहुल → Rahul
        latin += [roman for t in kept if _INDIC.match(unicodedata.name(t[0], "")) and len(roman := transliterate(t)) >= 4]
        if kept:
            out += kept_terms(kept)
            out += self._romanised_cjk(kept)
            # an Arabic name in Latin letters: محمد الأحمد → "Mohammed Al-Ahmad", "Muhammad", "Alahmad"
            out += [("arabic-latin", found[0], ("", False)) for t in kept if (found := latin_body(t))]
            for usual in (sp.capitalize() for t in kept for sp in latin_spellings(t)):  # علي → "Ali"
                if usual.lower() in self._common:
                    out.append(("cased", cased_body([usual]), needle(usual, cased=True)))
                else:
                    out.append((script_family(usual), caseless_body([usual]), needle(usual)))
        # a particle glued to a surname is also written joined: "Al-Farsi" → "Alfarsi", "El-Amin" → "Elamin"
        latin += [joined.capitalize() for t in name.split() if re.match(r"(?i)(?:al|el|ad|ar|as|at|an|ibn|bin|abd)[-‐‑]\w", t)
                  and not is_kept(t[0]) and len(joined := re.sub(r"[-‐‑]", "", t)) >= 5]
        if not latin:
            return out
        spellings = list(dict.fromkeys(
            # a part starts and ends with a letter or digit, as its pattern does ("'Ali", "ʿAbd", "¨AA")
            tuple(_EDGES.sub("", split_camel(form(t))) for t in latin)
            for form in (fold_word, german_form, transliterate, upper_form, ungerman, *ROMANISATIONS, cyrillic_style, cyrillic_style_short)
        ))
        for token in latin:
            if declines(token):  # case endings on the stem: Марии, Ольгу, Андреем, Katarzynie
                for form in (fold_word, transliterate, *ROMANISATIONS, cyrillic_style):
                    base = stem(_EDGES.sub("", form(token)))
                    if base and base.lower() not in self._common:
                        out.append(("stem", caseless_body([base]), needle(base)))
                if (base := latin_stem(fold_word(token))) and base.lower() not in self._common:
                    out.append(("latin-stem", caseless_body([base]), needle(base)))
                if (folded := _EDGES.sub("", fold_word(token))).lower().endswith(("ska", "cka", "zka")):
                    # a Polish surname in -ska of a woman: Kowalska → Kowalskiej (of, to, at Kowalska)
                    out.append(("two-letter", caseless_body([folded[:-1] + "iej"]), needle(folded)))
        for spelling in spellings:
            parts = [p for p in spelling if letter_count(p) >= 2]
            person.tokens.update(p.lower().replace("'", "") for p in spelling)
            person.tokens.update(p[:1].lower() for p in spelling if p[:1].isalpha())
            for part in parts:
                if part.lower().replace("'", "").replace(" ", "") in self._common:
                    out.append(("cased", cased_body([part]), needle(part, cased=True)))
                    if part.isascii() and part.isalpha():  # "CABLE" too, unless emphasis ("we WILL"): see _name_hits
                        out.append(("cased", re.escape(part.upper()), (part.upper()[:3], True)))
                else:
                    out.append((script_family(part), caseless_body([part]), needle(part)))
            if len(parts) >= 2:
                ordinary = all(p.lower().replace("'", "").replace(" ", "") in self._common for p in parts)
                orders = [parts, [parts[-1], *parts[:-1]]]
                particle = next((i for i, p in enumerate(parts[1:-1], 1) if p.lower() in _PARTICLES), None)
                if particle is not None:  # the surname with its particles: "van der Berg", "vanderberg"
                    orders.append(parts[particle:])
                for order in orders:
                    if ordinary:
                        out.append(("cased", cased_body(order), needle(order[0], cased=True)))
                    else:
                        # the needle from a part that is no ordinary word: "Will Kowalski" runs on "kow…", not "wil…"
                        rare = [p for p in order if p.lower().replace("'", "").replace(" ", "") not in self._common]
                        source = rare[0] if rare else order[0]
                        letters, at_start = needle(source)
                        out.append((script_family(order[-1]), caseless_body(order), (letters, at_start and source is order[0])))
                for handle in self._handles(parts):
                    self._handle_owner.setdefault(handle, set()).add(name)
        # the given name: the first part, or the first after the comma of "Chen, Alexandra"
        given = name.split(",", 1)[1].split() if name.count(",") == 1 else []
        out += self._short_forms(given[0] if given and not is_kept(given[0][0]) else latin[0], person)
        # a name listed in Latin letters, written in Arabic in the text: "Mohammed Al-Ahmad" → محمد, الأحمد
        for token in latin:
            for arabic in arabic_names(_EDGES.sub("", fold_word(token))):
                out += kept_terms([arabic])
                if not arabic.startswith("ال"):
                    out += kept_terms(["ال" + arabic])
        return out

    def _short_forms(self, given: str, person: _Person) -> list[tuple[str, str, tuple[str, bool]]]:
        """The given name's nicknames ("Bob", "Sasha") and cuts ("Alex" of "Alexandra"): :mod:`.short_forms`."""
        key = _EDGES.sub("", transliterate(given)).lower()
        out = []
        for form in short_forms(key):
            folded = _EDGES.sub("", fold_word(form))
            person.tokens.add(folded.lower())
            if folded.lower() in self._common:
                out.append(("cased", cased_body([folded]), needle(folded, cased=True)))
            else:
                out.append((script_family(folded), caseless_body([folded]), needle(folded)))
        for cut in prefixes(_EDGES.sub("", fold_word(given)), self._common):
            out.append(("cased", cased_body([cut]), needle(cut, cased=True)))
        return out

    def _romanised_cjk(self, tokens: list[str]) -> list[tuple[str, str, tuple[str, bool]]]:
        """A Chinese or Korean name in Latin letters (pinyin, romanised Hangul): 王小明 → "Wang Xiaoming",
        "Xiaoming"; 김민수 → "Minsu". Only forms of five letters or more: one syllable ("Wang") is too common."""
        forms: list[str] = []
        whole = "".join(tokens)
        if all(_CHINESE_OR_KOREAN.match(unicodedata.name(ch, "")) for ch in whole):
            forms.append(whole)
            if len(tokens) == 1 and len(whole) == 3:
                forms.append(whole[1:])  # the given name
            elif len(tokens) >= 2:
                forms += tokens
        out = []
        for form in forms:
            latin = split_camel(transliterate(form)).strip()
            if letter_count(latin) >= 5 and latin.lower().replace(" ", "") not in self._common:
                out.append((script_family(latin), caseless_body([latin]), needle(latin)))
        return out

    def _handles(self, parts: list[str]) -> list[str]:
        first, last = (p.lower().replace("'", "").replace(" ", "") for p in (parts[0], parts[-1]))
        # looked up as whole tokens without their separators: "j.smith", "j_smith", "@jsmith" → "jsmith"
        candidates = [first[0] + last, first + last[0], last + first[0], first + last, last + first, last[0] + first]
        if len(parts) >= 3:  # "Jean-Luc Picard" → "jlpicard"; "José García-López" → "jgarcialopez", "jgarcia"
            lowered = [p.lower().replace("'", "").replace(" ", "") for p in parts]
            candidates += ["".join(p[0] for p in lowered[:-1]) + last, first[0] + lowered[-2] + last]
            if lowered[-2] not in _PARTICLES:  # "Emma van Dijk" is no "evan" (another person) nor "emmavan"
                candidates += [first[0] + lowered[-2], first + lowered[-2]]
        lowered = [p.lower().replace("'", "").replace(" ", "") for p in parts]
        particle = next((i for i, p in enumerate(lowered[1:-1], 1) if p in _PARTICLES), None)
        if particle is not None:  # "Pieter van der Berg" → "pvanderberg", "pietervanderberg"
            surname = "".join(lowered[particle:])
            candidates += [surname, first[0] + surname, first + surname, surname + first[0]]
        return [c for c in candidates if len(c) >= 4 and c not in self._common]

    # -- finding ----------------------------------------------------------------------------

    def find(self, text: str) -> list[Hit]:
        """Every mention in ``text``, in order, not overlapping (positions in the NFC form of ``text``)."""
        if not text:
            return []
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        hits: list[Hit] = [Hit(found, start, end, "", kind) for found, start, end, kind in find_addresses(text)]
        if self._people:
            names = self._name_hits(text)
            hits += names + _links_holding(text, names)
        if not hits:
            return []
        chosen = _merge_same_person(text, _joined_overlaps(text, hits))
        widened = [self._widen(text, hit) if hit.kind == NAME else hit for hit in chosen]
        return _merge_same_person(text, _joined_overlaps(text, widened))

    def _name_hits(self, text: str) -> list[Hit]:
        cased, origin = fold_text(text)
        lower = cased.lower()
        hits: list[Hit] = []

        def span(m: re.Match[str]) -> tuple[int, int]:
            if origin is None:  # ASCII text: the fold is the text
                return m.start(), m.end()
            return origin[m.start()], _end(text, origin, m.end())

        # a handle is a token whose letters without separators are a key: the key is then in the text without them
        if self._handle_filter is not None and self._handle_filter.search(_without_separators(lower)):
            for m in _HANDLE_TOKEN.finditer(lower):
                who = self._handle_owner.get(m.group(0).translate(_HANDLE_SEPARATORS))
                if who:
                    start, end = span(m)
                    hits.append(Hit(text[start:end], start, end, ", ".join(sorted(who)), NAME))
        for family, needles, pattern, owners in self._passes:
            is_cased = family == "cased"
            if family in ("kept", "stem") and origin is None:
                # names in kept scripts cannot be in ASCII text; case endings on a stem count only written in
                # Cyrillic, Greek or with Polish letters ("Марии", "Katarzynę"): in ASCII a stem and an ending
                # make English words ("Tracy" → "trace", "Мария" → "Mary", "Penny" → "penne")
                continue
            subject = cased if is_cased or family == "arabic-latin" else lower
            if needles is not None and not needles.search(subject):
                continue  # none of the family's bodies can match: their letters are not in the text
            for m in pattern.finditer(subject):
                start, end = span(m)
                if not is_cased and lower[m.start():m.end()].strip("@'") in self._common:
                    continue  # a name with an ending that makes an ordinary word ("Sam" + "e")
                if origin is not None and _lower_short_word(text[start:end]):
                    continue  # a short Russian or Greek word read as a name: "сам" (Sam), "лес" (Les), "вера"
                if family == "stem" and text[start:end].isascii():
                    continue  # "Mary" of "Мария" in Latin words of a text that is not all ASCII
                if is_cased and in_capitals_not_a_name(text, start, end):
                    continue  # an ordinary word in capitals is emphasis or a heading ("we WILL", "GRACE PERIOD")
                if is_date(text, start, end):
                    continue  # "On May 3", "since April 2025", "in June," are dates, not April or June
                hits.append(Hit(text[start:end], start, end, owners[m.lastgroup or ""]))
        return hits

    def replace(self, text: str, replacement: str | None = None, *, keep: Iterable[str] = ()) -> str:
        """``text`` with every mention replaced (``keep``: mention keys the facilitator approved)."""
        if not text:
            return text
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        approved = set(keep)
        out, at = [], 0
        for hit in self.find(text):
            if hit.key in approved:
                continue
            out += [text[at:hit.start], replacement if replacement is not None else hit.replacement]
            at = hit.end
        return "".join(out) + text[at:]

    def _widen(self, text: str, hit: Hit) -> Hit:
        """Take in the person's other name parts and initials right beside the hit."""
        person = self._by_name.get(hit.person.split(", ")[0])
        if person is None:
            return hit
        start, end = hit.start, hit.end
        for _ in range(3):
            left = _LEFT_WORD.search(text[max(0, start - 40):start])
            if left and self._is_part_of(person, left.group(1)):
                start -= len(left.group(0))
                continue
            right = _RIGHT_WORD.match(text[end:end + 40]) or _RIGHT_INITIAL.match(text[end:end + 40])
            if right and self._is_part_of(person, right.group(1)):
                end += len(right.group(0))
                continue
            break
        return Hit(text[start:end], start, end, hit.person, hit.kind) if (start, end) != (hit.start, hit.end) else hit


    def _is_part_of(self, person: _Person, word: str) -> bool:
        """Whether ``word`` beside a hit is another part or an initial of ``person``'s name."""
        folded = fold_word(word).strip(".").replace("'", "")
        plain = folded.lower()
        if plain not in person.tokens or (len(plain) == 1 and not folded.isupper()):
            return False  # an initial counts written as one ("B" or "B."), not the word "b"
        if plain in _PARTICLES:
            return True  # "van der [name removed]" would be left otherwise
        if len(plain) == 1 and word.endswith("."):
            return True  # an initial with its full stop ("A. Chen", "Chen, A."), even one that is a word ("a", "i")
        # an ordinary word ("will", "page") beside the name counts only capitalised, as a name part
        return plain not in self._common or (folded[:1].isupper() and not folded.isupper())


#: Words between a given name and a surname that are no part of a handle on their own.
_PARTICLES = frozenset(["van", "von", "de", "der", "den", "del", "della", "di", "da", "dos", "das", "du", "la", "le", "el", "al", "bin", "ibn", "ben", "ter", "ten", "zu", "af"])
_HANDLE_TOKEN = re.compile(r"(?<![a-z0-9])@?[a-z0-9]+(?:[._\-][a-z0-9]+)?(?![a-z0-9])")
_LEFT_WORD = re.compile(r"(?<![\w'’.])([^\W\d_][\w'’]*|(?:[^\W\d_]\.)+)\s+$")
_RIGHT_WORD = re.compile(r"\s+([^\W\d_][\w'’]*\.?)")
_RIGHT_INITIAL = re.compile(r",\s*([^\W\d_]\.)(?!\w)")  # "Chen, A."
_HANDLE_SEPARATORS = str.maketrans("", "", "._-@0123456789")  # "dmiller2" is the handle "dmiller"
_INDIC = re.compile("DEVANAGARI|BENGALI|GURMUKHI|GUJARATI|ORIYA|TAMIL|TELUGU|KANNADA|MALAYALAM|SINHALA")
_CHINESE_OR_KOREAN = re.compile("CJK UNIFIED|HANGUL SYLLABLE")
def _links_holding(text: str, hits: list[Hit]) -> list[Hit]:
    """Each link with a name in it, as one hit: ``github.com/annakowalska/repo/pull/7`` is removed whole
    ("[link removed]"), not left as a broken link with a person's role in the middle of it."""
    if not hits:
        return []
    return [Hit(text[start:end], start, end, "", LINK) for start, end in link_spans(text)
            if any(start <= h.start and h.end <= end for h in hits)]


def _lower_short_word(found: str) -> bool:
    """Whether ``found`` is a lower-case word of under five letters in Cyrillic or Greek: one of that
    language's words ("сам", "мир"), not a name, which is capitalised ("Сэм", "Мир")."""
    return (found[:1].islower() and letter_count(found) < 5
            and unicodedata.name(found[:1], "").startswith(("CYRILLIC", "GREEK")))


def _without_separators(text: str) -> str:
    """``text`` without ``.``, ``_``, ``-`` and ``@`` (four replaces: much faster than a deleting translate)."""
    return text.replace(".", "").replace("_", "").replace("-", "").replace("@", "")


def _end(text: str, origin: list[int], end: int) -> int:
    """The end in ``text`` of a match ending at ``end`` in the fold, past marks and letters that fold to nothing (``ь``)."""
    at = origin[end - 1] + 1
    while at < len(text) and (at < len(text) and (end >= len(origin) or origin[end] > at)) and not text[at].isspace() \
            and (unicodedata.category(text[at]) in ("Mn", "Me", "Cf") or text[at].isalpha()):  # a soft sign folds to nothing too
        at += 1
    return at


def _joined_overlaps(text: str, hits: list[Hit]) -> list[Hit]:
    """Hits that overlap become one hit over both, so no part of either is left in the text.

    Widening can reach into the next hit ("Kowalski. Kowalski agreed"), and a link can start inside
    a name ("Dvořák.in.https://…"): dropping one of the two would publish what only it covered.
    The joined hit is of the longer one's kind.
    """
    out: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        prev = out[-1] if out else None
        if prev is None or hit.start >= prev.end:
            out.append(hit)
        elif hit.end > prev.end:
            longer = max(prev, hit, key=lambda h: h.end - h.start)
            people = sorted({p for h in (prev, hit) for p in h.person.split(", ") if p})
            out[-1] = Hit(text[prev.start:hit.end], prev.start, hit.end, ", ".join(people) if longer.kind == NAME else "",
                          longer.kind)
    return out


def _merge_same_person(text: str, hits: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if prev and prev.kind == hit.kind == NAME and prev.person == hit.person and not text[prev.end:hit.start].strip(" \t\n-_"):
            out[-1] = Hit(text[prev.start:hit.end], prev.start, hit.end, hit.person)
        else:
            out.append(hit)
    return out


def retro_people(retro: Retro) -> list[str]:
    """Every name the retro records: its participants and its action owners."""
    names = [p.name for p in retro.participants.values()]
    names += [a.owner for a in retro.actions.values()]
    return [n for n in names if n.strip()]


def retro_matcher(retro: Retro) -> PeopleMatcher:
    """The matcher for ``retro``'s people (built once per set of people, shared by the public
    report, its findings and the projector)."""
    return _matcher(tuple(retro_people(retro)))


@lru_cache(maxsize=16)
def _matcher(people: tuple[str, ...]) -> PeopleMatcher:
    return PeopleMatcher(people)
