"""Python's cycle collector paused while many cycle-free objects are made (a big import, a big read).

Reading 100,000 timeline lines, or 10,000 stored events, makes hundreds of thousands of small
objects that stay alive; each of the collector's passes walks all of them again only to find no
garbage (reference counting frees everything that is not kept). The pause is counted and locked,
so overlapping readers (a worker thread and the CLI, two workers) turn collection back on only
when the last one ends; it is never left off when a reader raises, and never turned on when
someone else had turned it off.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_pausers = 0


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the ``with``; as it was (or as the last reader left it) after."""
    global _pausers
    with _LOCK:
        ours = _pausers > 0 or gc.isenabled()  # else someone else turned it off: leave it as it is
        if ours:
            _pausers += 1
            gc.disable()
    try:
        yield
    finally:
        if ours:
            with _LOCK:
                _pausers -= 1
                if _pausers == 0:
                    gc.enable()
