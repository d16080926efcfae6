"""The atomic writer writes regular files only: devices, FIFOs and sockets are refused; links are followed."""

from __future__ import annotations

import os
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from retro.cli import main
from retro.demo import build_demo_retro
from retro.domain import Audience
from retro.io.files import ExportError, write_text_atomically
from retro.report import ReportError, write_markdown


def test_a_device_is_refused_and_stays_a_device() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with pytest.raises(ExportError, match="/dev/full: that is a device, not a regular file"):
        write_text_atomically(Path("/dev/full"), "x")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_the_cli_refuses_to_export_over_a_device(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    db = str(tmp_path / "r.sqlite3")
    assert main(["--db", db, "demo"]) == 0
    rid = capsys.readouterr().out.strip()
    for fmt in ("json", "markdown", "pdf"):
        assert main(["--db", db, "export", rid, "--format", fmt, "-o", "/dev/full"]) == 2
        assert "that is a device, not a regular file" in capsys.readouterr().err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_fifo_is_refused_and_left_alone(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ReportError, match="named pipe"):
        write_markdown(build_demo_retro(), fifo, Audience.INTERNAL)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]  # no temporary left behind


@pytest.fixture
def short_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(dir="/tmp") as name:  # socket paths must be short
        yield Path(name)


def test_a_socket_is_refused(short_dir: Path) -> None:
    path = short_dir / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(ExportError, match="a socket"):
            write_text_atomically(path, "x")
        assert stat.S_ISSOCK(os.stat(path).st_mode)
    finally:
        server.close()


def test_a_symlink_is_followed_the_target_replaced_and_the_link_kept(tmp_path: Path) -> None:
    elsewhere = tmp_path / "real"
    elsewhere.mkdir()
    target = elsewhere / "report.md"
    target.write_text("old")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    write_text_atomically(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["report.md"]


def test_a_link_to_a_fifo_or_a_loop_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out.md"
    link.symlink_to(fifo)
    with pytest.raises(ExportError, match=r"a link to .*pipe.*named pipe"):
        write_text_atomically(link, "x")
    assert link.is_symlink() and stat.S_ISFIFO(os.stat(fifo).st_mode)
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(ExportError, match="loop"):
        write_text_atomically(loop, "x")
    assert loop.is_symlink()
