"""Who speaks at the start of a chat line kept as an event's text: "alice.w: restarted the pod".

Imported chat keeps its speaker in the event's text (the Slack importer writes ``author: text``,
pasted notes keep ``<carol> paged the db team`` or ``Bob Jones: rolled back`` as pasted). The
speaker is a person whether or not they are listed as a participant, so the public report removes
them too (:func:`retro.report.audience.scrub_pieces`). A speaker is one to three words before
``": "`` (or a name in ``<…>``), each a handle (``alice.w``, ``bob_j``, ``@carol``), a capitalised
name or a Slack user id — one word alone only a handle, not a capitalised word ("Stripe:", "Europe:") —
after a time, bullet or quote mark ("[10:02] alice.w:", "- bob_j:", "> carol:") and before a role
("alice.w (IC):"), none of them an ordinary word or a label a timeline line starts with
(``Update:``, ``Status page:``, ``Customer impact:``, ``Mitigation:``, ``ETA:``).
"""

from __future__ import annotations

import re

from .common_words import COMMON_WORDS
from .enums import EventKind
from .folding import fold_word
from .wording_words import NOT_NAMES

#: What may come before a speaker: a time ("[10:02]", "10:02:33", "(10:02)"), a bullet or a quote mark.
_PREFIX = r"[ \t]*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[AaPp][Mm])?[\])]?[ \t]+)?(?:[-*•>][ \t]+)?"
_COLON = re.compile(_PREFIX + r"(@?[^\W\d_][\w.'’-]*(?:[ \t]+[^\W\d_][\w.'’-]*){0,2})(?:[ \t]*\([^()\n]{1,30}\))?[ \t]*:(?=\s)")
_ANGLE = re.compile(_PREFIX + r"<(@?[^\W\d_][\w.'’ -]{0,39})>(?=[ \t])")  # IRC style: "<carol> paged", not "<b>x"
_SLACK_ID = re.compile(r"^[UW][A-Z0-9]{6,11}$")
#: What a timeline line may start with that names no one (besides ordinary words and event kinds).
_LABELS = frozenset(["update", "updates", "note", "notes", "mitigation", "resolution", "decision", "impact", "summary", "status", "detection", "escalation", "todo", "question", "eta", "fyi", "result", "results", "context", "observation", "hypothesis", "customer", "customers", "comms", "communication", "incident", "timeline", "owner", "reminder", "warning", "info", "error", "debug", "action", "actions", "cause", "fix", "workaround", "symptom", "symptoms", "trigger", "problem", "issue", "finding", "findings", "lesson", "lessons", "outcome", "followup", "follow-up", "next", "step",
                     "re", "fwd", "fw", "ack", "edit", "edited", "hotfix", "postmortem", "retro", "bridge", "prod",
                     "production", "staging", "ops", "oncall", "on-call", "paged", "mitigated", "confirmed", "resolved"])
_ORDINARY = COMMON_WORDS | NOT_NAMES | _LABELS | {k.value for k in EventKind} | {
    w for k in EventKind for w in k.label.lower().split()}


def chat_speaker(text: str, ordinary: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Where the speaker opening ``text`` is (start, end), or None when it opens with none.

    ``ordinary``: more lower-case words that name no one (the retro's services).
    """
    m = _ANGLE.match(text) or _COLON.match(text)
    if m is None:
        return None
    words = m.group(1).split()
    if m.re is _ANGLE and f"</{m.group(1)}>" in text:
        return None  # markup: "<script> … </script>"
    if all(_is_handle_or_name(word, len(words), ordinary) for word in words):
        return m.start(1), m.end(1)
    return None


def _is_handle_or_name(word: str, count: int, ordinary: frozenset[str]) -> bool:
    if _SLACK_ID.match(word):
        return True
    plain = fold_word(word).lstrip("@").strip(".'’-")
    if not plain:
        return False
    if any(part in _ORDINARY or part in ordinary for part in re.split(r"[.'’_-]+", plain.lower()) if part):
        return False
    if plain.isupper():
        return False  # an acronym or a shouted label ("RCA", "IC", "NOTE"); Slack ids are taken above
    if count > 1:  # a full name: every word capitalised ("Bob Jones", not "Ça déjà vu")
        return plain[:1].isupper()
    # one word alone: a handle ("alice", "alice.w", "bob_j", "@carol", "dmiller2"), not a capitalised word —
    # "Stripe:", "Europe:", "Okta:" are labels far more often than a first name (a listed person's is
    # found by the people-matcher anyway)
    return word.startswith("@") or plain.islower() or bool(re.search(r"[._\d]", plain))
