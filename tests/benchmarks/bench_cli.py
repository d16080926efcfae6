"""``retro list`` as a script runs it, beside a bare ``python -c 'import sqlite3'`` (issue 14).

The row bench_library prints for each library size, on its own so it runs in seconds:
``RETRO_BENCH_SIZES=100,1000,10000 python -m tests.benchmarks bench_cli``. Every line is printed
(to the null device, as bench_library always did). The command and the floor are run in turns, so a burst of load on the shared machine falls on both. ``RETRO_BENCH_CLI_RUNS`` sets how
many runs each median is of (default 9).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks.library_data import library_url
from tests.benchmarks.table import Row, ratio_row

REPO = Path(__file__).resolve().parents[2]
SIZES = tuple(int(s) for s in os.environ.get("RETRO_BENCH_SIZES", "100,1000,10000").split(","))
RUNS = int(os.environ.get("RETRO_BENCH_CLI_RUNS", "9"))
FLOOR = [sys.executable, "-c", "import sqlite3"]
MAX_RATIO = 5


def _once(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd=REPO, env=env)
    return (time.perf_counter() - start) * 1000


def medians(args: list[str], runs: int = RUNS) -> tuple[float, float]:
    """Median milliseconds of ``args`` and of the floor, run in turns (after one warm-up each)."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    _once(args, env), _once(FLOOR, env)
    ours, floor = [], []
    for _ in range(runs):
        ours.append(_once(args, env))
        floor.append(_once(FLOOR, env))
    return statistics.median(ours), statistics.median(floor)


def list_row(n: int, url: str, runs: int = RUNS) -> Row:
    """``retro list`` on a library of ``n`` retros at ``url`` (the launcher, as the ``retro`` script runs)."""
    ours, floor = medians([sys.executable, "-m", "ui.launch", "--db", url, "list"], runs)
    return ratio_row(f"`retro list` ({n:,})", ours, floor, "python -c 'import sqlite3'", MAX_RATIO)


def run() -> list[Row]:
    rows = []
    for n in SIZES:
        print(f"  `retro list`, {n:,} retros …", file=sys.stderr, flush=True)
        rows.append(list_row(n, library_url(n)))
    return rows


if __name__ == "__main__":
    from tests.benchmarks.table import render

    print(render(run()))
