"""A JSON export is written like a report: all or nothing, normal permissions, durable rename."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from retro.io import files
from retro.io.files import ExportError, write_text_atomically


@pytest.fixture
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_export_gets_the_permissions_any_saved_file_gets(tmp_path: Path, usual_umask: None) -> None:
    out = write_text_atomically(tmp_path / "retro.json", "{}\n")
    assert out == tmp_path / "retro.json" and out.read_text() == "{}\n"
    assert mode(out) == 0o644  # not mkstemp's owner-only 0o600


def test_replacing_an_export_keeps_its_permissions(tmp_path: Path, usual_umask: None) -> None:
    out = tmp_path / "retro.json"
    out.write_text("old")
    out.chmod(0o640)
    write_text_atomically(out, "new")
    assert out.read_text() == "new" and mode(out) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="folders are synced where POSIX allows it")
def test_the_rename_is_made_durable_by_syncing_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[bool] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    write_text_atomically(tmp_path / "retro.json", "{}")
    assert synced == [False, True]  # the file's bytes, then the folder's entry


def test_a_missing_folder_names_the_path(tmp_path: Path) -> None:
    out = tmp_path / "nope" / "retro.json"
    with pytest.raises(ExportError, match="does not exist") as caught:
        write_text_atomically(out, "{}")
    assert str(out) in str(caught.value)


def test_a_full_disk_keeps_the_old_export_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "retro.json"
    out.write_text("the previous export")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(ExportError, match="the disk is full") as caught:
        write_text_atomically(out, "{}")
    assert str(out) in str(caught.value)
    assert out.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["retro.json"]


def test_reports_and_exports_share_the_one_writer() -> None:
    from retro.report import atomic

    assert atomic.write_file_atomically is files.write_file_atomically
    assert not hasattr(atomic, "create_temporary")
