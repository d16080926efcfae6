"""`retro list` prints from a stdlib sqlite3 read: SQLAlchemy is never imported for it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from retro.demo import build_demo_retro
from retro.services import RetroStore

REPO = Path(__file__).resolve().parents[2]
CHILD = """
import sys
from retro.cli import main
code = main(["--db", sys.argv[1], "list", *sys.argv[2:]])
print("sqlalchemy" in sys.modules, code)
"""


def _run(url: str, *args: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", CHILD, url, *args], capture_output=True, text=True, cwd=REPO,
                         check=True)
    return out.stdout.strip().splitlines()


def test_list_is_read_without_sqlalchemy_and_matches_the_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    store = RetroStore(url)
    try:
        shown = store.add_retro(build_demo_retro())
        hidden = store.add_retro(build_demo_retro())
        loaded = store.load(hidden)
        from dataclasses import replace

        store.update_incident(replace(loaded.incident, archived=True), loaded.incident.version)
    finally:
        store.close()
    lines = _run(url)
    assert lines[-1] == "False 0"
    assert [line.split("\t")[0] for line in lines[:-1]] == [shown]
    everything = _run(url, "--all")
    assert {line.split("\t")[0] for line in everything[:-1]} == {shown, hidden}
    searched = _run(url, "--search", "checkout")  # full-text search still goes through the store
    assert searched[-1] == "True 0"
