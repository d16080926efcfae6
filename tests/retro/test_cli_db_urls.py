"""A ``--db`` URL the app cannot open is one clear line on stderr and exit 2, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from retro.cli import EXIT_ERROR, main


@pytest.mark.parametrize("url", ["bogus://foo", "mysql://x@localhost/db", "http://example.com/db",
                                 "postgresql+psycopg2://x@localhost/db"])
def test_an_unsupported_url_is_one_line_and_exit_2(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--db", url, "list"], ["--db", url, "list", "--json"], ["--db", url, "show", "x"]):
        assert main(argv) == EXIT_ERROR
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert "unsupported database URL" in err and "sqlite:///path or postgresql://" in err


@pytest.mark.parametrize("url", ["sqlite:///", "sqlite:///:memory:", "sqlite://"])
def test_an_in_memory_database_is_refused(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", url, "list"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "in-memory" in err and "no such table" not in err, err


@pytest.mark.parametrize("command", [["list"], ["list", "--json"], ["list", "--search", "x"], ["show", "x"],
                                     ["export", "x", "-o", "out.md"], ["check", "x"], ["actions"]])
def test_a_read_command_on_a_missing_library_is_an_error_and_creates_nothing(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mistyped" / "retro.sqlite3"
    assert main(["--db", str(path), *command]) == EXIT_ERROR
    assert f"no library at {path}" in capsys.readouterr().err
    assert not path.parent.exists()


def test_an_empty_db_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "", "list"]) == EXIT_ERROR
    assert "--db is empty" in capsys.readouterr().err


def test_demo_may_make_a_new_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new" / "retro.sqlite3"
    assert main(["--db", str(path), "demo"]) == 0
    assert path.is_file()
    capsys.readouterr()
    assert main(["--db", str(path), "list"]) == 0


def test_show_gives_report_due_times_in_the_incidents_local_time(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "retro.sqlite3"
    assert main(["--db", str(path), "demo"]) == 0
    rid = capsys.readouterr().out.strip()
    assert main(["--db", str(path), "show", rid]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "report due:" in line]
    assert len(lines) == 2, lines
    for line in lines:
        due = line.split("due:", 1)[1].strip()
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d [A-Z][A-Za-z0-9+-]*", due), line  # 2026-10-15 13:47 CEST
