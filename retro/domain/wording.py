"""The blameless-language coach: find hindsight and blame in English text, with a systems question.

Careful rules, not a parser: each rule finds a judgement (a verb, an idiom, a label, a question
shape) with one compiled regex, and the judgements that only blame when a *person* does them ask a
small subject heuristic who does them (the words before the verb in the same clause, cut at the
first preposition; the last of them is the head). A system as the subject is quiet; a leader
owning their own decisions in the first person is welcome. A nudge, never an edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from . import wording_words as w


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


@dataclass(frozen=True, slots=True)
class WordingContext:
    """What the coach knows of the retro: people's names, and whether the first person is welcome."""

    names: frozenset[str] = frozenset()
    ownership: bool = False  # an accountability statement: "I/we decided …" is ownership

    @classmethod
    def of(cls, names: Iterable[str] = (), *, ownership: bool = False) -> WordingContext:
        parts: set[str] = set()
        for name in names:
            for part in re.findall(r"[^\W\d_][\w'’.-]*", name.casefold()):
                part = part.strip(".'’")
                if len(part) >= 2 and part not in w.NOT_NAMES:
                    parts.add(part)
        return cls(frozenset(parts), ownership)

    def owned(self) -> WordingContext:
        return WordingContext(self.names, True)


PLAIN = WordingContext()

_F = re.IGNORECASE | re.UNICODE


class _Lazy:
    """A regex compiled on first use: importing the coach costs nothing at start-up."""

    __slots__ = ("_compiled", "_pattern")

    def __init__(self, pattern: str) -> None:
        self._pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def _get(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, _F)
        return self._compiled

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self._get().finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self._get().search(text)

    def match(self, text: str) -> re.Match[str] | None:
        return self._get().match(text)


def _rx(pattern: str) -> _Lazy:
    return _Lazy(pattern)

Q_HINDSIGHT = "What did people know and see at the time, and what made their choice reasonable then?"
Q_COUNTERFACTUAL = "Instead of what did not happen: what did happen, and what made it the sensible thing to do?"
Q_OBVIOUS = "It is obvious now. What made it hard to see at the time?"
Q_LABEL = "This labels a person. What conditions (time pressure, tooling, unclear signals) shaped the action?"
Q_HUMAN_ERROR = ("“Human error” is where the inquiry starts: what made the action reasonable at the time, "
                 "and what let it cause harm?")
Q_FAULT = "Whose fault is not a question a retro answers: what in the system allowed it?"
Q_WHO = "Ask how rather than who: how did this get through, and what would have caught it?"
Q_WHY_NOT = "Ask what they saw and what made sense to them then, not why they did not act."
Q_REMEDY = ("Reminders and retraining fade. What change to the system, tooling or process would make the "
            "right thing the easy thing?")
Q_PUNISH = "Punishment teaches people to hide problems. What change to the system would prevent a repeat?"
Q_COLLECTIVE = "Blaming a group still blames people: what about the setup made this likely for anyone there?"
Q_ROOT = "Name the contributing factors instead: there is rarely just one."
Q_SKIP = "What would have made this step hard to skip, or unnecessary to remember?"
Q_ATTENTION = "What was competing for attention then, and what made this signal easy to set aside?"
Q_HARM = "What let one action do this much harm, and what would have caught it sooner?"
Q_PRESSURE = "What pressure or tooling made going ahead look reasonable at the time?"
Q_CHECK = "What made checking look unnecessary at the time, and could the system check instead?"
Q_PERSON = "What in the system made this the easy or natural thing to do?"

_VERB_QUESTIONS: tuple[tuple[_Lazy, str], ...] = tuple(
    (_Lazy(p), q) for p, q in (
        (r"fail|neglect|forg|skip|bypass|let\b", Q_SKIP),
        (r"ignor|disregard|overlook|miss|notic|attention|distract|asleep|watch|listen|slow|late|long|respon|react",
         Q_ATTENTION),
        (r"broke|break|caus|botch|mess|screw|fat|goof|blunder|mistake|error|wrong|bad", Q_HARM),
        (r"rush|without|push|chose|jump|cowboy|rogue|corner|wing", Q_PRESSURE),
        (r"check|verif|test|review|read|follow|confirm|valid|look", Q_CHECK),
    ))


def _verb_question(phrase: str) -> str:
    for pattern, question in _VERB_QUESTIONS:
        if pattern.search(phrase):
            return question
    return Q_PERSON


# ---- the subject heuristic ------------------------------------------------------------------------

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


# ---- the rules -------------------------------------------------------------------------------------



_PEOPLE_AGENT = r"((?:the\s+|an?\s+|our\s+|their\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2})"
_HINDSIGHT = _rx(r"(?<![\w-])(?:should(?:n[’']t|\s+not)?|ought(?:\s+not)?\s+to)(?:\s+(?:really|just|simply|easily|"
                 r"obviously|clearly|definitely|probably|never|not|all|both))?\s*(?:have|'ve|’ve)(?![\w-])"
                 r"(?:\s+(?:been\s+(?:" + w.HUMAN_ACTION_PARTICIPLES + r")(?![\w-])|(?:known|seen|noticed|realized|"
                 r"realised|caught|spotted|foreseen|anticipated|asked|checked|tested|reviewed|escalated)(?![\w-])))?")
_COULD = _rx(r"(?<![\w-])could(?:\s+(?:easily|so\s+easily|simply|just))?\s+have\s+(?:easily\s+)?(been\s+)?"
             r"(?:avoided|prevented|caught|spotted|noticed|seen|checked|stopped|known|tested|reviewed|escalated|"
             r"rolled\s+back|reverted|fixed)(?![\w-])|(?<![\w-])could\s+easily\s+have(?![\w-])")
_IF_ONLY = _rx(r"(?<![\w-])if\s+only(?![\w-])")
_HAD_THEY = _rx(r"(?:^|(?<=[.;:!?,\n—–]))\s*(had)\s+((?:the\s+|an?\s+|our\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)\s+"
                r"(?:(?:just|only|simply|actually|not|even)\s+)?(?:been\s+)?\w+(?:ed|en|wn|ne|ld|ght|ad|ok|id)\b")
_IF_HAD = _rx(r"(?<![\w-])if\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?:had(?:n[’']t)?|'d|’d|would\s+have|"
              r"(?:were|was)\s+(?:more|paying|being|not)|(?:just|only|simply)\s+(?:had|checked|looked|read|"
              r"followed|paid|asked|waited|tested|listened))(?![\w-])(\s+been\s+(?:"
              + w.HUMAN_ACTION_PARTICIPLES + r")(?![\w-]))?")
_OBVIOUS = _rx(r"(?<![\w-])(?:(?:it|this|that|the\s+\w+)\s+(?:was|is|should\s+have\s+been|seems|seemed)\s+"
               r"(?:so\s+|really\s+|pretty\s+|very\s+|quite\s+|blindingly\s+)?obvious|any\s+(?:competent|reasonable|"
               r"experienced|decent|good|careful|sensible|half-decent|senior)\s+(?:engineer|developer|person|operator|"
               r"sre|admin|reviewer|one)|all\s+(?:he|she|they|you|we|[\w'’-]+)\s+(?:had|needed)\s+to\s+do|"
               r"(?:easily|entirely|totally|completely|100%)\s+(?:avoidable|preventable)|(?:easily|trivially)\s+"
               r"(?:avoided|prevented)|(?:a\s+)?no-brainer)(?![\w-])")
_JUST_HAD = _rx(r"(?<![\w-])(?:just|simply|only)\s+(?:had|needed)\s+to(?![\w-])")
_PERSON_VERB = _rx(r"(?<![\w-])(?:" + w.PERSON_VERBS + r"|never\s+(?:bothered|checked|tested|reviewed|read|followed|"
                   r"looked|confirmed|validated|escalated|asked|noticed|verified|updated|documented|listened))"
                   r"(?![\w-])")
_BARE_OK = _rx(r"^(?:forg|neglect|ignor|overlook|disregard|did\s+not\s+bother|didn.t\s+(?:even\s+)?bother|"
               r"never\s+bothered|made|chose|rush|was\s+(?:not\s+)?paying|wasn.t\s+paying)")
_IDIOM = _rx(r"(?<![\w-])(?:" + w.PERSON_IDIOMS + r")(?![\w-])")
_PASSIVE = _rx(r"(?<![\w-])(?:was|were|got|gets|been|is|are|being)\s+(?:\w+ly\s+|never\s+|not\s+)?(ignored|overlooked|"
               r"neglected|botched|disregarded|mishandled|rushed(?:\s+(?:through|out|into\s+production))?|"
               r"rubber[- ]?stamped|forgotten|missed|skipped|bypassed|pushed\s+through|waved\s+through|"
               r"(?:approved|merged|deployed|shipped|pushed)\s+(?:\w+\s+)?without\s+(?:\w+\s+)?(?:review|testing|"
               r"checking|approval|a\s+second\s+\w+|sign-off)|caused|broken|triggered|introduced|messed\s+up|"
               r"screwed\s+up)(?![\w-])(?:\s+by\s+" + _PEOPLE_AGENT + ")?")
_AGENTLESS = _rx(r"^(?:ignored|overlooked|neglected|botched|disregarded|mishandled|rushed|rubber|forgotten|"
                 r"pushed\s+through|waved|approved|merged|deployed|shipped|pushed|messed|screwed)")
_CAUSED_BY = _rx(r"(?<![\w-])(?:caused|triggered|introduced|started|broken)\s+by\s+" + _PEOPLE_AGENT)
_HUMAN_ERROR = _rx(r"(?<![\w-])(?:human|operator|user|pilot|personnel|engineer|manual|people)[- ]errors?(?![\w-])|"
                   r"(?<![\w-])(?:pebkac|picnic|id-?10-?t|layer[- ]8\s+(?:issue|problem|error))(?![\w-])")
_POSSESSIVE = _rx(r"(?<![\w-])(?:(his|her|their|your|my|our)|([\w-]+)(?:'s|’s|s'|s’))\s+(?:own\s+|fault|"
                  r"(?:big\s+|huge\s+|stupid\s+|simple\s+|careless\s+)?(?:" + w.BLAME_NOUNS + r"))(?![\w-])"
                  r"(?!\s+(?:mode|modes|rate|rates|domain|handling|message|messages|budget|code|codes|path|paths|log|"
                  r"logs|count|counts|case|cases|state|states|page|pages|detection|signal|signals|class|type|"
                  r"tolerance|tolerant|injection|scenario|scenarios|response|responses)\b)")
_ON_PART = _rx(r"(?<![\w-])(?:mistakes?|errors?|oversights?|failure|lapse|negligence)\s+(?:by|on\s+the\s+part\s+of|"
               r"of)\s+" + _PEOPLE_AGENT + r"|(?<![\w-])on\s+(?:(?:his|her|their|your)|([\w-]+)(?:'s|’s))\s+part"
               r"(?![\w-])|(?<![\w-])(?:the\s+)?(?:fault|blame|responsibility)\s+(?:lies|lay|rests|rested|is|was|"
               r"sits)\s+(?:squarely\s+|entirely\s+|solely\s+)?(?:with|on)\s+" + _PEOPLE_AGENT +
               r"|(?<![\w-])blamed\s+(?:on\s+)?" + _PEOPLE_AGENT)
_LABEL = _rx(r"(?<![\w-])(?:" + w.LABELS + r")(?![\w-])")
_NEGATED = _rx(r"(?:(?<![\w-])(?:not|never|nobody|no\s+one|nothing|none|wasn[’']t|weren[’']t|isn[’']t|aren[’']t|"
               r"without)(?:\s+\w+){0,2}\s*$)")
_WHO_Q = _rx(r"(?:^|(?<=[.!?\n]))\s*(?:(?:and|so|but|ok|okay|now|then)[, ]+)?(?:(who|whose)\s+(?!will\b|should\b|"
             r"can\b|could\b|would\b|owns\b|own\b|wants\b|'ll\b|’ll\b|is\s+(?:on\s+call|on-call|going|free|available|"
             r"taking|leading|joining)\b|are\s+(?:we|you|on)\b|needs\b|has\s+time\b|volunteers\b|takes\b|leads\b|"
             r"is\s+the\s+owner\b|else\b)[^?.!\n]*\?|which\s+(?:engineer|person|developer|dev|team|sre|operator|"
             r"reviewer|one\s+of\s+(?:you|us|them)|of\s+(?:you|us|them))\s+(?!will\b|should\b|can\b|owns\b|wants\b|"
             r"is\s+going\b)[^?.!\n]*\?)")
_WHO_FIND = _rx(r"(?<![\w-])(?:find\s+out|figure\s+out|work\s+out|determine|identify|establish|ask|know|see|check|"
                r"investigate|track\s+down|discover|name|find)\s+(?:exactly\s+)?(?:who|whoever)\s+(?:\w+\s+){0,2}?"
                r"(?:approved|pushed|merged|deployed|shipped|signed\s+off|wrote|made|broke|caused|did|let|was\s+"
                r"responsible|is\s+responsible|is\s+to\s+blame|was\s+to\s+blame|dropped|forgot|missed|ignored|"
                r"ran|changed|touched|okayed|ok'd|rubber-stamped|screwed|messed)(?![\w-])|"
                r"(?<![\w-])(?:the\s+(?:person|engineer|one|people|team)\s+responsible|whoever\s+(?:\w+\s+)?"
                r"(?:did|made|pushed|broke|approved|wrote|caused|merged|deployed|ran|forgot|missed|ignored|"
                r"signed\s+off|let))(?![\w-])")
_WHY_NOT = _rx(r"(?<![\w-])(?:why|how)\s+(?:didn[’']t|did|wasn[’']t|weren[’']t|hadn[’']t|couldn[’']t|could|was|"
               r"were|would|on\s+earth\s+did)\s+" + _PEOPLE_AGENT + r"(?:\s+not)?\s+(?:\w+)|"
               r"(?<![\w-])what\s+(?:were|was)\s+(?:they|you|he|she|[\w'’-]+)\s+thinking(?![\w-])")
_REMEDY = _rx(r"(?<![\w-])(?:remind(?:s|ed|ing|ers?)?\s+(?:to\s+)?(?:" + w.REMEDY_PEOPLE + r")|re-?(?:train|educat)"
              r"(?:s|ed|ing|e|es)?(?![\w-])(?!\s+(?:the\s+|a\s+|our\s+)?(?:[\w-]+\s+){0,2}(?:model|classifier|models|network|"
              r"embeddings|ranker|index))|(?:tell|warn|urge|instruct|encourage|ask|told|warned|urged|instructed|"
              r"encouraged|asked|telling|warning|urging|asking)\s+(?:" + w.REMEDY_PEOPLE + r"|[A-Z][\w'’-]+)\s+to\s+"
              r"(?:be|pay|remember|always|never|not|stop|double-check|take\s+(?:more\s+|extra\s+)?care|slow\s+down|"
              r"think|watch|stay|avoid|read|try|follow\s+the\s+(?:\w+\s+)?(?:process|runbook|checklist|procedure))"
              r"(?![\w-])|(?:be|being|to\s+be|are|is|get|been)\s+(?:a\s+lot\s+|a\s+bit\s+|much\s+|far\s+)?(?:more|extra|"
              r"especially|very|super)\s+(?:careful|vigilant|diligent|attentive|cautious|thorough|disciplined|"
              r"mindful|alert)(?![\w-])|(?<![\w-])be\s+careful(?![\w-])|pay\s+(?:more|closer|better|extra|"
              r"greater|proper)\s+attention|take\s+(?:more|extra|greater|better)\s+care|try\s+harder|think\s+twice|"
              r"(?:more|better|stricter|greater)\s+discipline|stop\s+making\s+(?:mistakes|errors)|(?:must|should|will|need\s+to|needs\s+to|have\s+to|has\s+to)\s+"
              r"(?:always\s+|now\s+|from\s+now\s+on\s+)?(?:remember\s+to|double-check|triple-check)|follow\s+(?:the\s+)?"
              r"(?:\w+\s+)?(?:process|runbook|checklist|procedure)s?\s+(?:more\s+)?(?:carefully|properly|strictly|"
              r"closely|to\s+the\s+letter)|refresher\s+training|more\s+training\s+for|(?:additional|extra|mandatory)\s+"
              r"training\s+for\s+(?:" + w.REMEDY_PEOPLE + r"|[A-Z][\w'’-]+))(?![\w-])")
_PUNISH = _rx(r"(?<![\w-])(?:hold\s+(?:[\w'’-]+\s+){1,3}?accountable|disciplinary|disciplined|reprimand(?:s|ed|ing)?|"
              r"written\s+warning|performance\s+improvement\s+plan|(?:put|place)\s+\w+\s+on\s+a\s+pip|"
              r"(?:no\s+longer|not)\s+be\s+allowed\s+to|revoke\s+(?:his|her|their|[\w-]+(?:'s|’s))\s+(?:\w+\s+)?"
              r"(?:access|permissions|rights)|(?:fire|sack|let\s+go\s+of|replace|demote)\s+(?:him|her|them|the\s+"
              r"(?:engineer|intern|contractor|developer|operator|person|on-?call))|name\s+and\s+shame|"
              r"consequences\s+for\s+(?:" + w.REMEDY_PEOPLE + r"|[A-Z][\w'’-]+|whoever|anyone|the\s+person))(?![\w-])")
_COLLECTIVE = _rx(r"(?<![\w-])(?:(?:nobody|no[ -]one|no-one)\s+(?:even\s+|ever\s+|really\s+)?(?:bothered|cared|checked|"
                  r"noticed|looked|read|thought\s+to|paid\s+attention|took\s+(?:ownership|responsibility)|followed|"
                  r"listened|tested|reviewed|owned|caught|questioned|spoke\s+up|asked|did\s+anything|lifted\s+a\s+"
                  r"finger|stepped\s+up)|culture\s+of\s+(?:carelessness|blame|cutting\s+corners|cowboy\w*|sloppiness|"
                  r"negligence)|those\s+(?:people|guys|devs|folks|idiots|clowns)|typical\s+(?:of\s+)?(?:ops|devs|"
                  r"engineering|qa|support|management|them|the\s+\w+\s+team)|(?:ops|devs|engineering|qa|support|"
                  r"management|the\s+(?:\w+\s+)?team|they)\s+(?:did\s+it\s+|broke\s+it\s+|messed\s+up\s+)?"
                  r"(?:again|as\s+usual|yet\s+again|once\s+again)(?![\w-])|keeps?\s+(?:on\s+)?(?:breaking|ignoring|"
                  r"missing|forgetting|skipping|pushing|messing))(?![\w-])")
_ROOT = _rx(r"(?<![\w-])root[- ]causes?(?![\w-])")

_HUMANS = (PERSON, GROUP)


def check_wording(text: str, context: WordingContext = PLAIN) -> list[WordingFinding]:
    """Every hindsight- or blame-shaped phrase in ``text``, in order, none overlapping."""
    if not text or not text.strip():
        return []
    found: list[WordingFinding] = []
    ctx = context

    def add(m: re.Match[str], kind: WordingKind, question: str, start: int | None = None) -> None:
        s = m.start() if start is None else start
        found.append(WordingFinding(s, m.end(), text[s:m.end()], kind, question))

    def who(pos: int) -> str:
        return subject_of(text, pos, ctx)

    for m in _HINDSIGHT.finditer(text):
        subject = who(m.start())
        if subject == FIRST:
            continue
        tail = m.group(0).casefold()
        if subject in _HUMANS or subject == NONE or "been " in tail or re.search(r"have\s+(?:known|seen|notic|"
                                                                              r"reali|caught|spott|fore|antic)", tail):
            add(m, WordingKind.COLLECTIVE if subject == GROUP else WordingKind.HINDSIGHT, Q_HINDSIGHT)
    for m in _COULD.finditer(text):
        subject = who(m.start())
        if subject != FIRST and (m.group(1) or subject in _HUMANS or subject == NONE):
            add(m, WordingKind.HINDSIGHT, Q_COUNTERFACTUAL)
    for m in _IF_ONLY.finditer(text):
        add(m, WordingKind.HINDSIGHT, Q_COUNTERFACTUAL)
    for m in _HAD_THEY.finditer(text):
        subject = _phrase_subject(m.group(2), ctx.owned())  # "had we …": the room weighing its own choices
        if subject in _HUMANS:
            add(m, WordingKind.HINDSIGHT, Q_COUNTERFACTUAL, m.start(1))
    for m in _IF_HAD.finditer(text):
        subject = _phrase_subject(m.group(1), ctx.owned())
        if subject != FIRST and (subject in _HUMANS or m.group(2)):
            add(m, WordingKind.HINDSIGHT, Q_COUNTERFACTUAL)
    for m in _OBVIOUS.finditer(text):
        add(m, WordingKind.HINDSIGHT, Q_OBVIOUS)
    for m in _JUST_HAD.finditer(text):
        if who(m.start()) in _HUMANS:
            add(m, WordingKind.HINDSIGHT, Q_OBVIOUS)
    for m in _PERSON_VERB.finditer(text):
        subject = who(m.start())
        phrase = m.group(0)
        if subject == GROUP and re.search(r"blame|fault|responsible", phrase, re.I) and \
                re.search(r"\b(?:nobody|no[ -]one)\s+\w*\s*$", text[max(0, m.start() - 20):m.start()], re.I):
            continue  # "nobody is to blame" is the blameless thing to say
        if subject in _HUMANS or (subject == NONE and _BARE_OK.match(phrase)):
            kind = WordingKind.COLLECTIVE if subject == GROUP else WordingKind.PERSON
            add(m, kind, Q_COLLECTIVE if subject == GROUP else _verb_question(phrase))
    for m in _IDIOM.finditer(text):
        if not (ctx.ownership and who(m.start()) == FIRST):
            subject = who(m.start())
            add(m, WordingKind.COLLECTIVE if subject == GROUP else WordingKind.PERSON, _verb_question(m.group(0)))
    for m in _PASSIVE.finditer(text):
        agent = m.group(2)
        if agent is not None:
            if _phrase_subject(agent.split(" at ")[0], ctx) in _HUMANS:
                add(m, WordingKind.PERSON, _verb_question(m.group(1)))
        elif _AGENTLESS.match(m.group(1)) and who(m.start()) != FIRST:
            add(m, WordingKind.PERSON, _verb_question(m.group(1)))
    for m in _CAUSED_BY.finditer(text):
        if _phrase_subject(m.group(1), ctx) in _HUMANS:
            add(m, WordingKind.PERSON, Q_HARM)
    for m in _HUMAN_ERROR.finditer(text):
        add(m, WordingKind.PERSON, Q_HUMAN_ERROR)
    for m in _POSSESSIVE.finditer(text):
        pron, owner = m.group(1), m.group(2)
        if pron:
            p = pron.casefold()
            if p == "my" or (p == "our" and ctx.ownership):
                continue
        elif owner is None or classify_words([owner], False, ctx) not in _HUMANS:
            continue
        add(m, WordingKind.PERSON, Q_FAULT)
    for m in _ON_PART.finditer(text):
        agents = [g for g in m.groups() if g]
        if not agents or any(_phrase_subject(g, ctx) in _HUMANS for g in agents):
            add(m, WordingKind.PERSON, Q_FAULT)
    for m in _LABEL.finditer(text):
        if not _NEGATED.search(text[max(0, m.start() - 40):m.start()]):
            add(m, WordingKind.CHARACTER, Q_LABEL)
    for m in _WHO_Q.finditer(text):
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        add(m, WordingKind.WHO, Q_WHO, start)
    for m in _WHO_FIND.finditer(text):
        add(m, WordingKind.WHO, Q_WHO)
    for m in _WHY_NOT.finditer(text):
        agent = next((g for g in m.groups() if g), None)
        if agent is None or _phrase_subject(agent.split()[0] if agent.split()[0].casefold() not in
                                            ("the", "a", "an", "our") else agent, ctx) in _HUMANS:
            add(m, WordingKind.WHO, Q_WHY_NOT)
    for m in _REMEDY.finditer(text):
        add(m, WordingKind.REMEDY, Q_REMEDY)
    for m in _PUNISH.finditer(text):
        add(m, WordingKind.REMEDY, Q_PUNISH)
    for m in _COLLECTIVE.finditer(text):
        add(m, WordingKind.COLLECTIVE, Q_COLLECTIVE)
    for m in _ROOT.finditer(text):
        add(m, WordingKind.SINGLE_CAUSE, Q_ROOT)
    return _without_overlaps(found)


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
