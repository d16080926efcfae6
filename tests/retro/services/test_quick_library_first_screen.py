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
