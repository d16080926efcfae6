"""Reads run on the driver's own connection fail as every other read does: a StorageError, never
a bare ``sqlite3.Error`` (which a Qt slot would not catch)."""

from __future__ import annotations

import sqlite3

import pytest

from retro.demo import build_demo_retro
from retro.services import RetroStore
from retro.storage.errors import StorageError
from retro.storage.schema import upgrade


def _break(path: str, table: str) -> None:
    raw = sqlite3.connect(path)
    try:
        raw.execute(f"ALTER TABLE {table} RENAME TO {table}_gone")
        raw.commit()
    finally:
        raw.close()


def test_a_broken_timeline_table_reads_as_a_storage_error(sqlite_url: str) -> None:
    upgrade(sqlite_url)
    store = RetroStore(sqlite_url)
    try:
        rid = store.add_retro(build_demo_retro())
        _break(sqlite_url.removeprefix("sqlite:///"), "timeline_events")
        with pytest.raises(StorageError):
            store.load(rid)
    finally:
        store.close()


def test_a_broken_library_reads_as_a_storage_error(sqlite_url: str) -> None:
    upgrade(sqlite_url)
    store = RetroStore(sqlite_url)
    try:
        store.add_retro(build_demo_retro())
        _break(sqlite_url.removeprefix("sqlite:///"), "action_items")
        with pytest.raises(StorageError):
            store.library_page()
    finally:
        store.close()
