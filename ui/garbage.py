"""Python's cyclic garbage collector, run on the GUI thread only.

Qt objects must go on the thread that owns them. Automatic collection starts on whichever thread
happens to allocate: a worker reading the store (the edit runner, a background job) could free a
cycle that holds a widget's or QObject's Python wrapper there, and that crashes the process (seen
in this session's test runs: a segfault inside a collection while a worker ran a query). So the
app turns automatic collection off and a timer on the GUI thread runs the generation that
automatic collection would have run, at the same thresholds: nothing is collected later than a
timer tick, and nothing on another thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

#: How often the GUI thread looks whether a collection is due (milliseconds).
INTERVAL_MS = 250


def collect_due() -> int | None:
    """Collect the oldest generation past its threshold, as automatic collection would; its number."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    if thresholds[0] == 0 or counts[0] <= thresholds[0]:
        return None
    generation = max(i for i in range(3) if counts[i] > thresholds[i])
    gc.collect(generation)
    return generation


class GuiThreadCollector(QObject):
    """Turns automatic collection off and collects what is due from the GUI thread's event loop."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()
        app.aboutToQuit.connect(self._timer.stop)

    def collect(self) -> int | None:
        return collect_due()


def collect_on_gui_thread(app: QCoreApplication) -> GuiThreadCollector:
    """Install the collector once per application (later calls return the first)."""
    found = app.findChild(GuiThreadCollector)
    return found if isinstance(found, GuiThreadCollector) else GuiThreadCollector(app)
