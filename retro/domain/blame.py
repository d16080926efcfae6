"""Spot blame-shaped wording ("human error", "X failed to …") and suggest a systems question.

This is a nudge, not a filter: findings are warnings the facilitator can read out, never
edits to what somebody typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BlameHint:
    phrase: str
    suggestion: str


_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\bhuman error\b", "Ask what made the action reasonable at the time, and what let it cause harm."),
    (r"\broot cause\b", "Name the contributing factors instead: there is rarely just one."),
    (r"\bshould(?:n'?t| not)? have\b", "Hindsight: describe what the person knew and saw then."),
    (r"\bfailed to\b", "Describe what the system made easy or hard, not who failed."),
    (r"\b(?:careless|negligen\w*|sloppy|lazy|incompetent|stupid)\b", "Judges a person: describe the conditions instead."),
    (r"\b(?:his|her|their) (?:fault|mistake)\b", "Blame: ask what in the system allowed it."),
    (r"\b(?:fault|blame)\b", "Blame-shaped: ask how, not who."),
    (r"\bdidn'?t follow\b", "Ask why the procedure did not fit the situation."),
    (r"\bforgot\b", "Ask what would have made remembering unnecessary."),
    (r"\bjust (?:needed|had) to\b", "“Just” hides the difficulty; describe what made it hard."),
)
_COMPILED = tuple((re.compile(p, re.IGNORECASE), s) for p, s in _PATTERNS)


def blame_hints(text: str) -> list[BlameHint]:
    """Every blame-shaped phrase in ``text`` with a suggestion (each pattern reported once)."""
    hints: list[BlameHint] = []
    for pattern, suggestion in _COMPILED:
        match = pattern.search(text)
        if match:
            hints.append(BlameHint(match.group(0), suggestion))
    return hints
