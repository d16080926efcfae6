"""The related past retros the internal report's "Seen before" reads: loaded whole, no private notes."""

from __future__ import annotations

from retro.domain import ActionItem, Factor, FactorCategory, Incident, PrivateNote, Retro
from retro.services import RetroStore

T = FactorCategory.TECHNOLOGY


def _retro(incident_id: str, factor_title: str, *, note: str = "") -> Retro:
    entities: list = [Factor(f"f-{incident_id}", factor_title, T),
                      ActionItem(f"a-{incident_id}", f"Fix for {incident_id}", factor_ids=(f"f-{incident_id}",))]
    if note:
        entities.append(PrivateNote(f"n-{incident_id}", note))
    return Retro.of(Incident(incident_id, f"Incident {incident_id}"), entities)


def test_related_retros_are_the_related_incidents_loaded_without_private_notes(store: RetroStore) -> None:
    for n in range(3):
        store.add_retro(_retro(f"inc-{n}", "Connection pool exhausted under load", note="PRIVATE about Sam"), new_ids=False)
    store.add_retro(_retro("inc-other", "Certificate expired on the edge"), new_ids=False)
    now = store.load(store.add_retro(_retro("inc-now", "Connection pool exhausted under load"), new_ids=False))
    assert store.load("inc-0").private_notes  # stored, and kept in the library itself
    related = store.related_retros(now)
    assert sorted(r.incident.id for r in related) == ["inc-0", "inc-1", "inc-2"]
    assert all(not r.private_notes and r.actions for r in related)
    assert [r.incident.id for r in store.related_retros(now, limit=2)] == [r.incident_id for r in store.related_incidents(now)[:2]]
