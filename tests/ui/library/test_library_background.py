"""Follow-through and recurrence read the whole library: off the GUI thread, only when their tab is shown."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from retro.domain import ActionStatus, Edit
from tests.ui.workspace.harness import open_demo, trigger
from ui.library.page import FOLLOW_THROUGH_TAB, RECURRENCE_TAB
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def record_reads(monkeypatch, window: MainWindow) -> dict[str, list[threading.Thread]]:
    """Note which thread reads follow-through and recurrence (the store's real methods still run)."""
    reads: dict[str, list[threading.Thread]] = {"follow_groups": [], "recurring_factors": []}
    store = window.store
    for name in reads:
        real: Callable[..., object] = getattr(store, name)

        def spy(*args: object, _real: Callable[..., object] = real, _name: str = name, **kwargs: object) -> object:
            reads[_name].append(threading.current_thread())
            return _real(*args, **kwargs)

        monkeypatch.setattr(store, name, spy)
    return reads


def settle() -> None:
    """Let every read under way finish and report back."""
    QThreadPool.globalInstance().waitForDone()
    QApplication.processEvents()


def test_returning_to_the_library_reads_only_the_shown_tab_off_the_gui_thread(qtbot, monkeypatch,
                                                                             window: MainWindow) -> None:
    page = window.library
    page.tabs.setCurrentIndex(FOLLOW_THROUGH_TAB)
    view = page.follow_through
    qtbot.waitUntil(lambda: sum(g.total for g in view.groups) == 4)
    document = open_demo(window)
    settle()
    reads = record_reads(monkeypatch, window)
    action = next(a for a in document.retro.actions.values() if a.status is ActionStatus.OPEN)
    assert document.edit("Mark done", Edit.of(upsert=[replace(action, status=ActionStatus.DONE)]))

    trigger(window.menus.close_retro_action)
    qtbot.waitUntil(lambda: sum(g.total for g in view.groups) == 3)  # the one just done has gone
    settle()
    assert len(reads["follow_groups"]) == 1  # once, though the page was refreshed twice on the way back
    assert all(thread is not threading.main_thread() for thread in reads["follow_groups"])
    assert reads["recurring_factors"] == []  # its tab is not shown

    page.tabs.setCurrentIndex(RECURRENCE_TAB)
    qtbot.waitUntil(lambda: len(reads["recurring_factors"]) == 1)
    settle()
    assert reads["recurring_factors"][0] is not threading.main_thread()


def test_the_retros_tab_reads_neither(qtbot, monkeypatch, window: MainWindow) -> None:
    reads = record_reads(monkeypatch, window)
    open_demo(window)
    trigger(window.menus.close_retro_action)
    window.library.refresh()
    settle()
    assert reads == {"follow_groups": [], "recurring_factors": []}
