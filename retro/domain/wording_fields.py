"""Every text field of a retro the wording coach reads, with where a person fixes it.

Accountability statements are read with first-person ownership welcome ("I decided …", "we failed
to …" in the speaker's own voice); every other field is read plainly. The names of the retro's
participants count as people wherever they appear.
"""

from __future__ import annotations

from dataclasses import dataclass

from .enums import Stage
from .retro import Retro
from .review import QUESTION_BY_KEY
from .wording import WordingContext, WordingFinding, check_wording

_INCIDENT_FIELDS = (
    ("summary", "Summary"),
    ("customer_impact", "Customer impact"),
    ("lessons_learned", "Lessons learned"),
    ("went_well", "What went well"),
    ("got_lucky", "Where we got lucky"),
    ("surprises", "Surprises"),
)


@dataclass(frozen=True, slots=True)
class WordedField:
    stage: Stage
    target_id: str
    label: str  # "Timeline event at 14:02", "Action “Add a canary”"
    text: str
    ownership: bool = False


@dataclass(frozen=True, slots=True)
class FieldFinding:
    field: WordedField
    finding: WordingFinding


def context_of(retro: Retro, *, ownership: bool = False) -> WordingContext:
    return WordingContext.of((p.name for p in retro.participants.values()), ownership=ownership)


def worded_fields(retro: Retro) -> list[WordedField]:
    inc = retro.incident
    fields = [WordedField(Stage.SETUP, "", label, getattr(inc, name, "") or "")
              for name, label in _INCIDENT_FIELDS]
    for event in retro.timeline():
        fields.append(WordedField(Stage.TIMELINE, event.id, f"Timeline event at {event.at:%H:%M}", event.text))
    for factor in retro.factor_list():
        fields.append(WordedField(Stage.FACTORS, factor.id, f"Factor “{_short(factor.title)}”",
                                  f"{factor.title}\n{factor.description}"))
    for link in retro.links.values():
        if link.note:
            fields.append(WordedField(Stage.FACTORS, link.cause_id, "A link's note", link.note))
    for statement in retro.speaking_order():
        who = retro.participant_name(statement.participant_id) or "someone"
        fields.append(WordedField(Stage.ACCOUNTABILITY, statement.id, f"{who}’s statement", statement.text, True))
    for action in retro.action_list():
        fields.append(WordedField(Stage.ACTIONS, action.id, f"Action “{_short(action.title)}”",
                                  f"{action.title}\n{action.description}\n{action.status_reason}"))
    for key, answer in retro.review_answers.items():
        question = QUESTION_BY_KEY.get(key)
        fields.append(WordedField(Stage.REVIEW, key, f"Review answer “{question.topic if question else key}”",
                                  answer.text))
    return [f for f in fields if f.text.strip()]


def wording_findings(retro: Retro) -> list[FieldFinding]:
    """Each hindsight- or blame-shaped phrase in every field, in stage order."""
    plain, owned = context_of(retro), context_of(retro, ownership=True)
    out: list[FieldFinding] = []
    for field in worded_fields(retro):
        for finding in check_wording(field.text, owned if field.ownership else plain):
            out.append(FieldFinding(field, finding))
    return out


def _short(text: str, limit: int = 48) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
