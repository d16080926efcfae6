"""Schema revisions: create, upgrade with data intact, refuse what is newer or not a retro database."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from retro.domain import Edit, TimelineEvent
from retro.services import RetroStore
from retro.storage import SchemaError, SchemaState, StorageError, schema_status, upgrade
from retro.storage.engine import is_sqlite, make_engine, sqlite_path
from retro.storage.models import Base
from retro.storage.schema import head_revision

from .conftest import migrate_to

REV1_ROWS = [
    """INSERT INTO incidents (id, title, severity, status, summary, services, tags, customer_impact,
         timezone, lessons_learned, went_well, got_lucky, surprises, archived, created_at, version,
         resolved_at)
       VALUES ('inc-old', 'Legacy outage', 'sev1', 'reviewed', 'Disk filled up', '["storage"]', '[]',
         '', 'UTC', '', '', '', '', false, '2025-01-02 03:04:05.123456+00:00', 7,
         '2025-01-01 10:00:00+00:00')""",
    """INSERT INTO participants (incident_id, id, name, roles, position)
       VALUES ('inc-old', 'p-1', 'Lee', 'incident_commander,leader', 0)""",
    """INSERT INTO timeline_events (incident_id, id, at, text, kind, source, evidence_url, audience, actor_role)
       VALUES ('inc-old', 'e-1', '2025-01-01 09:00:00.000001+00:00', 'Logrotate misconfigured on db-3',
         'observation', 'syslog', '', 'internal', NULL)""",
    """INSERT INTO factors (incident_id, id, title, category, description, audience, x, y)
       VALUES ('inc-old', 'f-1', 'No disk alert', 'technology', '', 'internal', 1.5, NULL)""",
    """INSERT INTO action_items (incident_id, id, title, owner, due, description, action_type, horizon,
         priority, status, status_reason, ticket_url, created_at, completed_at)
       VALUES ('inc-old', 'a-1', 'Alert on disk usage', 'Lee', '2025-02-01', '', 'detect', 'fix_for_real',
         'high', 'open', '', '', NULL, NULL)""",
    "INSERT INTO action_factors (incident_id, action_id, position, factor_id) VALUES ('inc-old', 'a-1', 0, 'f-1')",
]


def _write_rev1_rows(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for statement in REV1_ROWS:
                if is_sqlite(url):  # SQLite stores UTC as naive ISO text
                    statement = statement.replace("+00:00", "").replace("false", "0")
                conn.execute(text(statement))
    finally:
        engine.dispose()


def _revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def _set_revision(url: str, revision: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    finally:
        engine.dispose()


def test_empty_database_upgrades_to_head(db_url: str) -> None:
    assert schema_status(db_url).state is SchemaState.EMPTY
    status = upgrade(db_url)
    assert status.state is SchemaState.CURRENT and status.revision == head_revision()
    store = RetroStore(db_url)
    try:
        assert store.list_retros() == []
    finally:
        store.close()


def test_models_match_the_migrations(db_url: str) -> None:
    """The ORM tables and the shipped migrations describe the same schema."""
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    finally:
        engine.dispose()
    # Kept by the database itself (FTS5 table; PostgreSQL's generated tsvector and its index).
    ignored = ("search_fts", "alembic_version", "ix_search_documents_body_tsv", "'body_tsv'")
    real = [d for d in diffs if not any(name in repr(d) for name in ignored)]
    assert real == []


def test_revision_1_with_data_upgrades_intact_and_becomes_searchable(at_revision_1: str) -> None:
    url = at_revision_1
    _write_rev1_rows(url)
    if is_sqlite(url):
        store = RetroStore(url)  # upgraded at start-up, after a backup
        path = sqlite_path(url)
        assert path is not None
        backups = list(path.parent.glob("retro.backup-0001_base-*.sqlite3"))
        assert len(backups) == 1
        with sqlite3.connect(backups[0]) as copy:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001_base",)
            assert copy.execute("SELECT title FROM incidents").fetchall() == [("Legacy outage",)]
    else:
        with pytest.raises(SchemaError, match="retro db upgrade --db"):
            RetroStore(url)
        assert _revision(url) == "0001_base"  # never auto-upgraded
        upgrade(url)
        store = RetroStore(url)
    try:
        assert _revision(url) == head_revision()
        retro = store.load("inc-old")
        assert retro.incident.title == "Legacy outage" and retro.incident.version == 7
        assert retro.incident.created_at is not None and retro.incident.created_at.microsecond == 123456
        assert retro.events["e-1"].at.microsecond == 1
        assert retro.participants["p-1"].is_leader
        assert retro.actions["a-1"].factor_ids == ("f-1",)
        assert retro.factors["f-1"].x == 1.5 and retro.factors["f-1"].y is None
        assert [s.id for s in store.list_retros(text="logrotate")] == ["inc-old"]
        assert [s.id for s in store.list_retros(text="disk usage")] == ["inc-old"]
        # and it keeps working: an edit after the upgrade is indexed too
        store.apply("inc-old", 7, Edit.of(upsert=[TimelineEvent("e-2", retro.events["e-1"].at, "Volume resized")]))
        assert [s.id for s in store.list_retros(text="resized")] == ["inc-old"]
    finally:
        store.close()


def test_sqlite_can_refuse_to_upgrade(sqlite_url: str) -> None:
    migrate_to(sqlite_url, "0001_base")
    with pytest.raises(SchemaError, match="retro db upgrade"):
        RetroStore(sqlite_url, upgrade=False)
    assert _revision(sqlite_url) == "0001_base"


def test_postgresql_behind_head_is_refused_with_what_to_run(pg_url: str) -> None:
    with pytest.raises(SchemaError, match=r"retro db upgrade --db postgresql\+psycopg://"):
        RetroStore(pg_url)  # empty
    migrate_to(pg_url, "0001_base")
    with pytest.raises(SchemaError) as refused:
        RetroStore(pg_url)
    assert "0001_base" in str(refused.value) and "never upgraded automatically" in str(refused.value)
    assert _revision(pg_url) == "0001_base"


def test_database_from_a_newer_app_is_refused_and_untouched(db_url: str) -> None:
    upgrade(db_url)
    _set_revision(db_url, "0099_from_the_future")
    path = sqlite_path(db_url) if is_sqlite(db_url) else None
    before = path.read_bytes() if path else None
    with pytest.raises(SchemaError, match="newer version"):
        RetroStore(db_url)
    with pytest.raises(SchemaError, match="0099_from_the_future"):
        upgrade(db_url)
    assert schema_status(db_url).state is SchemaState.NEWER
    if path is not None:
        assert path.read_bytes() == before
        assert not list(path.parent.glob("*.backup-*"))
    assert _revision(db_url) == "0099_from_the_future"


def test_garbage_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"\x89PNG not a database at all" * 100)
    with pytest.raises(StorageError, match=re.escape(str(path))) as refused:
        RetroStore(f"sqlite:///{path}")
    assert "not a Blameless Retro database" in str(refused.value)
    assert path.read_bytes() == b"\x89PNG not a database at all" * 100


def test_damaged_sqlite_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(StorageError, match=re.escape(str(path))):
        RetroStore(f"sqlite:///{path}")


def test_someone_elses_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    with pytest.raises(StorageError, match="not a Blameless Retro library"):
        RetroStore(f"sqlite:///{path}")


def test_unreachable_postgresql_names_the_server() -> None:
    with pytest.raises(StorageError, match=re.escape("127.0.0.1:1")):
        schema_status("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_sqlite_file_and_folder_are_created(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "retro.sqlite3"
    store = RetroStore(f"sqlite:///{path}")
    store.close()
    assert path.exists() and schema_status(f"sqlite:///{path}").state is SchemaState.CURRENT


def test_revision_graph_read_from_the_scripts_matches_alembic() -> None:
    """Start-up reads the revisions without importing Alembic; Alembic must agree with it."""
    from alembic.script import ScriptDirectory

    from retro.storage import revisions, schema

    scripts = ScriptDirectory.from_config(schema.alembic_config())
    assert revisions.head_revision() == scripts.get_current_head()
    assert revisions.known_revisions() == {s.revision for s in scripts.walk_revisions()}
    assert revisions.revision_graph() == {s.revision: s.down_revision for s in scripts.walk_revisions()}


def test_opening_a_current_database_does_not_import_alembic(tmp_path) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    from retro.services import RetroStore

    RetroStore(url).close()
    code = (
        "import sys; from retro.services import RetroStore; "
        f"RetroStore({url!r}).list_retros(); print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
