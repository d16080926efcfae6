"""The cycle collector's pause is counted: overlapping readers, a reader that raises, and a
collector someone else turned off all leave it as it should be."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from retro.cycle_collection import cycle_collection_paused


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_overlapping_readers_turn_it_back_on_only_when_the_last_ends() -> None:
    first_in, second_done = threading.Event(), threading.Event()
    seen: list[bool] = []

    def second() -> None:
        first_in.wait()
        with cycle_collection_paused():
            seen.append(gc.isenabled())
        second_done.set()

    worker = threading.Thread(target=second)
    worker.start()
    with cycle_collection_paused():
        first_in.set()
        second_done.wait(5)
        seen.append(gc.isenabled())  # the second ended first: still off for this one
    worker.join()
    assert seen == [False, False]
    assert gc.isenabled()


def test_a_reader_that_raises_leaves_it_on() -> None:
    with pytest.raises(ValueError), cycle_collection_paused():
        raise ValueError("a malformed file")
    assert gc.isenabled()


def test_a_collector_turned_off_by_someone_else_stays_off() -> None:
    gc.disable()
    with cycle_collection_paused():
        pass
    assert not gc.isenabled()
