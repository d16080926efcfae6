"""A start-up check for built copies of the app: ``RETRO_SMOKE_SCREENSHOT=out.png retro``.

With that variable set the app starts as usual, waits until the library shows its retros (a new
data folder gets the demo), saves the window to the PNG, prints one line per retro shown
("library: TITLE") and quits with status 0 — or status 3 when the library stays empty or the
database cannot be opened within ``RETRO_SMOKE_TIMEOUT`` seconds (default 120). CI runs the
frozen executable this way (see ``.ci/run``); it is also how to look at a build's window.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from .main_window import MainWindow

VARIABLE = "RETRO_SMOKE_SCREENSHOT"


def arm(window: MainWindow) -> None:
    """Start watching ``window`` when ``RETRO_SMOKE_SCREENSHOT`` is set; nothing otherwise."""
    target = os.environ.get(VARIABLE, "").strip()
    if not target:
        return
    deadline = time.monotonic() + float(os.environ.get("RETRO_SMOKE_TIMEOUT", "120"))
    timer = QTimer(window)
    timer.setInterval(100)

    def check() -> None:
        rows = window.library.model.rowCount() if window.store is not None else 0
        if rows:
            timer.stop()
            QTimer.singleShot(300, lambda: _finish(window, target))  # let the layout settle
        elif time.monotonic() > deadline:
            timer.stop()
            print("smoke: the library showed no retro in time", file=sys.stderr)
            QApplication.exit(3)

    timer.timeout.connect(check)
    timer.start()


def _finish(window: MainWindow, target: str) -> None:
    for summary in window.library.model.summaries():
        print(f"library: {summary.title}")
    saved = window.grab().save(target)
    print(f"smoke: window saved to {target}" if saved else f"smoke: could not save {target}",
          file=sys.stderr)
    window.close()
    QApplication.exit(0 if saved else 3)
