"""What opening a big timeline must not do again: work a person never sees the result of."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QVBoxLayout, QWidget

from tests.ui.models.support import make_document
from ui.models.timeline_filter import TimelineFilter
from ui.widgets.banner import Banner, Tone
from ui.widgets.columns import WordsColumnShare

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_a_banner_made_with_text_shows_with_its_layout_and_never_as_a_window_of_its_own(qtbot) -> None:
    banner = Banner(Tone.INFO, "No events yet.", name="How to start")
    assert not banner.isVisible()  # before: shown as a top-level window until a layout took it
    assert banner not in [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    host = QWidget()
    qtbot.addWidget(host)
    QVBoxLayout(host).addWidget(banner)
    host.show()
    assert banner.isVisible() and banner.text() == "No events yet."
    assert "background" in banner.styleSheet()
    empty = Banner(Tone.ERROR, name="Problem", parent=host)
    assert empty.isHidden()


def test_a_resize_shares_the_width_without_measuring_the_texts_again(qtbot, sqlite_url) -> None:
    from ui.models.timeline_model import TimelineModel

    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(TimelineModel(make_document(sqlite_url), table))
    asked: list[int] = []

    def labels() -> list[str]:
        asked.append(1)
        return ["Communication"]

    columns = WordsColumnShare(table, 2, {0: 6, 1: (11, 13)}, whole={1: labels})
    assert asked == []  # hidden: the fit waits for the table to show
    table.resize(900, 400)
    table.show()
    qtbot.waitExposed(table)
    assert len(asked) == 1
    for width in (700, 1200, 800):
        table.resize(width, 400)
        QApplication.processEvents()
    assert len(asked) == 1, "a resize measured the texts again"
    assert table.columnWidth(1) >= table.fontMetrics().horizontalAdvance("Communication")
    columns.fit()  # asked for: the words may have changed
    assert len(asked) == 2


def test_the_timeline_asks_no_row_numbers_it_does_not_show(qtbot, sqlite_url, monkeypatch) -> None:
    from ui.stages.timeline import TimelineStage

    asked: list[Qt.Orientation] = []
    header_data = TimelineFilter.headerData

    def counting(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        asked.append(orientation)
        return header_data(self, section, orientation, role)

    monkeypatch.setattr(TimelineFilter, "headerData", counting)
    stage = TimelineStage(make_document(sqlite_url))
    qtbot.addWidget(stage)
    stage.resize(1400, 900)
    stage.show()
    qtbot.waitExposed(stage)
    assert asked.count(Qt.Orientation.Horizontal) > 0
    assert asked.count(Qt.Orientation.Vertical) == 0  # before: 4 roles of up to 200 hidden sections
