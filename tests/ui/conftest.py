"""What every UI test shares."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def collect_this_tests_garbage() -> Iterator[None]:
    """Collect each UI test's cyclic garbage when the test ends, not inside a later test.

    Left to the collector's own schedule, the wrappers of one test's widgets and graphics items were
    freed in the middle of another test's widget construction, and in one order of the projector,
    canvas and findings tests (`tests/ui/layout/test_projector_fit.py tests/ui/graph`) that crashed
    the process (exit 139, in ``QLabel()``). Collected here, after pytest-qt has closed the test's
    widgets, the same order passes. The app itself collects on Python's own schedule; finding what
    made that one collection crash is open (see the closing note of session 5).
    """
    yield
    gc.collect()
