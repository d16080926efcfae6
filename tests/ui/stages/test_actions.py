"""The actions stage: add, edit owner / due / status, reasons, factors, the all-for-now warning."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from retro.demo import build_demo_retro
from retro.domain import ActionStatus, Edit, Horizon
from tests.ui.models.support import make_document, unnamed_controls
from ui.models.actions_model import ActionColumn
from ui.stages import actions as actions_module
from ui.stages.actions import ActionsProjector, ActionsStage
from ui.widgets.datetime_field import DateTimeField

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TODAY = date(2026, 10, 16)


@pytest.fixture
def stage(qtbot, sqlite_url) -> ActionsStage:
    stage = ActionsStage(make_document(sqlite_url), today=TODAY)
    qtbot.addWidget(stage)
    stage.resize(1500, 800)
    with qtbot.waitActive(stage):
        stage.show()
        stage.activateWindow()
    return stage


def _row(stage: ActionsStage, title: str) -> int:
    return next(r for r in range(stage.sorted.rowCount())
                if stage.sorted.index(r, ActionColumn.TITLE).data() == title)


def _cell(stage: ActionsStage, title: str, column: ActionColumn):
    return stage.sorted.index(_row(stage, title), column)


def _open_editor(qtbot, stage: ActionsStage, title: str, column: ActionColumn):
    index = _cell(stage, title, column)
    stage.table.setFocus()
    stage.table.setCurrentIndex(index)
    qtbot.keyClick(stage.table, Qt.Key.Key_F2)
    return stage.table.focusWidget()


def test_a_new_action_typed_and_entered_gets_the_severity_due_date(qtbot, stage):
    stage.new_title.setFocus()
    qtbot.keyClicks(stage.new_title, "Add a proxy headroom alert")
    qtbot.keyClick(stage.new_title, Qt.Key.Key_Return)
    assert stage.new_title.hasFocus() and stage.new_title.text() == ""
    assert _cell(stage, "Add a proxy headroom alert", ActionColumn.DUE).data() == "2026-11-15"  # SEV2: 30 days
    assert _cell(stage, "Add a proxy headroom alert", ActionColumn.STATUS).data() == "Open"
    assert stage.document.undo_stack.undoText() == "Add action"


def test_owner_is_chosen_from_participants_or_typed_and_one_person_only(qtbot, stage):
    title = "Send checkout config changes through the same canary stage as code"
    combo = _open_editor(qtbot, stage, title, ActionColumn.OWNER)
    assert isinstance(combo, QComboBox) and combo.isEditable()
    assert "Lena Fischer" in [combo.itemText(i) for i in range(combo.count())]
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "Lena Fischer")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _cell(stage, title, ActionColumn.OWNER).data() == "Lena Fischer")
    assert stage.document.undo_stack.undoText() == "Change action owner"

    combo = _open_editor(qtbot, stage, title, ActionColumn.OWNER)
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "Lena and Jonas")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stage.problem_banner.isVisible())
    assert "exactly one owner" in stage.problem_banner.text()
    assert _cell(stage, title, ActionColumn.OWNER).data() == "Lena Fischer"


def test_due_date_is_typed_or_picked_on_a_calendar(qtbot, stage):
    title = "Send checkout config changes through the same canary stage as code"
    editor = _open_editor(qtbot, stage, title, ActionColumn.DUE).parentWidget()
    assert isinstance(editor, DateTimeField) and editor.calendar_button.menu() is not None
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "2018-02-01")  # a typed year sticks
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _cell(stage, title, ActionColumn.DUE).data() == "2018-02-01")
    assert stage.document.undo_stack.undoText() == "Change action due date"
    editor = _open_editor(qtbot, stage, title, ActionColumn.DUE).parentWidget()
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "1 Dec 2026")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _cell(stage, title, ActionColumn.DUE).data() == "2026-12-01")


def test_a_due_date_that_is_not_a_date_is_refused_with_the_reason(qtbot, stage):
    title = "Send checkout config changes through the same canary stage as code"
    before = _cell(stage, title, ActionColumn.DUE).data()
    editor = _open_editor(qtbot, stage, title, ActionColumn.DUE).parentWidget()
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "31 Feb 2027")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert editor.isVisible()  # stays open to be fixed
    assert "not a day of the calendar" in editor.problem.text()
    assert stage.problem_banner.isVisible() and "not a day of the calendar" in stage.problem_banner.text()
    assert _cell(stage, title, ActionColumn.DUE).data() == before


def test_wont_do_asks_for_a_reason_before_the_status_changes(qtbot, stage):
    title = "Send checkout config changes through the same canary stage as code"
    combo = _open_editor(qtbot, stage, title, ActionColumn.STATUS)
    combo.setCurrentIndex(combo.findData(ActionStatus.WONT_DO.value))
    combo.activated.emit(combo.currentIndex())
    dialog = stage.reason_dialog
    assert dialog is not None and dialog.isVisible()
    assert _cell(stage, title, ActionColumn.STATUS).data() == "Open"
    dialog.setTextValue("The canary pipeline is being replaced next quarter")
    dialog.accept()
    assert _cell(stage, title, ActionColumn.STATUS).data() == "Won't do"
    assert "replaced next quarter" in _cell(stage, title, ActionColumn.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert stage.document.undo_stack.undoText() == "Mark action as won't do"


def test_the_wont_do_reason_is_typed_left_with_tab_and_saved_with_ctrl_enter(qtbot, stage):
    title = "Send checkout config changes through the same canary stage as code"
    combo = _open_editor(qtbot, stage, title, ActionColumn.STATUS)
    combo.setCurrentIndex(combo.findData(ActionStatus.WONT_DO.value))
    combo.activated.emit(combo.currentIndex())
    dialog = stage.reason_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    box = dialog.findChild(QPlainTextEdit)
    box.setFocus()
    assert box.hasFocus()
    qtbot.keyClicks(box, "Replaced next quarter")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert not box.hasFocus() and box.toPlainText() == "Replaced next quarter"  # no tab typed
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert box.hasFocus()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter starts a new line of the reason
    qtbot.keyClicks(box, "by the new pipeline")
    assert dialog.isVisible() and _cell(stage, title, ActionColumn.STATUS).data() == "Open"
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert _cell(stage, title, ActionColumn.STATUS).data() == "Won't do"
    action = next(a for a in stage.document.retro.actions.values() if a.title == title)
    assert action.status_reason == "Replaced next quarter\nby the new pipeline"


def test_factors_addressed_are_ticked_in_a_list(qtbot, stage):
    title = "Send checkout config changes through the same canary stage as code"
    stage.table.setCurrentIndex(_cell(stage, title, ActionColumn.FACTORS))
    qtbot.mouseClick(stage.factors_button, Qt.MouseButton.LeftButton)
    picker = stage.factor_picker
    assert picker is not None and picker.isVisible()
    runbook = next(f for f in stage.document.retro.factors.values() if f.title.startswith("The checkout runbook"))
    picker.set_checked(runbook.id, True)
    picker.accept()
    assert "The checkout runbook advised restarts" in _cell(stage, title, ActionColumn.FACTORS).data()
    assert stage.document.undo_stack.undoText() == "Change factors addressed"


def test_deleting_two_actions_is_one_undo_step(qtbot, stage):
    before = stage.sorted.rowCount()
    selection = stage.table.selectionModel()
    for row in (0, 3):
        selection.select(stage.sorted.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    stage.table.setFocus()
    qtbot.keyClick(stage.table, Qt.Key.Key_Delete)
    assert stage.sorted.rowCount() == before - 2
    assert stage.document.undo_stack.undoText() == "Delete 2 actions"
    stage.document.undo_stack.undo()
    assert stage.sorted.rowCount() == before


def test_a_banner_warns_when_every_action_is_a_fix_for_now(qtbot, stage):
    assert not stage.all_for_now_banner.isVisible()
    document = stage.document
    changed = [replace(a, horizon=Horizon.FIX_FOR_NOW) for a in document.retro.actions.values()]
    document.edit("All for now", Edit.of(upsert=changed))
    assert stage.all_for_now_banner.isVisible()
    assert "fix this for real" in stage.all_for_now_banner.text()
    document.undo_stack.undo()
    assert not stage.all_for_now_banner.isVisible()


def test_a_ticket_link_opens_with_a_click(qtbot, stage, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(actions_module, "open_link", opened.append)
    index = _cell(stage, "Freeze checkout changes on partner campaign days", ActionColumn.TICKET)
    rect = stage.table.visualRect(index)
    qtbot.mouseClick(stage.table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 10, rect.center().y()))
    assert opened == ["https://tracker.example.com/browse/PAY-815"]
    assert not isinstance(stage.table.focusWidget(), QLineEdit)


def test_the_projector_lists_actions_with_owners_and_follows_the_selection(qtbot, sqlite_url):
    retro = build_demo_retro()
    stage = ActionsStage(make_document(sqlite_url, retro), today=TODAY)
    qtbot.addWidget(stage)
    projector = stage.projector_view()
    qtbot.addWidget(projector)
    assert isinstance(projector, ActionsProjector)
    lines = projector.lines()
    assert lines[0].startswith("Page the payments on-call") and "Priya Raman  ·  due 21 Oct 2026" in lines[0]
    stage.focus_target(stage.model.action_at(4).id)
    assert projector.list.highlighted_row() == _row(stage, stage.model.action_at(4).title)


def test_the_details_show_the_whole_action_and_save_its_description(qtbot, stage):
    title = "Send checkout config changes through the same canary stage as code"
    stage.table.setCurrentIndex(_cell(stage, title, ActionColumn.TITLE))
    details = stage.details
    assert title in details.heading.text() and "Aiko Tanaka" in details.heading.text()
    assert "• Config changes roll out to every pod at once" in details.factors.text()
    assert not details.reason.isVisible()
    details.description.setFocus()
    details.description.selectAll()
    qtbot.keyClicks(details.description, "Canary config like code, with automatic rollback.")
    stage.table.setFocus()
    qtbot.waitUntil(lambda: stage.document.undo_stack.undoText() == "Edit action description")
    action = next(a for a in stage.document.retro.actions.values() if a.title == title)
    assert action.description == "Canary config like code, with automatic rollback."
    stage.document.undo_stack.undo()
    assert details.description.toPlainText().startswith("Config and code share a pipeline")
    stage.document.undo_stack.redo()
    assert details.description.toPlainText() == "Canary config like code, with automatic rollback."


def test_every_control_has_a_name_for_screen_readers(stage):
    assert unnamed_controls(stage) == []
    assert unnamed_controls(stage.projector_view()) == []
