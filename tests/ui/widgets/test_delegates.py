"""The table cell editors keep what people typed, however long."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from retro.domain import Edit, TimelineEvent, new_id
from tests.ui.models.support import make_empty_document
from ui.models.timeline_model import TimelineColumn
from ui.stages.timeline import TimelineStage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_editing_a_long_event_text_in_the_table_keeps_all_of_it(qtbot, sqlite_url) -> None:
    document = make_empty_document(sqlite_url)
    long_text = ("The proxy answered 502 to every checkout request. " * 800)[:40_000]
    event = TimelineEvent(new_id(), datetime(2026, 10, 14, 9, 0, tzinfo=UTC), long_text)
    assert document.edit("Add event", Edit.of(upsert=[event]))
    stage = TimelineStage(document)
    qtbot.addWidget(stage)
    stage.show()
    index = stage.proxy.index(0, TimelineColumn.TEXT)
    stage.table.setFocus()
    stage.table.setCurrentIndex(index)
    qtbot.keyClick(stage.table, Qt.Key.Key_F2)
    editor = stage.table.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, " Then it recovered.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: document.undo_stack.undoText() == "Edit event text")
    assert document.retro.events[event.id].text == long_text + " Then it recovered."
