"""The projector window follows the facilitator and never shows private notes or controls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from retro.domain import Edit, PrivateNote, Stage, new_id
from tests.ui.workspace.harness import open_demo, trigger
from ui.main_window import MainWindow
from ui.stages.ground_rules import GroundRulesStage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

MARKER = "ZQX-PRIVATE-MARKER-7731"
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole,
         Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.StatusTipRole, Qt.ItemDataRole.WhatsThisRole)


def model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    out: list[str] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            for col in range(model.columnCount(parent)):
                index = model.index(row, col, parent)
                out.extend(str(index.data(role)) for role in ROLES if index.data(role) is not None)
                if col == 0 and model.hasChildren(index):
                    walk(index)

    walk(QModelIndex())
    for section in range(model.columnCount()):
        out.append(str(model.headerData(section, Qt.Orientation.Horizontal)))
    return out


def everything_shown(root: QWidget) -> str:
    """Every text the projector's widget tree holds: labels, text boxes, item models, graph items."""
    texts: list[str] = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QLineEdit | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QAbstractItemView):
            texts += model_texts(widget)
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                texts.append(item.toolTip())
                if isinstance(item, QGraphicsTextItem):
                    texts.append(item.toPlainText())
                elif isinstance(item, QGraphicsSimpleTextItem):
                    texts.append(item.text())
    return "\n".join(t for t in texts if t)


def controls(root: QWidget) -> list[QWidget]:
    """Widgets a person could operate: buttons, inputs, editable text."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        operable = isinstance(widget, QAbstractButton | QLineEdit | QComboBox | QAbstractSpinBox)
        editable_text = isinstance(widget, QTextEdit | QPlainTextEdit) and not widget.isReadOnly()
        if operable or editable_text:
            found.append(widget)
    return found


@pytest.fixture
def projecting(qtbot, window: MainWindow) -> MainWindow:
    document = open_demo(window)
    demo_note = next(iter(document.retro.private_notes.values()))
    jonas = demo_note.participant_id
    document.edit("Add private note", Edit.of(upsert=[PrivateNote(new_id(), f"{MARKER} coach Jonas", jonas)]))
    trigger(window.menus.projector_action)
    assert window.projector is not None and window.projector.isVisible()
    assert window.menus.projector_action.isChecked()
    return window


def test_projector_follows_every_stage_and_never_shows_private_notes(qtbot, projecting: MainWindow) -> None:
    window = projecting
    projector = window.projector
    demo_note = next(n.text for n in window.document.retro.private_notes.values() if MARKER not in n.text)
    for number, stage in enumerate(Stage):
        trigger(window.menus.stage_actions[number])
        qtbot.wait(10)
        assert projector.stage is stage
        assert projector.stage_label.text() == stage.label
        assert projector.countdown.text()  # the stage's time box is shown
        shown = everything_shown(projector)
        assert MARKER not in shown, f"the private note is on the projector at {stage.label}"
        assert demo_note[:40] not in shown, f"the demo's private note is on the projector at {stage.label}"
        assert controls(projector) == [], f"facilitator controls on the projector at {stage.label}"
    # Sanity: the walk would catch the marker in a label, a list model or an editable box.
    planted = QLabel(MARKER, projector.content)
    assert MARKER in everything_shown(projector)
    planted.deleteLater()


def test_projector_shows_the_countdown_and_follows_ground_rule_selection(qtbot, projecting: MainWindow) -> None:
    window = projecting
    trigger(window.menus.stage_actions[1])
    stage = window.workspace.current_view()
    assert isinstance(stage, GroundRulesStage)
    projected = window.projector.content
    stage.setFocus()
    stage.step(2)
    labels = {label.text(): label.property("current") for label in projected.findChildren(QLabel)
              if label.objectName() == "ProjectorRule"}
    assert labels["Everyone acted reasonably given what they knew."] is True
    assert labels["Hard on systems, soft on people."] is False
    window.workspace.clock.tick(5)
    assert window.projector.countdown.text() == window.workspace.countdown.text()


def test_projector_toggles_off_and_shows_a_card_in_the_library(qtbot, projecting: MainWindow) -> None:
    window = projecting
    trigger(window.menus.close_retro_action)
    assert window.projector.stage is None
    assert "Welcome" in everything_shown(window.projector)
    trigger(window.menus.projector_action)
    assert not window.projector.isVisible()
    assert not window.menus.projector_action.isChecked()
