"""Revision 0012 (per-retro insight figures) upgrades a 0011 library with data: every retro gets
its figures row, worked out from what is stored, and the insights read them at once."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from retro.analysis.insights import compute_insights
from retro.services import RetroStore
from retro.storage import upgrade
from retro.storage.engine import make_engine
from retro.storage.schema import alembic_config, head_revision

from ..analysis.test_insights import facts
from ..services.builders import full_retro
from ..services.test_incident_figures import _now, _table, expected
from ..services.test_insights_store import _random_library
from .conftest import migrate_to


def test_a_0011_library_gets_the_figures_of_every_retro(db_url: str) -> None:
    migrate_to(db_url, head_revision())
    store = RetroStore(db_url)
    for retro in [*_random_library(7, n=30), full_retro("Checkout outage")]:
        store.add_retro(retro, new_ids=False)
    store.close()
    engine = make_engine(db_url)
    with engine.begin() as conn:  # back to 0011, rows kept: a library as the previous app left it
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0011_search_ranking")
        assert "incident_figures" not in inspect(conn).get_table_names()
    engine.dispose()
    assert upgrade(db_url).revision == head_revision() == "0012_insight_figures"
    store = RetroStore(db_url)
    try:
        retros = [store.load(s.id) for s in store.list_retros(include_archived=True)]
        assert len(retros) == 31
        table = _table(store)
        assert table == {r.incident.id: expected(r) for r in retros}
        shown = [r for r in retros if not r.incident.archived]
        assert store.insights(now=_now()) == compute_insights(*facts(shown), now=_now())
        # …and the rows follow the edits made after the upgrade
        first = retros[0]
        store.delete_retro(first.incident.id)
        assert first.incident.id not in _table(store)
    finally:
        store.close()


_VERSIONS = Path(__file__).resolve().parents[3] / "retro" / "storage" / "migrations" / "versions"


def test_the_backfill_reads_tables_of_its_own_revision_not_the_live_models() -> None:
    """The backfill imports no live model or figure code: only the stored formats every revision shares."""
    tree = ast.parse((_VERSIONS / "0012_insight_figures.py").read_text("utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert {i for i in imported if i.startswith("retro")} == {"retro.storage.types"}


_LATER_MODELS = """
import sys
from alembic import command
from sqlalchemy import Column, Text
from retro.storage import models as m
from retro.storage.engine import make_engine
from retro.storage.schema import alembic_config

# the models of a later revision: one more column in every table the backfill reads or writes
for table in (m.incidents, m.action_items, m.factors, m.incident_figures):
    table.append_column(Column("added_later", Text))
engine = make_engine(sys.argv[1])
with engine.begin() as conn:
    config = alembic_config()
    config.attributes["connection"] = conn
    command.upgrade(config, "0012_insight_figures")
engine.dispose()
"""


def test_a_0011_library_upgrades_with_the_models_of_a_later_revision(db_url: str) -> None:
    """Upgrading an old library through 0012 by a later app, whose models have columns 0012 never
    made: the backfill (in a fresh process, with those models loaded) still fills every row."""
    migrate_to(db_url, head_revision())
    store = RetroStore(db_url)
    for retro in [*_random_library(11, n=12), full_retro("Checkout outage")]:
        store.add_retro(retro, new_ids=False)
    store.close()
    engine = make_engine(db_url)
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0011_search_ranking")
    engine.dispose()
    root = str(Path(__file__).resolve().parents[3])
    done = subprocess.run([sys.executable, "-c", _LATER_MODELS, db_url], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": root}, cwd=root, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    store = RetroStore(db_url)
    try:
        retros = [store.load(s.id) for s in store.list_retros(include_archived=True)]
        assert len(retros) == 13 and _table(store) == {r.incident.id: expected(r) for r in retros}
    finally:
        store.close()
