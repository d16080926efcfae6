"""The quick first paint reads the newest retros only, with the same lines as the full list."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from retro.demo import build_demo_retro
from retro.services import RetroStore
from retro.services.quick_library import quick_library


def test_first_screen_is_the_head_of_the_full_list(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    store = RetroStore(url)
    try:
        for _ in range(5):
            store.add_retro(build_demo_retro())
        now = datetime.now(UTC)
        full = store.list_retros(include_archived=True, now=now)
    finally:
        store.close()
    assert quick_library(url, now=now) == full
    assert quick_library(url, now=now, limit=2) == full[:2]
    assert full[0].open_actions > 0  # the counts are there for the rows read


def test_retros_without_a_creation_time_come_last_as_the_store_lists_them(tmp_path: Path) -> None:
    """The quick read walks the creation-time index, then reads the undated retros (by id) after."""
    import sqlite3

    url = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    store = RetroStore(url)
    try:
        ids = [store.add_retro(build_demo_retro()) for _ in range(5)]
    finally:
        store.close()
    with sqlite3.connect(tmp_path / "lib.sqlite3") as conn:  # as an older copy may hold them
        conn.executemany("UPDATE incidents SET created_at = NULL WHERE id = ?", [(ids[1],), (ids[3],)])
    store = RetroStore(url)
    try:
        now = datetime.now(UTC)
        full = store.list_retros(include_archived=True, now=now)
    finally:
        store.close()
    assert [s.id for s in full[-2:]] == sorted([ids[1], ids[3]])
    assert quick_library(url, now=now) == full
    for limit in (1, 3, 4, 5, 6):
        assert quick_library(url, now=now, limit=limit) == full[:limit]
