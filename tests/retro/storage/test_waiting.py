"""PostgreSQL: an edit waiting for another editor says so, and gives up with a clear message."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import text

from retro.demo import build_demo_retro
from retro.domain import Edit
from retro.services import RetroStore
from retro.storage import locks
from retro.storage.engine import make_engine
from retro.storage.errors import StorageError
from retro.storage.schema import upgrade

pytestmark = pytest.mark.postgres


@pytest.fixture
def store(pg_url: str) -> Iterator[RetroStore]:
    upgrade(pg_url)
    s = RetroStore(pg_url)
    yield s
    s.close()


def _rename(store: RetroStore, rid: str, title: str) -> tuple[int, Edit]:
    retro = store.load(rid)
    return retro.incident.version, Edit(incident=replace(retro.incident, title=title))


def test_sessions_have_lock_and_statement_timeouts(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW lock_timeout")).scalar() == "30s"
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "2min"
            assert conn.execute(text("SHOW search_path")).scalar().startswith("t_")  # the URL's options kept
    finally:
        engine.dispose()


def test_an_edit_waiting_for_another_editor_says_so_then_saves(store: RetroStore, pg_url: str) -> None:
    rid = store.add_retro(build_demo_retro())
    version, edit = _rename(store, rid, "Renamed while someone else held the retro")
    other = make_engine(pg_url)
    holder = other.connect()
    holding = holder.begin()
    holder.execute(text("SELECT id FROM incidents WHERE id = :id FOR UPDATE"), {"id": rid})
    heard: list[str] = []

    def waiting(message: str) -> None:
        heard.append(message)
        holding.commit()  # the other editor finishes: the waiting edit goes on

    store.waiting = waiting
    try:
        store.apply(rid, version, edit)
    finally:
        holder.close()
        other.dispose()
    assert heard == [locks.WAITING_MESSAGE]
    assert store.load(rid).incident.title == "Renamed while someone else held the retro"


def test_an_edit_gives_up_with_a_clear_message(store: RetroStore, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(locks, "FIRST_WAIT_MS", 50)
    monkeypatch.setattr(locks, "LOCK_TIMEOUT_MS", 200)
    rid = store.add_retro(build_demo_retro())
    version, edit = _rename(store, rid, "Never saved")
    other = make_engine(pg_url)
    heard: list[str] = []
    store.waiting = heard.append
    try:
        with other.begin() as holder:
            holder.execute(text("SELECT id FROM incidents WHERE id = :id FOR UPDATE"), {"id": rid})
            with pytest.raises(StorageError, match=r"Another editor kept this retro busy .* gave up waiting. Nothing was saved"):
                store.apply(rid, version, edit)
    finally:
        other.dispose()
    assert heard == [locks.WAITING_MESSAGE]
    assert store.load(rid).incident.title != "Never saved"
