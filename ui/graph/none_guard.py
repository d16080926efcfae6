"""A guard against a reference-count defect of PySide6 6.12 on CPython 3.11.

PySide6 6.12.0 returns ``None`` from every void method (``setPos``, ``update``, ``setToolTip``, …)
without taking a reference to it. CPython 3.12+ makes ``None`` immortal, so nothing happens
there; on 3.11 every such call drops one reference, and after a few thousand calls (one drag of
a card in a big graph) the interpreter aborts with "deallocating None". Measured here: exactly
-1 reference per void call, for QGraphicsItem, QWidget, QObject, QPainterPath, QColor alike.

:func:`guard_none_refcount` gives ``None`` a reference count so large it cannot run out, which is
what 3.12 does by design. It only acts on CPython < 3.12 with PySide6 6.12.x, and only once. The
real fixes are outside this module: run on Python ≥ 3.12, or pin PySide6 to a release without
the defect; the app's start-up (ui/app.py) and tests/conftest.py are the right places to call it.
"""

from __future__ import annotations

import ctypes
import platform
import sys

import PySide6

_HEADROOM = 1 << 40
_done = False


def affected() -> bool:
    """Does this interpreter and PySide6 have the defect?"""
    return (
        platform.python_implementation() == "CPython"
        and sys.version_info < (3, 12)
        and PySide6.__version__.startswith("6.12.")
    )


def guard_none_refcount() -> bool:
    """Make ``None`` effectively immortal on an affected set-up; True when it acted."""
    global _done
    if _done or not affected():
        return False
    # ob_refcnt is the first field of every object in a release build of CPython 3.11.
    ctypes.c_ssize_t.from_address(id(None)).value += _HEADROOM
    _done = True
    return True
