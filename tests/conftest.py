"""Test set-up shared by every test: offscreen Qt, temporary databases, PostgreSQL when reachable."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
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

# The user's real data folder (library, private notes), as it was before the run: the run must
# leave it exactly as it found it (checked at the end, see pytest_sessionfinish).
def _real_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("blameless-retro"))


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    if not folder.is_dir():
        return {}
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


REAL_DATA_DIR = _real_data_dir()
_REAL_DATA_BEFORE = _snapshot(REAL_DATA_DIR)
# Every user-data path of this run (and of the app processes it starts) is a throw-away folder;
# each test gets its own below (user_data_in_tmp_path).
if "RETRO_TEST_DATA_HOME" not in os.environ:
    _DATA_HOME = tempfile.mkdtemp(prefix="retro-test-data-")
    atexit.register(shutil.rmtree, _DATA_HOME, True)
    os.environ["RETRO_TEST_DATA_HOME"] = _DATA_HOME
    os.environ["XDG_DATA_HOME"] = _DATA_HOME
    os.environ["RETRO_LOCAL_NOTES"] = os.path.join(_DATA_HOME, "blameless-retro", "private-notes.sqlite3")


@pytest.fixture(autouse=True)
def user_data_in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's user data folder (library, team-mode private notes): under its tmp_path."""
    home = tmp_path / "user-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("RETRO_LOCAL_NOTES", str(home / "blameless-retro" / "private-notes.sqlite3"))
    return home


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when it wrote to the user's real data folder."""
    after = _snapshot(REAL_DATA_DIR)
    changed = sorted(p for p in set(after) | set(_REAL_DATA_BEFORE) if after.get(p) != _REAL_DATA_BEFORE.get(p))
    if changed:
        print(f"\nThe tests wrote to the real user data folder {REAL_DATA_DIR}: {changed[:5]}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


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
