"""Revision 0010 (an action's public reason) upgrades a 0009 library with its actions intact."""

from __future__ import annotations

from dataclasses import replace

from alembic import command

from retro.domain import ActionStatus
from retro.services import RetroStore
from retro.storage import upgrade
from retro.storage.engine import make_engine
from retro.storage.schema import alembic_config, head_revision

from ..services.builders import full_retro
from .conftest import migrate_to


def _downgrade(db_url: str, revision: str) -> None:
    engine = make_engine(db_url)
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
    engine.dispose()


def test_a_0009_library_gains_public_reasons_and_keeps_its_actions(db_url: str) -> None:
    migrate_to(db_url, head_revision())
    store = RetroStore(db_url)
    retro = full_retro()
    store.add_retro(retro, new_ids=False)
    store.close()
    _downgrade(db_url, "0009_parking_lot")  # a library as 0009 left it, with its rows
    assert upgrade(db_url).revision == head_revision()
    store = RetroStore(db_url)
    try:
        loaded = store.load("inc-1")
        assert {a.id: replace(a, public_reason="") for a in retro.actions.values()} == loaded.actions
        action = next(iter(loaded.actions.values()))
        changed = replace(action, status=ActionStatus.WONT_DO, status_reason="internal why",
                          public_reason="Why, for customers")
        from retro.domain import Edit

        store.apply("inc-1", loaded.incident.version, Edit.of(upsert=[changed]))
        assert store.load("inc-1").actions[action.id].public_reason == "Why, for customers"
    finally:
        store.close()
