"""The graph for the room: a read-only, high-contrast mirror that follows the facilitator.

It has its own scene in the projector style (white cards on black, thick arrows, bold type),
kept in step with the same document, so the facilitator's selection outlines and handles never
show. It shows what the facilitator's canvas shows (their zoom and scroll, without the empty
canvas around the graph), as large as the projector allows, and outlines whatever the
facilitator selects in yellow.

In **focus** mode (F on the canvas) the selected factor and its direct causes and effects fill
the projector instead (:class:`~ui.graph.focus_view.FocusPanel`), in the projector's text size;
it follows the selection, and with nothing selected the whole graph is shown as usual.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontInfo, QPainter, QResizeEvent
from PySide6.QtWidgets import QGraphicsView, QStackedWidget, QVBoxLayout, QWidget

from ..document import RetroDocument
from .focus_view import FocusPanel
from .items import card_title_font
from .legend import Legend
from .mirror import GraphMirror
from .palette import PROJECTOR
from .view import GraphView

#: The projector shows the graph this much larger than the facilitator's zoom (no source view).
PROJECTOR_BOOST = 1.25


class ProjectorGraphView(QGraphicsView):
    """A read-only view of the graph in the projector style."""

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        mirror = GraphMirror(document, style=PROJECTOR)
        super().__init__(mirror, parent)
        mirror.setParent(self)
        self.mirror = mirror
        self.setObjectName("ProjectorGraph")
        self.setAccessibleName("Contributing factors graph")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setInteractive(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.followed_id = ""
        self._source: GraphView | None = None

    def follow(self, source: GraphView) -> None:
        """Show what ``source`` shows (its zoom and scroll), scaled up to this view's size."""
        self._source = source
        source.zoom_changed.connect(self._follow_source)
        source.horizontalScrollBar().valueChanged.connect(self._follow_source)
        source.verticalScrollBar().valueChanged.connect(self._follow_source)
        self._follow_source()

    def follow_zoom(self, zoom: float) -> None:
        """Zoom like the facilitator (times :data:`PROJECTOR_BOOST` when there is no source view)."""
        if self._source is not None:
            self._follow_source()
            return
        centre = self.mapToScene(self.viewport().rect().center())
        self.resetTransform()
        scale = max(0.2, zoom * PROJECTOR_BOOST)
        self.scale(scale, scale)
        self.centerOn(centre)

    def follow_selection(self, node_id: str) -> None:
        """Outline the facilitator's selection and bring it into view ("" only clears the outline)."""
        self.followed_id = node_id
        item = self.mirror.set_highlight(node_id)
        if item is not None:
            self.ensureVisible(item, 40, 40)

    def card_text_pixels(self) -> float:
        """How tall a card's title text is drawn on the projector, in pixels (font size times zoom)."""
        return QFontInfo(card_title_font(PROJECTOR)).pixelSize() * self.transform().m11()

    def _follow_source(self, *_args: object) -> None:
        source = self._source
        if source is None or not self.viewport().width() or not self.viewport().height():
            return
        shown = source.mapToScene(source.viewport().rect()).boundingRect()
        # Empty canvas around the graph is no use to the room: show only the part of the graph
        # the facilitator sees, as large as the projector allows.
        graph = self.scene().itemsBoundingRect().adjusted(-30, -30, 30, 30)
        if shown.intersects(graph):
            shown = shown.intersected(graph)
        if shown.isEmpty():
            return
        self.fitInView(shown, Qt.AspectRatioMode.KeepAspectRatio)
        if self.followed_id:
            item = self.mirror.node(self.followed_id)
            if item is not None:
                self.ensureVisible(item, 40, 40)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._follow_source()


class ProjectorGraph(QWidget):
    """What the room sees of this stage: the legend strip over the graph (or the focus), nothing to click."""

    #: Focus mode was turned on (True) or off.
    focus_changed = Signal(bool)

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProjectorFactors")
        self.setAccessibleName("Contributing factors, for the room")
        self.setAutoFillBackground(True)
        self.setStyleSheet("QWidget#ProjectorFactors { background: #000000; }")
        self.focus_mode = False
        self.legend = Legend(PROJECTOR, self, scale=1.6)
        self.view = ProjectorGraphView(document, self)
        self.focus = FocusPanel(document, self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.view)
        self.pages.addWidget(self.focus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.legend)
        layout.addWidget(self.pages, 1)

    def follow(self, source: GraphView) -> None:
        self.view.follow(source)

    def follow_selection(self, node_id: str) -> None:
        self.view.follow_selection(node_id)
        self.focus.show_node(node_id)
        self._show_page()

    def set_focus_mode(self, on: bool) -> None:
        """The selected factor close up (on), or the graph as the facilitator sees it (off)."""
        if on != self.focus_mode:
            self.focus_mode = on
            self._show_page()
            self.focus_changed.emit(on)

    def toggle_focus_mode(self) -> bool:
        self.set_focus_mode(not self.focus_mode)
        return self.focus_mode

    def focused(self) -> bool:
        """Is the close-up shown now (focus mode, with a factor or the impact selected)?"""
        return self.pages.currentWidget() is self.focus

    def _show_page(self) -> None:
        close_up = self.focus_mode and bool(self.focus.cards)
        self.pages.setCurrentWidget(self.focus if close_up else self.view)
        self.legend.setVisible(not close_up)

    def set_text_pixels(self, pixels: int) -> None:
        """The projector window's text size: the legend and the close-up follow it."""
        self.legend.set_text_pixels(pixels)
        self.focus.set_text_pixels(pixels)
        self._show_page()
