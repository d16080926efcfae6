"""``retro list`` as a script runs it, beside a bare ``python -c 'import sqlite3'`` (issue 14).

The row bench_library prints for each library size, on its own so it runs in seconds:
``RETRO_BENCH_SIZES=100,1000,10000 python -m tests.benchmarks bench_cli``. Every line is printed
(to the null device, as bench_library always did). The command and the floor are run in turns, so a burst of load on the shared machine falls on both. ``RETRO_BENCH_CLI_RUNS`` sets how
many runs each median is of (default 9).

A checkout run with ``PYTHONDONTWRITEBYTECODE`` (as this workplace's shells are) compiles every
``retro`` module on every run; an installed copy has them byte-compiled. So the largest library
also gets a row with byte-code cached under ``/tmp`` (``PYTHONPYCACHEPREFIX``) for the command
and its floor alike.
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


def _env(*, compiled: bool) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    if compiled:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = f"/tmp/retro-bench-pycache/{REPO.name}"
    return env


def _once(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd=REPO, env=env)
    return (time.perf_counter() - start) * 1000


def medians(args: list[str], runs: int = RUNS, *, compiled: bool = False) -> tuple[float, float]:
    """Median milliseconds of ``args`` and of the floor, run in turns (after one warm-up each)."""
    env = _env(compiled=compiled)
    _once(args, env), _once(FLOOR, env)
    ours, floor = [], []
    for _ in range(runs):
        ours.append(_once(args, env))
        floor.append(_once(FLOOR, env))
    return statistics.median(ours), statistics.median(floor)


def list_row(n: int, url: str, runs: int = RUNS, *, compiled: bool = False) -> Row:
    """``retro list`` on a library of ``n`` retros at ``url`` (the launcher, as the ``retro`` script runs)."""
    ours, floor = medians([sys.executable, "-m", "ui.launch", "--db", url, "list"], runs, compiled=compiled)
    what = ", byte-compiled as installed" if compiled else ""
    return ratio_row(f"`retro list` ({n:,}{what})", ours, floor, "python -c 'import sqlite3'", MAX_RATIO)


def run() -> list[Row]:
    rows = []
    for n in SIZES:
        print(f"  `retro list`, {n:,} retros …", file=sys.stderr, flush=True)
        rows.append(list_row(n, library_url(n)))
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        rows.append(list_row(max(SIZES), library_url(max(SIZES)), compiled=True))
    return rows


if __name__ == "__main__":
    from tests.benchmarks.table import render

    print(render(run()))
