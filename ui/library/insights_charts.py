"""A small horizontal bar chart painted with QPainter: labels left, bars, values right.

Sized to its rows; colours come from the palette (readable in light and dark themes), with an
optional colour per bar. Text is drawn as plain text, never rich text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    text: str  # what is written at the bar's end
    colour: str = ""


class BarChart(QWidget):
    ROW = 24

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._bars: tuple[Bar, ...] = ()
        self._empty = "Nothing to show yet."
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: Sequence[Bar], empty: str = "Nothing to show yet.") -> None:
        self._bars = tuple(bars)
        self._empty = empty
        self.setAccessibleDescription("; ".join(f"{b.label}: {b.text}" for b in self._bars) or empty)
        self.updateGeometry()
        self.update()

    @property
    def bars(self) -> tuple[Bar, ...]:
        return self._bars

    def sizeHint(self) -> QSize:
        return QSize(360, max(1, len(self._bars)) * self.ROW + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        metrics = QFontMetrics(self.font())
        if not self._bars:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._empty)
            return
        width = self.width()
        label_w = min(max(metrics.horizontalAdvance(b.label) for b in self._bars) + 16, int(width * 0.45))
        value_w = max(metrics.horizontalAdvance(b.text) for b in self._bars) + 10
        bar_w = max(20, width - label_w - value_w - 4)
        top = max((b.value for b in self._bars), default=0) or 1
        accent = palette.color(QPalette.ColorRole.Highlight)
        for i, bar in enumerate(self._bars):
            y = i * self.ROW + 3
            painter.setPen(text_colour)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_w - 8)
            painter.drawText(QRectF(0, y, label_w - 6, self.ROW - 4),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            length = bar_w * (bar.value / top) if bar.value > 0 else 0
            colour = QColor(bar.colour) if bar.colour else accent
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(label_w, y + 3, max(length, 2 if bar.value > 0 else 0), self.ROW - 10), 3, 3)
            painter.setPen(text_colour)
            painter.drawText(QRectF(label_w + length + 6, y, value_w, self.ROW - 4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, bar.text)
