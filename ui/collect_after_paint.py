"""Python's cycle collector held off while a retro opens, until its stage has painted.

Opening a retro of 10,000 events makes tens of thousands of objects that stay alive (the events,
the model's rows). Every few opens that tips the collector into a full pass over the whole heap
(80–110 ms at 10,000 events, nothing to collect: reference counting frees the old retro), and it
landed inside the stage's construction, before the first paint. Here the pause of
:mod:`retro.cycle_collection` (counted, so it nests with the store's read and the importers')
covers the open and ends on the event loop's next turn after the paint: the pass, when it is
due, comes after the person sees the stage, not before. Nothing is left uncollected.
"""

from __future__ import annotations

from contextlib import ExitStack

from PySide6.QtCore import QTimer

from retro.cycle_collection import cycle_collection_paused


def collect_after_paint() -> None:
    """Pause cyclic collection now; it resumes (as it was) once the event loop has painted."""
    held = ExitStack()
    held.enter_context(cycle_collection_paused())
    QTimer.singleShot(0, held.close)  # posted paints (and the findings' 0 ms timer) come first
