"""The library, its backups and the private notes are owner-only; backups are complete or absent."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from retro.demo import build_demo_retro
from retro.domain import Audience
from retro.report import write_markdown
from retro.services import RetroStore
from retro.startup import open_store
from retro.storage import schema
from retro.storage.errors import StorageError

from .conftest import migrate_to

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_library_is_0600_in_a_0700_folder_and_exports_follow_the_umask(tmp_path: Path, usual_umask: None) -> None:
    path = tmp_path / "new-folder" / "retro.sqlite3"
    store = open_store(str(path), seed_demo=True)
    try:
        rid = store.list_retros()[0].id
        out = write_markdown(store.load(rid), tmp_path / "report.md", Audience.INTERNAL)
    finally:
        store.close()
    assert _mode(path.parent) == 0o700
    assert _mode(path) == 0o600
    for side in path.parent.glob("retro.sqlite3-*"):  # the WAL and shared-memory files
        assert _mode(side) == 0o600, side
    assert _mode(out) == 0o644


def test_a_store_opened_directly_creates_its_file_private(tmp_path: Path, usual_umask: None) -> None:
    path = tmp_path / "lib" / "direct.sqlite3"
    RetroStore(f"sqlite:///{path}").close()
    assert (_mode(path.parent), _mode(path)) == (0o700, 0o600)


def test_private_notes_are_0600(tmp_path: Path, usual_umask: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from retro.services.private_notes import LocalNotes

    notes = tmp_path / "notes-folder" / "private-notes.sqlite3"
    assert LocalNotes is not None
    monkeypatch.setenv("RETRO_LOCAL_NOTES", str(notes))
    from retro.storage.location import create_private_file

    assert create_private_file(notes)
    assert (_mode(notes.parent), _mode(notes)) == (0o700, 0o600)


@pytest.fixture
def old_library(tmp_path: Path) -> Path:
    path = tmp_path / "retro.sqlite3"
    migrate_to(f"sqlite:///{path}", "0001_base")
    return path


def test_a_backup_is_private_complete_and_leftovers_are_cleaned(old_library: Path, usual_umask: None) -> None:
    leftover = old_library.with_name("retro.backup-0001_base-20260101-000000.sqlite3.partial")
    leftover.write_bytes(b"")
    RetroStore(f"sqlite:///{old_library}").close()
    assert not leftover.exists()
    backups = list(old_library.parent.glob("retro.backup-*"))
    assert len(backups) == 1 and not backups[0].name.endswith(".partial")
    assert _mode(backups[0]) == 0o600
    assert backups[0].read_bytes()[:16] == b"SQLite format 3\x00"


def test_a_backup_killed_before_it_completes_leaves_no_backup_name(old_library: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def killed(*_: object) -> None:
        raise SystemExit("killed")  # like a SIGKILL between copying and renaming

    monkeypatch.setattr(schema.os, "replace", killed)
    with pytest.raises(SystemExit):
        RetroStore(f"sqlite:///{old_library}")
    names = [p.name for p in old_library.parent.glob("retro.backup-*")]
    assert names and all(n.endswith(".partial") for n in names)  # never under a name people restore from
    monkeypatch.undo()
    RetroStore(f"sqlite:///{old_library}").close()  # the next start-up cleans up and backs up again
    names = [p.name for p in old_library.parent.glob("retro.backup-*")]
    assert len(names) == 1 and not names[0].endswith(".partial")


def test_the_damaged_database_message_never_points_at_an_empty_backup(tmp_path: Path) -> None:
    good = tmp_path / "good" / "x.sqlite3"
    store = RetroStore(f"sqlite:///{good}")
    store.add_retro(build_demo_retro())
    store.close()
    data = good.read_bytes()
    path = tmp_path / "retro.sqlite3"
    path.write_bytes(data[:100] + b"\xff" * (len(data) - 100))  # an SQLite header, damaged pages
    empty = tmp_path / "retro.backup-0001_base-20260101-000000.sqlite3"
    empty.write_bytes(b"")  # what an interrupted backup of an older version left
    with pytest.raises(StorageError) as caught:
        RetroStore(f"sqlite:///{path}")
    assert "is damaged" in str(caught.value)
    assert "There is no backup copy" in str(caught.value) and str(empty) not in str(caught.value)
    real = tmp_path / "retro.backup-0002-20260102-000000.sqlite3"
    real.write_bytes(data)
    with pytest.raises(StorageError) as caught:
        RetroStore(f"sqlite:///{path}")
    assert f"Restore it from the newest backup copy, {real}" in str(caught.value)
