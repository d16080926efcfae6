"""``retro wording``: LINE:COL findings from a draft, exit 1 / 0 / 2, no database needed."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from retro.cli import main


def test_findings_are_printed_with_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETRO_DB", str(tmp_path / "never-created.sqlite"))
    draft = tmp_path / "postmortem.md"
    draft.write_text("# Checkout outage\n\nThe cron job failed to run.\n\nThe engineer *ignored* the page.\n\n"
                     "```sh\nhuman error  # code is not prose\n```\nUse `forgot` in code.\n", encoding="utf-8")
    assert main(["wording", str(draft)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith("5:15  ignored  ") and out[0].endswith("?")
    assert not (tmp_path / "never-created.sqlite").exists()


def test_a_clean_draft_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "clean.txt"
    draft.write_text("The load balancer failed to mark the node unhealthy.\nSam rolled back at 14:10.\n")
    assert main(["wording", str(draft)]) == 0
    assert capsys.readouterr().out == ""


def test_standard_input_and_names(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"then will forgot the flag.\n")))
    assert main(["wording", "--names", "Will Ortiz", "-"]) == 1
    assert "1:11  forgot" in capsys.readouterr().out


def test_unreadable_files_exit_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["wording", str(tmp_path / "missing.md")]) == 2
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 failed".encode("latin-1"))
    assert main(["wording", str(bad)]) == 2
    assert "not UTF-8" in capsys.readouterr().err
