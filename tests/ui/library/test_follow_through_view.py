"""The Follow-through tab: grouped with overdue first, read a page at a time, status changed from the
library (undoable), an action opened in its retro, exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from retro.domain import ActionStatus

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def follow_up(qtbot, window):
    page = window.library
    page.tabs.setCurrentWidget(page.follow_through)
    view = page.follow_through
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5000)
    return view


def _heads(view) -> list[str]:
    return [view.model.index(r, 0).data() for r in range(view.model.rowCount())]


def _first_action(view):
    return view.model.index(0, 0, view.model.index(0, 0))


def _open_records(window) -> list:
    from retro.domain.follow_through import OPEN_STATUSES

    return window.library.store.action_records(statuses=frozenset(OPEN_STATUSES))


def test_grouped_by_owner_service_severity_overdue_first(qtbot, follow_up) -> None:
    assert _heads(follow_up)[0].startswith("Overdue — ")  # demo actions fell due long ago
    assert follow_up.tree.isExpanded(follow_up.model.index(0, 0))  # the group to look at is open
    first = _first_action(follow_up)
    assert "(overdue)" in first.siblingAtColumn(2).data()
    follow_up.group_by.setCurrentIndex(follow_up.group_by.findData("owner"))
    qtbot.waitUntil(lambda: " open" in (_heads(follow_up) or [""])[0] and not _heads(follow_up)[0].startswith("Overdue"),
                    timeout=5000)
    heads = _heads(follow_up)
    assert len(heads) >= 2 and all(" open" in h for h in heads)
    follow_up.group_by.setCurrentIndex(follow_up.group_by.findData("service"))
    qtbot.waitUntil(lambda: any(h.startswith("payments-gateway") for h in _heads(follow_up)), timeout=5000)


def test_the_model_passes_the_model_tester(qtbot, qtmodeltester, follow_up) -> None:
    qtmodeltester.check(follow_up.model)


def test_a_collapsed_group_reads_its_actions_when_expanded(qtbot, window, follow_up) -> None:
    follow_up.group_by.setCurrentIndex(follow_up.group_by.findData("owner"))
    qtbot.waitUntil(lambda: len(follow_up.groups) >= 2 and follow_up.groups[0].by.value == "owner", timeout=5000)
    second = follow_up.model.index(1, 0)
    assert follow_up.model.rowCount(second) == 0  # not read yet
    follow_up.tree.expand(second)
    qtbot.waitUntil(lambda: follow_up.model.rowCount(second) == follow_up.groups[1].total, timeout=5000)
    owner = follow_up.groups[1].title
    shown = {follow_up.model.index(r, 1, second).data() for r in range(follow_up.model.rowCount(second))}
    assert shown == {owner}


def test_enter_opens_the_action_in_its_retro(qtbot, window, follow_up) -> None:
    from PySide6.QtCore import Qt

    from retro.domain import Stage

    follow_up.tree.setFocus()
    follow_up.tree.setCurrentIndex(_first_action(follow_up))
    qtbot.keyClick(follow_up.tree, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.workspace
    assert window.workspace.current_stage is Stage.ACTIONS


def test_status_from_the_library_is_one_undo_step(qtbot, window, follow_up) -> None:
    follow_up.tree.setCurrentIndex(_first_action(follow_up))
    record = follow_up.current_record()
    store = window.library.store
    before = store.load(record.incident_id).actions[record.action.id]
    assert before.factor_ids  # the demo's actions address factors; a status change keeps them
    assert follow_up.done_button.isEnabled()
    follow_up.done_button.click()
    window.library.edits.wait_idle(timeout=20)
    stored = store.load(record.incident_id).actions[record.action.id]
    assert stored.status is ActionStatus.DONE and stored.completed_at is not None
    assert stored.factor_ids == before.factor_ids and stored.title == before.title
    stack = window.library.undo_stack
    assert stack.undoText() == f"Mark “{record.action.title}” as done"
    qtbot.waitUntil(lambda: not follow_up.select(record.incident_id, record.action.id), timeout=5000)
    stack.undo()
    window.library.edits.wait_idle(timeout=20)
    assert store.load(record.incident_id).actions[record.action.id].status is record.action.status
    stack.redo()
    window.library.edits.wait_idle(timeout=20)
    assert store.load(record.incident_id).actions[record.action.id].status is ActionStatus.DONE


def test_wont_do_needs_a_reason_and_a_stale_list_is_refused(qtbot, window, follow_up) -> None:
    follow_up.tree.setCurrentIndex(_first_action(follow_up))
    record = follow_up.current_record()
    assert not follow_up.set_status(ActionStatus.WONT_DO, "  ")
    store = window.library.store
    retro = store.load(record.incident_id)
    from dataclasses import replace

    from retro.domain import Edit

    store.apply(record.incident_id, retro.incident.version,
                Edit(incident=replace(retro.incident, summary="Edited elsewhere")))  # someone else
    from PySide6.QtWidgets import QMessageBox

    refusals: list[str] = []
    window.library.edits.refused.connect(refusals.append)
    assert follow_up.set_status(ActionStatus.WONT_DO, "The vendor fixed it")  # submitted to the runner
    window.library.edits.wait_idle(timeout=20)
    assert refusals and "changed" in refusals[0].casefold()  # someone else's edit is never overwritten
    notice = next(b for b in window.library.findChildren(QMessageBox, "Notice") if b.isVisible())
    assert notice.text() == refusals[0]
    assert store.load(record.incident_id).actions[record.action.id].status is record.action.status
    assert window.library.undo_stack.command(0).isObsolete()  # its undo step does nothing


def test_exports_calendar_and_csv(qtbot, window, follow_up, tmp_path: Path) -> None:
    ics = follow_up.export_calendar(tmp_path / "f.ics")
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert len(events) == sum(1 for r in _open_records(window) if r.action.due) + 2  # + internal and public report
    csv_path = follow_up.export_csv(tmp_path / "a.csv", "Linear")
    assert csv_path.read_text("utf-8-sig").startswith("Title,Description,Status")


def test_calendar_for_one_owner(qtbot, window, follow_up, tmp_path: Path) -> None:
    owner = follow_up.owners()[0]
    ics = follow_up.export_calendar(tmp_path / "o.ics", owner=owner)
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    mine = [r for r in _open_records(window) if r.action.owner.strip().casefold() == owner.casefold() and r.action.due]
    assert len(events) == len(mine) and all(f"Owner: {owner}" in str(e["description"]) for e in events)


def test_one_follow_through_tab(qtbot, window) -> None:
    page = window.library
    titles = [page.tabs.tabText(i).replace("&", "") for i in range(page.tabs.count())]
    assert titles.count("Follow-through") == 1 and "Follow-up" not in titles
    assert page.tabs.widget(1) is page.follow_through


def test_reading_says_whether_the_rows_shown_are_still_to_come(qtbot, window) -> None:
    """What the screenshot tool waits on: a tab about to read, or reading, says so until its rows are in."""
    page = window.library
    view = page.follow_through
    page.tabs.setCurrentWidget(view)
    assert view.reading and view.model.rowCount() == 0  # the read is off the GUI thread
    qtbot.waitUntil(lambda: not view.reading, timeout=5000)
    assert view.model.rowCount() > 0 and view.groups
    view.mark_stale()  # a change elsewhere: shown, so it reads again at once
    assert view.reading
    qtbot.waitUntil(lambda: not view.reading, timeout=5000)
    assert view.model.rowCount() > 0
