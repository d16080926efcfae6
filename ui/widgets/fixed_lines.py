"""A strip of text that keeps one height while its text changes (it scrolls instead of growing).

A label that wraps grows and shrinks with its text; when the text follows what is being typed
(the findings above a form), the form below jumps with every key. :class:`FixedLinesArea` holds
the label in a scroll area exactly ``lines`` text lines tall, measured with the label's own
font, so the height is right at every font size and DPI.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy


class FixedLinesArea(QScrollArea):
    """``label`` in an area ``lines`` lines tall; longer text scrolls, shorter leaves the height alone."""

    def __init__(self, label: QLabel, lines: int) -> None:
        super().__init__()
        self._label = label
        self._lines = lines
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(label.accessibleName())
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setWidget(label)
        self.viewport().setAutoFillBackground(False)
        label.installEventFilter(self)
        self._fit_height()

    def _fit_height(self) -> None:
        label = self._label
        margins = label.contentsMargins()  # the style sheet's padding and border, once polished
        padding = margins.top() + margins.bottom() + 2 * label.margin() + 2
        self.setFixedHeight(label.fontMetrics().lineSpacing() * self._lines + padding)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._label and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange,
                                                       QEvent.Type.Polish):
            self._fit_height()
        return False
