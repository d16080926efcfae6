"""The status bar says "Waiting for another editor…" while an edit waits for a teammate (PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import text

from retro.demo import build_demo_retro
from retro.domain import Edit
from retro.services import RetroStore
from retro.storage.engine import make_engine
from retro.storage.locks import WAITING_MESSAGE
from retro.storage.schema import upgrade
from ui.main_window import MainWindow


@pytest.fixture
def team_store(pg_url: str) -> Iterator[RetroStore]:
    upgrade(pg_url)
    store = RetroStore(pg_url)
    yield store
    store.close()


@pytest.mark.postgres
def test_the_status_bar_says_waiting_while_another_editor_holds_the_retro(qtbot, team_store: RetroStore,
                                                                          pg_url: str) -> None:
    window = MainWindow(team_store)
    qtbot.addWidget(window)
    window.show()
    rid = team_store.add_retro(build_demo_retro())
    retro = team_store.load(rid)
    other = make_engine(pg_url)
    holder = other.connect()
    holding = holder.begin()
    holder.execute(text("SELECT id FROM incidents WHERE id = :id FOR UPDATE"), {"id": rid})
    seen: list[str] = []
    shown = team_store.waiting
    assert shown is not None

    def waiting(message: str) -> None:
        shown(message)
        seen.append(window.statusBar().currentMessage())
        holding.commit()

    team_store.waiting = waiting
    try:
        team_store.apply(rid, retro.incident.version, Edit(incident=replace(retro.incident, title="Renamed")))
    finally:
        holder.close()
        other.dispose()
    assert seen == [WAITING_MESSAGE]


def test_a_notice_from_a_worker_thread_reaches_the_status_bar(qtbot, tmp_path) -> None:
    store = RetroStore(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    worker = threading.Thread(target=store.waiting, args=(WAITING_MESSAGE,))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == WAITING_MESSAGE)
    store.close()
