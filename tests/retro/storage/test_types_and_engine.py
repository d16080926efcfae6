"""UTC datetimes, SQLite settings, the default location, and text that must come back unchanged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, MetaData, Table, insert, select, text

from retro.domain import Edit, Factor, TimelineEvent, new_id
from retro.services import RetroStore
from retro.storage import default_url, upgrade
from retro.storage.engine import is_sqlite, make_engine
from retro.storage.types import UTCDateTime

IST = timezone(timedelta(hours=5, minutes=30))


def test_utc_datetime_round_trip_keeps_the_instant_and_microseconds(db_url: str) -> None:
    table = Table("times", MetaData(), Column("at", UTCDateTime()))
    engine = make_engine(db_url)
    values = [
        datetime(2026, 3, 4, 9, 15, 30, 123456, tzinfo=UTC),
        datetime(2026, 3, 4, 14, 45, 30, 999999, tzinfo=IST),
        datetime(1999, 12, 31, 23, 59, 59, 1, tzinfo=timezone(timedelta(hours=-8))),
    ]
    try:
        with engine.begin() as conn:
            table.create(conn)
            conn.execute(insert(table), [{"at": v} for v in values])
            back = list(conn.execute(select(table.c.at)).scalars())
        assert back == values  # same instants
        assert all(v.tzinfo is UTC or v.utcoffset() == timedelta(0) for v in back)
        assert [v.microsecond for v in back] == [123456, 999999, 1]
        with engine.begin() as conn, pytest.raises(Exception, match="naive"):
            conn.execute(insert(table), [{"at": datetime(2026, 1, 1)}])
    finally:
        engine.dispose()


def test_sqlite_connections_use_the_safe_settings(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
    finally:
        engine.dispose()


def test_default_url_prefers_retro_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RETRO_DB", "postgresql+psycopg://team@db/retro")
    assert default_url() == "postgresql+psycopg://team@db/retro"
    monkeypatch.delenv("RETRO_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = default_url()
    assert url.startswith("sqlite:///") and url.endswith("retro.sqlite3")
    assert "blameless-retro" in url and Path(url.removeprefix("sqlite:///")).parent.is_dir()


# Text no database can store (NUL, lone surrogates) is refused by validation, so leave it out.
stored_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=300
).filter(lambda s: s.strip())
MARKUP = ["<b>bold</b> & <i>", "a\nb\r\nc\td", "'; DROP TABLE incidents; --", "NEAR(x) OR \"y\"*",
          "😀 emoji · ZWJ 👩‍💻", "RTL עברית العربية", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 combining é", "&amp; &lt;p&gt;", "x" * 100_000]


@pytest.fixture
def one_retro(db_url: str) -> tuple[RetroStore, str]:
    if not is_sqlite(db_url):
        upgrade(db_url)
    store = RetroStore(db_url)
    yield store, store.create_retro("Text round trip").incident.id  # type: ignore[misc]
    store.close()


def test_markup_and_long_text_round_trip(one_retro: tuple[RetroStore, str]) -> None:
    store, rid = one_retro
    version = store.current_version(rid)
    at = datetime(2026, 1, 1, tzinfo=UTC)
    events = [TimelineEvent(new_id(), at, body, source=body[:300]) for body in MARKUP]
    store.apply(rid, version, Edit.of(upsert=events))
    loaded = store.load(rid)
    assert {e.id: (e.text, e.source) for e in events} == {e.id: (e.text, e.source) for e in loaded.events.values()}
    assert [s.id for s in store.list_retros(text="עברית")] == [rid]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=stored_text.map(lambda s: s[:300]), description=stored_text)
def test_any_text_round_trips(one_retro: tuple[RetroStore, str], title: str, description: str) -> None:
    store, rid = one_retro
    factor = Factor(new_id(), title, description=description)
    store.apply(rid, store.current_version(rid), Edit.of(upsert=[factor]))
    assert store.load(rid).factors[factor.id] == factor
