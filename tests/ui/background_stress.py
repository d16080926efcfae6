"""Stress for background jobs ending while the GUI thread destroys their screens (run as a script).

Many short jobs, some on screens that are deleted while the work ends, some with no parent at all
(kept only by the background module), with ``waitForDone`` on the GUI thread in between. Before
the pool stopped touching Qt objects this hung (a Qt destructor on a pool thread waiting for the
interpreter while the GUI thread waited for a Qt lock) or crashed. ``tests/ui/test_background_stress.py``
runs it in a subprocess with a timeout, so a hang fails that test instead of the suite.
"""

from __future__ import annotations

import os
import random
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from ui.background import BackgroundJob, IsCancelled, Progress

#: The share of jobs with a screen as parent (0: only parentless jobs, whose sender never goes early).
PARENTED = float(os.environ.get("STRESS_PARENTED", "0.7"))


class Screen(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.seen = 0
        self.helpers = [QObject(self) for _ in range(20)]  # more locks in play when it goes

    def show_result(self, _result: object) -> None:
        self.seen += 1

    def show_progress(self, _done: int, _total: int) -> None:
        self.seen += 1


def work(progress: Progress, is_cancelled: IsCancelled) -> list[int]:
    total = random.randint(0, 40)
    for i in range(total):
        if is_cancelled():
            break
        progress(i, total)
    return list(range(total))


def one_round(rng: random.Random) -> None:
    screens = [Screen() for _ in range(4)]
    for _ in range(30):
        screen = rng.choice(screens)
        job = BackgroundJob(work, parent=screen if rng.random() < PARENTED else None)
        job.succeeded.connect(screen.show_result)
        job.progressed.connect(screen.show_progress)
        job.start()
        del job  # a parentless job is kept alive only by the background module
    for screen in screens:
        if rng.random() < 0.5:
            QCoreApplication.processEvents()
        if rng.random() < 0.5:
            shiboken6.delete(screen)  # on the GUI thread, while its jobs end on the pool
        else:
            screen.deleteLater()
    del screens
    QCoreApplication.processEvents()
    if rng.random() < 0.3:
        QThreadPool.globalInstance().waitForDone()


def main(rounds: int) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    rng = random.Random(int(os.environ.get("STRESS_SEED", "1")))
    for _ in range(rounds):
        one_round(rng)
    QThreadPool.globalInstance().waitForDone()
    for _ in range(50):
        QCoreApplication.processEvents()
    del app
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
