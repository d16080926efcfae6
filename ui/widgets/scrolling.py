"""A form that scrolls when the window is shorter than the form, instead of making the window taller."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolling(widget: QWidget, name: str = "") -> QScrollArea:
    """``widget`` in a frameless area that scrolls up and down (its width follows the area's).

    A laptop's 768 pixels must never be the minimum height of a tall form: the form scrolls.
    """
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    area.setAccessibleName(name or widget.accessibleName())
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area
