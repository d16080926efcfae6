"""The ``retro`` command end to end, through real subprocesses, as a script would use it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ID = re.compile(r"^[0-9a-f]{32}$")


def retro_command() -> list[str]:
    script = Path(sys.executable).parent / "retro"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ui.launch"]


def run(db: str, *args: str, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RETRO_DB"}
    return subprocess.run(
        [*retro_command(), "--db", db, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        input=input_text,
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


@pytest.fixture
def demo_id(db: str) -> str:
    result = run(db, "demo")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_demo_prints_the_new_id_alone(db: str, demo_id: str) -> None:
    assert ID.match(demo_id)
    listing = run(db, "list")
    assert listing.returncode == 0
    first = listing.stdout.splitlines()[0]
    assert first.split("\t")[0] == demo_id
    rows = json.loads(run(db, "list", "--json").stdout)
    assert [r["id"] for r in rows] == [demo_id]
    assert rows[0]["severity"] == "sev2"


def test_show_in_brief_and_as_json(db: str, demo_id: str) -> None:
    brief = run(db, "show", demo_id[:8])
    assert brief.returncode == 0, brief.stderr
    assert demo_id in brief.stdout and "time to detect:" in brief.stdout
    document = json.loads(run(db, "show", demo_id, "--json").stdout)
    assert document["format"] == "blameless-retro"
    assert document["incident"]["id"] == demo_id


def test_export_then_load_gives_a_second_equal_retro(db: str, demo_id: str, tmp_path: Path) -> None:
    out = tmp_path / "demo.json"
    assert run(db, "export", demo_id, "--format", "json", "-o", str(out)).returncode == 0
    loaded = run(db, "load", str(out))
    assert loaded.returncode == 0, loaded.stderr
    new_id = loaded.stdout.strip()
    assert ID.match(new_id) and new_id != demo_id
    first = json.loads(run(db, "show", demo_id, "--json").stdout)
    second = json.loads(run(db, "show", new_id, "--json").stdout)
    assert first["incident"]["title"] == second["incident"]["title"]
    assert len(first["timeline"]) == len(second["timeline"])
    assert [e["text"] for e in first["timeline"]] == [e["text"] for e in second["timeline"]]


def test_check_exit_status_follows_blockers(db: str, demo_id: str, tmp_path: Path) -> None:
    clean = run(db, "check", demo_id)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "0 blocker(s)" in clean.stdout

    document = json.loads(run(db, "show", demo_id, "--json").stdout)
    document["factors"] = []
    document["links"] = []
    document["evidence"] = []
    for action in document["actions"]:
        action["factor_ids"] = []
    path = tmp_path / "thin.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    thin_id = run(db, "load", str(path)).stdout.strip()
    blocked = run(db, "check", thin_id, "--json")
    assert blocked.returncode == 1
    assert "few-factors" in {f["code"] for f in json.loads(blocked.stdout)}


def test_errors_go_to_stderr_with_nonzero_exit_and_change_nothing(db: str, demo_id: str, tmp_path: Path) -> None:
    missing = run(db, "show", "ffffffff")
    assert missing.returncode == 2 and missing.stdout == ""
    assert "no retro with id 'ffffffff'" in missing.stderr

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "blameless-retro", "version": 1, "incident": {"title": 5}}', encoding="utf-8")
    refused = run(db, "load", str(bad))
    assert refused.returncode == 2 and refused.stdout == ""
    assert "$.incident" in refused.stderr
    assert len(json.loads(run(db, "list", "--json").stdout)) == 1

    nowhere = tmp_path / "no" / "such" / "folder" / "out.json"
    failed = run(db, "export", demo_id, "--format", "json", "-o", str(nowhere))
    assert failed.returncode == 2 and str(nowhere) in failed.stderr
    assert not nowhere.exists()


def test_public_json_is_refused(db: str, demo_id: str, tmp_path: Path) -> None:
    result = run(db, "export", demo_id, "--format", "json", "--audience", "public", "-o", str(tmp_path / "x.json"))
    assert result.returncode == 2 and "full internal record" in result.stderr


def test_db_status_and_upgrade(db: str) -> None:
    upgraded = run(db, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    status = run(db, "db", "status")
    assert status.returncode == 0 and status.stdout.strip()


def test_usage_errors_exit_nonzero(db: str) -> None:
    result = run(db, "export", "x", "--format", "docx", "-o", "y")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_recurring_lists_factors_seen_in_two_retros(db: str, demo_id: str) -> None:
    assert "No contributing factor" in run(db, "recurring").stdout
    second = run(db, "demo").stdout.strip()
    groups = json.loads(run(db, "recurring", "--json").stdout)
    assert groups and all(set(g["incidents"]) == {demo_id, second} for g in groups)
    text = run(db, "recurring").stdout
    assert text.startswith("2 incidents\t")


def test_the_timeline_command_offers_every_importer_format() -> None:
    from retro import cli_timeline
    from retro.io.importers import FORMATS

    assert cli_timeline.FORMATS == FORMATS
