"""The "contributed to" arrows: curves from a cause card to an effect card that follow them.

Forward arrows leave the cause's right edge and enter the effect's left edge, spread along each
edge in the order of the far ends' heights (the scene assigns the ports), and go around cards
that sit in between. Arrows closing a feedback loop are dashed and arch over the cards.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from retro.analysis import routing
from retro.domain import FactorLink
from ui.widgets.plain_text import plain_tooltip

from .items import BADGE_HEIGHT, HANDLE_RADIUS, NodeItem
from .palette import GraphStyle

ARROW_HEAD = 11.0


def rounded_polyline(path: QPainterPath, points: list[QPointF], radius: float) -> None:
    """Continue ``path`` (at ``points[0]``) along ``points`` with corners rounded by ``radius``."""
    for k in range(1, len(points)):
        here = points[k]
        if k == len(points) - 1:
            path.lineTo(here)
            break
        before, after = points[k - 1], points[k + 1]
        a = here - before
        b = after - here
        la, lb = math.hypot(a.x(), a.y()), math.hypot(b.x(), b.y())
        r = min(radius, la / 2, lb / 2)
        if r < 0.5:
            path.lineTo(here)
            continue
        path.lineTo(here - a * (r / la))
        path.quadTo(here, here + b * (r / lb))


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
        self.setToolTip(plain_tooltip(text))

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
        # the same router as the PDF (retro.analysis.routing): around every card it does not connect
        window = QRectF(start, end).normalized().adjusted(-400, -300, 400, 300)
        rects = []
        for node in self.obstacles(window) if self.obstacles is not None else ():
            if node is self.cause or node is self.effect:
                continue
            x0, top, x1, bottom = node.box
            rects.append((x0, top, x1, bottom + BADGE_HEIGHT / 2))
        points = [QPointF(x, y) for x, y in routing.route((start.x(), start.y()), (end.x(), end.y()), rects, margin=14)]
        rounded_polyline(path, points, 12.0)
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
