"""The first-paint library read (stdlib sqlite3) must say exactly what the store says, or nothing."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from retro.demo import build_demo_retro
from retro.domain import ActionItem, Edit
from retro.services import RetroStore
from retro.services.quick_library import quick_library
from tests.retro.storage.conftest import migrate_to


def test_quick_read_matches_the_store_for_every_kind_of_line(store_url: str) -> None:
    url = store_url  # SQLite through sqlite3, PostgreSQL through psycopg alone
    store = RetroStore(url)
    demo = store.add_retro(build_demo_retro())
    archived = store.add_retro(build_demo_retro())
    fresh = store.create_retro("Search index stopped updating").incident
    loaded = store.load(archived)
    store.update_incident(
        replace(loaded.incident, archived=True, internal_report_shared_at=datetime(2026, 10, 15, 9, tzinfo=UTC),
                tags=("ünïcode", "<b>tag</b>")),
        loaded.incident.version,
    )
    store.apply(fresh.id, store.current_version(fresh.id),
                Edit.of(upsert=[ActionItem("a1", "Overdue thing", owner="Sam", due=date(2020, 1, 1))]))
    for now in (datetime(2026, 10, 15, 12, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC)):
        quick = quick_library(url, now=now)
        assert quick is not None
        assert quick == store.list_retros(include_archived=True, now=now)
    assert {s.id for s in quick} == {demo, archived, fresh.id}
    assert next(s for s in quick if s.id == fresh.id).overdue_actions == 1
    assert quick_library(url, now=now, limit=2) == store.list_retros(include_archived=True, now=now)[:2]
    store.close()


def test_quick_read_declines_whatever_it_is_not_sure_of(tmp_path: Path) -> None:
    assert quick_library("postgresql+psycopg://nobody@127.0.0.1:1/none") is None  # no server there
    assert quick_library("mysql://db/retros") is None
    assert quick_library(f"sqlite:///{tmp_path / 'missing.sqlite3'}") is None
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    assert quick_library(f"sqlite:///{garbage}") is None

    old = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    migrate_to(old, "0001_base")
    assert quick_library(old) is None  # needs an upgrade: the store does that, with a backup

    newer = tmp_path / "newer.sqlite3"
    RetroStore(f"sqlite:///{newer}").close()
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = newer.read_bytes()
    assert quick_library(f"sqlite:///{newer}") is None
    assert newer.read_bytes() == before  # read-only: nothing written


@pytest.mark.postgres
def test_quick_read_of_a_team_database_declines_another_schema_revision(pg_url: str) -> None:
    import psycopg

    from retro.storage.schema import upgrade

    upgrade(pg_url)  # as an admin would
    assert quick_library(pg_url) == []
    with psycopg.connect("postgresql://" + pg_url.removeprefix("postgresql+psycopg://"), autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    assert quick_library(pg_url) is None


def test_quick_read_imports_no_sqlalchemy(tmp_path: Path) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    RetroStore(url).add_retro(build_demo_retro())
    code = (
        "import sys; from retro.services.quick_library import quick_library; "
        f"rows = quick_library({url!r}); print(len(rows), 'sqlalchemy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "False"]


@pytest.fixture
def far_east(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This machine's clock on Kiritimati (UTC+14): its date runs ahead of UTC's from 10:00 UTC."""
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_overdue_goes_by_the_local_date_in_both_reads(tmp_path: Path, far_east: None) -> None:
    url = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    store = RetroStore(url)
    fresh = store.create_retro("Queue backed up").incident
    store.apply(fresh.id, fresh.version,
                Edit.of(upsert=[ActionItem("a1", "Due on the 15th", owner="Sam", due=date(2026, 10, 15))]))
    now = datetime(2026, 10, 15, 12, tzinfo=UTC)  # already the 16th on this machine
    quick = quick_library(url, now=now)
    try:
        assert quick == store.list_retros(now=now)
    finally:
        store.close()
    assert quick is not None and quick[0].overdue_actions == 1
