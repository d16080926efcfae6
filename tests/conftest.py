"""Test set-up shared by every test: offscreen Qt, temporary databases, PostgreSQL when reachable."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep the tests away from the user's real data and settings.
os.environ.setdefault("RETRO_TESTING", "1")
# One settings file for this run (and the app processes it starts), removed when the run ends,
# so test runs leave no retro-settings-* folders behind in /tmp.
if "RETRO_TEST_SETTINGS" not in os.environ:
    _SETTINGS_DIR = tempfile.mkdtemp(prefix="retro-test-settings-")
    atexit.register(shutil.rmtree, _SETTINGS_DIR, True)
    os.environ["RETRO_TEST_SETTINGS"] = os.path.join(_SETTINGS_DIR, "ui.ini")

PG_URL = os.environ.get("RETRO_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_reachable(url: str) -> str:
    """Empty when PostgreSQL answers at ``url``; else why not."""
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a runtime dependency
        return f"psycopg is not installed ({exc})"
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(dsn, connect_timeout=3):
            return ""
    except Exception as exc:
        return f"no PostgreSQL at {dsn}: {exc.__class__.__name__}: {str(exc).strip()[:200]}"


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    """The PostgreSQL URL for storage tests; skipped with the reason when none answers (outside CI)."""
    why = _pg_reachable(PG_URL)
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test on PostgreSQL, but {why}")
        pytest.skip(why)
    return PG_URL


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """A fresh, empty schema on the PostgreSQL server, dropped after the test."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    dsn = pg_server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in pg_server_url else "?"
    yield f"{pg_server_url}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'retro.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each storage test runs on SQLite, and on PostgreSQL whenever one is reachable."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'retro.sqlite3'}"
    return request.getfixturevalue("pg_url")
