"""A refused edit is explained once: inline by the stages that can, in a notice by the others."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from retro.domain import Stage
from tests.ui.workspace.harness import open_demo
from ui.main_window import MainWindow
from ui.stage_base import StageView
from ui.stages.setup import SetupStage
from ui.stages.timeline import TimelineStage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def visible_notices(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox, "Notice") if box.isVisible()]


def test_a_stage_that_explains_refusals_inline_gets_no_notice_on_top(qtbot, window: MainWindow) -> None:
    document = open_demo(window)
    window.go_to_stage(Stage.TIMELINE)
    stage = window.workspace.current_view()
    assert isinstance(stage, TimelineStage) and stage.shows_refusals_inline
    events = len(document.retro.events)
    stage.entry_time.setFocus()
    qtbot.keyClicks(stage.entry_time, "14:05")
    stage.entry_text.setFocus()
    stage.entry_text.setText("Alert fired\x00 (pasted from a log)")  # a NUL cannot be stored
    with qtbot.waitSignal(document.refused):
        qtbot.keyClick(stage.entry_text, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert len(document.retro.events) == events
    assert stage.problem_banner.isVisible() and "NUL" in stage.problem_banner.text()
    assert visible_notices(window) == []  # said once, on the stage
    assert window.statusBar().currentMessage().startswith("Not saved:")


def test_a_stage_without_inline_refusals_still_gets_the_notice(qtbot, window: MainWindow) -> None:
    document = open_demo(window)
    setup = window.workspace.current_view()
    assert isinstance(setup, SetupStage) and not setup.shows_refusals_inline
    assert StageView.shows_refusals_inline is False
    summary = setup.text_fields["summary"]
    summary.setFocus()
    summary.setPlainText("Pasted from a log\x00 with a NUL in it")
    with qtbot.waitSignal(document.refused):
        summary.clearFocus()
    qtbot.waitUntil(lambda: len(visible_notices(window)) == 1)
    assert "NUL" in visible_notices(window)[0].text()
    assert window.statusBar().currentMessage().startswith("Not saved:")
