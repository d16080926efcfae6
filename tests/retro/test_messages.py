"""Messages that say why: disk full, read-only folder, UTF-16 without BOM, a search for "-checkout"."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
from collections import namedtuple
from pathlib import Path

import pytest

from retro.cli import main
from retro.cli_args import join_dash_values
from retro.demo import build_demo_retro
from retro.io.document import dumps, load_document
from retro.storage import file_trouble, location, schema
from retro.storage.errors import StorageError

Usage = namedtuple("Usage", "total used free")


def test_disk_full_at_open_says_the_disk_is_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_trouble.shutil, "disk_usage", lambda _: Usage(10**9, 10**9 - 4096, 4096))
    error = schema._sqlite_error(tmp_path / "retro.sqlite3", sqlite3.OperationalError("disk I/O error"))
    assert str(error).startswith(f"The disk holding {tmp_path} is full (4 KB free)")
    assert "Free some space" in str(error)


def test_an_io_error_with_room_on_the_disk_says_the_disk_may_be_failing(tmp_path: Path) -> None:
    assert shutil.disk_usage(tmp_path).free > file_trouble.NEARLY_FULL_BYTES
    error = schema._sqlite_error(tmp_path / "retro.sqlite3", sqlite3.OperationalError("disk I/O error"))
    assert "reported an I/O error" in str(error)


def test_a_read_only_folder_says_so_and_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "shared-readonly"
    folder.mkdir()

    def denied(*_: object, **__: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(location.os, "open", denied)
    monkeypatch.setattr(file_trouble.os, "access", lambda *_: False)
    # `list` of a missing library says "no library at"; a command that creates one meets the folder
    assert main(["--db", str(folder / "retro.sqlite3"), "demo"]) == 2
    err = capsys.readouterr().err
    assert f"The folder {folder} is read-only for you" in err and "Choose a folder you can write to" in err
    error = schema._sqlite_error(folder / "retro.sqlite3", sqlite3.OperationalError("unable to open database file"))
    assert "is read-only for you" in str(error)


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root may write anywhere")
def test_a_really_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    with pytest.raises(StorageError, match="read-only for you"):
        from retro.startup import open_store

        open_store(str(folder / "retro.sqlite3"))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16", "utf-32-le", "utf-32-be", "utf-8-sig"])
def test_a_document_in_utf16_or_utf32_with_or_without_bom_loads(codec: str) -> None:
    text = dumps(build_demo_retro())
    assert load_document(text.encode(codec)).incident.title == build_demo_retro().incident.title


def test_broken_utf16_says_which_encoding_it_looked_like() -> None:
    data = json.dumps({"format": "blameless-retro"}).encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
    with pytest.raises(Exception, match="UTF-16-LE"):
        load_document(data)


def test_a_search_for_text_starting_with_a_dash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "r.sqlite3")
    assert main(["--db", db, "demo"]) == 0
    rid = capsys.readouterr().out.strip()
    for argv in (["list", "--search", "-checkout"], ["list", "--search=-checkout"], ["list", "--json", "--search", "-5"]):
        assert main(["--db", db, *argv]) == 0, argv
    out = capsys.readouterr().out
    assert out.count(rid) >= 2
    assert join_dash_values(["list", "--search", "--json"]) == ["list", "--search", "--json"]  # still an error
    assert join_dash_values(["timeline", "--", "--search", "-x"]) == ["timeline", "--", "--search", "-x"]
