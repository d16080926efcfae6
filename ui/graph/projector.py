"""The graph for the room: a read-only, high-contrast board that follows the facilitator.

The whole graph is shown on the projector's own board (:class:`~ui.graph.board.BoardView`): the
canvas's columns fitted to the projector's shape, each card's short label in type the back of the
room can read (the canvas shown whole at 1280×720 drew its text at 8–9 px). The facilitator's
selection is outlined in yellow and kept in the picture.

In **focus** mode (F on the canvas) the selected factor and its direct causes and effects fill
the projector instead (:class:`~ui.graph.focus_view.FocusPanel`), with their full titles, in the
projector's text size; it follows the selection, and with nothing selected the board is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from ..document import RetroDocument
from .board import BoardView
from .focus_view import FocusPanel
from .legend import Legend
from .palette import PROJECTOR
from .view import GraphView


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
        # each board card names its category in its colour band: the legend keys only the rest
        # (one line, where the category swatches took two or three of the picture's lines)
        self.legend = Legend(PROJECTOR, self, scale=1.6, categories=False)
        self.view = BoardView(document, self)
        self.more = QLabel(self)  # over the foot of the board: it must not change the board's size
        self.more.setObjectName("ProjectorBoardMore")
        self.more.setStyleSheet("QLabel#ProjectorBoardMore { background: rgba(0, 0, 0, 220); color: #FFE600; }")
        self.more.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.more.setTextFormat(Qt.TextFormat.PlainText)
        self.more.setAccessibleName("Cards out of the picture")
        self.more.hide()
        self.view.hidden_changed.connect(self._show_hidden)
        self.view.board.rebuilt.connect(self._key_loops)
        self._key_loops()
        self.focus = FocusPanel(document, self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.view)
        self.pages.addWidget(self.focus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.legend)
        layout.addWidget(self.pages, 1)

    def _key_loops(self) -> None:
        self.legend.set_loop_shown(self.view.board.loop_drawn)

    def follow(self, source: GraphView) -> None:
        """The facilitator's canvas: the board shows the whole graph whatever its zoom and scroll."""

    def _show_hidden(self, hidden: int) -> None:
        self.more.setText(f"{hidden} more cards out of the picture · F: the selected one close up" if hidden else "")
        self.more.setWordWrap(True)
        self._show_page()

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
        self.more.setVisible(not close_up and self.view.hidden > 0)
        if self.more.isVisible():
            area = self.pages.geometry()
            height = self.more.sizeHint().height()
            self.more.setGeometry(area.left(), area.bottom() - height, area.width(), height)
            self.more.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_page()

    def set_text_pixels(self, pixels: int) -> None:
        """The projector window's text size: the legend and the close-up follow it."""
        self.legend.set_text_pixels(pixels)
        self.view.set_text_pixels(pixels)
        self.focus.set_text_pixels(pixels)
        self._show_page()
