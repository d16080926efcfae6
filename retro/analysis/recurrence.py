"""Recurrence: contributing factors that keep coming back across incidents.

Titles are compared as sets of normalised words (:mod:`retro.analysis.factor_words`: case,
punctuation, stop words and light suffixes forgiven). Two factors of the same category are the same
recurring factor when their word sets are similar enough (Jaccard index ≥ ``threshold``);
groups are the connected sets of such pairs (single linkage). Plain Python, deterministic.

Factor keys. A factor's *key* (:func:`factor_key`) is its normalised words, sorted and joined by
spaces: two factors with the same category and key are certainly the same recurring factor, so
grouping works on the distinct keys of a library (a few hundred to a few thousand), never on
every sighting (90,000 in a library of 10,000 retros). The store keeps every factor's key in an
index written with the edit (``factor_keys``), so a library's recurring list is one grouped
query plus this grouping of its distinct keys, and "retros sharing a factor with this one" is an
index look-up (:func:`related_from_candidates`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from retro.domain.entities import Factor
from retro.domain.enums import FactorCategory
from retro.domain.retro import Retro

from .factor_words import factor_key as factor_key
from .factor_words import key_words as key_words
from .factor_words import normalise as normalise
from .factor_words import similarity as similarity

SIMILARITY = 0.5
"""Default Jaccard threshold for two factor titles to count as the same factor."""

class FactorSighting(NamedTuple):
    """One contributing factor as seen in one incident: the light form recurrence works on.

    A named tuple, not a dataclass: a library of 10,000 retros has 75,000 of them, and a tuple is
    built three times faster.
    """

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

    @property
    def incident_count(self) -> int:
        return len({s.incident_id for s in self.sightings})

    @property
    def sighting_count(self) -> int:
        return len(self.sightings)


@dataclass(frozen=True, slots=True)
class RecurringSummary:
    """A :class:`RecurringFactor` without its sightings (how many, and the keys to read them by):
    what the library's list shows before a group is opened."""

    category: FactorCategory
    title: str
    words: frozenset[str]
    keys: tuple[str, ...]
    incident_count: int
    sighting_count: int


def summary_of(group: RecurringFactor) -> RecurringSummary:
    """The summary of a whole group (the reference for the store's summaries)."""
    keys = tuple(sorted({k for s in group.sightings if (k := factor_key(s.title))}))
    return RecurringSummary(group.category, group.title, group.words, keys, group.incident_count, group.sighting_count)


def summarise_from_keys(rows: Iterable[tuple[str, str, str, str]], categories: dict[str, FactorCategory],
                        threshold: float = SIMILARITY, min_incidents: int = 2) -> list[RecurringSummary]:
    """:func:`recurring_from_keys` without building the sightings: from (incident id, category
    value, key, title) rows in (incident id, factor id) order, the same groups, titles and order."""
    rows = [r for r in rows if r[2]]
    distinct: dict[tuple[str, str], int] = {}
    for _i, c, k, _t in rows:
        if (c, k) not in distinct:
            distinct[(c, k)] = len(distinct)
    key_list = [(categories[c], k) for c, k in distinct]
    groups = group_keys(key_list, threshold)
    group_of = [0] * len(key_list)
    for g, members in enumerate(groups):
        for member in members:
            group_of[member] = g
    incidents: list[set[str]] = [set() for _ in groups]
    sightings = [0] * len(groups)
    counts: list[dict[str, int]] = [{} for _ in groups]
    shown: list[dict[str, str]] = [{} for _ in groups]
    folded: dict[str, tuple[str, str]] = {}
    for incident_id, c, k, title in rows:
        g = group_of[distinct[(c, k)]]
        incidents[g].add(incident_id)
        sightings[g] += 1
        pair = folded.get(title)
        if pair is None:
            plain = " ".join(title.split())
            pair = folded[title] = (plain.casefold(), plain)
        held = counts[g]
        held[pair[0]] = held.get(pair[0], 0) + 1
        shown[g].setdefault(pair[0], pair[1])
    found = []
    for g, members in enumerate(groups):
        if len(incidents[g]) < min_incidents:
            continue
        seen_titles = counts[g]
        title_key = min(seen_titles, key=lambda t: (-seen_titles[t], t))
        keys = [key_list[member] for member in members]
        found.append(RecurringSummary(keys[0][0], shown[g][title_key], frozenset.intersection(*(key_words(k) for _, k in keys)),
                                      tuple(sorted(k for _, k in keys)), len(incidents[g]), sightings[g]))
    found.sort(key=lambda g: (-g.incident_count, -g.sighting_count, g.title.casefold(), g.category.value))
    return found


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
    keys: dict[str, str] = {}
    keyed = [(s, keys.get(s.title) or keys.setdefault(s.title, factor_key(s.title))) for s in seen]
    return recurring_from_keys(keyed, threshold=threshold, min_incidents=min_incidents)


def recurring_from_keys(
    keyed: Sequence[tuple[FactorSighting, str]],
    threshold: float = SIMILARITY,
    min_incidents: int = 2,
) -> list[RecurringFactor]:
    """:func:`recurring_factors` from sightings that already carry their :func:`factor_key`.

    ``keyed`` must be sorted by (incident id, factor id). Similar keys are grouped once per
    distinct (category, key), so the work follows the number of distinct factors, not sightings.
    """
    distinct: dict[tuple[FactorCategory, str], list[int]] = {}
    for i, (s, key) in enumerate(keyed):
        if key:  # a title of stop words only is like no other title
            distinct.setdefault((s.category, key), []).append(i)
    key_list = list(distinct)
    seen = [s for s, _ in keyed]
    found = []
    for members_of_keys in group_keys(key_list, threshold):
        group = [key_list[k] for k in members_of_keys]
        members = sorted(i for k in group for i in distinct[k]) if len(group) > 1 else distinct[group[0]]
        if len({seen[i].incident_id for i in members}) < min_incidents:
            continue
        found.append(_recurring(seen, [key_words(k) for _, k in group], members))
    found.sort(key=lambda g: (-len(g.incident_ids), -len(g.sightings), g.title.casefold(), g.category.value))
    return found


def group_keys(keys: Sequence[tuple[FactorCategory, str]], threshold: float = SIMILARITY) -> list[list[int]]:
    """Single-linkage groups (indices into ``keys``) of distinct (category, key) pairs.

    Two keys join when their categories are equal and their word sets' Jaccard index is at
    least ``threshold``; candidate pairs come from an index of words. Groups are ordered by their
    first member.
    """
    sets = [key_words(k) for _, k in keys]
    return _group([c for c, _ in keys], sets, threshold)


def similar_keys(
    key: str, category: FactorCategory, candidates: Iterable[tuple[FactorCategory, str]],
    threshold: float = SIMILARITY,
) -> list[tuple[str, float]]:
    """The candidate keys of ``category`` similar enough to ``key``, with their similarity."""
    mine = key_words(key)
    out = []
    for cat, other in candidates:
        if cat is category and other:
            score = similarity(mine, key_words(other))
            if score >= threshold:
                out.append((other, score))
    return out


def _best_matches(
    mine: Sequence[tuple[Factor, frozenset[str]]],
    theirs: Sequence[tuple[FactorSighting, frozenset[str]]],
    threshold: float,
) -> list[FactorMatch]:
    """For each factor here, the best-matching sighting of one other incident (same category)."""
    matches = []
    for factor, words in mine:
        best: tuple[float, FactorSighting] | None = None
        for s, w in theirs:
            if s.category is not factor.category:
                continue
            score = similarity(words, w)
            if score >= threshold and (best is None or score > best[0]):
                best = (score, s)
        if best is not None:
            matches.append(FactorMatch(factor.id, best[1], best[0]))
    return matches


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
        matches = _best_matches(mine, list(zip(theirs, their_words, strict=True)), threshold)
        if matches:
            related.append(RelatedIncident(incident_id, theirs[0].incident_title, tuple(matches)))
    related.sort(key=lambda r: (-len(r.matches), -r.score, r.incident_id))
    return related


def related_from_candidates(
    retro: Retro,
    keyed: Iterable[tuple[FactorSighting, str]],
    threshold: float = SIMILARITY,
) -> list[RelatedIncident]:
    """:func:`related_incidents` from the candidate sightings an index found (with their keys).

    ``keyed`` needs to hold at least every other sighting whose key shares a word with a factor
    of ``retro`` in the same category (what the store's key index returns); others are ignored.
    The result is the same as :func:`related_incidents` over the whole library.
    """
    mine = [(f, key_words(factor_key(f.title))) for f in sorted(retro.factors.values(), key=lambda f: f.id)]
    by_incident: dict[str, list[tuple[FactorSighting, frozenset[str]]]] = defaultdict(list)
    for s, key in keyed:
        if s.incident_id != retro.incident.id:
            by_incident[s.incident_id].append((s, key_words(key)))
    related = []
    for incident_id in sorted(by_incident):
        theirs = sorted(by_incident[incident_id], key=lambda t: t[0].factor_id)
        matches = _best_matches(mine, theirs, threshold)
        if matches:
            related.append(RelatedIncident(incident_id, theirs[0][0].incident_title, tuple(matches)))
    related.sort(key=lambda r: (-len(r.matches), -r.score, r.incident_id))
    return related


# -- helpers --------------------------------------------------------------------------------------


def _group(categories: Sequence[FactorCategory], words: Sequence[frozenset[str]],
           threshold: float) -> list[list[int]]:
    """Single-linkage groups of items: same category and similar words, via union-find.

    Candidate pairs come from an index of words, so unrelated titles are never compared.
    """
    parent = list(range(len(words)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[tuple[FactorCategory, str], list[int]] = defaultdict(list)
    for i, category in enumerate(categories):
        candidates = sorted({j for w in words[i] for j in index[(category, w)]})
        for j in candidates:
            if similarity(words[i], words[j]) >= threshold:
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        for w in words[i]:
            index[(category, w)].append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(words)):
        groups[find(i)].append(i)
    return [groups[k] for k in sorted(groups)]


def _recurring(seen: list[FactorSighting], key_sets: list[frozenset[str]], members: list[int]) -> RecurringFactor:
    """A group's title is its most common title (case-folded), ties to the alphabetically first."""
    counts: dict[str, int] = defaultdict(int)
    shown: dict[str, str] = {}
    folded: dict[str, tuple[str, str]] = {}
    for i in members:
        title = seen[i].title
        pair = folded.get(title)
        if pair is None:
            plain = " ".join(title.split())
            pair = folded[title] = (plain.casefold(), plain)
        counts[pair[0]] += 1
        shown.setdefault(pair[0], pair[1])
    title_key = min(counts, key=lambda k: (-counts[k], k))
    return RecurringFactor(
        category=seen[members[0]].category,
        title=shown[title_key],
        words=frozenset.intersection(*key_sets),
        sightings=tuple(seen[i] for i in members),
    )
