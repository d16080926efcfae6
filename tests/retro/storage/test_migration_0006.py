"""Revision 0006 (tracker setting, factor-match decisions) upgrades a 0003 library with data intact."""

from __future__ import annotations

from retro.analysis.similar_factors import Decision
from retro.io.trackers import TrackerKind, TrackerSetting
from retro.services import RetroStore
from retro.storage import upgrade
from retro.storage.schema import head_revision

from ..services.builders import full_retro
from .conftest import migrate_to


def test_a_0003_library_gains_the_tables_and_keeps_its_retros(db_url: str) -> None:
    # A retro stored at head, then the schema taken back to 0003 (its rows stay): a 0003 library.
    migrate_to(db_url, head_revision())
    store = RetroStore(db_url)
    store.add_retro(full_retro(), new_ids=False)
    store.close()
    from alembic import command

    from retro.storage.engine import make_engine
    from retro.storage.schema import alembic_config

    engine = make_engine(db_url)
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0003_library_index")
    engine.dispose()
    assert upgrade(db_url).revision == head_revision()
    store = RetroStore(db_url)
    try:
        assert store.load("inc-1").incident.title == "Checkout outage"
        store.save_tracker_setting(TrackerSetting(TrackerKind.LINEAR, "ENG"))
        store.decide_factor_match("inc-1", ("f-1", "x", "y"), Decision.SAME)
        assert store.tracker_setting() == TrackerSetting(TrackerKind.LINEAR, "ENG")
        assert store.factor_match_decisions("inc-1") == {("f-1", "x", "y"): Decision.SAME}
    finally:
        store.close()
