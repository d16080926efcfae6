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


LINES_CHILD = """
import sys
from retro.cli import main
main(["--db", sys.argv[1], "list", "--all"])
print(sorted(m for m in ("sqlalchemy", "retro.domain.entities", "retro.services.summaries") if m in sys.modules))
"""


def test_the_printed_lines_are_the_stores_summaries_without_loading_the_entities(tmp_path: Path) -> None:
    from dataclasses import replace

    url = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    store = RetroStore(url)
    try:
        demo = build_demo_retro()
        store.add_retro(demo)
        undated = store.add_retro(demo)
        loaded = store.load(undated)
        store.update_incident(replace(loaded.incident, started_at=None, archived=True, title="Tab\tand <b>x</b>"),
                              loaded.incident.version)
        summaries = store.list_retros(include_archived=True)
    finally:
        store.close()
    out = subprocess.run([sys.executable, "-c", LINES_CHILD, url], capture_output=True, text=True, cwd=REPO,
                         check=True).stdout.splitlines()
    assert out[-1] == "[]"  # none of them was imported
    expected = [
        f"{s.id}\t{s.severity.label}\t{s.status.label}\t{s.started_at.date().isoformat() if s.started_at else '-'}"
        f"\t{s.open_actions} open\t{s.title}{' (archived)' if s.archived else ''}"
        for s in summaries
    ]
    assert out[:-1] == expected
    assert any("\t-\t" in line and "(archived)" in line for line in out) and any(s.open_actions for s in summaries)
