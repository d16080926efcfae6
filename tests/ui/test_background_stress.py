"""Background jobs end while their screens go, and nothing hangs or crashes; nothing Qt is freed on the pool."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ui import background
from ui.background import BackgroundJob, IsCancelled, Progress

ROOT = Path(__file__).resolve().parents[2]


def test_many_jobs_ending_while_their_screens_are_deleted_neither_hang_nor_crash() -> None:
    # In a subprocess with a timeout: a hang fails this test rather than the whole run.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    for seed, parented in (("1", "0.7"), ("2", "0")):  # "0": parentless jobs only
        try:
            run = subprocess.run(
                [sys.executable, "-X", "faulthandler", "-m", "tests.ui.background_stress", "150"],
                cwd=ROOT, env={**env, "STRESS_SEED": seed, "STRESS_PARENTED": parented}, capture_output=True, text=True, timeout=120,
            )
        except subprocess.TimeoutExpired as exc:
            raise AssertionError(f"the stress run hung (seed {seed}): {exc.stderr!r}") from None
        assert run.returncode == 0 and run.stdout.strip() == "done", run.stderr[-3000:]


class _Freed:
    """Records the thread it is freed on (kept by the work, as a job's Python object is)."""

    def __init__(self, threads: list[int]) -> None:
        self._threads = threads

    def __del__(self) -> None:
        self._threads.append(threading.get_ident())


def test_jobs_are_let_go_of_on_the_gui_thread_only(qtbot) -> None:
    destroyed_on: list[int] = []
    freed_on: list[int] = []

    def note_destroyed(_obj: QObject | None = None) -> None:
        destroyed_on.append(threading.get_ident())

    screen = QWidget()
    for parent in (screen, None, None):
        job = BackgroundJob(lambda _p, _c: 1, parent=parent)
        job.destroyed.connect(note_destroyed)
        job._freed = _Freed(freed_on)  # type: ignore[attr-defined]  # goes with the job's Python object
        job.start()
        del job  # a parentless job is then kept only by the background module
    shiboken6.delete(screen)
    gc.collect()
    qtbot.waitUntil(lambda: len(freed_on) == 3 and len(destroyed_on) == 3, timeout=30_000)
    assert set(freed_on) | set(destroyed_on) == {threading.main_thread().ident}


def test_a_job_told_to_stop_when_its_screen_goes(qtbot) -> None:
    screen = QWidget()
    started, go_on = threading.Event(), threading.Event()
    seen: list[bool] = []

    def work(_progress: Progress, is_cancelled: IsCancelled) -> None:
        started.set()
        go_on.wait(60)
        seen.append(is_cancelled())

    BackgroundJob(work, parent=screen).start()
    assert started.wait(10)
    shiboken6.delete(screen)
    go_on.set()
    qtbot.waitUntil(lambda: not background.RUNNING, timeout=30_000)
    assert seen == [True]
