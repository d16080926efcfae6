"""Near-duplicate contributing factors across retros: by the meaning of the words, not the exact title.

Titles are compared as normalised text (case, punctuation and filler words dropped, light
stemming: :func:`retro.analysis.recurrence.normalise`) with RapidFuzz's token-set ratio, which
forgives word order, extra words and small typos ("Conection pool too small" ~ "pool of
connections too small"). Only factors of the same category are compared. The facilitator's
decision on a pair (the same factor, or not) is stored once and then wins over the score:
a confirmed match is always shown first, a rejected one never again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..domain.entities import Factor
from ..domain.factor_matches import MatchDecision, MatchPair
from .recurrence import FactorSighting, normalise

#: Similarity (0–100) from which two titles are offered as the same contributing factor.
THRESHOLD = 72.0


Decision = MatchDecision


@dataclass(frozen=True, slots=True)
class SimilarFactor:
    """A factor of an earlier retro that reads like ``factor_id`` of this one."""

    factor_id: str
    earlier: FactorSighting
    score: float
    decision: Decision | None = None

    @property
    def confirmed(self) -> bool:
        return self.decision is Decision.SAME


@dataclass(frozen=True, slots=True)
class SeenBefore:
    """"Seen before" for one factor: the closest earlier retros (as many as the panel lists) and
    how many earlier retros in all have a factor that reads like it."""

    matches: tuple[SimilarFactor, ...] = ()
    total: int = 0

    @property
    def more(self) -> int:
        """The earlier retros that read alike beyond those listed."""
        return self.total - len(self.matches)


PairKey = MatchPair  # (this factor id, earlier incident id, earlier factor id)


@lru_cache(maxsize=65536)
def _text(title: str) -> str:
    words = normalise(title)
    return " ".join(sorted(words)) if words else " ".join(title.casefold().split())


def match_text(title: str) -> str:
    """The text a title is matched by: its :func:`~retro.analysis.recurrence.factor_key` (the
    store keeps it), or the title case-folded when it has only stop words."""
    return _text(title)


def similarity_of_texts(a: str, b: str) -> float:
    """:func:`similarity` of two :func:`match_text` values."""
    from rapidfuzz import fuzz

    return float(fuzz.token_set_ratio(a, b)) if a and b else 0.0


def similarity(a: str, b: str) -> float:
    """0–100: how alike two factor titles read (order, filler words and small typos forgiven)."""
    from rapidfuzz import fuzz

    ta, tb = _text(a), _text(b)
    if not ta or not tb:
        return 0.0
    return float(fuzz.token_set_ratio(ta, tb))


def similar_factors(factor: Factor, incident_id: str, earlier: Iterable[FactorSighting],
                    decisions: Mapping[PairKey, Decision] | None = None,
                    threshold: float = THRESHOLD, limit: int = 12) -> list[SimilarFactor]:
    """Earlier factors (other incidents, same category) that read like ``factor``: confirmed ones
    first, then by score; rejected pairs are left out. One best match per earlier incident."""
    from rapidfuzz import fuzz

    decisions = decisions or {}
    mine = _text(factor.title)
    best: dict[str, SimilarFactor] = {}
    for s in earlier:
        if s.incident_id == incident_id or s.category is not factor.category:
            continue
        decision = decisions.get((factor.id, s.incident_id, s.factor_id))
        if decision is Decision.DIFFERENT:
            continue
        score = float(fuzz.token_set_ratio(mine, _text(s.title))) if mine else 0.0
        if decision is not Decision.SAME and score < threshold:
            continue
        found = SimilarFactor(factor.id, s, score, decision)
        held = best.get(s.incident_id)
        if held is None or (found.confirmed, found.score) > (held.confirmed, held.score):
            best[s.incident_id] = found
    ordered = sorted(best.values(), key=lambda m: (not m.confirmed, -m.score, m.earlier.incident_title.casefold(),
                                                   m.earlier.incident_id))
    return ordered[:limit]
