"""The blameless-language coach: find hindsight and blame in English text, with a systems question.

Careful rules, not a parser: each rule finds a judgement (a verb, an idiom, a label, a question
shape) with one compiled regex, and the judgements that only blame when a *person* does them ask a
small subject heuristic who does them (the words before the verb in the same clause, cut at the
first preposition; the last of them is the head). A system as the subject is quiet; a leader
owning their own decisions in the first person is welcome. A nudge, never an edit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain

from . import wording_words as w
from .wording_context import PLAIN, WordingContext
from .wording_rules import (
    _AGENTLESS,
    _BARE_OK,
    _BECAUSE_OF,
    _BY_MISTAKE,
    _CAUSED_BY,
    _COLLECTIVE,
    _COULD,
    _HAD_THEY,
    _HARM_AFTER,
    _HINDSIGHT,
    _HUMAN_ERROR,
    _IDIOM,
    _IF_HAD,
    _IF_ONLY,
    _JUST_HAD,
    _LABEL,
    _NEGATED,
    _OBVIOUS,
    _ON_PART,
    _ON_PERSON,
    _PASSIVE,
    _PERSON_VERB,
    _PLAIN_SLIP,
    _POSSESSIVE,
    _PUNISH,
    _REMEDY,
    _ROOT,
    _WHO_FIND,
    _WHO_Q,
    _WHY_NOT,
    Q_COLLECTIVE,
    Q_COUNTERFACTUAL,
    Q_FAULT,
    Q_HARM,
    Q_HINDSIGHT,
    Q_HUMAN_ERROR,
    Q_LABEL,
    Q_OBVIOUS,
    Q_PUNISH,
    Q_REMEDY,
    Q_ROOT,
    Q_WHO,
    Q_WHY_NOT,
    RULES_OF_TRIGGER,
    TRIGGER_RX,
    TRIGGERS,
    _Lazy,
    _verb_question,
)
from .wording_subject import (
    FIRST,
    GROUP,
    NONE,
    PERSON,
    THING,
    _phrase_subject,
    classify_words,
    clause_subject,
    owned_by_a_person,
    subject_of,
)

#: Person verbs that tell of harm done ("broke", "caused", "took down"): harm by a person's thing blames the person.
_HARM = re.compile(r"(?:broke|breaks|caused|causes|took|takes|brought|brings|knocked|knocks|dropped|deleted|wiped|"
                   r"truncated|nuked|corrupted|overwrote|destroyed)\b", re.IGNORECASE)

#: Harm denied: "broke nothing", "caused no outage", "never broke anything", "did not cause …".
_NO_HARM_AFTER = re.compile(r"\s+(?:nothing|none|nobody|no[ -]one|no)(?![\w-])", re.IGNORECASE)
_NO_HARM_BEFORE = re.compile(r"(?<![\w-])(?:never|not|n[’']t)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_REASON = re.compile(r"\b(?:reason|cause)\b", re.IGNORECASE)
_DESPITE = re.compile(r"(?:anyway|anyways|regardless|despite)\b", re.IGNORECASE)
#: What after a harm verb makes it a deliberate step: "… to stop the bleeding", "… for maintenance",
#: a purpose ("so the replica could be promoted", "so that …", "in order to …") or a plan ("as announced",
#: "as scheduled", "as a fallback"). A result is not a purpose: "so checkout failed" still blames.
_DELIBERATE = re.compile(r"[^.;!?\n]{0,60}?(?<![\w-])(?:(?:in\s+order\s+)?to\s+(?:stop|contain|limit|mitigate|protect|"
                         r"prevent|drain|fix|apply|restore|rebuild|investigate|reduce|shed|isolate|recover|roll|"
                         r"migrate|upgrade|patch|replace)|in\s+order\s+to|so\s+that|"
                         r"so\s+(?:[\w'’-]+\s+){1,4}?(?:could|would|can|might|may)(?![\w'’-])(?!\s+not\b)|"
                         r"for\s+(?:planned\s+|scheduled\s+)?maintenance|"
                         r"as\s+(?:planned|agreed|announced|scheduled|communicated|rehearsed|intended|expected)|"
                         r"as\s+(?:a|the)\s+(?:\w+\s+)?(?:fallback|precaution|backup|safeguard|mitigation)|"
                         r"on\s+purpose|deliberately|intentionally|per\s+the\s+(?:runbook|plan)|on\s+schedule)(?![\w-])",
                         re.IGNORECASE)
#: "left X on for …" is a choice unless the sentence tells of harm or of forgetting.
_LEFT_FOR = re.compile(r"\s+for(?![\w-])", re.IGNORECASE)
_LEFT_HARM = re.compile(r"(?<![\w-])(?:forg[eo]t\w*|accident\w*|by\s+mistake|unnoticed)(?![\w-])", re.IGNORECASE)
#: After "accidentally", "inadvertently": verbs of finding, where the accident is luck, not a slip
#: ("mistakenly", "wrongly" judge the deed itself, so they stay slips).
_LUCKY = re.compile(r"(?:accidentally|inadvertently|unintentionally)\s+(?:found|"
                    r"finds|discovered|discovers|noticed|notices|spotted|spots|caught|catches|uncovered|"
                    r"uncovers|stumbled|stumbles|learned|learnt|learns|fixed|fixes|solved|solves|reproduced|"
                    r"reproduces|revealed|reveals|confirmed|confirms)(?![\w-])", re.IGNORECASE)

class WordingKind(StrEnum):
    HINDSIGHT = "hindsight"
    PERSON = "person"
    CHARACTER = "character"
    WHO = "who"
    REMEDY = "remedy"
    COLLECTIVE = "collective"
    SINGLE_CAUSE = "single-cause"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    WordingKind.HINDSIGHT: "Hindsight",
    WordingKind.PERSON: "A person as the subject",
    WordingKind.CHARACTER: "A label of character",
    WordingKind.WHO: "Asks who, not how",
    WordingKind.REMEDY: "A remedy aimed at people",
    WordingKind.COLLECTIVE: "Blames a group",
    WordingKind.SINGLE_CAUSE: "A single cause",
}


@dataclass(frozen=True, slots=True)
class WordingFinding:
    """``text[start:end]`` is ``phrase``; ``question`` is what the facilitator can read out instead."""

    start: int
    end: int
    phrase: str
    kind: WordingKind
    question: str


__all__ = ["PLAIN", "WordingContext", "WordingFinding", "WordingKind", "check_wording", "context_for"]

_Scan = Callable[[str, _Lazy], Iterator[re.Match[str]]]
#: Where a sentence ends: no rule's match runs past a full stop, question or exclamation mark
#: followed by a space (a wrapped line is not an end: "should\nhave" is still one match).
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_ALL_RULES = frozenset(TRIGGERS)


def _whole_text(text: str) -> _Scan:
    def scan(rule: str, pattern: _Lazy) -> Iterator[re.Match[str]]:
        return pattern.finditer(text)

    return scan


def _gated(text: str) -> _Scan:
    """Matches of a rule, looked for only in the sentences that hold one of its triggers."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    starts = [0, *ends]
    stops = [*ends, len(text)]
    sentences: dict[str, set[int]] = {}
    for m in TRIGGER_RX.finditer(text):
        rules = RULES_OF_TRIGGER.get(m.group(0).casefold(), _ALL_RULES)  # an odd case fold: run them all
        sentence = bisect_right(starts, m.start()) - 1
        for rule in rules:
            sentences.setdefault(rule, set()).add(sentence)

    def scan(rule: str, pattern: _Lazy) -> Iterator[re.Match[str]]:
        held = sorted(sentences.get(rule, ()))
        i = 0
        while i < len(held):
            j = i
            while j + 1 < len(held) and held[j + 1] == held[j] + 1:
                j += 1  # neighbouring sentences: one scan
            # The scan starts mid-text, yet look-behinds still see what comes before it.
            yield from pattern.finditer(text, starts[held[i]], stops[held[j]])
            i = j + 1

    return scan


_HUMANS = (PERSON, GROUP)


def check_wording(text: str, context: WordingContext = PLAIN, *, every_sentence: bool = False) -> list[WordingFinding]:
    """Every hindsight- or blame-shaped phrase in ``text``, in order, none overlapping.

    The text's trigger words are found in one pass, and each rule runs only on the sentences that
    hold one of its triggers (2,000 characters: ~25 rules over the whole text became a few rules
    over a few sentences). ``every_sentence`` runs every rule on the whole text instead: the same
    findings, slower; the tests compare the two.
    """
    if not text or not text.strip():
        return []
    found: list[WordingFinding] = []
    ctx = context
    scan = _whole_text(text) if every_sentence else _gated(text)

    def add(m: re.Match[str], kind: WordingKind, question: str, start: int | None = None) -> None:
        s = m.start() if start is None else start
        found.append(WordingFinding(s, m.end(), text[s:m.end()], kind, question))

    def who(pos: int) -> str:
        return subject_of(text, pos, ctx)

    for m in scan("hindsight", _HINDSIGHT):
        subject = who(m.start())
        if subject == FIRST:
            continue
        tail = m.group(0).casefold()
        if subject in _HUMANS or subject == NONE or "been " in tail or re.search(r"have\s+(?:known|seen|notic|"
                                                                              r"reali|caught|spott|fore|antic)", tail):
            add(m, WordingKind.COLLECTIVE if subject == GROUP else WordingKind.HINDSIGHT, Q_HINDSIGHT)
    for m in scan("could", _COULD):
        subject = who(m.start())
        if subject != FIRST and (m.group(1) or subject in _HUMANS or subject == NONE):
            add(m, WordingKind.HINDSIGHT, Q_COUNTERFACTUAL)
    for m in scan("if_only", _IF_ONLY):
        add(m, WordingKind.HINDSIGHT, Q_COUNTERFACTUAL)
    for m in scan("had_they", _HAD_THEY):
        subject = _phrase_subject(m.group(2), ctx.owned())  # "had we …": the room weighing its own choices
        if subject in _HUMANS:
            add(m, WordingKind.HINDSIGHT, Q_COUNTERFACTUAL, m.start(1))
    for m in scan("if_had", _IF_HAD):
        subject = _phrase_subject(m.group(1), ctx.owned())
        if subject != FIRST and (subject in _HUMANS or m.group(2)):
            add(m, WordingKind.HINDSIGHT, Q_COUNTERFACTUAL)
    for m in scan("obvious", _OBVIOUS):
        add(m, WordingKind.HINDSIGHT, Q_OBVIOUS)
    for m in scan("just_had", _JUST_HAD):
        if who(m.start()) in _HUMANS:
            add(m, WordingKind.HINDSIGHT, Q_OBVIOUS)
    for m in chain(scan("person_verb", _PERSON_VERB), scan("plain_slip", _PLAIN_SLIP)):
        subject = who(m.start())
        phrase = m.group(0)
        if subject == GROUP and re.search(r"blame|fault|responsible", phrase, re.I) and \
                re.search(r"\b(?:nobody|no[ -]one)\s+\w*\s*$", text[max(0, m.start() - 20):m.start()], re.I):
            continue  # "nobody is to blame" is the blameless thing to say
        if _LUCKY.match(phrase):
            continue  # "Sam accidentally found the bug": luck, not a slip
        if phrase.startswith("left") and _LEFT_FOR.match(text, m.end()):
            rest = _sentence_after(text, m.start())
            if not (_harm_told(rest) or _LEFT_HARM.search(rest)):
                continue  # "left the flag on for the beta users" is a choice
        if _HARM.match(phrase) and (_NO_HARM_AFTER.match(text, m.end())
                                    or _NO_HARM_BEFORE.search(text, max(0, m.start() - 30), m.start())):
            continue  # "Sam's fix broke nothing": harm denied is not harm done
        if (_HARM.match(phrase) or _DESPITE.search(phrase) or phrase.startswith("left")) and _DELIBERATE.match(text, m.end()):
            continue  # "took checkout offline to stop the bleeding" is a mitigation, not a slip
        if _REASON.search(phrase) and not _HARM_AFTER.search(_sentence_after(text, m.start())):
            continue  # "Sam was the reason we caught it early" is thanks
        if subject == THING and _HARM.match(phrase) and owned_by_a_person(text, m.start(), ctx):
            subject = PERSON  # "Sam's change broke checkout"
        if subject in _HUMANS or (subject == NONE and _BARE_OK.match(phrase)):
            kind = WordingKind.COLLECTIVE if subject == GROUP else WordingKind.PERSON
            add(m, kind, Q_COLLECTIVE if subject == GROUP else _verb_question(phrase))
    for m in scan("idiom", _IDIOM):
        if not (ctx.ownership and who(m.start()) == FIRST):
            subject = who(m.start())
            add(m, WordingKind.COLLECTIVE if subject == GROUP else WordingKind.PERSON, _verb_question(m.group(0)))
    for m in scan("passive", _PASSIVE):
        agent = m.group(2)
        if agent is not None:
            if _phrase_subject(agent.split(" at ")[0], ctx) in _HUMANS:
                add(m, WordingKind.PERSON, _verb_question(m.group(1)))
        elif _AGENTLESS.match(m.group(1)) and who(m.start()) != FIRST:
            add(m, WordingKind.PERSON, _verb_question(m.group(1)))
    for m in scan("caused_by", _CAUSED_BY):
        if _phrase_subject(m.group(1), ctx) in _HUMANS:
            add(m, WordingKind.PERSON, Q_HARM)
    for m in scan("human_error", _HUMAN_ERROR):
        add(m, WordingKind.PERSON, Q_HUMAN_ERROR)
    for m in scan("possessive", _POSSESSIVE):
        pron, owner = m.group(1), m.group(2)
        if pron:
            p = pron.casefold()
            if p == "my" or (p == "our" and ctx.ownership):
                continue
        elif owner is None or classify_words([owner], False, ctx) not in _HUMANS:
            continue
        add(m, WordingKind.PERSON, Q_FAULT)
    for m in scan("on_part", _ON_PART):
        agents = [g for g in m.groups() if g]
        if not agents or any(_phrase_subject(g, ctx) in _HUMANS for g in agents):
            add(m, WordingKind.PERSON, Q_FAULT)
    for m in scan("label", _LABEL):
        if not _NEGATED.search(text[max(0, m.start() - 40):m.start()]):
            add(m, WordingKind.CHARACTER, Q_LABEL)
    for m in scan("who_q", _WHO_Q):
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        add(m, WordingKind.WHO, Q_WHO, start)
    for m in scan("who_find", _WHO_FIND):
        add(m, WordingKind.WHO, Q_WHO)
    for m in scan("why_not", _WHY_NOT):
        agent = next((g for g in m.groups() if g), None)
        if agent is None or _asks_about_a_person(agent, ctx):
            add(m, WordingKind.WHO, Q_WHY_NOT)
    for m in scan("remedy", _REMEDY):
        add(m, WordingKind.REMEDY, Q_REMEDY)
    for m in scan("punish", _PUNISH):
        add(m, WordingKind.REMEDY, Q_PUNISH)
    for m in scan("collective", _COLLECTIVE):
        add(m, WordingKind.COLLECTIVE, Q_COLLECTIVE)
    for m in scan("root", _ROOT):
        add(m, WordingKind.SINGLE_CAUSE, Q_ROOT)
    for m in scan("by_mistake", _BY_MISTAKE):
        subject = clause_subject(text, m.start(), ctx)
        if subject in _HUMANS:
            add(m, WordingKind.COLLECTIVE if subject == GROUP else WordingKind.PERSON, Q_HARM)
    for m in scan("because_of", _BECAUSE_OF):
        agent = _phrase_subject(m.group(2), ctx)
        thanks = m.group(1).casefold().startswith("thanks")
        if agent in _HUMANS and (not thanks or _harm_told(_sentence_after(text, m.end()))):
            add(m, WordingKind.COLLECTIVE if agent == GROUP else WordingKind.PERSON, Q_HARM)
    for m in scan("on_person", _ON_PERSON):
        if _phrase_subject(m.group(1), ctx) in _HUMANS:
            add(m, WordingKind.PERSON, Q_FAULT)
    return _without_overlaps(found)


#: A determiner right before a harm word makes it a noun phrase ("caught the outage", "the failed
#: deploy"): the harm is then what was acted on, not what happened because of the person. A harm noun
#: may take a word between ("the whole outage"); a verb may not ("the deploy failed" is harm told).
_DETERMINER = r"(?<![\w-])(?:the|a|an|our|their|its|this|that|these|those|any|every|each|some|no)\s+"
_BEFORE_HARM_NOUN = re.compile(_DETERMINER + r"(?:[\w-]+\s+)?$", re.IGNORECASE)
_BEFORE_HARM_WORD = re.compile(_DETERMINER + r"$", re.IGNORECASE)
_HARM_NOUN = re.compile(r"outage|errors?", re.IGNORECASE)


def _harm_told(clause: str) -> bool:
    """Whether ``clause`` tells of harm as what happened ("checkout was down", "we lost orders"), not as
    what someone acted on ("we caught the outage early", "the failed deploy was rolled back")."""
    for m in _HARM_AFTER.finditer(clause):
        lead = _BEFORE_HARM_NOUN if _HARM_NOUN.fullmatch(m.group(0)) else _BEFORE_HARM_WORD
        if not lead.search(clause, 0, m.start()):
            return True
    return False


def _sentence_after(text: str, pos: int) -> str:
    end = re.search(r"[.;!?\n]", text[pos:])
    return text[pos:pos + end.start()] if end else text[pos:]


def _asks_about_a_person(agent: str, ctx: WordingContext) -> bool:
    """Whether "why didn't <agent> …" asks about a person: "Sam", "the reviewer", not "the cron job".

    The agent the regex took may run on into the verb and beyond ("the reviewer catch the"), so
    its shortest opening that names someone counts: one word, or an article and a noun or two.
    """
    words = agent.split()
    if words[0].casefold() not in ("the", "a", "an", "our", "their", "his", "her", "your"):
        return _phrase_subject(words[0], ctx) in _HUMANS
    for k in range(2, min(len(words), 3) + 1):
        after = words[k].casefold() if k < len(words) else ""
        if after in w.PERSON_COMPOUNDS:
            continue  # "the on-call page", "the reviewer queue": a thing named after people
        if _phrase_subject(" ".join(words[:k]), ctx) in _HUMANS:
            return True
    return False


def _without_overlaps(found: list[WordingFinding]) -> list[WordingFinding]:
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[WordingFinding] = []
    for finding in found:
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept


def context_for(names: Iterable[str], *, ownership: bool = False) -> WordingContext:
    return WordingContext.of(names, ownership=ownership)
