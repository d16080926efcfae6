"""The actions model and its sort: valid for Qt's model tester through every kind of edit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt

from retro.domain import ActionItem, ActionStatus, Edit, new_id
from tests.ui.models.support import as_shown, make_document
from ui.models.actions_model import ActionColumn, ActionsModel, ActionsSort


def test_model_and_sort_pass_the_model_tester_through_edits(qtmodeltester, qtbot, sqlite_url):
    document = make_document(sqlite_url)
    model = ActionsModel(document, today=date(2026, 10, 16))
    ordered = ActionsSort()
    ordered.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(ordered)
    added = ActionItem(new_id(), "Write the proxy headroom alert", owner="Lena Fischer", due=date(2026, 10, 18))
    with qtbot.waitSignal(model.rowsInserted):
        assert document.edit("Add action", Edit.of(upsert=[added]))
    assert ordered.index(0, ActionColumn.TITLE).data() == "Write the proxy headroom alert"
    assert model.setData(model.index(model.row_of(added.id), ActionColumn.DUE), QDate(2026, 12, 24))
    assert ordered.index(ordered.rowCount() - 1, ActionColumn.TITLE).data() == "Write the proxy headroom alert"
    assert document.edit("Delete", Edit.of(remove=[model.action_at(0)]))
    document.undo_stack.undo()
    qtmodeltester.check(model)
    qtmodeltester.check(ordered)
    assert {a.id for a in model.actions()} == set(document.retro.actions)


def test_wont_do_without_a_reason_asks_and_changes_nothing(qtbot, sqlite_url):
    document = make_document(sqlite_url)
    model = ActionsModel(document)
    row = next(r for r in range(model.rowCount()) if model.action_at(r).status is ActionStatus.OPEN)
    with qtbot.waitSignal(model.reason_needed) as asked:
        assert not model.setData(model.index(row, ActionColumn.STATUS), ActionStatus.WONT_DO.value)
    assert asked.args == [model.action_at(row).id]
    assert model.action_at(row).status is ActionStatus.OPEN
    assert document.undo_stack.count() == 0


def test_overdue_open_actions_are_marked(sqlite_url):
    document = make_document(sqlite_url)
    model = ActionsModel(document, today=date(2026, 11, 14))
    late = next(r for r in range(model.rowCount()) if model.action_at(r).title.startswith("Send checkout config"))
    done = next(r for r in range(model.rowCount()) if model.action_at(r).status is ActionStatus.DONE)
    assert as_shown(model.index(late, ActionColumn.DUE).data(Qt.ItemDataRole.ToolTipRole)) == "Overdue"
    assert model.index(done, ActionColumn.DUE).data(Qt.ItemDataRole.ForegroundRole) is None
    assert replace(model.action_at(late)) == model.action_at(late)
