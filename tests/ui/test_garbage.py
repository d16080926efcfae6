"""Cyclic garbage is collected on the GUI thread only (ui/garbage.py)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject

from ui.garbage import collect_due, collect_on_gui_thread


class _Cycle:
    def __init__(self) -> None:
        self.me = self
        self.qobject = QObject()  # a Qt wrapper in the cycle, as a closure over a widget would hold


def test_a_worker_allocating_never_starts_a_collection(qapp) -> None:
    collect_on_gui_thread(qapp)
    assert not gc.isenabled()
    threads: list[str] = []
    gc.callbacks.append(lambda phase, info: threads.append(threading.current_thread().name))
    try:
        for _ in range(200):
            _Cycle()  # garbage for the collector, made on the GUI thread

        def allocate() -> None:
            kept = [[] for _ in range(200_000)]  # far past generation 0's threshold
            assert kept

        worker = threading.Thread(target=allocate, name="worker")
        worker.start()
        worker.join()
        assert "worker" not in threads
        assert collect_due() is not None  # due, and collected here
        assert threads and set(threads) == {threading.main_thread().name}
    finally:
        gc.callbacks.pop()


def test_the_collector_is_installed_once_and_collects_from_the_event_loop(qapp, qtbot) -> None:
    first = collect_on_gui_thread(qapp)
    assert collect_on_gui_thread(qapp) is first
    for _ in range(gc.get_threshold()[0] + 10):
        _Cycle()
    collected: list[int] = []
    gc.callbacks.append(lambda phase, info: collected.append(info["generation"]) if phase == "stop" else None)
    try:
        qtbot.waitUntil(lambda: bool(collected), timeout=2000)
    finally:
        gc.callbacks.pop()
