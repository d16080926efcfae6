"""The graph's items: contributing-factor cards, impact nodes and "contributed to" arrows.

Items only draw; they never edit the retro. A card tells its scene when it moved (so arrows
follow) and when its in-place title editor finished; the scene turns gestures into edits.
Text is laid out lazily on first paint and cached, so building a big scene stays quick.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from retro.domain import Factor, FactorLink, Impact

from .palette import BAND_HEIGHT, CARD_HEIGHT, CARD_WIDTH, CORNER, GraphStyle, category_colour, text_colour_on

if TYPE_CHECKING:
    from .scene import FactorScene

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
        self.arrows_out: list[LinkArrow] = []
        self.arrows_in: list[LinkArrow] = []
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
        self.setToolTip(tip)

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
        if self.isSelected() or self.highlighted:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(self.style.selection), 3.5 if self.highlighted else 3.0))
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


class LinkArrow(QGraphicsItem):
    """A "contributed to" arrow from a cause card to an effect card, following both as they move.

    Forward arrows run from the cause's right edge to the effect's left edge, around cards in
    between. Arrows that close a feedback loop are dashed; they, and arrows that point backwards
    on the canvas, arch over the cards from top edge to top edge.
    """

    def __init__(self, link: FactorLink, cause: NodeItem, effect: NodeItem, style: GraphStyle,
                 editable: bool = True) -> None:
        super().__init__()
        self.link = link
        self.cause = cause
        self.effect = effect
        self.style = style
        self.feedback = False
        self.out_port = (0, 1)  # (index, count) along the cause's right edge
        self.in_port = (0, 1)  # (index, count) along the effect's left edge
        self._path = QPainterPath()
        self._head = QPolygonF()
        self._shape: QPainterPath | None = None
        self._bounds = QRectF()
        #: Given a scene rectangle, the cards in or near it (set by the scene; None: no routing).
        self.obstacles: Callable[[QRectF], Iterable[NodeItem]] | None = None
        if editable:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(0.0)
        self._refresh_tooltip()

    def _refresh_tooltip(self) -> None:
        text = f"“{self.cause.title}” contributed to “{self.effect.title}”"
        if self.feedback:
            text += " (feedback loop)"
        if self.link.note:
            text += f"\n{self.link.note}"
        self.setToolTip(text)

    def set_feedback(self, on: bool) -> None:
        if on != self.feedback:
            self.feedback = on
            self._refresh_tooltip()
            self.update_path()

    def update_path(self) -> None:
        """Recompute the curve from the cards' current geometry."""
        self.prepareGeometryChange()
        a, b = self.cause.scene_rect(), self.effect.scene_rect()
        path = QPainterPath()
        forward = b.left() >= a.right() + 12 and not self.feedback
        if forward:
            i, n = self.out_port
            j, m = self.in_port
            start = QPointF(a.right() + HANDLE_RADIUS, a.top() + a.height() * (i + 1) / (n + 1))
            end = QPointF(b.left(), b.top() + b.height() * (j + 1) / (m + 1))
            path = self._forward_path(start, end)
        elif b.top() >= a.bottom() + 12 and not self.feedback:
            start = QPointF(a.center().x(), a.bottom())
            end = QPointF(b.center().x(), b.top())
            dy = max(30.0, (end.y() - start.y()) / 2)
            path.moveTo(start)
            path.cubicTo(start + QPointF(0, dy), end - QPointF(0, dy), end)
        else:  # backwards or a loop: a curve that arches over both cards (the badges sit below)
            start = QPointF(a.center().x() + 20, a.top())
            end = QPointF(b.center().x() - 20, b.top())
            height = min(a.top(), b.top()) - 60 - abs(start.x() - end.x()) * 0.08
            path.moveTo(start)
            path.cubicTo(QPointF(start.x(), height), QPointF(end.x(), height), end)
        self._path = path
        angle = math.radians(path.angleAtPercent(1.0))
        tip = path.pointAtPercent(1.0)
        back = QPointF(-math.cos(angle), math.sin(angle)) * ARROW_HEAD
        side = QPointF(-math.sin(angle), -math.cos(angle)) * (ARROW_HEAD * 0.5)
        self._head = QPolygonF([tip, tip + back + side, tip + back - side])
        self._shape = None
        margin = ARROW_HEAD + self.style.arrow_width + 2
        self._bounds = path.boundingRect().united(self._head.boundingRect()).adjusted(
            -margin, -margin, margin, margin
        )
        self.update()

    def _forward_path(self, start: QPointF, end: QPointF) -> QPainterPath:
        """An S-curve from start to end that goes around cards in between, not behind them."""
        dx = max(40.0, (end.x() - start.x()) / 2)
        path = QPainterPath(start)
        blockers = self._blockers(start, end, dx)
        if not blockers:
            path.cubicTo(start + QPointF(dx, 0), end - QPointF(dx, 0), end)
            return path
        left = min(r.left() for r in blockers) - 14
        right = max(r.right() for r in blockers) + 14
        above = min(r.top() for r in blockers) - 14
        below = max(r.bottom() for r in blockers) + BADGE_HEIGHT / 2 + 12
        middle = (start.y() + end.y()) / 2
        lane = above if abs(above - middle) <= abs(below - middle) else below
        bend_in = max(30.0, (left - start.x()) / 2)
        bend_out = max(30.0, (end.x() - right) / 2)
        path.cubicTo(start + QPointF(bend_in, 0), QPointF(left - bend_in, lane), QPointF(left, lane))
        path.lineTo(QPointF(right, lane))
        path.cubicTo(QPointF(right + bend_out, lane), end - QPointF(bend_out, 0), end)
        return path

    def _blockers(self, start: QPointF, end: QPointF, dx: float) -> list[QRectF]:
        """Cards (other than its own ends) that the plain S-curve would pass behind."""
        if self.obstacles is None:
            return []
        x0, y0, x3, y3 = start.x(), start.y(), end.x(), end.y()
        low, high = min(y0, y3) - 8, max(y0, y3) + 8
        boxes = []
        for node in self.obstacles(QRectF(x0, low, x3 - x0, high - low)):
            if node is self.cause or node is self.effect:
                continue
            left, top, right, bottom = node.box
            left, top, right, bottom = left - 6, top - 6, right + 6, bottom + 6
            if right >= x0 and left <= x3 and bottom >= low and top <= high:
                boxes.append((left, top, right, bottom))
        if not boxes:
            return []
        # The curve runs left to right (x grows with t), so samples are sorted by x.
        x1, x2 = x0 + dx, x3 - dx
        steps = max(8, int((abs(x3 - x0) + abs(y3 - y0)) / 30))
        xs: list[float] = []
        ys: list[float] = []
        for k in range(1, steps):
            t = k / steps
            u = 1 - t
            xs.append(u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3)
            ys.append((u * u * u + 3 * u * u * t) * y0 + (3 * u * t * t + t * t * t) * y3)
        hit = []
        for left, top, right, bottom in boxes:
            k = bisect_left(xs, left)
            while k < len(xs) and xs[k] <= right:
                if top <= ys[k] <= bottom:
                    hit.append(QRectF(left, top, right - left, bottom - top))
                    break
                k += 1
        return hit

    def path(self) -> QPainterPath:
        """The arrow's curve in scene coordinates (without the head)."""
        return self._path

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(12)
            shape = stroker.createStroke(self._path)
            shape.addPolygon(self._head)
            self._shape = shape
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colour = QColor(self.style.feedback_arrow if self.feedback else self.style.arrow)
        width = self.style.arrow_width * (2.0 if self.isSelected() else 1.0)
        pen = QPen(colour, width)
        if self.feedback:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(QPen(colour, 1))
        painter.setBrush(colour)
        painter.drawPolygon(self._head)


def scene_of(item: QGraphicsItem) -> FactorScene | None:
    """The :class:`FactorScene` holding ``item``, if any."""
    from .scene import FactorScene

    scene = item.scene()
    return scene if isinstance(scene, FactorScene) else None
