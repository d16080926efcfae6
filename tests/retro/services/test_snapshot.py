"""A load reads one snapshot: an edit committed while it runs shows up in the next load, whole."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from retro.domain import Edit, Retro, TimelineEvent
from retro.services import RetroStore
from retro.storage import rows
from retro.storage.engine import is_sqlite

from .builders import T0


def test_a_load_does_not_mix_two_versions(
    store: RetroStore, store_url: str, stored: Retro, monkeypatch: pytest.MonkeyPatch
) -> None:
    teammate = RetroStore(store_url)
    real_load_incident = rows.load_incident
    edits: list[int] = []

    def load_incident_then_a_teammate_edits(*args: Any, **kwargs: Any) -> Any:
        incident = real_load_incident(*args, **kwargs)
        if not edits:  # between the incident's SELECT and the timeline's, someone commits an edit
            edit = Edit.of(upsert=[TimelineEvent("e-late", T0 + timedelta(minutes=1), "Late event")])
            edits.append(teammate.apply(stored.incident.id, stored.incident.version, edit).version)
        return incident

    monkeypatch.setattr(rows, "load_incident", load_incident_then_a_teammate_edits)
    try:
        during = store.load(stored.incident.id)
    finally:
        teammate.close()

    assert edits == [stored.incident.version + 1]
    assert during.incident.version == stored.incident.version
    assert "e-late" not in during.events, "the load saw an event of a version newer than its incident"
    after = store.load(stored.incident.id)
    assert after.incident.version == edits[0] and "e-late" in after.events


def test_postgresql_reads_at_repeatable_read_and_writes_at_read_committed(store: RetroStore, store_url: str) -> None:
    """Writes stay READ COMMITTED: a concurrent edit then fails the version guard, not serialization."""
    if is_sqlite(store_url):
        pytest.skip("SQLite reads one snapshot per transaction by itself")
    with store._transaction() as conn:
        assert conn.execute(text("SHOW transaction_isolation")).scalar() == "repeatable read"
    with store._transaction(writes=True) as conn:
        assert conn.execute(text("SHOW transaction_isolation")).scalar() == "read committed"
