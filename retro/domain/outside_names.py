"""Names of people who are not in the retro: a vendor's contact, a customer, someone from another team.

The people-matcher (:mod:`retro.domain.mentions`) knows the retro's participants and action
owners; the timeline also names people it does not know ("Sarah Connor from Acme support
confirmed the gateway issue", "called Mr. Okafor at the bank"). The public report removes those
too (:func:`retro.report.audience.text_hits`), found by what marks a person in English text:

* a title and the capitalised words after it: ``Mr. Okafor``, ``Dr Jane Roe``, ``Frau Weber``;
* a capitalised given name of :data:`GIVEN_NAMES` (common given names of many languages, less
  those that are also ordinary words, places or products: "Grace", "Will", "Austin", "Ruby",
  "Aurora"), with the capitalised word after it when that is no ordinary word (the surname);
* a capitalised word right after a word for a person outside the team: "their account manager
  Okonkwo", "vendor contact Lindqvist" (not "our vendor Stripe": a company), or before a
  Japanese honorific ("Nakamura-san");
* a given name of :data:`GIVEN_NAMES` in lower case, as chat writes it, where only a person fits:
  after "pinged", "asked", "thanks", "cc", "with" … or before "from", "said", "confirmed" …
  ("pinged sarah", "sarah from acme confirmed").

A word inside an identifier (``sarah-db``, ``svc.maria``, ``/users/john``) is no mention here
(the addresses and links are the matcher's). The facilitator can mark any of them fine to
publish, as every other mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .common_words import COMMON_WORDS
from .folding import fold_word

_NAMES = """
aaron abdul abdullah abigail adam adriana adrian agnieszka ahmed aisha akira alan albert alberto alejandro
alessandro alexander alexandra alexis alfred alice alicia alina alison amanda amber amelia amir amit amy ana
anastasia andrea andreas andrei andrew andrzej angela angelica anita ankit anna anne annika anthony antoine antonio
anuj arjun arnav ashley ashok astrid barbara beatriz ben benjamin bernard beth betty bianca bjorn bob bogdan brandon
brenda brian bridget bruce bruno caitlin camila carl carla carlos carmen carol caroline catherine cecilia chandra
charles charlie chen cheng chiara chloe chris christian christina christine christopher claire clara claudia colin
connor craig cristina cynthia daniel daniela danielle daria dario david deborah deepak denise dennis derek diana
diego dimitri dmitry dominic donald donna dorothy douglas dylan edward elena eli elijah elisa elizabeth ella ellen
emily emma eric erik erin ethan eugene eva evan fatima felipe felix fernando fiona francesca francesco francisco
francois gabriel gabriela gareth gary gavin george gerald giorgio giovanni giulia giuseppe gloria gonzalo gordon
gregory greta gustavo hannah hans harold harry heather heidi helen helena henrik henry hiroshi howard hugh ian igor
ingrid irene isabel isabella isaac ivan jacob jacqueline jake james jamie jan jane janet janice jasmine jason javier
jeffrey jennifer jeremy jerry jessica jiang joan joanna joel johan johann john jonathan jorge jose joseph joshua juan
judith julian juliana julie justin kai karen karin karl kate katherine kathleen kathryn katie keith kelly kenji
kenneth kevin kimberly klaus kristen kumar kyle larry laura lauren leah lena leo leon leonardo liam linda lisa
lorenzo louis louise lucas lucia lucy luis luisa lukas luke maciej magdalena mahmoud manuel marc marco marcus
margaret maria mariana marie marina mario marta martha martin mary mateo matteo matthew maximilian megan melissa
michael michelle miguel mikhail milan mohamed mohammed monica muhammad nadia naomi natalia natalie nathan neil nicholas
nicola nicole niels nikita nikolai nina noah nora olga oliver olivia omar oscar pablo pamela paolo patricia patrick
paul paula pavel pedro peter philip pierre piotr pradeep priya rachel rafael rahul rajesh ralph ramon raquel
rebecca richard rita robert roberto robin roger roman ronald rosa ruth ryan sabrina sahil samantha samuel sandra
sanjay santiago sara sarah scott sean sebastian sergei sergey sergio shannon sharon sheila shirley simon simone sofia
sophia sophie stefan stefano stephanie stephen steven susan suresh sven svetlana tamara tanya teresa thomas
timothy tobias tomas tomasz tyler ursula valentina vanessa vera veronica victor vijay vikram vincent viktor
vladimir walter wei wendy william xavier yan yasmin yuki yuri yusuf zachary zhang zoe
"""
#: Given names that are also a place, a product or an everyday word in an incident write-up.
_NOT_NAMES_TEXT = """
austin sydney jordan georgia florence charlotte phoenix dallas houston adelaide victoria virginia carolina
savannah madison lincoln washington milan santiago aurora athena alexa siri ruby julia ada cassandra travis hugo
jasmine hudson harper ray joy sky angel prince chase hunter mason carter cooper max sam kai wei chen cheng zhang
jiang yan jan jake kelly robin will grace mark bill frank jack june april may rose dawn faith hope summer
"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
_CALENDAR_TEXT = """
monday tuesday wednesday thursday friday saturday sunday january february march july september october
november december
"""
_CALENDAR = frozenset(_CALENDAR_TEXT.split())
#: Words that follow a name in Title Case text ("Call With Sarah And John") and are no surname.
_FUNCTION_WORDS_TEXT = """
a an and as at but by for from had has have in into is it of on or said says the then to was were who with
"""
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
GIVEN_NAMES = frozenset(n for n in _NAMES.split() if n not in _NOT_NAMES and n not in COMMON_WORDS)

_NO_NAMES = COMMON_WORDS | _CALENDAR
_NO_SURNAMES = _CALENDAR | _FUNCTION_WORDS
_TITLE = r"(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sir|Dame|Herr|Frau|Mme|Mlle|Sr|Sra)\.?"
_CAP = r"(?:[OD]['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"  # "O'Neil", "Smith-Jones" (a possessive stays outside)
#: Words for a person outside the team, before their name: "the customer Ferreira", "Acme's contact Okonkwo".
#: Only words for a person: "our vendor Stripe", "the customer Acme" name companies.
_OUTSIDERS = (r"(?:contact|rep|representative|account manager|support engineer|agent|consultant|contractor|"
              r"colleague|technician|liaison|CEO|CTO|CIO|TAM|CSM)")
_NOT_INSIDE = r"(?<![\w./@\\-])"
_END = r"(?![\w/@\\]|[.\-][A-Za-z0-9]|['’][a-rt-z])"
_TITLED = re.compile(rf"{_NOT_INSIDE}{_TITLE}\s+{_CAP}(?:\s+{_CAP})?{_END}")
_CAPITALISED = re.compile(rf"{_NOT_INSIDE}{_CAP}{_END}")
_AFTER_OUTSIDER = re.compile(rf"(?i:\b{_OUTSIDERS}),?\s+(?P<name>{_CAP}(?:\s+{_CAP})?){_END}")
_SURNAME = re.compile(rf"\s+({_CAP}){_END}")
#: A Japanese honorific after a capitalised word: "Nakamura-san", "Tanaka sensei".
_HONORIFIC = re.compile(rf"{_NOT_INSIDE}{_CAP}[-\s](?:san|sama|kun|chan|sensei|senpai|shi)(?![\w-])")
#: A given name in lower case, as chat writes it, where only a person fits: "pinged sarah", "sarah from acme".
_LOWER_WORD = re.compile(r"(?<![\w./@\-])[a-z]{4,}(?![\w/@\-]|\.[a-z0-9])")
_PERSON_BEFORE = re.compile(r"(?i:\b(?:pinged|paged|asked|called|told|emailed|messaged|thanks|thank you|thx|cc:?|per|"
                            r"ping|ask|tell|with|and|to|by)) $")
_PERSON_AFTER = re.compile(r" (?:from|at|said|says|confirmed|mentioned|replied|wrote|asked)\b")
#: Cheap tests before the expressions: a title, a word for an outsider, an honorific somewhere in the text.
_TITLE_HINTS = ("Mr", "Ms", "Mx", "Dr", "Prof", "Sir", "Dame", "Herr", "Frau", "Mme", "Mlle", "Sr")
_OUTSIDER_HINTS = ("contact", "rep", "agent", "consult", "contract", "colleague", "technician", "liaison", "ceo", "cto",
                   "cio", "tam", "csm", "manager", "engineer")
_SEPARATORS = str.maketrans({ch: " " for ch in "-'’.,;:!?()[]{}<>\"“”‘/\\|@#*_+=&%$^~`0123456789"})
_HONORIFIC_HINTS = ("san", "sama", "kun", "chan", "sensei", "senpai", "shi")


def outside_names(text: str, ordinary: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Where ``text`` names a person by the signs above: (start, end) of each, in order, not overlapping.
    ``ordinary``: more words that are no names here (the retro's services)."""
    if not text:
        return []
    extra = {w.lower() for w in ordinary}
    lower = text.lower()
    # the given names of the list the text holds at all, in any case (one C-speed split): most texts hold none
    named = not GIVEN_NAMES.isdisjoint((lower if lower.isascii() else fold_word(lower)).translate(_SEPARATORS).split())
    spans = [(m.start(), m.end()) for m in (_LOWER_WORD.finditer(text) if named else ())
             if m.group(0) in GIVEN_NAMES and m.group(0) not in _NO_NAMES and m.group(0) not in extra
             and (_PERSON_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _PERSON_AFTER.match(text, m.end()))]
    if text == text.lower():  # no capital: no other name by these signs
        return spans

    def no_name(word: str) -> bool:
        return word in _NO_NAMES or word in extra
    if any(hint in text for hint in _TITLE_HINTS):
        spans += [(m.start(), m.end()) for m in _TITLED.finditer(text)]
    if any(hint in lower for hint in _HONORIFIC_HINTS):
        spans += [(m.start(), m.end()) for m in _HONORIFIC.finditer(text)]
    for m in _AFTER_OUTSIDER.finditer(text) if any(hint in lower for hint in _OUTSIDER_HINTS) else ():
        name = m.group("name")
        parts = name.split()
        if no_name(fold_word(parts[0]).lower()):
            continue
        if len(parts) > 1 and no_name(fold_word(parts[1]).lower()):
            spans.append((m.start("name"), m.start("name") + len(parts[0])))
        else:
            spans.append((m.start("name"), m.end("name")))
    for m in _CAPITALISED.finditer(text) if named else ():
        end = m.end()
        word = fold_word(m.group(0)).lower()
        if not any(part in GIVEN_NAMES for part in word.split("-")) or no_name(word):  # "Sarah-Jane" too
            continue
        # the capitalised word after a given name is its surname ("Hannah Smith", "Grace Baker"), unless a day,
        # a month or a service ("Sarah Monday", "Priya Checkout")
        surname = _SURNAME.match(text, end)
        if surname and (last := fold_word(surname.group(1)).lower()) not in _NO_SURNAMES and last not in extra:
            end = surname.end()
        spans.append((m.start(), end))
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out
