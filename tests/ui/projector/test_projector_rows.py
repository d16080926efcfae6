"""A projector list counts the rows out of the picture cheaply, and shows only whole rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication

from ui.widgets.projector import ProjectorList


def rows_list(qtbot, count: int) -> ProjectorList:
    model = QStandardItemModel()
    for row in range(count):
        model.appendRow(QStandardItem(f"Row {row}: " + "words " * (row % 7)))
    view = ProjectorList(model, Qt.ItemDataRole.DisplayRole, "Rows")
    model.setParent(view)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    return view


def counted_one_by_one(view: ProjectorList) -> tuple[int, int]:
    model, height = view.model(), view.viewport().height()
    above = below = 0
    for row in range(model.rowCount()):
        rect = view.visualRect(model.index(row, 0))
        if rect.top() < 0:
            above += 1
        elif rect.bottom() > height:
            below += 1
    return above, below


def test_rows_out_of_view_at_10000_rows_counts_the_same_asking_few_rectangles(qtbot) -> None:
    view = rows_list(qtbot, 10_000)
    asked = []
    real = view.visualRect

    def counting(index):  # type: ignore[no-untyped-def]
        asked.append(index.row())
        return real(index)

    for row in (0, 1, 37, 5_000, 9_998, 9_999):
        view.highlight_row(row)
        QApplication.processEvents()
        expected = counted_one_by_one(view)
        asked.clear()
        view.visualRect = counting  # type: ignore[method-assign]
        try:
            assert view.rows_out_of_view() == expected, row
        finally:
            del view.visualRect
        assert len(asked) <= 2 * 15, f"{len(asked)} rectangles asked at row {row}"
    assert expected[0] > 9_000 and expected[1] == 0


def test_rows_out_of_view_with_no_rows_and_with_all_rows_in_view(qtbot) -> None:
    assert rows_list(qtbot, 0).rows_out_of_view() == (0, 0)
    assert rows_list(qtbot, 2).rows_out_of_view() == (0, 0)


def test_a_row_cut_by_the_bottom_edge_is_not_drawn_only_counted(qtbot) -> None:
    view = rows_list(qtbot, 40)
    model, height = view.model(), view.viewport().height()
    cut = next(r for r in range(model.rowCount()) if view.visualRect(model.index(r, 0)).bottom() > height)
    rect = view.visualRect(model.index(cut, 0))
    assert rect.top() < height - 30, "the test needs a row cut through its text"
    image = view.viewport().grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(max(rect.top(), 0), height)}
    assert len(colours) == 1, "the cut row's text is drawn"
    above = view.visualRect(model.index(cut - 1, 0))  # the whole row before it is drawn
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(above.top(), above.bottom())}
    assert len(colours) > 1
    assert view.rows_out_of_view() == (0, model.rowCount() - cut)
