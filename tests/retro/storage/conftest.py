"""Helpers for schema tests: a database at a chosen revision, and raw rows written at revision 1."""

from __future__ import annotations

import pytest
from alembic import command

from retro.storage.engine import make_engine
from retro.storage.schema import alembic_config


def migrate_to(url: str, revision: str) -> None:
    """Bring the database at ``url`` to exactly ``revision`` (no backup, no checks)."""
    engine = make_engine(url)
    try:
        config = alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    finally:
        engine.dispose()


@pytest.fixture
def at_revision_1(db_url: str) -> str:
    migrate_to(db_url, "0001_base")
    return db_url
