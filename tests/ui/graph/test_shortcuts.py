"""The canvas's keys: Ctrl+N stays File ▸ New retrospective, and Help lists the canvas's own keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from tests.ui.workspace.harness import open_demo, trigger
from ui.graph.view import GraphView
from ui.library.new_retro import NewRetroDialog
from ui.main_window import MainWindow
from ui.stages.factors import FactorsStage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def focused_canvas(qtbot, window: MainWindow) -> GraphView:
    """The demo retro's Contributing factors canvas, with the keyboard focus."""
    open_demo(window)
    trigger(window.menus.stage_actions[3])
    stage = window.workspace.current_view()
    assert isinstance(stage, FactorsStage)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    stage.view.setFocus()
    assert stage.view.hasFocus()
    return stage.view


def test_ctrl_n_on_the_canvas_starts_a_new_retrospective_not_a_factor(qtbot, window: MainWindow) -> None:
    view = focused_canvas(qtbot, window)
    document = window.document
    assert document is not None
    factors = len(document.retro.factors)
    QTest.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(document.retro.factors) == factors
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, NewRetroDialog) and w.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].reject()


def test_insert_on_the_canvas_still_adds_a_factor(qtbot, window: MainWindow) -> None:
    view = focused_canvas(qtbot, window)
    document = window.document
    assert document is not None
    factors = len(document.retro.factors)
    QTest.keyClick(view, Qt.Key.Key_Insert)
    assert len(document.retro.factors) == factors + 1


def test_keyboard_shortcuts_help_lists_the_canvas_keys(qtbot, window: MainWindow) -> None:
    trigger(window.menus.shortcuts_action)
    dialog = next(d for d in window.findChildren(QDialog) if d.windowTitle() == "Keyboard shortcuts")
    text = dialog.findChild(QLabel).text()
    canvas = text.index("On the contributing factors canvas")
    for expected in ("Add a contributing factor</td><td style='padding-left:24px'><b>Ins<",
                     "Rename the selected card</td><td style='padding-left:24px'><b>F2<",
                     "Connect the selected factor to…</td><td style='padding-left:24px'><b>C<",
                     "Delete the selection</td><td style='padding-left:24px'><b>Del<",
                     "Fit the graph</td><td style='padding-left:24px'><b>Ctrl+0<"):
        assert text.index(expected) > canvas
    assert "New retrospective" in text[:canvas]  # Ctrl+N is listed once, for File ▸ New
    assert "Ctrl+N" not in text[canvas:]
    dialog.close()
