"""Times typed around a daylight-saving change mean the moment the person meant, in Europe/Berlin.

On 2026-10-25 the clocks went back at 03:00 CEST (02:30 happened twice); on 2026-03-29 they went
forward at 02:00 CET (02:30 never happened).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from retro.domain import Edit, TimelineEvent, new_id
from tests.ui.models.support import make_empty_document
from ui.models.timeline_model import TimelineColumn
from ui.stages.timeline import TimelineStage
from ui.widgets.time_text import edit_text, parse_event_time

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

BERLIN = "Europe/Berlin"
FIRST_0230 = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST (+02:00)
SECOND_0230 = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET (+01:00), an hour later


@pytest.fixture
def stage(qtbot, sqlite_url) -> TimelineStage:
    view = TimelineStage(make_empty_document(sqlite_url, timezone=BERLIN))
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    return view


def _add(stage: TimelineStage, at: datetime, text: str) -> TimelineEvent:
    event = TimelineEvent(new_id(), at, text)
    assert stage.document.edit("Add event", Edit.of(upsert=[event]))
    return event


def _type_entry(qtbot, stage: TimelineStage, time: str, text: str) -> None:
    stage.entry_time.setFocus()
    qtbot.keyClicks(stage.entry_time, time)
    stage.entry_text.setFocus()
    qtbot.keyClicks(stage.entry_text, text)
    qtbot.keyClick(stage.entry_text, Qt.Key.Key_Return)


def _row_of(stage: TimelineStage, text: str) -> int:
    return next(r for r in range(stage.proxy.rowCount())
                if stage.proxy.index(r, TimelineColumn.TEXT).data() == text)


def test_the_second_0230_is_shown_with_its_offset_and_stays_the_second_when_edited(qtbot, stage) -> None:
    first = _add(stage, FIRST_0230, "Alert fired")
    second = _add(stage, SECOND_0230, "Pager acknowledged")
    times = {stage.proxy.index(r, TimelineColumn.TEXT).data(): stage.proxy.index(r, TimelineColumn.TIME).data()
             for r in range(stage.proxy.rowCount())}
    assert times == {"Alert fired": "02:30 +02:00", "Pager acknowledged": "02:30 +01:00"}

    index = stage.proxy.index(_row_of(stage, "Pager acknowledged"), TimelineColumn.TIME)
    stage.table.setFocus()
    stage.table.setCurrentIndex(index)
    qtbot.keyClick(stage.table, Qt.Key.Key_F2)
    editor = stage.table.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert editor.text() == "2026-10-25 02:30 +01:00"
    editor.setText("2026-10-25 02:35 +01:00")  # five minutes later, still the second 02:30 hour
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stage.document.undo_stack.undoText() == "Edit event time")
    assert stage.document.retro.events[second.id].at == datetime(2026, 10, 25, 1, 35, tzinfo=UTC)
    assert stage.document.retro.events[first.id].at == FIRST_0230


def test_an_ambiguous_time_needs_its_offset_and_gets_the_one_typed(qtbot, stage) -> None:
    _type_entry(qtbot, stage, "2026-10-25 02:30", "Rollback started")
    assert not stage.document.retro.events
    assert "happened twice" in stage.problem_banner.text()
    assert "02:30 +02:00" in stage.problem_banner.text() and "02:30 +01:00" in stage.problem_banner.text()
    assert stage.entry_text.text() == "Rollback started"  # nothing typed is lost

    stage.entry_time.clear()
    _type_entry(qtbot, stage, "2026-10-25 02:30 +01:00", "")
    (event,) = stage.document.retro.events.values()
    assert event.at == SECOND_0230


def test_a_time_the_clocks_skipped_is_refused_with_a_reason(qtbot, stage) -> None:
    _type_entry(qtbot, stage, "2026-03-29 02:30", "Cron job ran")
    assert not stage.document.retro.events  # not stored as 03:30
    assert stage.problem_banner.isVisible()
    assert "02:30 did not happen on 2026-03-29 in Europe/Berlin" in stage.problem_banner.text()

    stage.entry_time.clear()
    _type_entry(qtbot, stage, "2026-03-29 03:30", "")
    (event,) = stage.document.retro.events.values()
    assert event.at == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize("at", [FIRST_0230, SECOND_0230, datetime(2026, 3, 29, 0, 59, tzinfo=UTC),
                                datetime(2026, 3, 29, 1, 0, tzinfo=UTC), datetime(2026, 7, 1, 12, 0, 30, tzinfo=UTC)])
def test_the_text_an_editor_starts_from_reads_back_as_the_same_moment(at: datetime) -> None:
    assert parse_event_time(edit_text(at, BERLIN), BERLIN, date(2000, 1, 1)) == at


@pytest.mark.parametrize(("typed", "meant"), [
    ("02:30 +01:00", SECOND_0230), ("02:30 +0100", SECOND_0230), ("02:30+01", SECOND_0230),
    ("02:30 UTC+2", FIRST_0230), ("00:30 Z", FIRST_0230), ("0030 UTC", FIRST_0230),
])
def test_an_offset_can_be_typed_after_the_time(typed: str, meant: datetime) -> None:
    assert parse_event_time(typed, BERLIN, date(2026, 10, 25)) == meant


def test_a_wrong_offset_is_explained() -> None:
    with pytest.raises(ValueError, match="not a UTC offset"):
        parse_event_time("02:30 +25:00", BERLIN, date(2026, 10, 25))
