"""Background work outlives the screen that asked for it without an error or a crash."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget

from ui import background
from ui.background import BackgroundJob, IsCancelled, Progress


class Screen(QWidget):
    """A screen that shows a job's result (bound-method slots, as the app's screens connect them)."""

    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []

    def show_result(self, result: object) -> None:
        self.results.append(result)


def test_a_job_whose_screen_was_closed_finishes_quietly_and_is_told_to_stop(qtbot) -> None:
    screen = Screen()
    started, go_on = threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def work(progress: Progress, is_cancelled: IsCancelled) -> str:
        started.set()
        go_on.wait(60)  # bounded, so a failing test never leaves a pool thread hanging
        progress(1, 2)  # nobody is listening any more
        seen["told to stop"] = is_cancelled()
        return "done"

    job = BackgroundJob(work, parent=screen)
    job.succeeded.connect(screen.show_result)
    job.start()
    assert started.wait(10)
    shiboken6.delete(screen)  # the screen (and the job with it) goes while the work runs
    assert not shiboken6.isValid(job)
    go_on.set()
    qtbot.waitUntil(lambda: not background.RUNNING)
    QThreadPool.globalInstance().waitForDone()
    assert seen == {"told to stop": True}


def test_a_job_reports_its_result_on_the_gui_thread(qtbot) -> None:
    screen = Screen()
    qtbot.addWidget(screen)
    threads: list[threading.Thread] = []

    def work(_progress: Progress, _is_cancelled: IsCancelled) -> int:
        threads.append(threading.current_thread())
        return 42

    job = BackgroundJob(work, parent=screen)
    job.succeeded.connect(screen.show_result)
    with qtbot.waitSignal(job.finished):
        job.start()
    qtbot.waitUntil(lambda: screen.results == [42])
    assert threads and threads[0] is not threading.main_thread()


def test_a_job_counts_as_running_until_its_result_has_reached_the_gui_thread(qtbot) -> None:
    screen = Screen()
    qtbot.addWidget(screen)
    job = BackgroundJob(lambda _progress, _is_cancelled: 42, parent=screen)
    job.succeeded.connect(screen.show_result)
    job.start()
    # The work is over on the pool; its signals wait for the GUI thread's event loop.
    assert QThreadPool.globalInstance().waitForDone(60_000)
    assert not background.RUNNING
    assert job.running and screen.results == []
    qtbot.waitUntil(lambda: not job.running)
    assert screen.results == [42]  # by the time it stops running, the result has been shown
