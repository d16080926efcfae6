"""The rules of the wording coach: each judgement as one regex, the question it asks, and its triggers.

A rule's regex finds a judgement (a verb, an idiom, a label, a question shape); which of them blame
depends on who does it, which :mod:`retro.domain.wording_subject` answers. Every regex is compiled
on first use, so importing the coach costs nothing at start-up.

:data:`TRIGGERS` names, for each rule, words of which every match holds at least one (at a word
start): the coach finds them all in one pass and runs a rule only on the sentences that hold one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import wording_words as w
from .word_trie import trie_pattern

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

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        return self._get().finditer(text, pos, len(text) if endpos is None else endpos)

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
        (r"broke|break|caus|botch|mess|screw|fat|goof|blunder|mistake|error|wrong|bad|down|out\b|delet|drop|wip|"
         r"truncat|nuk|corrupt|overw|destroy|accident|inadvert|unintention|erroneous", Q_HARM),
        (r"rush|without|push|chose|jump|cowboy|rogue|corner|wing", Q_PRESSURE),
        (r"check|verif|test|review|read|follow|confirm|valid|look", Q_CHECK),
    ))


def _verb_question(phrase: str) -> str:
    for pattern, question in _VERB_QUESTIONS:
        if pattern.search(phrase):
            return question
    return Q_PERSON


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
                r"(?:(?:just|only|simply|actually|not|even)\s+)?(?:been\s+)?(?:\w+(?:ed|en|wn|ne|ld|ght|ad|ok|id)|"
                + w.IRREGULAR_PARTICIPLES + r")\b")
_IF_HAD = _rx(r"(?<![\w-])if\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?:had(?:n[’']t)?|'d|’d|would\s+have|"
              r"(?:were|was)\s+(?:more|paying|being|not)|(?:just|only|simply)\s+(?:had|checked|looked|read|"
              r"followed|paid|asked|waited|tested|listened))(?![\w-])(\s+been\s+(?:"
              + w.HUMAN_ACTION_PARTICIPLES + r")(?![\w-]))?")
_OBVIOUS = _rx(r"(?<![\w-])(?:(?:it|this|that|the\s+\w+)\s+(?:was|is|should\s+have\s+been|seems|seemed)\s+"
               r"(?:so\s+|really\s+|pretty\s+|very\s+|quite\s+|blindingly\s+)?obvious|any\s+(?:competent|reasonable|"
               r"experienced|decent|good|careful|sensible|half-decent|senior)\s+(?:engineer|developer|person|operator|"
               r"sre|admin|reviewer|one)|(?:an?|the)\s+(?:more\s+|truly\s+|really\s+)?(?:careful|competent|"
               r"reasonable|experienced|decent|good|sensible|attentive|diligent|thorough|vigilant|senior|better)\s+"
               r"(?:[\w-]+\s+)?(?:engineer|developer|person|operator|sre|admin|reviewer|dba|on-?caller|tester)s?\s+"
               r"(?:would|wouldn[’']t|could|should)\s+(?:never\s+|not\s+|easily\s+|have\s+)?(?:have\s+)?"
               r"(?:caught|spotted|noticed|seen|known|checked|tested|asked|avoided|prevented|stopped|"
               r"questioned|flagged|double-checked|made|done|let)|all\s+(?:he|she|they|you|we|[\w'’-]+)\s+(?:had|needed)\s+to\s+do|"
               r"(?:easily|entirely|totally|completely|100%)\s+(?:avoidable|preventable)|(?:easily|trivially)\s+"
               r"(?:avoided|prevented)|(?:a\s+)?no-brainer)(?![\w-])")
_JUST_HAD = _rx(r"(?<![\w-])(?:just|simply|only)\s+(?:had|needed)\s+to(?![\w-])")
_PERSON_VERB = _rx(r"(?<![\w-])(?:" + w.PERSON_VERBS + r"|never\s+(?:bothered|checked|tested|reviewed|read|followed|"
                   r"looked|confirmed|validated|escalated|asked|noticed|verified|updated|documented|listened))"
                   r"(?![\w-])")
_BARE_OK = _rx(r"^(?:forg|neglect|ignor|overlook|disregard|did\s+not\s+bother|didn.t\s+(?:even\s+)?bother|"
               r"never\s+bothered|made|chose|rush|was\s+(?:not\s+)?paying|wasn.t\s+paying)")
#: The words :data:`wording_words.PLAIN_SLIPS` start with, as a trie: the long alternation is tried
#: only where one of them starts (it is otherwise tried at every letter of the text).
_SLIP_LEADS = trie_pattern(sorted(set(
    ["pushed", "deployed", "merged", "shipped", "released", "approved", "went", "proceeded", "carried", "accidentally", "mistakenly", "inadvertently", "unintentionally", "erroneously", "wrongly", "ran", "took", "chose", "made", "put", "set", "hit", "sent", "picked", "typed", "used", "deleted", "dropped", "restarted", "edited", "changed", "applied", "killed", "terminated", "rebooted", "selected", "updated", "rolled", "slept", "was", "were", "never", "did", "didn", "kept", "failed", "reviewed", "signed", "decided", "opted", "elected", "is", "left", "takes", "brought", "brings", "knocked", "knocks", "wiped", "truncated", "nuked", "corrupted", "overwrote", "destroyed"])))
_PLAIN_SLIP = _rx(r"(?<![\w-])(?=" + _SLIP_LEADS + r")(?:" + w.PLAIN_SLIPS + r")(?![\w-])")
_IDIOM = _rx(r"(?<![\w-])(?:" + w.PERSON_IDIOMS + r")(?![\w-])")
_PASSIVE = _rx(r"(?<![\w-])(?:was|were|got|gets|been|is|are|being)\s+(?:\w+ly\s+|never\s+|not\s+)?(ignored|overlooked|"
               r"neglected|botched|disregarded|mishandled|rushed(?:\s+(?:through|out|into\s+production))?|"
               r"rubber[- ]?stamped|forgotten|missed|skipped|bypassed|pushed\s+through|waved\s+through|"
               r"(?:approved|merged|deployed|shipped|pushed)\s+(?:\w+\s+)?without\s+(?:\w+\s+)?(?:review|testing|"
               r"checking|approval|a\s+second\s+\w+|sign-off)|caused|broken|triggered|introduced|messed\s+up|"
               r"screwed\s+up|deleted|dropped|wiped|truncated|overwritten|corrupted|misconfigured|taken\s+down|"
               r"brought\s+down|knocked\s+out)(?![\w-])(?:\s+by\s+" + _PEOPLE_AGENT + ")?")
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
              r"(?:no\s+longer|not)\s+be\s+allowed\s+to|(?:revoke|remove|pull|suspend|strip|take\s+away|"
              r"restrict|freeze|lock)\s+(?:his|her|their|[\w-]+(?:'s|’s))\s+(?:\w+\s+){0,2}"
              r"(?:access|permissions?|rights|privileges|credentials|keys)|(?:fire|sack|let\s+go\s+of|replace|demote)\s+(?:him|her|them|the\s+"
              r"(?:engineer|intern|contractor|developer|operator|person|on-?call))|name\s+and\s+shame|"
              r"consequences\s+for\s+(?:" + w.REMEDY_PEOPLE + r"|[A-Z][\w'’-]+|whoever|anyone|the\s+person))(?![\w-])")
_COLLECTIVE = _rx(r"(?<![\w-])(?:(?:nobody|no[ -]one|no-one)(?:\s+(?:on|in|from|at)\s+(?:the\s+|our\s+|their\s+)?"
                  r"(?:[\w-]+\s+)?(?:team|squad|rotation|call|shift|side))?\s+(?:even\s+|ever\s+|really\s+)?(?:bothered|cared|checked|"
                  r"noticed|looked|read|thought\s+to|paid\s+attention|took\s+(?:ownership|responsibility)|followed|"
                  r"listened|tested|reviewed|owned|caught|questioned|spoke\s+up|asked|did\s+anything|lifted\s+a\s+"
                  r"finger|stepped\s+up)|culture\s+of\s+(?:carelessness|blame|cutting\s+corners|cowboy\w*|sloppiness|"
                  r"negligence)|those\s+(?:people|guys|devs|folks|idiots|clowns)|typical\s+(?:of\s+)?(?:ops|devs|"
                  r"engineering|qa|support|management|them|the\s+\w+\s+team)|(?:ops|devs|engineering|qa|support|"
                  r"management|the\s+(?:\w+\s+)?team|they)\s+(?:did\s+it\s+|broke\s+it\s+|messed\s+up\s+)?"
                  r"(?:again|as\s+usual|yet\s+again|once\s+again)(?![\w-])|keeps?\s+(?:on\s+)?(?:breaking|ignoring|"
                  r"missing|forgetting|skipping|pushing|messing))(?![\w-])")
_ROOT = _rx(r"(?<![\w-])root[- ]causes?(?![\w-])")
#: A slip told after the deed ("pointed the job at production by mistake"): blame when a person did it.
_BY_MISTAKE = _rx(r"(?<![\w-])(?:by\s+(?:mistake|accident)|in\s+error)(?![\w-])")
#: Harm put down to a person ("because of Sam, …", "due to the intern"); "thanks to" only for harm.
_BECAUSE_OF = _rx(r"(?<![\w-])(because\s+of|due\s+to|owing\s+to|thanks\s+to)\s+" + _PEOPLE_AGENT)
_HARM_AFTER = _rx(r"(?<![\w-])(?:down|lost|outage|broke|broken|failed|failing|errors?|missed|late|delayed|"
                  r"stuck|corrupt\w*|deleted|dropped)(?![\w-])")
#: The incident laid on a person ("this one was entirely on Sam.").
_ON_PERSON = _rx(r"(?<![\w-])(?:this|that|it)(?:\s+one)?\s+(?:is|was|'s|’s)\s+(?:all\s+|entirely\s+|squarely\s+|"
                 r"solely\s+|completely\s+|totally\s+|100%\s+)?on\s+((?:the\s+|an?\s+|our\s+)?[\w'’-]+"
                 r"(?:\s+[\w'’-]+)?)(?=\s*(?:[.,;!?)]|$))")


# ---- what each rule needs to be worth running -------------------------------------------------------

#: For each rule: words (or their starts) of which every match holds at least one, at a word start.
#: A rule runs only on the sentences holding one, so most rules never run on most sentences.
#: tests/retro/domain/test_wording.py checks that the gate never changes a finding.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "hindsight": ("should", "ought"),
    "could": ("could",),
    "if_only": ("if",),
    "had_they": ("had",),
    "if_had": ("if",),
    "obvious": ("obvious", "any", "all", "avoidable", "preventable", "avoided", "prevented", "no-brainer",
                "careful", "competent", "reasonable", "experienced", "decent", "good", "sensible", "attentive",
                "diligent", "thorough", "vigilant", "senior", "better"),
    "just_had": ("just", "simply", "only"),
    "person_verb": (
        "fail", "neglect", "forg", "overlook", "ignor", "disregard", "mis", "skip", "bypass", "rush", "broke",
        "break", "caus", "refus", "panick", "overr", "rubber", "bother", "check", "verif", "test", "review",
        "read", "follow", "notic", "catch", "look", "confirm", "valid", "escalat", "think", "ask", "wait",
        "real", "double", "pay", "communicat", "tell", "listen", "care", "own", "take", "respond", "react",
        "act", "speak", "raise", "flag", "warn", "investigat", "understand", "learn", "updat", "document",
        "distracted", "too", "asleep", "responsive", "watching", "top", "blame", "fault", "responsible",
        "made", "took", "let", "chose", "push", "without", "bad", "bugg", "untested", "half", "answer",
        "typo"),
    "plain_slip": (
        "accident", "mistaken", "inadvert", "unintention", "erroneous", "wrong", "brought", "bring", "knock",
        "took", "take", "drop", "delet", "wip", "truncat", "nuk", "corrupt", "overwr", "destroy", "anyway",
        "regardless", "despite", "instead", "slept", "nowhere", "went", "told", "inform", "mention", "warn",
        "answer", "respond", "repl", "call", "show", "hand", "wake", "pick", "himsel", "hersel", "themsel", "fail",
        "own", "decid", "opt", "elect", "reason", "caus", "left"),
    "idiom": ("botch", "mess", "screw", "drop", "cut", "asleep", "couldn", "fat", "goof", "blunder", "slack",
              "half", "winged", "cowboy", "jump", "went", "didn", "clueless", "lunch", "thinking", "should",
              "ought"),
    "passive": ("ignor", "overlook", "neglect", "botch", "disregard", "mis", "rush", "rubber", "forgot", "skip",
                "bypass", "push", "wave", "approv", "merg", "deploy", "ship", "caus", "broke", "trigger",
                "introduc", "mess", "screw", "delet", "drop", "wip", "truncat", "overwr", "corrupt", "taken",
                "brought", "knock"),
    "caused_by": ("caus", "trigger", "introduc", "start", "broke"),
    "human_error": ("human", "operat", "user", "pilot", "personnel", "engineer", "manual", "people", "pebkac",
                    "picnic", "id", "layer"),
    "possessive": ("own", "fault", "mistake", "error", "oversight", "blunder", "screw", "negligence", "careless",
                   "failure", "slip", "goof", "bad", "lapse", "misstep", "doing"),
    "on_part": ("mistake", "error", "oversight", "failure", "lapse", "negligence", "part", "fault", "blame",
                "responsib"),
    "label": ("careless", "reckless", "laz", "slopp", "negligen", "incompeten", "stupid", "idiot", "clueless",
              "irresponsib", "inattentive", "unprofessional", "amateur", "complacen", "rookie", "foolish",
              "thoughtless", "absent", "inept", "hast", "cavalier", "overconfiden", "arrogan", "ignorant", "dumb",
              "silly", "basic", "simple", "obvious", "lack", "judg", "enough", "unforgivable", "inexcusable",
              "shoddy", "dereliction", "attention"),
    "who_q": ("who", "which"),
    "who_find": ("who", "responsible"),
    "why_not": ("why", "how", "thinking"),
    "remedy": ("remind", "retrain", "reeducat", "re-train", "re-educat", "tell", "told", "warn", "urg",
               "instruct", "encourag", "ask", "care", "vigilan", "dilig", "attentiv", "cautio", "thorough",
               "disciplin", "mindful", "alert", "attention", "harder", "twice", "making", "remember", "double",
               "triple", "follow", "refresher", "training"),
    "punish": ("hold", "disciplin", "reprimand", "written", "performance", "pip", "allowed", "revoke", "fire",
               "sack", "let", "replace", "demote", "shame", "consequence", "remov", "pull", "suspend", "strip",
               "take", "restrict", "freez", "lock"),
    "collective": ("nobody", "no one", "no-one", "culture", "those", "typical", "again", "usual", "keep"),
    "root": ("root",),
    "by_mistake": ("mistake", "accident", "error"),
    "because_of": ("because", "due", "owing", "thanks"),
    "on_person": ("this", "that", "it"),
}


_STEMS = sorted({stem for stems in TRIGGERS.values() for stem in stems})
#: Every trigger at a word start, the longest that fits (a trie tries each letter once).
TRIGGER_RX = _rx(r"(?<![\w-])" + trie_pattern(_STEMS))


def _rules_of(found: str) -> frozenset[str]:
    """The rules a matched trigger opens: those of every stem it starts with."""
    return frozenset(rule for rule, stems in TRIGGERS.items() if any(found.startswith(s) for s in stems))


RULES_OF_TRIGGER: dict[str, frozenset[str]] = {stem: _rules_of(stem) for stem in _STEMS}
