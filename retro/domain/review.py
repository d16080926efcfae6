"""The review questions the room answers before the postmortem is published."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReviewQuestion:
    key: str
    topic: str
    question: str


REVIEW_QUESTIONS: tuple[ReviewQuestion, ...] = (
    ReviewQuestion("detection", "Detection", "Did our alerts and dashboards tell us quickly?"),
    ReviewQuestion(
        "escalation", "Escalation", "Did the right people get involved quickly, and only them?"
    ),
    ReviewQuestion("recovery", "Recovery", "Could we stop the bleeding? Could we roll back?"),
    ReviewQuestion(
        "prevention", "Prevention", "What removes the risk, or shrinks the blast radius next time?"
    ),
    ReviewQuestion(
        "runbook",
        "Runbook",
        "Did the runbook tell us how to identify and stop the problem? Was it clear? What must change?",
    ),
    ReviewQuestion("worse", "If it had gone worse", "If it had gone worse, what then?"),
)

QUESTION_BY_KEY = {q.key: q for q in REVIEW_QUESTIONS}
