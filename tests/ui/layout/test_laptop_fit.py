"""Every stage fits a laptop, and the projector fits every room's screen, with no text cut.

The workspace is opened on the demo retro at 1366×768 and 1280×800 and every stage is shown;
the projector window is shown at 1024×768, 1280×720, 1920×1080 and 3840×2160 on every stage.
:func:`tests.ui.layout_check.layout_problems` must find nothing: no label, button, check box,
tab, combo box or column title narrower than its text, no widget sticking out of the window,
and no minimum window size larger than the screen. A few deliberately broken cases prove that
the check does find such things.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QStyle, QTableView, QWidget

from retro.domain import Stage
from tests.ui.layout.layout_check import layout_problems
from tests.ui.workspace.harness import open_demo
from ui.main_window import MainWindow

LAPTOPS = [(1366, 768), (1280, 800)]
#: The largest minimum size a workspace window may ask for (a 720p screen).
MINIMUM_LIMIT = (1280, 720)


def settle(qtbot, widget: QWidget) -> None:
    """Let every deferred layout run, as it has by the time a person looks."""
    for _ in range(4):
        QApplication.processEvents()
        qtbot.wait(5)
    widget.updateGeometry()
    QApplication.processEvents()


def demo_stage(qtbot, window: MainWindow, stage: Stage, size: tuple[int, int] = (1366, 768)) -> Any:
    """The demo retro open at ``stage`` in a window of ``size``, laid out: the stage's view."""
    window.resize(*size)
    open_demo(window)
    window.go_to_stage(stage)
    settle(qtbot, window)
    return window.workspace.current_view()


@pytest.mark.parametrize("size", LAPTOPS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_stage_fits_a_laptop_screen_with_nothing_cut(qtbot, window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    open_demo(window)
    found: list[str] = []
    for stage in Stage:
        window.go_to_stage(stage)
        settle(qtbot, window)
        assert window.size().toTuple() == size, f"{stage.label}: the window could not shrink to {size}"
        found += [f"{stage.label}: {p}" for p in layout_problems(window, size)]
    hint = window.minimumSizeHint()
    assert hint.width() <= MINIMUM_LIMIT[0] and hint.height() <= MINIMUM_LIMIT[1], hint
    assert not found, "\n".join(found)


def test_the_words_columns_get_the_width_on_a_laptop(qtbot, window: MainWindow) -> None:
    """'What happened' and the action title are the widest columns, not Source or Evidence."""
    from ui.models.actions_model import ActionColumn
    from ui.models.timeline_model import TimelineColumn

    table = demo_stage(qtbot, window, Stage.TIMELINE).table
    words = table.columnWidth(TimelineColumn.TEXT)
    assert words >= 0.3 * table.viewport().width() - 2
    assert all(words > table.columnWidth(c) for c in TimelineColumn if c is not TimelineColumn.TEXT)
    window.go_to_stage(Stage.ACTIONS)
    settle(qtbot, window)
    table = window.workspace.current_view().table
    title = table.columnWidth(ActionColumn.TITLE)
    assert title >= 0.3 * table.viewport().width() - 2
    assert all(title > table.columnWidth(c) for c in ActionColumn if c is not ActionColumn.TITLE)


def cut_cells(table: QTableView, columns: list[int]) -> list[str]:
    """Cells of ``columns`` whose text is wider than the column (Qt would draw them elided)."""
    model = table.model()
    metrics = table.fontMetrics()
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    cut = []
    for column in columns:
        title = model.headerData(column, Qt.Orientation.Horizontal)
        for row in range(model.rowCount()):
            text = str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole) or "")
            if metrics.horizontalAdvance(text) + margin > table.columnWidth(column):
                cut.append(f"{title} row {row + 1}: {text!r} in {table.columnWidth(column)} px")
    return cut


def test_short_timeline_columns_show_their_cells_whole_on_a_laptop(qtbot, window: MainWindow) -> None:
    """Kind, Audience and Time are never cut to 'Communi…'; the side panel folds to make room."""
    from ui.models.timeline_model import TimelineColumn

    stage = demo_stage(qtbot, window, Stage.TIMELINE)
    table = stage.table
    cut = cut_cells(table, [TimelineColumn.TIME, TimelineColumn.KIND, TimelineColumn.AUDIENCE])
    assert not cut, "\n".join(cut)
    assert table.columnWidth(TimelineColumn.TEXT) >= 0.4 * table.viewport().width()
    # The derived times are one click away, and the choice holds.
    assert not stage.side.isVisible()
    qtbot.mouseClick(stage.side_fold.button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert stage.side.isVisible()
    assert stage.side.duration_labels["Time to detect"].text() == "26 min"
    window.resize(1280, 800)  # the person's choice holds when the window changes
    settle(qtbot, window)
    assert stage.side.isVisible()


def test_a_time_with_a_date_seconds_and_the_far_mark_stays_whole(qtbot, window: MainWindow) -> None:
    """An event typed days after the incident, to the second, widens the Time column to fit."""
    from ui.models.timeline_model import TimelineColumn

    stage = demo_stage(qtbot, window, Stage.TIMELINE)
    before = len(stage.model.event_list())
    stage.entry_time.setFocus()
    qtbot.keyClicks(stage.entry_time, "2026-11-20 23:48:38")
    stage.entry_text.setFocus()
    qtbot.keyClicks(stage.entry_text, "A late note on the pool settings")
    qtbot.keyClick(stage.entry_text, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert len(stage.model.event_list()) == before + 1
    times = [str(stage.model.index(r, TimelineColumn.TIME).data()) for r in range(stage.model.rowCount())]
    assert "⚠ 2026-11-20 23:48:38" in times
    cut = cut_cells(stage.table, [TimelineColumn.TIME, TimelineColumn.KIND, TimelineColumn.AUDIENCE])
    assert not cut, "\n".join(cut)


def test_short_action_columns_show_their_cells_whole_on_a_laptop(qtbot, window: MainWindow) -> None:
    """Owner, due date, type, horizon, priority and status are never cut to 'In progr…'."""
    from ui.models.actions_model import ActionColumn

    table = demo_stage(qtbot, window, Stage.ACTIONS).table
    short = [ActionColumn.OWNER, ActionColumn.DUE, ActionColumn.TYPE, ActionColumn.HORIZON,
             ActionColumn.PRIORITY, ActionColumn.STATUS]
    cut = cut_cells(table, short)
    assert not cut, "\n".join(cut)


def test_the_timeline_side_panel_shows_beside_the_table_on_a_wide_screen(qtbot, window: MainWindow) -> None:
    stage = demo_stage(qtbot, window, Stage.TIMELINE, size=(1920, 1080))
    assert stage.side.isVisible()
    assert stage.side_fold.button.isChecked()


def test_the_findings_strip_keeps_its_height_while_findings_change(qtbot, window: MainWindow) -> None:
    document = open_demo(window)
    window.resize(1366, 768)
    window.go_to_stage(Stage.SETUP)
    settle(qtbot, window)
    area = window.workspace.findings_area
    before = area.height()
    host_top = window.workspace.host.mapTo(window, window.workspace.host.rect().topLeft()).y()
    # Blank the summary: a blocker appears in the findings, and the form must not move.
    setup = window.workspace.current_view()
    edit = setup.findChild(QWidget, "summary")
    assert edit is not None
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    edit.clearFocus()
    settle(qtbot, window)
    assert document.retro.incident.summary == ""
    assert "summary" in window.workspace.findings.text().lower()
    assert area.height() == before
    assert window.workspace.host.mapTo(window, window.workspace.host.rect().topLeft()).y() == host_top


# -- the check itself finds what is wrong ----------------------------------------------------


def test_the_check_finds_a_window_too_small_for_its_stages(qtbot, window: MainWindow) -> None:
    open_demo(window)
    window.resize(760, 480)
    window.go_to_stage(Stage.SETUP)
    settle(qtbot, window)
    assert layout_problems(window, (760, 480))
    assert any("exceeds the 700×400 screen" in p for p in layout_problems(window, (700, 400)))


def test_the_check_finds_a_cut_label_and_a_cut_button(qtbot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    row = QHBoxLayout(box)
    label = QLabel("A label much longer than the room it is given")
    button = QPushButton("Record the statement")
    row.addWidget(label)
    row.addWidget(button)
    box.show()
    qtbot.waitExposed(box)
    settle(qtbot, box)
    assert layout_problems(box) == []
    label.setFixedWidth(60)
    button.setFixedWidth(50)
    settle(qtbot, box)
    found = layout_problems(box)
    assert any("QLabel" in p and "text cut" in p for p in found), found
    assert any("QPushButton" in p and "text cut" in p for p in found), found


def visible_scene_rect(view) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


def test_the_factor_graph_is_fitted_when_factors_first_shows_on_a_laptop(qtbot, window: MainWindow) -> None:
    """Every card and the impact are inside the canvas's visible part, not cut at its edges."""
    window.resize(1366, 768)
    open_demo(window)
    window.go_to_stage(Stage.FACTORS)
    settle(qtbot, window)
    view = window.workspace.current_view().view
    nodes = view.factor_scene.nodes()
    assert nodes
    shown = visible_scene_rect(view)
    cut = [n.title for n in nodes if not shown.contains(n.sceneBoundingRect())]
    assert not cut, f"cards cut at the canvas's edge: {cut}"


def test_the_factor_graph_fits_again_on_resize_but_a_manual_zoom_stays(qtbot, window: MainWindow) -> None:
    window.resize(1920, 1080)
    open_demo(window)
    window.go_to_stage(Stage.FACTORS)
    settle(qtbot, window)
    window.resize(1366, 768)
    settle(qtbot, window)
    view = window.workspace.current_view().view
    shown = visible_scene_rect(view)
    assert all(shown.contains(n.sceneBoundingRect()) for n in view.factor_scene.nodes())
    view.setFocus()
    fitted = view.zoom()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # zoom in by hand
    zoomed = view.zoom()
    assert zoomed > fitted * 1.1
    window.resize(1280, 800)
    settle(qtbot, window)
    assert view.zoom() == pytest.approx(zoomed)
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # fit again: follows resizes
    window.resize(1366, 768)
    settle(qtbot, window)
    shown = visible_scene_rect(view)
    assert all(shown.contains(n.sceneBoundingRect()) for n in view.factor_scene.nodes())
