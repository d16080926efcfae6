"""Revision 0009 (parking lot, the retro's agenda, roles on the projector) upgrades a 0008 library
with its data intact, and the new table and columns take edits and their undo."""

from __future__ import annotations

from dataclasses import replace

from alembic import command

from retro.domain import Edit, ParkingResolution, Stage
from retro.domain.parking_lot import into_action, park
from retro.services import RetroStore
from retro.storage import upgrade
from retro.storage.engine import make_engine
from retro.storage.schema import alembic_config, head_revision

from ..services.builders import full_retro, snapshot
from .conftest import migrate_to


def _downgrade(url: str, revision: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
    finally:
        engine.dispose()


def test_a_0008_library_gains_the_parking_lot_and_keeps_its_retros(db_url: str) -> None:
    # A retro stored at head, then the schema taken back to 0008 (its other rows stay): a 0008 library.
    migrate_to(db_url, head_revision())
    store = RetroStore(db_url)
    stored = full_retro()
    store.add_retro(stored, new_ids=False)
    store.close()
    _downgrade(db_url, "0008_between_meetings")
    assert upgrade(db_url).revision == head_revision()

    store = RetroStore(db_url)
    try:
        loaded = store.load("inc-1")
        # what 0008 held is all there; what it could not hold starts empty / default
        expected_incident, expected = snapshot(full_retro())
        incident, got = snapshot(loaded)
        assert got["ParkingItem"] == {}
        assert {k: v for k, v in got.items() if k != "ParkingItem"} == {
            k: v for k, v in expected.items() if k not in ("ParkingItem", "PrivateNote")
        } | {"PrivateNote": got["PrivateNote"]}
        assert incident.agenda == () and incident.projector_shows_roles is False
        assert incident.title == expected_incident.title

        # the new table takes a park, a "turn into an action", and their undo
        parked = store.apply("inc-1", loaded.incident.version, park("Who owns the pool?", Stage.FACTORS))
        item = next(iter(parked.upserted))
        assert item.created_at is not None  # stamped by the store
        edit, action = into_action(item, owner="Dana")
        turned = store.apply("inc-1", parked.version, edit)
        again = store.load("inc-1")
        assert again.parking_lot[item.id].resolution is ParkingResolution.ACTION
        assert again.parking_lot[item.id].outcome_id == action.id in again.actions
        store.apply("inc-1", turned.version, turned.inverse())
        back = store.load("inc-1")
        assert back.parking_lot[item.id].resolution is ParkingResolution.OPEN and action.id not in back.actions

        # and the incident's new columns
        changes = store.apply("inc-1", back.incident.version, Edit(incident=replace(
            back.incident, agenda=("timeline:30",), projector_shows_roles=True)))
        assert store.load("inc-1").incident.agenda == ("timeline:30",)
        assert store.load("inc-1").incident.projector_shows_roles is True
        store.apply("inc-1", changes.version, changes.inverse())
        assert store.load("inc-1").incident.agenda == ()
    finally:
        store.close()


def test_0009_downgrades_to_0008_and_up_again(db_url: str) -> None:
    migrate_to(db_url, head_revision())
    store = RetroStore(db_url)
    store.add_retro(full_retro(), new_ids=False)
    store.close()
    _downgrade(db_url, "0008_between_meetings")
    migrate_to(db_url, "0009_parking_lot")
    migrate_to(db_url, head_revision())  # and on up: the app opens only a library at head
    store = RetroStore(db_url)
    try:
        assert store.load("inc-1").incident.title == "Checkout outage"
    finally:
        store.close()
