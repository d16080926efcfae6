"""Start-up: a shown, populated library window against a bare QMainWindow shown, in the same run.

Each sample is a fresh Python process (offscreen Qt), timed from launch to the marks it prints
(wall-clock times, read on the same clock as the launch) — for ours, first at the end of the
library's first paint, then at the end of its first paint with the retros listed (both told by
the list's ``painted`` signal, as the window is), exactly as ``main()`` does it
(``ui.app.open_window``: the database opens on a worker thread; the list first comes from a
quick stdlib ``sqlite3`` read, see retro/services/quick_library.py, read while the window is
built), and last when the store is open and a retro can be opened; for the bare window, once
``show()`` and ``processEvents()`` (its first paint) are done. The database is made beforehand
and the warm-up run compiles the bytecode (as an installed copy has it), so the figure is an
everyday start, not the first-ever one. Medians of several interleaved runs.
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
import time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(["bench"])
window = QMainWindow()
window.resize(1400, 900)
window.show()
app.processEvents()
print("window", time.time() * 1000, flush=True)
print("shown", time.time() * 1000, time.process_time() * 1000, flush=True)
print("ready", time.time() * 1000, flush=True)
"""

OURS = """
import sys
import time
from PySide6.QtCore import QTimer
from ui.app import make_application, open_window
from ui.settings import UiSettings
app = make_application(["bench"])
window = open_window(sys.argv[1], UiSettings())  # what main() does: the database opening, the window shown


def say(*words):
    print(*words, flush=True)


class FirstPaints:
    \"\"\"'window' at the library's first paint, 'shown' at its first paint with retros listed.

    Told by the list's own ``painted`` signal (the end of its paint), as the window is, and
    marked there: on the next turn the window has already let the store start opening, whose
    import would be counted (an event filter on ``viewport()`` instead would cost the app ~8 ms
    it does not otherwise spend, on the first ``viewport()`` call).
    \"\"\"

    painted = shown = False

    def seen(self):
        if not self.painted:
            self.painted = True
            say("window", time.time() * 1000)
        if window.library.model.rowCount() > 0:
            window.library.table.painted.disconnect(self.seen)
            self.shown = True
            say("shown", time.time() * 1000, time.process_time() * 1000)  # CPU: every thread so far


paints = FirstPaints()
window.library.table.painted.connect(paints.seen)


def ready(*_args):
    if paints.shown:  # (PostgreSQL lists the retros only once the store is open: after that paint)
        say("ready", time.time() * 1000)
        app.quit()
    else:
        QTimer.singleShot(5, ready)


window.opener.opened.connect(ready)
window.opener.failed.connect(lambda message, _url: sys.exit(f"could not open: {message}"))
app.exec()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # As installed (pip writes the bytecode): compiled once by the warm-up run, in a cache of
    # this benchmark's own, even where the shell sets PYTHONDONTWRITEBYTECODE for the repo.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), f"retro-bench-pycache-{REPO.name}")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["RETRO_TESTING"] = "1"
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _times(code: str, *args: str) -> tuple[float, float, float, float]:
    """Milliseconds from launching a fresh interpreter to its "window", "shown" and "ready" marks
    (each taken by the child, on the same clock), and the CPU time (all threads) it had used by "shown"."""
    start = time.time() * 1000
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=REPO, env=_env())
    assert proc.stdout is not None
    marks, cpu = [], 0.0
    for expected in ("window", "shown", "ready"):
        words = proc.stdout.readline().split()
        if not words or words[0] != expected:
            _, err = proc.communicate(timeout=60)
            raise RuntimeError(f"start-up benchmark child failed: {err.strip()[-800:]}")
        marks.append(float(words[1]) - start)
        if expected == "shown":
            cpu = float(words[2])
    proc.communicate(timeout=60)
    return marks[0], marks[1], marks[2], cpu


def run() -> list[Row]:
    folder = tempfile.mkdtemp(prefix="retro-bench-startup-")
    url = f"sqlite:///{folder}/retro.sqlite3"
    _times(OURS, url)  # creates the database with the demo retro, warms the file cache
    _times(BARE)
    ours_window, ours_shown, ours_ready, ours_cpu, bare, bare_cpu = [], [], [], [], [], []
    for _ in range(RUNS):  # interleaved, so machine noise hits both alike
        floor_times = _times(BARE)
        bare.append(floor_times[1])
        bare_cpu.append(floor_times[3])
        window, shown, ready, cpu = _times(OURS, url)
        ours_window.append(window)
        ours_shown.append(shown)
        ours_ready.append(ready)
        ours_cpu.append(cpu)
    floor = statistics.median(bare)
    return [
        ratio_row("start-up to a shown, populated library", statistics.median(ours_shown), floor,
                  "bare QMainWindow shown", GOAL),
        ratio_row("… in CPU time (every thread), less swayed by a loaded machine", statistics.median(ours_cpu),
                  statistics.median(bare_cpu), "bare QMainWindow's CPU time", GOAL),
        ratio_row("start-up to the library window shown (filling in)", statistics.median(ours_window), floor,
                  "bare QMainWindow shown", GOAL),
        ratio_row("start-up to the store open (retros can be opened)", statistics.median(ours_ready), floor,
                  "bare QMainWindow shown", GOAL),
    ]


if __name__ == "__main__":
    from tests.benchmarks.table import render

    print(render(run()))
