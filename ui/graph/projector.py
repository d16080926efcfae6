"""The graph for the room: a read-only, high-contrast mirror that follows the facilitator.

It has its own scene in the projector style (white cards on black, thick arrows, bold type),
kept in step with the same document, so the facilitator's selection outlines and handles never
show. It follows the facilitator's zoom (a little larger, for the back row) and centres on
whatever the facilitator selects, outlined in yellow. It shows no controls and takes no input.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtWidgets import QGraphicsView, QVBoxLayout, QWidget

from ..document import RetroDocument
from .legend import Legend
from .mirror import GraphMirror
from .palette import PROJECTOR
from .view import GraphView

#: The projector shows the graph this much larger than the facilitator's zoom.
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
    """What the room sees of this stage: the legend strip over the graph, nothing to click."""

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProjectorFactors")
        self.setAccessibleName("Contributing factors, for the room")
        self.setAutoFillBackground(True)
        self.setStyleSheet("QWidget#ProjectorFactors { background: #000000; }")
        self.legend = Legend(PROJECTOR, self, scale=1.6)
        self.view = ProjectorGraphView(document, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)

    def follow(self, source: GraphView) -> None:
        self.view.follow(source)

    def follow_selection(self, node_id: str) -> None:
        self.view.follow_selection(node_id)
