"""The graph's cards: contributing factors and impact nodes (the arrows are in ui.graph.arrows).

Items only draw; they never edit the retro. A card tells its scene when it moved (so arrows
follow) and when its in-place title editor finished; the scene turns gestures into edits.
Text is laid out lazily on first paint and cached, so building a big scene stays quick.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from retro.domain import Factor, FactorLink, Impact
from ui.widgets.plain_text import plain_tooltip

from .palette import BAND_HEIGHT, CARD_HEIGHT, CARD_WIDTH, CORNER, GraphStyle, category_colour, text_colour_on


class AttachedArrow(Protocol):
    """What a card and its scene use of an arrow attached to it (:class:`ui.graph.arrows.LinkArrow`).

    A protocol, so this module need not import the arrows (which import the cards).
    """

    link: FactorLink
    cause: NodeItem
    effect: NodeItem
    out_port: tuple[int, int]
    in_port: tuple[int, int]

    def update_path(self) -> None: ...


PADDING = 8.0
BADGE_HEIGHT = 18.0
HANDLE_RADIUS = 7.0
ARROW_HEAD = 11.0


def wrap_lines(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """``text`` wrapped to ``width`` in at most ``max_lines`` lines, the last elided if needed."""
    text = " ".join(text.split())
    if not text:
        return []
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [text[s : s + n].strip() for s, n in spans[:max_lines]]
    if len(spans) > max_lines and lines:
        rest = text[spans[max_lines - 1][0] :]
        lines[-1] = QFontMetricsF(font).elidedText(rest + " …", Qt.TextElideMode.ElideRight, width)
    return lines


_BAND: list[QPainterPath] = []


def _band_path() -> QPainterPath:
    """The top of a card with its rounded corners (made once: path intersection is slow)."""
    if not _BAND:
        card = QPainterPath()
        card.addRoundedRect(QRectF(0, 0, CARD_WIDTH, CARD_HEIGHT), CORNER, CORNER)
        band = QPainterPath()
        band.addRect(QRectF(0, 0, CARD_WIDTH, BAND_HEIGHT))
        _BAND.append(card.intersected(band))
    return _BAND[0]


class _Fonts:
    """Fonts per style, made on first use (a QFont wants a running application)."""

    _cache: dict[tuple[str, str], QFont] = {}  # noqa: RUF012 - a deliberate class-wide cache

    @classmethod
    def get(cls, style: GraphStyle, role: str) -> QFont:
        key = (style.name, role)
        font = cls._cache.get(key)
        if font is None:
            font = QFont("DejaVu Sans")
            if role == "title":
                font.setPointSizeF(style.title_point_size)
                font.setBold(style.title_bold)
            elif role == "band":
                font.setPointSizeF(style.title_point_size * 0.72)
                font.setBold(True)
            else:  # badge
                font.setPointSizeF(style.title_point_size * 0.75)
                font.setBold(style.title_bold)
            cls._cache[key] = font
        return font


class NodeItem(QGraphicsItem):
    """A card-shaped node (a factor or an impact) that arrows attach to."""

    def __init__(self, node_id: str, style: GraphStyle, editable: bool) -> None:
        super().__init__()
        self.node_id = node_id
        self.style = style
        self.arrows_out: list[AttachedArrow] = []
        self.arrows_in: list[AttachedArrow] = []
        self.editing = False
        self.highlighted = False
        self.finding_text = ""
        self._lines: list[str] | None = None
        #: (left, top, right, bottom) in scene coordinates, kept current as the card moves.
        self.box = (0.0, 0.0, CARD_WIDTH, CARD_HEIGHT)
        flags = QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        if editable:
            flags |= (
                QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
            )
        self.setFlags(flags)
        self.setZValue(1.0)
        # Cards are redrawn from a pixmap while other things move over or around them.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    # geometry -------------------------------------------------------------------------------

    def rect(self) -> QRectF:
        return QRectF(0, 0, CARD_WIDTH, CARD_HEIGHT)

    def boundingRect(self) -> QRectF:
        return QRectF(-4, -4, CARD_WIDTH + HANDLE_RADIUS + 8, CARD_HEIGHT + BADGE_HEIGHT / 2 + 6)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.rect(), CORNER, CORNER)
        return path

    def centre(self) -> QPointF:
        return self.pos() + QPointF(CARD_WIDTH / 2, CARD_HEIGHT / 2)

    def scene_rect(self) -> QRectF:
        return self.rect().translated(self.pos())

    def title_rect(self) -> QRectF:
        top = BAND_HEIGHT + 5
        return QRectF(PADDING, top, CARD_WIDTH - 2 * PADDING, CARD_HEIGHT - top - BADGE_HEIGHT / 2 - 4)

    # state ----------------------------------------------------------------------------------

    @property
    def title(self) -> str:
        raise NotImplementedError

    def kind_label(self) -> str:
        raise NotImplementedError

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.update()

    def set_finding(self, text: str) -> None:
        if text != self.finding_text:
            self.finding_text = text
            self._refresh_tooltip()
            self.update()

    def _refresh_tooltip(self) -> None:
        tip = f"{self.kind_label()}: {self.title}"
        if self.finding_text:
            tip += f"\n\n{self.finding_text}"
        self.setToolTip(plain_tooltip(tip))

    def _invalidate_text(self) -> None:
        self._lines = None
        self._refresh_tooltip()
        self.update()

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            x, y = value.x(), value.y()
            self.box = (x, y, x + CARD_WIDTH, y + CARD_HEIGHT)
            scene = self.scene()
            if scene is not None:
                scene.node_moved(self)  # type: ignore[attr-defined]
        elif change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.setZValue(2.0 if value else 1.0)
        # What the base class returns, without calling it: PySide's base itemChange drops a
        # reference to None each time it returns it, which in time crashes the interpreter.
        return value

    # painting -------------------------------------------------------------------------------

    def _title_lines(self) -> list[str]:
        if self._lines is None:
            font = _Fonts.get(self.style, "title")
            line_height = QFontMetricsF(font).lineSpacing()
            max_lines = max(1, min(self.style.max_title_lines, int(self.title_rect().height() // line_height)))
            self._lines = wrap_lines(self.title, font, self.title_rect().width(), max_lines)
        return self._lines

    def _paint_title(self, painter: QPainter) -> None:
        if self.editing:
            return
        font = _Fonts.get(self.style, "title")
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        painter.setPen(QColor(self.style.card_text))
        area = self.title_rect()
        y = area.top() + metrics.ascent()
        for line in self._title_lines():
            painter.drawText(QPointF(area.left(), y), line)
            y += metrics.lineSpacing()

    def _paint_frame(self, painter: QPainter, fill: QColor, border: QColor, width: float) -> None:
        painter.setPen(QPen(border, width))
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(self.rect(), CORNER, CORNER)

    def _paint_band(self, painter: QPainter, colour: QColor, label: str) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPath(_band_path())
        painter.setFont(_Fonts.get(self.style, "band"))
        painter.setPen(text_colour_on(colour))
        painter.drawText(
            QRectF(PADDING, 0, CARD_WIDTH - 2 * PADDING - 18, BAND_HEIGHT),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            label,
        )

    def _paint_finding_marker(self, painter: QPainter) -> None:
        if not self.finding_text:
            return
        centre = QPointF(CARD_WIDTH - PADDING - 6, BAND_HEIGHT / 2)
        painter.setPen(QPen(QColor("#000000"), 1))
        painter.setBrush(QColor(self.style.warning_fill))
        painter.drawEllipse(centre, 7.5, 7.5)
        painter.setFont(_Fonts.get(self.style, "band"))
        painter.setPen(QColor(self.style.warning_text))
        painter.drawText(QRectF(centre.x() - 7.5, centre.y() - 7.5, 15, 15), Qt.AlignmentFlag.AlignCenter, "?")

    def _paint_selection(self, painter: QPainter) -> None:
        """A solid outline when selected; when highlighted, dashed on the facilitator's canvas
        (where an arrow being drawn will land) and solid on the projector (what is selected)."""
        if not (self.isSelected() or self.highlighted):
            return
        pen = QPen(QColor(self.style.selection), 3.5 if self.highlighted else 3.0)
        if self.highlighted and not self.isSelected() and self.style.name == "facilitator":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(pen)
        painter.drawRoundedRect(self.rect().adjusted(-3, -3, 3, 3), CORNER + 3, CORNER + 3)

    def _paint_pill(self, painter: QPainter, rect: QRectF, text: str, warn: bool) -> None:
        painter.setPen(QPen(QColor(self.style.warning_text if warn else self.style.card_border), 0.9))
        painter.setBrush(QColor(self.style.warning_fill if warn else self.style.card_fill))
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setPen(QColor(self.style.warning_text if warn else self.style.muted_text))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


class FactorCard(NodeItem):
    """A contributing factor: category band, wrapped title, evidence and action badges."""

    def __init__(self, factor: Factor, style: GraphStyle, editable: bool = True) -> None:
        super().__init__(factor.id, style, editable)
        self.factor = factor
        self.evidence_count = 0
        self.has_action = False
        self.setAcceptHoverEvents(False)
        self.setPos(factor.x or 0.0, factor.y or 0.0)
        self._refresh_tooltip()

    @property
    def title(self) -> str:
        return self.factor.title

    def kind_label(self) -> str:
        return f"Contributing factor ({self.factor.category.label})"

    def set_factor(self, factor: Factor) -> None:
        old = self.factor
        self.factor = factor
        if (old.title, old.category) != (factor.title, factor.category):
            self._invalidate_text()

    def set_badges(self, evidence_count: int, has_action: bool) -> None:
        if (evidence_count, has_action) != (self.evidence_count, self.has_action):
            self.evidence_count, self.has_action = evidence_count, has_action
            self.update()

    def handle_centre(self) -> QPointF:
        return QPointF(CARD_WIDTH, CARD_HEIGHT / 2)

    def on_handle(self, scene_pos: QPointF) -> bool:
        """Is ``scene_pos`` on the connector handle (drag from it to connect)?"""
        local = self.mapFromScene(scene_pos)
        delta = local - self.handle_centre()
        return math.hypot(delta.x(), delta.y()) <= HANDLE_RADIUS + 3

    def shape(self) -> QPainterPath:
        path = super().shape()
        path.addEllipse(self.handle_centre(), HANDLE_RADIUS + 3, HANDLE_RADIUS + 3)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        style = self.style
        colour = category_colour(self.factor.category)
        self._paint_frame(painter, QColor(style.card_fill), QColor(style.card_border), style.border_width)
        self._paint_band(painter, colour, self.factor.category.label)
        self._paint_finding_marker(painter)
        self._paint_title(painter)
        self._paint_selection(painter)  # under the badges, which straddle the bottom edge
        painter.setFont(_Fonts.get(style, "badge"))
        bottom = CARD_HEIGHT - BADGE_HEIGHT / 2
        if self.evidence_count:
            label = f"{self.evidence_count} evidence"
            self._paint_pill(painter, QRectF(PADDING, bottom, 86, BADGE_HEIGHT), label, False)
        else:
            self._paint_pill(painter, QRectF(PADDING, bottom, 86, BADGE_HEIGHT), "no evidence", True)
        if not self.has_action:
            self._paint_pill(painter, QRectF(CARD_WIDTH - PADDING - 98, bottom, 98, BADGE_HEIGHT), "no action yet", True)
        # connector handle: drag from it onto another card to say "contributed to"
        painter.setPen(QPen(QColor(style.arrow if style.name == "facilitator" else style.card_border), 1.5))
        painter.setBrush(colour if self.isSelected() else QColor(style.card_fill))
        painter.drawEllipse(self.handle_centre(), HANDLE_RADIUS, HANDLE_RADIUS)


class ImpactNode(NodeItem):
    """What customers felt: the node the contributing factors lead to."""

    def __init__(self, impact: Impact, style: GraphStyle, editable: bool = True) -> None:
        super().__init__(impact.id, style, editable)
        self.impact = impact
        self.setPos(impact.x or 0.0, impact.y or 0.0)
        self._refresh_tooltip()

    @property
    def title(self) -> str:
        return self.impact.title

    def kind_label(self) -> str:
        return "Impact"

    def set_impact(self, impact: Impact) -> None:
        old = self.impact
        self.impact = impact
        if old.title != impact.title:
            self._invalidate_text()

    def title_rect(self) -> QRectF:
        top = BAND_HEIGHT + 6
        return QRectF(PADDING, top, CARD_WIDTH - 2 * PADDING, CARD_HEIGHT - top - 6)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        style = self.style
        border = QColor(style.impact_border)
        self._paint_frame(painter, QColor(style.impact_fill), border, style.border_width + 1.5)
        self._paint_band(painter, border, "Impact")
        self._paint_title(painter)
        self._paint_selection(painter)


def card_title_font(style: GraphStyle) -> QFont:
    """The font a card's title is drawn in (in scene units), for views that size the cards."""
    return _Fonts.get(style, "title")
