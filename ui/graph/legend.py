"""The legend beside the canvas: each category's colour with its name, the impact and loop arrows.

A strip that wraps onto more rows when narrow; it sits above the canvas, never over a card.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from retro.domain import FactorCategory

from ..theme import theme_signals
from .palette import (
    CATEGORY_COLOURS,
    FACILITATOR,
    FACILITATOR_DARK,
    GraphStyle,
    facilitator_style,
    text_colour_on,
)

SWATCH = 14.0
GAP = 18.0
MARGIN = 8.0


class Legend(QWidget):
    """A key to the graph's colours and lines; it takes no focus and no clicks."""

    def __init__(self, style: GraphStyle, parent: QWidget | None = None, *, scale: float = 1.0,
                 categories: bool = True) -> None:
        super().__init__(parent)
        self._style = style
        #: Without the category swatches (the projector's board names each card's category in its band).
        self._categories = categories
        #: Key the feedback loop's dashed arrow (only where one is drawn: :meth:`set_loop_shown`).
        self._loop = True
        self._scale = scale
        self._font = QFont("DejaVu Sans")
        self._font.setPointSizeF(8.5 * scale)
        self._font.setBold(style.title_bold)
        self.setObjectName("GraphLegend")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        if style in (FACILITATOR, FACILITATOR_DARK):  # beside the canvas: follows the theme like it
            theme_signals().changed.connect(self._theme_changed)
        self.setAccessibleName("Legend")
        entries = ", ".join(c.label for c in FactorCategory)
        self.setAccessibleDescription(
            f"Card colours by category: {entries}. The impact has an orange frame; "
            "dashed arrows close a feedback loop."
        )

    def _theme_changed(self, dark: bool) -> None:
        self.set_style(facilitator_style(dark))

    def set_style(self, style: GraphStyle) -> None:
        self._style = style
        self.update()

    def set_text_pixels(self, pixels: int) -> None:
        """Draw the labels ``pixels`` tall (the projector's text size); swatches grow with them."""
        self._font.setPixelSize(max(1, pixels))
        self._scale = pixels / (SWATCH * 0.8)
        self.updateGeometry()
        self.update()

    def entries(self) -> list[tuple[str, str]]:
        """(colour or "impact"/"loop", label) in the order shown."""
        rows = [(CATEGORY_COLOURS[c], c.label) for c in FactorCategory] if self._categories else []
        rows.append(("impact", "Impact (what customers felt)"))
        if self._loop:
            rows.append(("loop", "Feedback loop"))
        return rows

    def set_loop_shown(self, shown: bool) -> None:
        """Key the feedback loop only while the graph draws one: a key to nothing drawn misleads."""
        if shown != self._loop:
            self._loop = shown
            self.updateGeometry()
            self.update()

    def _metrics(self) -> tuple[QFontMetrics, float, float]:
        metrics = QFontMetrics(self._font)
        swatch = SWATCH * self._scale
        line = max(metrics.height(), swatch) + 6 * self._scale
        return metrics, swatch, line

    def _entry_width(self, metrics: QFontMetrics, swatch: float, text: str) -> float:
        return swatch * 1.6 + 6 * self._scale + metrics.horizontalAdvance(text)

    def _positions(self, width: float) -> tuple[list[QPointF], float]:
        metrics, swatch, line = self._metrics()
        x, y = MARGIN, MARGIN / 2
        out: list[QPointF] = []
        for _, text in self.entries():
            w = self._entry_width(metrics, swatch, text)
            if x > MARGIN and x + w > width - MARGIN:
                x, y = MARGIN, y + line
            out.append(QPointF(x, y))
            x += w + GAP * self._scale
        return out, y + line + MARGIN / 2

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(self._positions(float(width))[1] + 0.5)

    def sizeHint(self) -> QSize:
        metrics, swatch, _ = self._metrics()
        width = sum(self._entry_width(metrics, swatch, t) + GAP * self._scale for _, t in self.entries())
        width = int(width + 2 * MARGIN)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        # the height its lines need at the width it has: its seven-line height at 120 px, at a
        # 1920×1080 projector's text size, held the window above 720 lines when it moved to a
        # 1280×720 screen, before the text could shrink to fit
        return QSize(120, self.heightForWidth(max(self.width(), 120)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.heightForWidth(event.size().width()) != self.heightForWidth(event.oldSize().width()):
            self.updateGeometry()  # fewer or more lines at the new width

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(self._style.background))
        painter.setFont(self._font)
        _, swatch, line = self._metrics()
        ink = text_colour_on(QColor(self._style.background))  # black on a light ground, white on a dark one
        text_colour = QColor(self._style.card_text) if self._style.name.startswith("facilitator") else ink
        positions, _ = self._positions(float(self.width()))
        for (colour, text), at in zip(self.entries(), positions, strict=True):
            box = QRectF(at.x(), at.y() + (line - swatch) / 2, swatch * 1.6, swatch)
            if colour == "impact":
                painter.setPen(QPen(QColor(self._style.impact_border), 2.5))
                painter.setBrush(QColor(self._style.impact_fill))
                painter.drawRoundedRect(box, 3, 3)
            elif colour == "loop":
                painter.setPen(QPen(QColor(self._style.feedback_arrow), 2.0 * self._scale, Qt.PenStyle.DashLine))
                mid = box.center().y()
                painter.drawLine(QPointF(box.left(), mid), QPointF(box.right(), mid))
            else:
                painter.setPen(QPen(ink, 0.8))
                painter.setBrush(QColor(colour))
                painter.drawRoundedRect(box, 3, 3)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(box.right() + 6 * self._scale, at.y(), self.width(), line),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )
        painter.end()
