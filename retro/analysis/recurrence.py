"""Recurrence: contributing factors that keep coming back across incidents.

Titles are compared as sets of normalised words: case-folded, punctuation dropped, common
words ("the", "was", "no" is kept — it matters) left out, and a light suffix stemming so
"deploys", "deployed" and "deploying" meet. Two factors of the same category are the same
recurring factor when their word sets are similar enough (Jaccard index ≥ ``threshold``);
groups are the connected sets of such pairs (single linkage). Plain Python, deterministic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from retro.domain.enums import FactorCategory
from retro.domain.retro import Retro

SIMILARITY = 0.5
"""Default Jaccard threshold for two factor titles to count as the same factor."""

_STOP_TEXT = """a an the and or of to in on at for from by with as is are was were be been being it its this
    that these those our we us their they them there which who whom what when where while into onto
    during after before than then so very too also just about over under again had has have having
    do does did done can could would should may might will shall"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
"""Words that carry no meaning for matching. Negations ("no", "not", "without") are kept."""

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SUFFIXES = ("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s")


@dataclass(frozen=True, slots=True)
class FactorSighting:
    """One contributing factor as seen in one incident: the light form recurrence works on."""

    incident_id: str
    incident_title: str
    factor_id: str
    category: FactorCategory
    title: str


@dataclass(frozen=True, slots=True)
class RecurringFactor:
    """A contributing factor seen in more than one incident."""

    category: FactorCategory
    title: str
    words: frozenset[str]
    sightings: tuple[FactorSighting, ...]

    @property
    def incident_ids(self) -> tuple[str, ...]:
        """The incidents it appears in, each once, sorted."""
        return tuple(sorted({s.incident_id for s in self.sightings}))


@dataclass(frozen=True, slots=True)
class FactorMatch:
    """A factor of this retro that resembles one from an earlier incident."""

    factor_id: str
    earlier: FactorSighting
    similarity: float


@dataclass(frozen=True, slots=True)
class RelatedIncident:
    """An earlier incident that shares contributing factors with this one ("seen before")."""

    incident_id: str
    incident_title: str
    matches: tuple[FactorMatch, ...]

    @property
    def score(self) -> float:
        """Sum of the match similarities: more shared factors, and closer ones, score higher."""
        return sum(m.similarity for m in self.matches)


def normalise(title: str) -> frozenset[str]:
    """The meaningful, stemmed words of a factor title."""
    words = (w.casefold() for w in _WORD.findall(title))
    return frozenset(_stem(w) for w in words if w not in STOP_WORDS)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard index of two word sets (0.0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def sightings(retro: Retro) -> list[FactorSighting]:
    """Every contributing factor of one retro as a :class:`FactorSighting`, sorted by id."""
    inc = retro.incident
    return [
        FactorSighting(inc.id, inc.title, f.id, f.category, f.title)
        for f in sorted(retro.factors.values(), key=lambda f: f.id)
    ]


def recurring_factors(
    retros: Iterable[Retro | Sequence[FactorSighting]],
    threshold: float = SIMILARITY,
    min_incidents: int = 2,
) -> list[RecurringFactor]:
    """Factors that recur across incidents, most incidents first.

    ``retros`` may mix whole retros and lists of sightings (the library can load those
    cheaply). Only groups seen in at least ``min_incidents`` distinct incidents are returned;
    ties are ordered by more sightings, then by title.
    """
    seen = sorted(
        {s for r in retros for s in (sightings(r) if isinstance(r, Retro) else r)},
        key=lambda s: (s.incident_id, s.factor_id),
    )
    words = [normalise(s.title) for s in seen]
    groups = _group(seen, words, threshold)
    found = []
    for members in groups:
        if len({seen[i].incident_id for i in members}) < min_incidents:
            continue
        found.append(_recurring(seen, words, members))
    found.sort(key=lambda g: (-len(g.incident_ids), -len(g.sightings), g.title.casefold(), g.category.value))
    return found


def related_incidents(
    retro: Retro,
    others: Iterable[Retro | Sequence[FactorSighting]],
    threshold: float = SIMILARITY,
) -> list[RelatedIncident]:
    """Earlier incidents that share contributing factors with ``retro``, strongest first.

    The "seen before" links for a new incident. The retro's own incident is never listed.
    For each factor here, the best-matching factor of each other incident counts once.
    """
    mine = [(f, normalise(f.title)) for f in sorted(retro.factors.values(), key=lambda f: f.id)]
    by_incident: dict[str, list[FactorSighting]] = defaultdict(list)
    for other in others:
        for s in sightings(other) if isinstance(other, Retro) else other:
            if s.incident_id != retro.incident.id:
                by_incident[s.incident_id].append(s)
    related = []
    for incident_id in sorted(by_incident):
        theirs = sorted(by_incident[incident_id], key=lambda s: s.factor_id)
        their_words = [normalise(s.title) for s in theirs]
        matches = []
        for factor, words in mine:
            best: tuple[float, FactorSighting] | None = None
            for s, w in zip(theirs, their_words, strict=True):
                if s.category is not factor.category:
                    continue
                score = similarity(words, w)
                if score >= threshold and (best is None or score > best[0]):
                    best = (score, s)
            if best is not None:
                matches.append(FactorMatch(factor.id, best[1], best[0]))
        if matches:
            related.append(RelatedIncident(incident_id, theirs[0].incident_title, tuple(matches)))
    related.sort(key=lambda r: (-len(r.matches), -r.score, r.incident_id))
    return related


# -- helpers --------------------------------------------------------------------------------------


def _stem(word: str) -> str:
    """A light suffix stemmer: good enough to meet plurals and tenses, never below 3 letters."""
    for suffix in _SUFFIXES:
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            continue  # "loss", "status", "analysis" are not plurals
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                stem += "y"
            elif len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                stem = stem[:-1]  # "stopped" → "stop"
            return stem.rstrip("e") if len(stem) > 3 else stem
    return word.rstrip("e") if len(word) > 3 else word


def _group(seen: list[FactorSighting], words: list[frozenset[str]], threshold: float) -> list[list[int]]:
    """Single-linkage groups of sightings: same category and similar words, via union-find.

    Candidate pairs come from an index of words, so unrelated titles are never compared.
    """
    parent = list(range(len(seen)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[tuple[FactorCategory, str], list[int]] = defaultdict(list)
    for i, s in enumerate(seen):
        candidates = sorted({j for w in words[i] for j in index[(s.category, w)]})
        for j in candidates:
            if similarity(words[i], words[j]) >= threshold:
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        for w in words[i]:
            index[(s.category, w)].append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(seen)):
        groups[find(i)].append(i)
    return [groups[k] for k in sorted(groups)]


def _recurring(
    seen: list[FactorSighting], words: list[frozenset[str]], members: list[int]
) -> RecurringFactor:
    """A group's title is its most common title (case-folded), ties to the alphabetically first."""
    counts: dict[str, int] = defaultdict(int)
    shown: dict[str, str] = {}
    for i in members:
        key = " ".join(seen[i].title.split()).casefold()
        counts[key] += 1
        shown.setdefault(key, " ".join(seen[i].title.split()))
    title_key = min(counts, key=lambda k: (-counts[k], k))
    common = frozenset.intersection(*(words[i] for i in members))
    return RecurringFactor(
        category=seen[members[0]].category,
        title=shown[title_key],
        words=common,
        sightings=tuple(seen[i] for i in members),
    )
