"""The insights' contributing-factor figure: the factors and categories that come back most.

Two factors are the same recurring factor when they have the same category and the same
normalised key (:func:`retro.analysis.recurrence.factor_key`: case, punctuation, stop words,
word order and light suffixes forgiven) — the key the store keeps for every factor, so the
library's figure is a grouped query. The name shown is the group's most common spelling (case
and spacing aside; ties to the alphabetically first), as written in its first sighting by
(incident id, factor id): the same rule as the Recurring factors tab.

:func:`factor_figure` assembles the figure from counts (from the database or from
:func:`facts_factor_figure`, the reference computed from every factor).
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence

from ..domain import FactorCategory
from .factor_words import factor_key
from .insights_figures import TOP_FACTORS, FactorFacts, FactorFigure, IncidentFacts, RecurringTheme, _basis

GroupKey = tuple[FactorCategory, str]
#: (category, key, incident id, factor id, title)
KeyedSighting = tuple[FactorCategory, str, str, str, str]


def top_candidates(key_counts: Iterable[tuple[FactorCategory, str, int]], top: int = TOP_FACTORS) -> dict[GroupKey, int]:
    """The groups that can make the top ``top``: seen in ≥ 2 incidents, and in at least as many as
    the ``top``-th most seen (ties on the count are settled by title, so all of them are kept)."""
    recurring = [(c, k, n) for c, k, n in key_counts if n >= 2 and k]
    if not recurring:
        return {}
    counts = sorted((n for _, _, n in recurring), reverse=True)
    floor = counts[min(top, len(counts)) - 1]
    return {(c, k): n for c, k, n in recurring if n >= floor}


def group_title(titles: Iterable[str]) -> str:
    """The name of a group from its sightings' titles in (incident id, factor id) order."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for title in titles:
        plain = " ".join(title.split())
        folded = plain.casefold()
        counts[folded] += 1
        shown.setdefault(folded, plain)
    return shown[min(counts, key=lambda k: (-counts[k], k))]


def factor_figure(key_counts: Iterable[tuple[FactorCategory, str, int]],
                  sightings_of: Callable[[Collection[GroupKey]], Iterable[KeyedSighting]],
                  categories: dict[FactorCategory, tuple[int, int]], with_factors: int, incidents: int,
                  ) -> FactorFigure:
    """The figure from the distinct (category, key) pairs with their incident counts, a reader of
    the sightings of some pairs (sorted by incident id, factor id), per category (factors,
    incidents), and how many of the ``incidents`` have any factor."""
    candidates = top_candidates(key_counts)
    titles: dict[GroupKey, list[str]] = defaultdict(list)
    for category, key, _incident, _factor, title in sightings_of(list(candidates)) if candidates else ():
        titles[(category, key)].append(title)
    named = {g: group_title(titles[g]) for g in candidates}
    top = heapq.nsmallest(TOP_FACTORS, ((-n, named[g].casefold(), g[0].value, g) for g, n in candidates.items()))
    themes = tuple(RecurringTheme(g[0], named[g], -n) for n, _t, _c, g in top)
    order = list(FactorCategory)
    per_category = tuple(sorted(((c, *categories.get(c, (0, 0))) for c in FactorCategory),
                                key=lambda t: (-t[2], -t[1], order.index(t[0]))))
    without = incidents - with_factors
    missing = Counter({"without contributing factors": without}) if without else Counter()
    return FactorFigure(themes, per_category, _basis(with_factors, missing))


def facts_factor_figure(factors: Sequence[FactorFacts], incidents: Sequence[IncidentFacts]) -> FactorFigure:
    """The reference: the figure computed from every factor of the chosen ``incidents``."""
    ids = {inc.id for inc in incidents}
    keyed = sorted((f.incident_id, f.factor_id, f.category, factor_key(f.title), f.title)
                   for f in factors if f.incident_id in ids)
    group_incidents: dict[GroupKey, set[str]] = defaultdict(set)
    per_category: Counter[FactorCategory] = Counter()
    category_incidents: dict[FactorCategory, set[str]] = defaultdict(set)
    for incident_id, _fid, category, key, _title in keyed:
        if key:
            group_incidents[(category, key)].add(incident_id)
        per_category[category] += 1
        category_incidents[category].add(incident_id)

    def sightings_of(groups: Collection[GroupKey]) -> list[KeyedSighting]:
        wanted = set(groups)
        return [(c, k, i, f, t) for i, f, c, k, t in keyed if (c, k) in wanted]

    return factor_figure(((c, k, len(v)) for (c, k), v in group_incidents.items()), sightings_of,
                         {c: (per_category[c], len(category_incidents[c])) for c in per_category},
                         len({i for i, *_ in keyed}), len(ids))
