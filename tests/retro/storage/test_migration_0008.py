"""Revision 0008 (the factor-key index by category and incident) upgrades a 0007 library with data intact."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from retro.services import RetroStore
from retro.storage import upgrade
from retro.storage.engine import make_engine
from retro.storage.schema import alembic_config, head_revision

from ..services.builders import full_retro
from .conftest import migrate_to

INDEX = "ix_factor_keys_category_incident"


def _indexes(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {ix["name"] for ix in inspect(conn).get_indexes("factor_keys")}
    finally:
        engine.dispose()


def _to(url: str, revision: str, *, down: bool) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def test_a_0007_library_gains_the_index_and_keeps_its_retros(db_url: str) -> None:
    migrate_to(db_url, head_revision())
    store = RetroStore(db_url)
    retro_id = store.add_retro(full_retro(), new_ids=False)
    before = store.insights()
    store.close()
    _to(db_url, "0007_public_mentions", down=True)
    assert INDEX not in _indexes(db_url)
    assert upgrade(db_url).revision == head_revision()
    assert INDEX in _indexes(db_url)
    store = RetroStore(db_url)
    try:
        assert store.load(retro_id).incident.title == "Checkout outage"
        assert store.insights(now=before.now) == before
    finally:
        store.close()
    _to(db_url, "0007_public_mentions", down=True)  # and back down, cleanly
    assert INDEX not in _indexes(db_url)
