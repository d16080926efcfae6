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
    widgets, the same order passes. One cause was found and fixed in the app: a document's undo
    stack freed by the collector after its commands (``tests/ui/test_document_lifetime.py``). With
    this fixture removed, that order still crashes in a widget's constructor asking a style that is
    gone (``QWidget::isActiveWindow``); what frees that style is still open.
    """
    yield
    gc.collect()
