"""Blame-shaped wording as hints: the older name for :func:`retro.domain.wording.check_wording`.

Kept so callers that only want "phrase + suggestion" stay simple; the coach itself lives in
:mod:`retro.domain.wording`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .wording import PLAIN, WordingContext, check_wording


@dataclass(frozen=True, slots=True)
class BlameHint:
    phrase: str
    suggestion: str


def blame_hints(text: str, context: WordingContext = PLAIN) -> list[BlameHint]:
    """Every blame- or hindsight-shaped phrase in ``text`` with the question to ask instead."""
    return [BlameHint(f.phrase, f.question) for f in check_wording(text, context)]
