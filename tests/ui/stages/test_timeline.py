"""The timeline stage, driven by keyboard and mouse the way a facilitator uses it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLineEdit

from retro.domain import Edit, EventKind, TimelineEvent, new_id, readiness
from tests.ui.models.support import make_document, make_empty_document, unnamed_controls
from ui.models.timeline_model import TimelineColumn
from ui.stages.timeline import TimelineProjector, TimelineStage

# The offscreen platform says this whenever a top-level window is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _shown(stage: TimelineStage, column: TimelineColumn = TimelineColumn.TEXT) -> list[str]:
    return [stage.proxy.index(r, column).data() for r in range(stage.proxy.rowCount())]


@pytest.fixture
def empty_stage(qtbot, sqlite_url) -> TimelineStage:
    stage = TimelineStage(make_empty_document(sqlite_url, timezone="Europe/Berlin"))
    qtbot.addWidget(stage)
    stage.show()
    return stage


@pytest.fixture
def demo_stage(qtbot, sqlite_url) -> TimelineStage:
    stage = TimelineStage(make_document(sqlite_url))
    qtbot.addWidget(stage)
    stage.resize(1400, 900)
    stage.show()
    return stage


def _type_event(qtbot, stage: TimelineStage, time: str, text: str) -> None:
    qtbot.keyClicks(stage.entry_time, time)
    qtbot.keyClick(stage.entry_time, Qt.Key.Key_Tab)
    stage.entry_text.setFocus()
    qtbot.keyClicks(stage.entry_text, text)
    qtbot.keyClick(stage.entry_text, Qt.Key.Key_Return)


def test_three_events_typed_out_of_order_are_shown_sorted(qtbot, empty_stage):
    stage = empty_stage
    assert stage.empty_banner.isVisible() and stage.focusProxy() is stage.entry_time
    stage.entry_time.setFocus()
    _type_event(qtbot, stage, "14:20", "Rolled back the release")
    assert not stage.empty_banner.isVisible()
    assert stage.entry_time.hasFocus() and stage.entry_time.text() == ""
    _type_event(qtbot, stage, "14:05", "Error rate alert fires")
    _type_event(qtbot, stage, "14:12:30", "On-call acknowledged the page")
    assert _shown(stage, TimelineColumn.TIME) == ["14:05", "14:12:30", "14:20"]
    assert _shown(stage) == ["Error rate alert fires", "On-call acknowledged the page", "Rolled back the release"]
    assert _shown(stage, TimelineColumn.KIND) == ["Alert", "Detection", "Mitigation"]
    assert stage.count_label.text() == "3 events"
    assert stage.document.undo_stack.count() == 3
    assert stage.document.undo_stack.undoText() == "Add timeline event"
    stage.document.undo_stack.undo()
    assert _shown(stage) == ["Error rate alert fires", "Rolled back the release"]
    stage.document.undo_stack.redo()
    assert len(_shown(stage)) == 3


def test_a_time_with_a_date_is_read_in_the_incident_timezone(qtbot, empty_stage):
    _type_event(qtbot, empty_stage, "2026-10-14 23:30", "Late deploy")
    (event,) = empty_stage.document.retro.events.values()
    assert (event.at.hour, event.at.minute) == (21, 30)  # CEST is UTC+2


def test_an_unreadable_time_is_explained_and_the_text_is_kept(qtbot, empty_stage):
    _type_event(qtbot, empty_stage, "quarter past", "Something happened")
    assert empty_stage.problem_banner.isVisible()
    assert "not a time" in empty_stage.problem_banner.text()
    assert empty_stage.entry_text.text() == "Something happened"
    assert not empty_stage.document.retro.events


def test_a_cell_is_edited_in_place_with_the_keyboard(qtbot, demo_stage):
    stage = demo_stage
    index = stage.proxy.index(2, TimelineColumn.TEXT)
    stage.table.setFocus()
    stage.table.setCurrentIndex(index)
    qtbot.keyClick(stage.table, Qt.Key.Key_F2)
    editor = stage.table.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Newsletter sent early")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the loop
    qtbot.waitUntil(lambda: stage.proxy.index(2, TimelineColumn.TEXT).data() == "Newsletter sent early")
    assert stage.document.undo_stack.undoText() == "Edit event text"
    stage.document.undo_stack.undo()
    assert stage.proxy.index(2, TimelineColumn.TEXT).data().startswith("A partner newsletter")
    stage.document.undo_stack.redo()
    assert stage.proxy.index(2, TimelineColumn.TEXT).data() == "Newsletter sent early"


def test_kind_and_audience_change_through_their_combo_boxes(qtbot, demo_stage):
    stage = demo_stage
    index = stage.proxy.index(0, TimelineColumn.KIND)
    stage.table.edit(index)
    combo = stage.table.indexWidget(index) or stage.table.focusWidget()
    combo.setCurrentIndex(combo.findData(EventKind.DECISION.value))
    combo.activated.emit(combo.currentIndex())
    assert stage.proxy.index(0, TimelineColumn.KIND).data() == "Decision"
    assert stage.document.undo_stack.undoText() == "Change event kind"
    stage.document.undo_stack.undo()
    assert stage.proxy.index(0, TimelineColumn.KIND).data() == "Deploy"
    stage.document.undo_stack.redo()
    assert stage.proxy.index(0, TimelineColumn.KIND).data() == "Decision"
    index = stage.proxy.index(0, TimelineColumn.AUDIENCE)
    stage.table.edit(index)
    combo = stage.table.focusWidget()
    combo.setCurrentIndex(combo.findData("public"))
    combo.activated.emit(combo.currentIndex())
    assert stage.proxy.index(0, TimelineColumn.AUDIENCE).data() == "Public"
    assert stage.document.undo_stack.undoText() == "Change event audience"


def test_filter_by_text_and_by_kind(qtbot, demo_stage):
    stage = demo_stage
    qtbot.keyClicks(stage.filter_edit, "status page")
    assert len(_shown(stage)) == 4
    assert stage.count_label.text() == "Showing 4 of 31 events"
    stage.filter_edit.clear()
    stage.kind_filter.setCurrentIndex(stage.kind_filter.findData(EventKind.ESCALATION.value))
    assert set(_shown(stage, TimelineColumn.KIND)) == {"Escalation"}
    qtbot.keyClicks(stage.filter_edit, "database")
    assert _shown(stage) == ["IC pages the database platform on-call."]


def test_the_selected_event_stays_selected_while_the_filter_changes(qtbot, demo_stage):
    stage = demo_stage
    rollback = next(e for e in stage.document.retro.events.values() if e.text.startswith("Rollback of CFG-4471"))
    stage.focus_target(rollback.id)
    qtbot.keyClicks(stage.filter_edit, "roll")
    assert stage.current_event() == rollback
    assert [e.id for e in stage.selected_events()] == [rollback.id]


def test_deleting_three_events_is_one_step_and_undo_brings_them_all_back(qtbot, demo_stage):
    stage = demo_stage
    before = _shown(stage)
    selection = stage.table.selectionModel()
    for row in (1, 2, 5):
        selection.select(
            stage.proxy.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    stage.table.setFocus()
    qtbot.keyClick(stage.table, Qt.Key.Key_Delete)
    assert len(_shown(stage)) == len(before) - 3
    assert before[1] not in _shown(stage) and before[5] not in _shown(stage)
    undo = stage.document.undo_stack.createUndoAction(stage)
    assert undo.text() == "Undo Delete 3 timeline events"
    undo.trigger()
    assert _shown(stage) == before
    stage.document.undo_stack.redo()
    assert len(_shown(stage)) == len(before) - 3


def test_kind_and_audience_of_several_events_change_as_one_step(qtbot, demo_stage):
    stage = demo_stage
    selection = stage.table.selectionModel()
    for row in (0, 3, 4):
        selection.select(stage.proxy.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    menu = stage.selected_menu()
    audience = next(a for a in menu.actions() if a.text() == "&Audience").menu()
    next(a for a in audience.actions() if a.text() == "Public").trigger()
    assert [stage.proxy.index(r, TimelineColumn.AUDIENCE).data() for r in (0, 3, 4)] == ["Public"] * 3
    assert stage.document.undo_stack.undoText() == "Mark 3 events public"
    kinds = next(a for a in menu.actions() if a.text() == "Set &kind").menu()
    next(a for a in kinds.actions() if a.text() == "Detection").trigger()
    assert stage.document.undo_stack.undoText() == "Set kind of 3 events to Detection"
    stage.document.undo_stack.undo()
    stage.document.undo_stack.undo()
    assert [stage.proxy.index(r, TimelineColumn.AUDIENCE).data() for r in (0, 3, 4)] == ["Internal only"] * 3
    assert stage.proxy.index(0, TimelineColumn.KIND).data() == "Deploy"


def test_derived_times_show_a_problem_instead_of_a_negative_number(qtbot, demo_stage):
    stage = demo_stage
    incident = stage.document.retro.incident
    stage.document.edit("Set times", Edit(incident=replace(incident, detected_at=incident.started_at.replace(hour=7))))
    text = stage.side.duration_labels["Time to detect"].text()
    assert "before" in text and "-" not in text
    assert stage.side.duration_labels["Time to resolve"].text() == "3 h 42 min"


def test_choosing_a_silent_gap_selects_the_event_before_it(qtbot, demo_stage):
    stage = demo_stage
    # the demo has no silence longer than the readiness rule's 30 minutes; add a late follow-up
    last = stage.document.retro.timeline()[-1]
    late = TimelineEvent(new_id(), last.at + timedelta(minutes=50), "Vendor confirms the proxy limit")
    assert stage.document.edit("Add timeline event", Edit.of(upsert=[late]))
    assert stage.side.gaps_model.rowCount() == 1
    assert "over 30 min" in stage.side.gaps_hint.text()
    rect = stage.side.gaps_view.visualRect(stage.side.gaps_model.index(0, 0))
    with qtbot.waitSignal(stage.selection_changed) as selected:
        qtbot.mouseClick(stage.side.gaps_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    event = stage.document.retro.events[selected.args[0]]
    assert event == last
    assert stage.current_event() == event
    assert [f.target_id for f in readiness(stage.document.retro) if f.code == "silent-gap"] == [last.id]


def test_the_import_button_opens_the_preview(qtbot, demo_stage):
    from ui.importing import ImportPreviewDialog

    assert demo_stage.import_button.isEnabled()
    qtbot.mouseClick(demo_stage.import_button, Qt.MouseButton.LeftButton)
    dialog = demo_stage.findChild(ImportPreviewDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_the_projector_follows_the_selection_and_the_edits(qtbot, demo_stage):
    stage = demo_stage
    projector = stage.projector_view()
    qtbot.addWidget(projector)
    assert isinstance(projector, TimelineProjector)
    assert projector.lines()[0].startswith("2026-10-14 09:48  ·  Deploy  ·  Config change CFG-4471")
    stage.focus_target(projector.event_id_at(7))
    assert projector.list.highlighted_row() == 7
    stage.table.setFocus()
    qtbot.keyClick(stage.table, Qt.Key.Key_Delete)
    assert len(projector.lines()) == 30
    assert not any(isinstance(w, QLineEdit) for w in projector.findChildren(QLineEdit))


def test_every_control_has_a_name_for_screen_readers(demo_stage):
    from PySide6.QtWidgets import QLineEdit as Unnamed

    assert unnamed_controls(demo_stage) == []
    assert unnamed_controls(demo_stage.projector_view()) == []
    Unnamed(demo_stage)  # the check itself notices a control nobody named
    assert unnamed_controls(demo_stage) == ["QLineEdit ''"]


def test_an_evidence_link_opens_with_a_click(qtbot, demo_stage, monkeypatch):
    from PySide6.QtCore import QPoint

    from ui.stages import timeline as timeline_module

    opened: list[str] = []
    monkeypatch.setattr(timeline_module, "open_link", opened.append)
    index = demo_stage.proxy.index(0, TimelineColumn.EVIDENCE)
    rect = demo_stage.table.visualRect(index)
    qtbot.mouseClick(demo_stage.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.left() + 10, rect.center().y()))
    assert opened == ["https://deploy.example.com/apps/checkout-api/history/4471"]


def test_shifting_selected_events_is_one_undo_step(qtbot, demo_stage, monkeypatch):
    from datetime import timedelta

    from PySide6.QtWidgets import QInputDialog
    stage = demo_stage
    selection = stage.table.selectionModel()
    for row in (0, 1):
        selection.select(stage.proxy.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    chosen = stage.selected_events()
    before = {e.id: e.at for e in stage.model.events()}
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("15 h 20 min", True))
    shift = next(a for a in stage.selected_menu().actions() if a.text() == "S&hift times…")
    shift.trigger()
    after = {e.id: e.at for e in stage.model.events()}
    assert all(after[e.id] == before[e.id] + timedelta(hours=15, minutes=20) for e in chosen)
    assert all(after[i] == at for i, at in before.items() if i not in {e.id for e in chosen})
    assert stage.document.undo_stack.undoText() == "Shift 2 timeline events"
    stage.document.undo_stack.undo()
    assert {e.id: e.at for e in stage.model.events()} == before
    assert not stage.shift_selected("next tuesday-ish")  # refused with the reason, nothing changes
    assert {e.id: e.at for e in stage.model.events()} == before


def test_dates_show_and_far_events_are_marked_when_the_timeline_leaves_the_incident(qtbot, empty_stage):
    # A past incident typed with one wrong year: every time shows its date, the stray one is
    # marked, a banner says why, and the readiness check lists it; fixing the year clears it all.
    stage = empty_stage
    document = stage.document
    start = datetime(2017, 1, 31, 21, 0, tzinfo=UTC)
    incident = replace(document.retro.incident, started_at=start, detected_at=start,
                       resolved_at=start + timedelta(hours=18))
    assert document.edit("Set lifecycle", Edit(incident=incident))
    stage.entry_time.setFocus()
    _type_event(qtbot, stage, "2017-01-31 23:00", "Replication lag alert")
    _type_event(qtbot, stage, "2017-01-31 23:27", "Wrong directory removed")
    assert _shown(stage, TimelineColumn.TIME) == ["23:00", "23:27"]  # one day, inside the incident: bare
    assert not stage.window_banner.isVisible()
    _type_event(qtbot, stage, "2018-02-01 00:14", "Backups found empty")  # the year typed wrong
    assert _shown(stage, TimelineColumn.TIME) == ["2017-01-31 23:00", "2017-01-31 23:27", "⚠ 2018-02-01 00:14"]
    assert stage.window_banner.isVisible()
    assert "1 event lies more than a day outside the incident" in stage.window_banner.text()
    far = stage.proxy.index(2, TimelineColumn.TIME)
    assert "after the incident was resolved" in far.data(Qt.ItemDataRole.ToolTipRole)
    assert far.data(Qt.ItemDataRole.ForegroundRole) is not None
    width = stage.table.columnWidth(TimelineColumn.TIME)
    assert width >= stage.table.fontMetrics().horizontalAdvance(far.data()) + 8  # the date is not cut
    codes = [f.code for f in readiness(document.retro)]
    assert codes.count("far-outside") == 1

    stage.table.setFocus()
    stage.table.setCurrentIndex(far)
    qtbot.keyClick(stage.table, Qt.Key.Key_F2)
    editor = stage.table.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "2017-02-01 00:14")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the loop
    expected = ["2017-01-31 23:00", "2017-01-31 23:27", "2017-02-01 00:14"]
    qtbot.waitUntil(lambda: _shown(stage, TimelineColumn.TIME) == expected)
    assert not stage.window_banner.isVisible()
    assert "far-outside" not in [f.code for f in readiness(document.retro)]


def test_the_side_panel_fills_in_on_the_turn_after_the_tables_first_paint(qtbot, sqlite_url):
    """The derived times and silent gaps (a pass over every event) never hold up the rows' first paint,
    and they do show: just after it, or at once when a change comes first."""
    stage = TimelineStage(make_document(sqlite_url))
    qtbot.addWidget(stage)
    stage.resize(1400, 900)
    assert stage.side.gaps_hint.text() == ""  # not before the rows are painted
    stage.show()
    qtbot.waitUntil(lambda: stage.side.gaps_hint.text() != "")
    assert stage.side.duration_labels["Time to resolve"].text() == "3 h 42 min"
    assert "No stretch over" in stage.side.gaps_hint.text()

    early = TimelineStage(make_document(sqlite_url))  # never shown: a change fills it all the same
    qtbot.addWidget(early)
    incident = early.document.retro.incident
    early.document.edit("Set times", Edit(incident=replace(incident, detected_at=incident.started_at.replace(hour=7))))
    assert "before" in early.side.duration_labels["Time to detect"].text()
