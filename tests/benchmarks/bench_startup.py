"""Start-up: a shown, populated library window against a bare QMainWindow shown, in the same run.

Each sample is a fresh Python process (offscreen Qt), timed from launch until it prints that its
window is shown (for ours: the library lists the retros from the database). The database is made
beforehand, so the figure is an everyday start, not the first-ever one. Median of several runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.table import Row, ratio_row

REPO = Path(__file__).resolve().parents[2]
RUNS = 7
GOAL = 1.5

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(["bench"])
window = QMainWindow()
window.resize(1400, 900)
window.show()
app.processEvents()
print("shown", flush=True)
"""

OURS = """
import sys
from ui.app import make_application, open_store_or_ask
from ui.settings import UiSettings
app = make_application(["bench"])
settings = UiSettings()
store = open_store_or_ask(sys.argv[1], settings)
from ui.main_window import MainWindow
window = MainWindow(store, settings)
window.show()
app.processEvents()
assert window.library.model.rowCount() > 0, "the library is empty"
print("shown", flush=True)
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["RETRO_TESTING"] = "1"
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _time_to_shown(code: str, *args: str) -> float:
    """Milliseconds from launching a fresh interpreter to its "shown" line."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=REPO, env=_env())
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    _, err = proc.communicate(timeout=60)
    if line.strip() != "shown":
        raise RuntimeError(f"start-up benchmark child failed: {err.strip()[-800:]}")
    return elapsed


def run() -> list[Row]:
    folder = tempfile.mkdtemp(prefix="retro-bench-startup-")
    url = f"sqlite:///{folder}/retro.sqlite3"
    _time_to_shown(OURS, url)  # creates the database with the demo retro, warms the file cache
    _time_to_shown(BARE)
    ours, bare = [], []
    for _ in range(RUNS):  # interleaved, so machine noise hits both alike
        bare.append(_time_to_shown(BARE))
        ours.append(_time_to_shown(OURS, url))
    return [ratio_row("start-up to a shown, populated library", statistics.median(ours),
                      statistics.median(bare), "bare QMainWindow shown", GOAL)]


if __name__ == "__main__":
    from tests.benchmarks.table import render

    print(render(run()))
