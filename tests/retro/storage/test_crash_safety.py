"""A crash never loses an edit that was reported as done, and never damages the file."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from retro.services import RetroStore

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[3]
TRIALS = 50


def _read_lines(stream: object, into: list[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.append(line.strip())


@pytest.mark.slow
def test_killed_writer_loses_nothing_it_reported(tmp_path: Path) -> None:
    path = tmp_path / "retro.sqlite3"
    url = f"sqlite:///{path}"
    store = RetroStore(url)
    incident_id = store.create_retro("Crash safety").incident.id
    store.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(20260304)
    reported: set[str] = set()
    kills_mid_run = 0
    for trial in range(TRIALS):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), url, incident_id],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        lines: list[str] = []
        reader = threading.Thread(target=_read_lines, args=(child.stdout, lines), daemon=True)
        reader.start()
        deadline = time.monotonic() + 10
        while not lines and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert child.poll() is None, f"trial {trial}: the child died on its own: {child.stderr.read()}"  # type: ignore[union-attr]
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        reader.join(timeout=5)
        child.stdout.close()  # type: ignore[union-attr]
        child.stderr.close()  # type: ignore[union-attr]
        kills_mid_run += bool(lines)
        reported |= {line.split()[1] for line in lines if line.startswith("TimelineEvent ")}

        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"trial {trial}"
            conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
            stored = {row[0] for row in conn.execute("SELECT id FROM timeline_events")}
        finally:
            conn.close()
        missing = reported - stored
        assert not missing, f"trial {trial}: {len(missing)} reported edits are not on disk"
    assert kills_mid_run == TRIALS and len(reported) > TRIALS
    store = RetroStore(url)  # and the app still opens it and sees every reported edit
    try:
        assert reported <= set(store.load(incident_id).events)
        assert store.list_retros(text="exhausted")
    finally:
        store.close()
