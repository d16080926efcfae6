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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from retro.services import RetroStore

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[3]
TRIALS = 50
LANES = 2


def _read_lines(stream: object, into: list[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.append(line.strip())


def _trials(path: Path, incident_id: str, trials: int, seed: int) -> set[str]:
    """Start, kill and check the child ``trials`` times on one file; the edits it reported."""
    url = f"sqlite:///{path}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(seed)
    reported: set[str] = set()
    for trial in range(trials):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), url, incident_id],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        lines: list[str] = []
        reader = threading.Thread(target=_read_lines, args=(child.stdout, lines), daemon=True)
        reader.start()
        deadline = time.monotonic() + 20
        while not lines and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert child.poll() is None, f"trial {trial}: the child died on its own: {child.stderr.read()}"  # type: ignore[union-attr]
        assert lines, f"trial {trial}: the child committed nothing in 20 s"
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        reader.join(timeout=5)
        child.stdout.close()  # type: ignore[union-attr]
        child.stderr.close()  # type: ignore[union-attr]
        reported |= {line.split()[1] for line in lines if line.startswith("TimelineEvent ")}

        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"{path.name} trial {trial}"
            conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
            stored = {row[0] for row in conn.execute("SELECT id FROM timeline_events")}
        finally:
            conn.close()
        missing = reported - stored
        assert not missing, f"{path.name} trial {trial}: {len(missing)} reported edits are not on disk"
    return reported


@pytest.mark.slow
def test_killed_writer_loses_nothing_it_reported(tmp_path: Path) -> None:
    """50 kills in all, in two lanes (two files) side by side to keep the wall time down."""
    lanes = []
    for lane in range(LANES):
        path = tmp_path / f"retro-{lane}.sqlite3"
        store = RetroStore(f"sqlite:///{path}")
        lanes.append((path, store.create_retro(f"Crash safety {lane}").incident.id))
        store.close()
    with ThreadPoolExecutor(LANES) as pool:
        results = list(pool.map(lambda a: _trials(a[1][0], a[1][1], TRIALS // LANES, 20260304 + a[0]),
                                enumerate(lanes)))
    for (path, incident_id), reported in zip(lanes, results, strict=True):
        assert len(reported) > TRIALS // LANES
        store = RetroStore(f"sqlite:///{path}")  # the app still opens it and sees every reported edit
        try:
            assert reported <= set(store.load(incident_id).events)
            assert store.list_retros(text="exhausted")
        finally:
            store.close()
