"""Keeping the library's recurrence index in step with every write, and reading it.

The write path (:func:`retro.services.editing.apply_edit` and ``RetroStore.add_retro``) calls
:func:`follow_edit` / :func:`follow_new_retro` in the edit's own transaction, so the index can
never disagree with the factors it describes. Readers: :func:`recurring_factors` (the whole
library, one grouped query plus grouping of distinct keys) and :func:`related_incidents`
(an index look-up for one retro). :func:`retros_sharing_key` is the building block for
matching on top of the normalised keys (e.g. fuzzy matching of near-duplicate factors).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection

from ..analysis.recurrence import (
    SIMILARITY,
    FactorSighting,
    RecurringFactor,
    RecurringSummary,
    RelatedIncident,
    factor_key,
    key_words,
    recurring_from_keys,
    related_from_candidates,
    similar_keys,
    summarise_from_keys,
)
from ..domain import Entity, EntityRef, Factor, FactorCategory, Retro
from ..storage import factor_keys, incident_figures


def follow_edit(conn: Connection, incident_id: str, inserted: Iterable[Entity], replaced: Iterable[Entity],
                removed: Iterable[EntityRef]) -> None:
    """Re-key the factors an edit inserted, rewrote or removed (nothing else touches the index)."""
    gone = [r.key for r in removed if r.kind == "Factor"]
    if gone:
        factor_keys.forget_factors(conn, incident_id, gone)
    factor_keys.index_factors(conn, incident_id, [e for e in inserted if isinstance(e, Factor)], new=True)
    factor_keys.index_factors(conn, incident_id, [e for e in replaced if isinstance(e, Factor)])


def follow_new_retro(conn: Connection, incident_id: str, entities: Iterable[Entity]) -> None:
    """Key every factor of a retro just stored whole, and work out its insight figures."""
    factor_keys.index_factors(conn, incident_id, [e for e in entities if isinstance(e, Factor)], new=True)
    incident_figures.refresh(conn, [incident_id])


def recurring_factors(conn: Connection, *, include_archived: bool,
                      threshold: float = SIMILARITY) -> list[RecurringFactor]:
    """The library's recurring factors: one scan of the key index, grouped over its distinct keys."""
    keyed = factor_keys.library_sightings(conn, include_archived=include_archived)
    return recurring_from_keys(keyed, threshold=threshold)


def recurring_summary(conn: Connection, *, include_archived: bool,
                      threshold: float = SIMILARITY) -> list[RecurringSummary]:
    """The library's recurring factors as the list shows them (no sightings built): one read of
    the key index, grouped over its distinct keys; a group's sightings come from
    :func:`group_sightings` when it is opened."""
    rows = factor_keys.library_rows(conn, include_archived=include_archived)
    return summarise_from_keys(rows, {c.value: c for c in FactorCategory}, threshold)


def group_sightings(conn: Connection, group: RecurringSummary, *, include_archived: bool) -> list[FactorSighting]:
    """Every sighting of one recurring group, sorted by (incident id, factor id): an index look-up."""
    keyed = factor_keys.sightings_with_keys(conn, [(group.category.value, k) for k in group.keys],
                                            include_archived=include_archived)
    return [s for s, _ in keyed]


def close_keys(conn: Connection, retro: Retro, *, threshold: float = SIMILARITY) -> set[tuple[str, str]]:
    """The stored (category value, key) pairs close enough to a factor of ``retro`` to make another
    retro having one related to it (found through the word index). An incident is among
    :func:`related_incidents` exactly when one of its factors has one of these keys."""
    mine = {(f.category.value, key) for f in retro.factors.values() if (key := factor_key(f.title))}
    candidates = factor_keys.candidate_keys(conn, mine)
    close: set[tuple[str, str]] = set()
    for category, key in mine:
        cat = FactorCategory(category)
        close.update((category, k) for k, _ in similar_keys(key, cat, candidates, threshold))
    return close


def related_incidents(conn: Connection, retro: Retro, *, threshold: float = SIMILARITY,
                      limit: int | None = None) -> list[RelatedIncident]:
    """Other incidents sharing contributing factors with ``retro``, from the key index, strongest
    first; only the first ``limit`` when given (what a panel shows).

    One statement finds the keys close to this retro's factors through the word index, scores every
    incident having one and returns the strongest, with any scored within a hair of the last one,
    as the database adds in its own order (:func:`~retro.storage.factor_keys.strongest_incidents`);
    only those are read, with their titles and factors, and ranked exactly. The answer is
    :func:`retro.analysis.recurrence.related_incidents` over the whole library (archived included),
    cut to ``limit``.
    """
    if limit is not None and limit <= 0:
        return []
    words = [(f.category.value, key_words(factor_key(f.title))) for f in sorted(retro.factors.values(), key=lambda f: f.id)]
    if sum(len(w) for _, w in words) > factor_keys.MOST_WORDS:  # more than one statement's parameters hold
        keyed = factor_keys.sightings_with_keys(conn, close_keys(conn, retro, threshold=threshold),
                                                include_archived=True, exclude_incident=retro.incident.id)
    else:
        kept = factor_keys.strongest_incidents(conn, words, threshold=threshold, exclude_incident=retro.incident.id,
                                               limit=limit)
        keyed = factor_keys.incident_sightings(conn, kept)
    found = related_from_candidates(retro, keyed, threshold)
    return found if limit is None else found[:limit]


def retros_sharing_key(conn: Connection, category: FactorCategory, key: str, *, include_archived: bool = True,
                       exclude_incident: str | None = None) -> list[FactorSighting]:
    """Every factor stored with exactly this (category, key), sorted by (incident id, factor id)."""
    if not key:
        return []
    return [s for s, _ in factor_keys.sightings_with_keys(conn, [(category.value, key)],
                                                          include_archived=include_archived,
                                                          exclude_incident=exclude_incident)]
