"""Text typed in a commit-on-leave field is saved to the entity it was typed for, and never lost.

Driven through the actions stage's details panel (the real widgets): the description of the
selected action is saved when the field is left.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt

from retro.domain import ActionItem, Edit, Priority
from tests.ui.models.support import make_document
from ui.models.actions_model import ActionColumn
from ui.stages.actions import ActionsStage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TYPED = "Canary config like code, with automatic rollback."


@pytest.fixture
def stage(qtbot, sqlite_url) -> ActionsStage:
    view = ActionsStage(make_document(sqlite_url), today=date(2026, 10, 16))
    qtbot.addWidget(view)
    view.resize(1500, 800)
    with qtbot.waitActive(view):  # leaving a field saves it: focus needs an active window
        view.show()
        view.activateWindow()
    return view


def _actions(stage: ActionsStage) -> list[ActionItem]:
    return sorted(stage.document.retro.actions.values(), key=lambda a: a.title)


def _select(stage: ActionsStage, action: ActionItem) -> None:
    row = next(r for r in range(stage.sorted.rowCount())
               if stage.sorted.index(r, ActionColumn.TITLE).data() == action.title)
    stage.table.setCurrentIndex(stage.sorted.index(row, ActionColumn.TITLE))


def _type_description(qtbot, stage: ActionsStage) -> None:
    description = stage.details.description
    description.setFocus()
    description.selectAll()
    qtbot.keyClicks(description, TYPED)


def test_typing_survives_a_change_to_the_same_action_and_is_saved_on_leaving(qtbot, stage) -> None:
    action = _actions(stage)[0]
    _select(stage, action)
    _type_description(qtbot, stage)
    other_priority = Priority.LOW if action.priority is not Priority.LOW else Priority.HIGH
    assert stage.document.edit("Priority", Edit.of(upsert=[replace(action, priority=other_priority)]))
    assert stage.details.description.toPlainText() == TYPED  # the person's text stays
    stage.table.setFocus()  # leaving the field saves it
    qtbot.waitUntil(lambda: stage.document.undo_stack.undoText() == "Edit action description")
    assert stage.document.retro.actions[action.id].description == TYPED


def test_typing_goes_to_its_action_when_another_action_is_shown(qtbot, stage) -> None:
    first, second = _actions(stage)[:2]
    _select(stage, first)
    _type_description(qtbot, stage)
    stage.focus_target(second.id)  # e.g. from a readiness finding, while the field has focus
    assert stage.details.action_id == second.id
    assert stage.document.retro.actions[first.id].description == TYPED
    assert stage.details.description.toPlainText() == second.description
    stage.table.setFocus()
    qtbot.keyClick(stage.table, Qt.Key.Key_Escape)
    assert stage.document.retro.actions[second.id].description == second.description


def test_ctrl_enter_submits_only_where_asked(qtbot) -> None:
    """The one commit-on-leave editor: Setup's fields and statements submit on Ctrl+Enter, others do not."""
    from ui.widgets.commit_edit import CommitOnLeaveEdit

    submitting = CommitOnLeaveEdit("Statement", ctrl_enter=True)
    plain = CommitOnLeaveEdit("Description")
    for edit in (submitting, plain):
        qtbot.addWidget(edit)
    submitted: list[bool] = []
    submitting.submitted.connect(lambda: submitted.append(True))
    plain.submitted.connect(lambda: submitted.append(False))
    for edit in (submitting, plain):
        qtbot.keyClicks(edit, "first")
        qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert submitted == [True]
    assert submitting.toPlainText() == "first"
    assert plain.toPlainText() == "first"
    qtbot.keyClick(plain, Qt.Key.Key_Return)  # a plain Enter is a new line in both
    qtbot.keyClick(submitting, Qt.Key.Key_Return)
    assert plain.toPlainText() == submitting.toPlainText() == "first\n"
    assert submitted == [True]


def test_setup_text_field_commits_once_on_ctrl_enter_and_on_leaving(qtbot) -> None:
    """Setup's multi-line field is the shared editor: Ctrl+Enter and leaving offer the text once each change."""
    from ui.widgets.commit_fields import CommitTextEdit

    edit = CommitTextEdit("What happened", "")
    qtbot.addWidget(edit)
    committed: list[str] = []
    edit.committed.connect(committed.append)
    qtbot.keyClicks(edit, "Checkout failed")
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert committed == ["Checkout failed"]
    edit.show_saved("Checkout failed")  # the stage stored it
    edit.left.emit()  # leaving with nothing new typed offers nothing
    assert committed == ["Checkout failed"]
    qtbot.keyClicks(edit, " for 2 hours")
    edit.left.emit()
    assert committed == ["Checkout failed", "Checkout failed for 2 hours"]
