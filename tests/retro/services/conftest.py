"""A RetroStore on each database (SQLite file; PostgreSQL schema when reachable), at head."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retro.domain import Retro
from retro.services import RetroStore
from retro.storage import upgrade
from retro.storage.engine import is_sqlite

from .builders import full_retro


@pytest.fixture
def store_url(db_url: str) -> str:
    """``db_url`` ready for a store: PostgreSQL is upgraded on purpose, as an admin would."""
    if not is_sqlite(db_url):
        upgrade(db_url)
    return db_url


@pytest.fixture
def store(store_url: str) -> Iterator[RetroStore]:
    s = RetroStore(store_url)
    yield s
    s.close()


@pytest.fixture
def stored(store: RetroStore) -> Retro:
    """The full sample retro, stored with its ids kept, as loaded back."""
    return store.load(store.add_retro(full_retro(), new_ids=False))
