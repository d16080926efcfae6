"""Every control a person can reach on the shell's pages has a name a screen reader can say."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from retro.domain import Stage
from tests.ui.workspace.harness import open_demo, trigger
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

CONTROLS = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit)


def spoken_name(widget: QWidget, root: QWidget) -> str:
    """What assistive technology would announce: the accessible name, the text, or a buddy label."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text()
    parent = widget.parentWidget()
    if isinstance(parent, QComboBox | QAbstractSpinBox) and parent.accessibleName():
        return parent.accessibleName()  # the line edit inside an editable combo or spin box
    for label in root.findChildren(QLabel):
        if label.buddy() is widget:
            return label.text()
    return ""


def unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QTabBar):
            continue
        if not widget.isVisibleTo(root) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if widget.objectName().startswith("qt_"):  # Qt's own internals (scroll bars, calendar parts)
            continue
        if not spoken_name(widget, root):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parentWidget()).__name__}")
    return missing


def test_library_controls_are_named(window: MainWindow) -> None:
    assert unnamed(window.library) == []


@pytest.mark.parametrize("stage", [Stage.SETUP, Stage.GROUND_RULES])
def test_workspace_and_my_stages_are_named(window: MainWindow, stage: Stage) -> None:
    open_demo(window)
    trigger(window.menus.stage_actions[list(Stage).index(stage)])
    assert unnamed(window.workspace.navigator.parentWidget()) == []
    assert unnamed(window.workspace.current_view()) == []


def test_a_nameless_field_is_reported(qtbot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    QLineEdit(root).setObjectName("mystery")
    named = QLineEdit(root)
    named.setAccessibleName("Incident title")
    assert unnamed(root) == ["QLineEdit 'mystery' in QWidget"]
