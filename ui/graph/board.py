"""The whole graph for the room: every card, large enough to read from the back of the room.

The facilitator's canvas shown whole on a 1280×720 projector drew its card text at 8–9 px. The
board is the projector's own arrangement of the same graph (:mod:`retro.analysis.projector_board`):
the canvas's columns, causes left and the impact right, wrapped to the projector's shape, each
card with a short label in bold type (the close-up, F, shows the full title). It is fitted to the
picture whole; when a graph is too large for its text to reach :data:`READABLE_SHARE` of the body text there,
the board stays at that size, centred on the facilitator's selection, and says how many cards are
out of the picture (both sizes are shares of the projector's body text size). The selection is outlined in yellow. Nothing on it takes a click.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from retro.analysis import loop_arrows, routing
from retro.analysis.projector_board import Board, board_layout, short_label
from retro.domain import Changes, Factor, FactorLink, Impact, Participant
from retro.domain.projector_names import shown_text
from retro.domain.retro import Retro

from ..document import RetroDocument
from .arrows import rounded_polyline
from .items import wrap_lines
from .palette import PROJECTOR, category_colour, text_colour_on


@dataclass(frozen=True, slots=True)
class CardShape:
    """A board card in scene units: ``lines`` of bold title under a category band."""

    width: float
    height: float
    lines: int
    label_limit: int
    gap_x: float
    gap_y: float

    @property
    def cell(self) -> tuple[float, float]:
        return self.width + self.gap_x, self.height + self.gap_y


#: The shapes a board tries, roomiest first: the first whose text reaches :data:`ROOMY_SHARE`
#: on the picture is used (three lines of title, then two, then two on a narrower card).
SHAPES = (CardShape(300.0, 156.0, 4, 90, 48.0, 20.0), CardShape(300.0, 128.0, 3, 60, 48.0, 18.0), CardShape(300.0, 100.0, 2, 40, 48.0, 16.0),
          CardShape(236.0, 100.0, 2, 30, 40.0, 14.0))
BAND_H = 28.0
TITLE_PIXELS, BAND_PIXELS = 24, 16
#: A shape is taken when its text is drawn at least this share of the body text (20 px at 720p).
ROOMY_SHARE = 0.84
#: Below this share of the projector's body text size (24 px at 720 lines) the board stops
#: shrinking and shows part of the graph (18 px at 1280×720).
READABLE_SHARE = 0.75
MARGIN = 12.0
#: Up to this many cards, arrows go around the cards in their way (routing 100 cards took ~0.1 s
#: of CPU per graph edit, 300 cards 0.7 s; a board that large no longer fits the picture anyway).
ROUTED_CARDS = 60


def _font(pixels: int) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(pixels)
    font.setBold(True)
    return font


class BoardCard(QGraphicsItem):
    """One factor or impact on the board: band with its category, short label, yellow when followed."""

    def __init__(self, node_id: str, band: str, band_colour: QColor, label: str, *, impact: bool,
                 shape: CardShape) -> None:
        super().__init__()
        self.card_shape = shape
        self.node_id = node_id
        self.band = band
        self.band_colour = band_colour
        self.label = label
        self.impact = impact
        self.highlighted = False
        self.title_font = _font(TITLE_PIXELS)
        self.band_font = _font(BAND_PIXELS)
        self.lines = wrap_lines(label, self.title_font, shape.width - 24, shape.lines)
        self.band = QFontMetricsF(self.band_font).elidedText(band, Qt.TextElideMode.ElideRight, shape.width - 24)

    def boundingRect(self) -> QRectF:
        return QRectF(-6, -6, self.card_shape.width + 12, self.card_shape.height + 12)

    def rect(self) -> QRectF:
        return QRectF(0, 0, self.card_shape.width, self.card_shape.height)

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        style = PROJECTOR
        fill = QColor(style.impact_fill if self.impact else style.card_fill)
        path = QPainterPath()
        path.addRoundedRect(self.rect(), 10, 10)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(path, fill)
        painter.save()
        painter.setClipPath(path)
        width, height = self.card_shape.width, self.card_shape.height
        painter.fillRect(QRectF(0, 0, width, BAND_H), self.band_colour)
        painter.restore()
        painter.setPen(QPen(QColor(style.impact_border if self.impact else style.card_border), 2.5))
        painter.drawPath(path)
        painter.setFont(self.band_font)
        painter.setPen(text_colour_on(self.band_colour))
        painter.drawText(QRectF(12, 0, width - 24, BAND_H), int(Qt.AlignmentFlag.AlignVCenter), self.band)
        painter.setFont(self.title_font)
        painter.setPen(QColor(style.card_text))
        top = BAND_H + 6
        step = (height - top - 6) / self.card_shape.lines
        for n, line in enumerate(self.lines):
            painter.drawText(QRectF(12, top + n * step, width - 24, step), int(Qt.AlignmentFlag.AlignVCenter), line)
        if self.highlighted:
            painter.setPen(QPen(QColor(style.selection), 7))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.rect().adjusted(-3, -3, 3, 3), 12, 12)


def _cut_titles(titles: list[str], shape: CardShape) -> int:
    """How many of ``titles`` a card of ``shape`` would cut with "…"."""
    font = _font(TITLE_PIXELS)
    cut = 0
    for title in titles:
        label = short_label(title, shape.label_limit)
        lines = wrap_lines(label, font, shape.width - 24, shape.lines)
        cut += label != " ".join(title.split()) or " ".join(lines) != label
    return cut


class BoardScene(QGraphicsScene):
    """The board's cards and arrows for one retro, laid out again (once per burst) on every graph edit."""

    #: The cards were laid out again (the view fits them anew).
    rebuilt = Signal()

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.cards: dict[str, BoardCard] = {}
        self.picture = (1280.0, 600.0)
        self.text_pixels = 24
        self.shape = SHAPES[0]
        self.followed = ""
        #: Does the board draw a feedback loop's dashed arrow (the legend keys it only then)?
        self.loop_drawn = False
        self.setBackgroundBrush(QColor(PROJECTOR.background))
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.rebuild)
        document.changed.connect(self._changed)
        document.reloaded.connect(self.rebuild)
        self.rebuild()

    def _changed(self, changes: Changes) -> None:
        # participants too: with roles instead of names, a renamed person changes the labels
        if any(changes.touches(kind) for kind in (Factor, Impact, FactorLink, Participant)) or changes.incident:
            self._later.start()

    def set_picture(self, width: float, height: float) -> None:
        """The size of the picture the board is shown in (pixels): it picks the card shape and wrap."""
        if (round(width), round(height)) != tuple(round(v) for v in self.picture):
            self.picture = (width, height)
            self.rebuild()

    def set_text_pixels(self, pixels: int) -> None:
        if pixels != self.text_pixels:
            self.text_pixels = pixels
            self.rebuild()

    def _choose(self, retro: Retro) -> tuple[CardShape, Board]:
        """The shape that cuts the fewest titles while its text stays readable (down to the floor,
        :data:`READABLE_SHARE`), the roomier text among equals; none readable: the largest text.
        A title is shrunk to the floor before it is cut with "…"."""
        width, height = self.picture
        titles = [shown_text(retro, t) for t in [*(f.title for f in retro.factors.values()),
                                                 *(i.title for i in retro.impacts.values())]]
        best: tuple[float, CardShape, Board] | None = None
        readable: list[tuple[int, bool, float, int, CardShape, Board]] = []
        for order, shape in enumerate(SHAPES):
            board = board_layout(retro, width / max(height, 1.0), shape.cell)
            cell_w, cell_h = shape.cell
            scale = min(width / (board.columns * cell_w - shape.gap_x + 2 * MARGIN),
                        height / (board.rows * cell_h - shape.gap_y + 2 * MARGIN)) if board.cells else 1.0
            if scale * TITLE_PIXELS >= READABLE_SHARE * self.text_pixels:
                roomy = scale * TITLE_PIXELS >= ROOMY_SHARE * self.text_pixels
                readable.append((_cut_titles(titles, shape), not roomy, 0.0 if roomy else -scale, order, shape, board))
            if best is None or scale > best[0]:
                best = (scale, shape, board)
        if readable:
            *_key, shape, board = min(readable, key=lambda c: c[:4])
            return shape, board
        assert best is not None
        return best[1], best[2]

    def rebuild(self) -> None:
        self._later.stop()
        self.clear()
        self.cards = {}
        retro = self.document.retro
        self.shape, board = shape, board = self._choose(retro)
        cell_w, cell_h = shape.cell
        for node_id, (col, row) in board.cells.items():
            factor = retro.factors.get(node_id)
            if factor is not None:
                card = BoardCard(node_id, factor.category.label, category_colour(factor.category),
                                 short_label(shown_text(retro, factor.title), shape.label_limit), impact=False,
                                 shape=shape)
            else:
                impact = retro.impacts[node_id]
                card = BoardCard(node_id, "Impact", QColor(PROJECTOR.impact_border),
                                 short_label(shown_text(retro, impact.title), shape.label_limit), impact=True,
                                 shape=shape)
            card.setPos(col * cell_w, row * cell_h)
            card.setZValue(1)
            self.addItem(card)
            self.cards[node_id] = card
        loops = loop_arrows(retro)
        self.loop_drawn = False
        rects = {node_id: card.sceneBoundingRect().adjusted(6, 6, -6, -6) for node_id, card in self.cards.items()}
        for link in retro.links.values():
            cause, effect = self.cards.get(link.cause_id), self.cards.get(link.effect_id)
            if cause is not None and effect is not None:
                others = [r for node_id, r in rects.items() if node_id not in (link.cause_id, link.effect_id)
                          ] if len(rects) <= ROUTED_CARDS else []
                feedback = (link.cause_id, link.effect_id) in loops
                self.loop_drawn |= feedback
                self.addItem(_arrow(cause, effect, feedback=feedback, obstacles=others))
        self.setSceneRect(self.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))
        self.follow(self.followed)
        self.rebuilt.emit()

    def follow(self, node_id: str) -> BoardCard | None:
        self.followed = node_id
        for card_id, card in self.cards.items():
            card.set_highlighted(card_id == node_id)
        return self.cards.get(node_id)

    def labels(self) -> dict[str, str]:
        """What each card says (its short label), by factor or impact id."""
        return {node_id: card.label for node_id, card in self.cards.items()}


def _behind(start: QPointF, end: QPointF, bend: float, obstacles: list[QRectF]) -> bool:
    """Would the plain S-curve from ``start`` to ``end`` pass behind one of ``obstacles``?"""
    near = [r.adjusted(-8, -8, 8, 8) for r in obstacles if r.right() > start.x() and r.left() < end.x()]
    if not near:
        return False
    curve = QPainterPath(start)
    curve.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end)
    samples = [curve.pointAtPercent(k / 24) for k in range(1, 24)]
    return any(r.contains(p) for r in near for p in samples)


def _arrow(cause: BoardCard, effect: BoardCard, *, feedback: bool, obstacles: list[QRectF]) -> QGraphicsPathItem:
    a, b = cause.sceneBoundingRect(), effect.sceneBoundingRect()
    path = QPainterPath()
    if b.left() > a.right() and not feedback:
        start, end = QPointF(a.right() - 6, a.center().y()), QPointF(b.left() + 6, b.center().y())
        bend = (end.x() - start.x()) / 2
        path.moveTo(start)
        if _behind(start, end, bend, obstacles):  # around the cards in its way (the canvas's router)
            walls = [(r.left(), r.top(), r.right(), r.bottom()) for r in obstacles]
            points = routing.route((start.x(), start.y()), (end.x(), end.y()), walls, margin=10)
            rounded_polyline(path, [QPointF(x, y) for x, y in points], 12.0)
        else:
            path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end)
        direction = QPointF(1, 0)
    else:  # a feedback loop (or cards in one column): arch over the top
        start, end = QPointF(a.center().x(), a.top() + 6), QPointF(b.center().x(), b.top() + 6)
        lift = min(start.y(), end.y()) - 30
        path.moveTo(start)
        path.cubicTo(QPointF(start.x(), lift), QPointF(end.x(), lift), end)
        direction = QPointF(0, 1)
    head = QPolygonF([end, end - direction * 16 + QPointF(direction.y(), direction.x()) * 8,
                      end - direction * 16 - QPointF(direction.y(), direction.x()) * 8])
    path.addPolygon(head)
    path.closeSubpath()
    item = QGraphicsPathItem(path)
    colour = QColor(PROJECTOR.feedback_arrow if feedback else PROJECTOR.arrow)
    pen = QPen(colour, 4)
    if feedback:
        pen.setStyle(Qt.PenStyle.DashLine)
    item.setPen(pen)
    item.setBrush(QBrush(Qt.BrushStyle.NoBrush))
    return item


class BoardView(QGraphicsView):
    """The board fitted to the picture (never below :data:`READABLE_SHARE` of the body text), following the selection."""

    #: How many cards are out of the picture changed (0: the whole graph is shown).
    hidden_changed = Signal(int)

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        self.board = BoardScene(document)
        super().__init__(self.board, parent)
        self.board.setParent(self)
        self.setObjectName("ProjectorBoard")
        self.setAccessibleName("Contributing factors graph")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setInteractive(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hidden = 0
        self.board.rebuilt.connect(self._fit)

    def follow_selection(self, node_id: str) -> None:
        self.board.follow(node_id)
        self._fit()

    def set_text_pixels(self, pixels: int) -> None:
        """The projector's body text size: the board's smallest text is a share of it."""
        self.board.set_text_pixels(pixels)

    def card_text_pixels(self) -> float:
        """How tall a card's title text is drawn, in pixels of the picture (font size times scale)."""
        return QFontInfo(_font(TITLE_PIXELS)).pixelSize() * self.transform().m11()

    def _fit(self) -> None:
        viewport = self.viewport().rect()
        if viewport.width() < 10 or viewport.height() < 10:
            return
        rect = self.board.sceneRect()
        scale = min(viewport.width() / max(rect.width(), 1.0), viewport.height() / max(rect.height(), 1.0))
        floor = READABLE_SHARE * self.board.text_pixels / TITLE_PIXELS
        self.resetTransform()
        self.scale(max(scale, floor), max(scale, floor))
        followed = self.board.cards.get(self.board.followed)
        self.centerOn(followed if followed is not None and scale < floor else rect.center())
        shown = self.mapToScene(viewport).boundingRect()
        hidden = sum(not shown.contains(card.sceneBoundingRect().adjusted(6, 6, -6, -6))
                     for card in self.board.cards.values())
        if hidden != self.hidden:
            self.hidden = hidden
            self.hidden_changed.emit(hidden)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = event.size()
        if size.height() > 0:
            self.board.set_picture(size.width(), size.height())
        self._fit()
