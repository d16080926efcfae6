"""The library model sorts itself (one key per row) and the filter proxy keeps that order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from retro.services.summaries import summarise
from ui.library.model import DATE, TITLE, LibraryFilter, LibraryModel


def _summary(i: int, title: str):
    when = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=i)
    return summarise(id=f"r{i}", title=title, severity="sev2", status="draft", started_at=when, resolved_at=None,
                     created_at=when, internal_report_shared_at=None, public_report_shared_at=None, archived=False,
                     version=1, services=(), tags=(), open_actions=0, overdue_actions=0, now=when)


def test_sorting_is_done_by_the_model_and_survives_a_refresh(qtmodeltester) -> None:
    model = LibraryModel()
    proxy = LibraryFilter()
    proxy.setSourceModel(model)
    model.set_summaries([_summary(0, "beta"), _summary(1, "Alpha"), _summary(2, "gamma")])
    shown = lambda: [proxy.index(r, TITLE).data() for r in range(proxy.rowCount())]  # noqa: E731
    assert shown() == ["gamma", "Alpha", "beta"]  # newest first by default
    persistent = proxy.index(0, 0)
    from PySide6.QtCore import QPersistentModelIndex

    keep = QPersistentModelIndex(persistent)
    proxy.sort(TITLE, Qt.SortOrder.AscendingOrder)
    assert shown() == ["Alpha", "beta", "gamma"]
    assert keep.data() == "gamma" and keep.row() == 2  # a selection follows its retro
    model.set_summaries([_summary(3, "delta"), *model.summaries()])
    assert shown() == ["Alpha", "beta", "delta", "gamma"]
    proxy.set_search("a")
    proxy.sort(DATE, Qt.SortOrder.DescendingOrder)
    assert shown() == ["delta", "gamma", "Alpha", "beta"]
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
