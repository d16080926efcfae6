"""The Follow-up tab: grouped with overdue first, status changed from the library (undoable), exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from retro.domain import ActionStatus

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def follow_up(qtbot, window):
    page = window.library
    page.tabs.setCurrentWidget(page.follow_up)
    view = page.follow_up
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5000)
    return view


def _heads(view) -> list[str]:
    return [view.model.item(r).text() for r in range(view.model.rowCount())]


def test_grouped_by_owner_service_severity_overdue_first(qtbot, follow_up) -> None:
    assert _heads(follow_up)[0].startswith("Overdue — ")  # demo actions fell due long ago
    follow_up.group_by.setCurrentIndex(follow_up.group_by.findData("owner"))
    heads = _heads(follow_up)
    assert len(heads) >= 2 and all(" open" in h for h in heads)
    follow_up.group_by.setCurrentIndex(follow_up.group_by.findData("service"))
    assert any(h.startswith("payments-gateway") for h in _heads(follow_up))


def test_status_from_the_library_is_one_undo_step(qtbot, window, follow_up) -> None:
    head = follow_up.model.item(0)
    follow_up.tree.setCurrentIndex(head.child(0).index())
    record = follow_up.current_record()
    store = window.library.store
    before = store.load(record.incident_id).actions[record.action.id]
    assert before.factor_ids  # the demo's actions address factors; a status change keeps them
    assert follow_up.done_button.isEnabled()
    follow_up.done_button.click()
    stored = store.load(record.incident_id).actions[record.action.id]
    assert stored.status is ActionStatus.DONE and stored.completed_at is not None
    assert stored.factor_ids == before.factor_ids and stored.title == before.title
    stack = window.library.undo_stack
    assert stack.undoText() == f"Mark “{record.action.title}” as done"
    qtbot.waitUntil(lambda: not follow_up.select(record.incident_id, record.action.id), timeout=5000)
    stack.undo()
    assert store.load(record.incident_id).actions[record.action.id].status is record.action.status
    stack.redo()
    assert store.load(record.incident_id).actions[record.action.id].status is ActionStatus.DONE


def test_wont_do_needs_a_reason_and_a_stale_list_is_refused(qtbot, window, follow_up, monkeypatch) -> None:
    head = follow_up.model.item(0)
    follow_up.tree.setCurrentIndex(head.child(0).index())
    record = follow_up.current_record()
    assert not follow_up.set_status(ActionStatus.WONT_DO, "  ")
    store = window.library.store
    retro = store.load(record.incident_id)
    from dataclasses import replace

    from retro.domain import Edit

    store.apply(record.incident_id, retro.incident.version,
                Edit(incident=replace(retro.incident, summary="Edited elsewhere")))  # someone else
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    assert not follow_up.set_status(ActionStatus.WONT_DO, "The vendor fixed it")
    assert store.load(record.incident_id).actions[record.action.id].status is record.action.status


def test_exports_calendar_and_csv(qtbot, follow_up, tmp_path: Path) -> None:
    ics = follow_up.export_calendar(tmp_path / "f.ics")
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert len(events) == sum(1 for r in follow_up.records if r.action.due) + 2  # + internal and public report
    csv_path = follow_up.export_csv(tmp_path / "a.csv", "Linear")
    assert csv_path.read_text("utf-8-sig").startswith("Title,Description,Status")


def test_calendar_for_one_owner(qtbot, follow_up, tmp_path: Path) -> None:
    owner = follow_up.owners()[0]
    ics = follow_up.export_calendar(tmp_path / "o.ics", owner=owner)
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    mine = [r for r in follow_up.records if r.action.owner.strip().casefold() == owner.casefold() and r.action.due]
    assert len(events) == len(mine) and all(f"Owner: {owner}" in str(e["description"]) for e in events)


def test_follow_through_tab_offers_the_calendar_too(qtbot, window, monkeypatch, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QPushButton

    page = window.library
    page.tabs.setCurrentIndex(1)
    target = tmp_path / "from-follow-through.ics"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Everyone (and the reports' deadlines)", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    buttons = [page.follow_exports.itemAt(i).widget() for i in range(page.follow_exports.count())]
    calendar = next(b for b in buttons if isinstance(b, QPushButton) and b.text() == "Export calendar…")
    calendar.click()
    assert len(list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))) >= 2
