"""Revision 0011 (ranked search) upgrades a 0010 library with data: every retro still found, now ranked."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from retro.domain import Incident, Retro, Severity
from retro.services import LibraryQuery, LibrarySort, RetroStore
from retro.storage import upgrade
from retro.storage.engine import is_sqlite, make_engine
from retro.storage.schema import alembic_config, head_revision

from ..services.builders import full_retro
from .conftest import migrate_to


def _fts_sql(url: str) -> str:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            return conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")).scalar_one()
    finally:
        engine.dispose()


def test_a_0010_library_is_searchable_and_ranked_after_the_upgrade(db_url: str) -> None:
    migrate_to(db_url, head_revision())
    store = RetroStore(db_url)
    first = store.add_retro(full_retro("Checkout outage"))
    second = store.add_retro(full_retro("Pool exhausted again"))
    for n in range(2):  # "pool" in two retros of four: not common, so it still ranks
        store.add_retro(Retro.of(Incident(id=f"plain-{n}", title=f"Unrelated {n}", severity=Severity.SEV3)))
    store.close()
    engine = make_engine(db_url)
    with engine.begin() as conn:  # back to 0010, rows kept: a library as the previous app left it
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0010_public_report")
    engine.dispose()
    if is_sqlite(db_url):
        assert "columnsize=0" in _fts_sql(db_url)
    assert upgrade(db_url).revision == head_revision()
    if is_sqlite(db_url):
        assert "columnsize=0" not in _fts_sql(db_url)  # lengths kept: bm25 reads no document again
    store = RetroStore(db_url)
    try:
        page = store.library_page(LibraryQuery(text="pool", sort=LibrarySort.RELEVANCE))
        assert {s.id for s in page.rows} == {first, second}  # "Pool size left at default" is in both
        assert page.rows[0].id == second  # …and the second one says it in its title too
        assert page.snippets[second].matched
        # The index still follows edits made after the upgrade (the triggers were recreated).
        store.delete_retro(first)
        assert [s.id for s in store.library_page(LibraryQuery(text="pool", sort=LibrarySort.RELEVANCE)).rows] == [second]
    finally:
        store.close()
