"""Revision 0003 (library index) from 0002 with data: existing factors are keyed, recurrence works at once."""

from __future__ import annotations

from sqlalchemy import text

from retro.analysis import recurring_factors
from retro.analysis.recurrence import factor_key
from retro.demo import build_demo_retro
from retro.services import RetroStore
from retro.storage import upgrade
from retro.storage.engine import make_engine
from retro.storage.schema import head_revision

from .conftest import migrate_to


def test_revision_2_with_factors_upgrades_with_keys_backfilled(db_url: str) -> None:
    upgrade(db_url)
    store = RetroStore(db_url)
    try:
        first = store.add_retro(build_demo_retro())
        second = store.add_retro(build_demo_retro())
        expected = store.recurring_factors()
    finally:
        store.close()
    assert expected
    engine = make_engine(db_url)
    try:  # back to revision 2 (the index tables go), keeping every retro
        from alembic import command

        from retro.storage.schema import alembic_config

        config = alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0002_search")
        with engine.connect() as conn:
            tables = {r[0] for r in conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type='table'" if engine.dialect.name == "sqlite"
                else "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))}
        assert "factor_keys" not in tables
    finally:
        engine.dispose()
    migrate_to(db_url, "0003_library_index")
    migrate_to(db_url, head_revision())  # later revisions too: a shared PostgreSQL is never auto-upgraded
    store = RetroStore(db_url)
    try:
        assert store.recurring_factors() == expected
        assert store.recurring_factors() == recurring_factors([store.factor_sightings()])
        demo = store.load(first)
        assert [r.incident_id for r in store.related_incidents(demo)] == [second]
        engine = make_engine(db_url)
        try:
            with engine.connect() as conn:
                keys = dict(conn.execute(text("SELECT factor_id, key FROM factor_keys WHERE incident_id = :i"),
                                         {"i": first}).all())
        finally:
            engine.dispose()
        assert keys == {f.id: factor_key(f.title) for f in demo.factors.values()}
    finally:
        store.close()
