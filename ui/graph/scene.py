"""The facilitator's scene: the graph mirror plus the gestures that edit it.

Mouse gestures become edits through :class:`~ui.graph.editing.GraphEditor`:

* double-click on empty canvas adds a factor there and opens its title for typing;
* double-click (or F2 in the view) on a card edits its title in place;
* drag from a card's round handle (or Shift-drag a card) onto another card or the impact
  connects them ("contributed to");
* dragging a selection moves it and records one "Move" step on release.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsSceneMouseEvent

from ..document import RetroDocument
from .arrows import LinkArrow
from .items import FactorCard, NodeItem
from .mirror import GraphMirror
from .palette import CARD_HEIGHT, CARD_WIDTH, FACILITATOR, GraphStyle
from .title_editor import TitleEditor


class FactorScene(GraphMirror):
    """The contributing-factor graph, editable by mouse and keyboard (or read-only)."""

    #: A plain-language note for the facilitator (why a connection was not made, …).
    message = Signal(str)

    def __init__(self, document: RetroDocument, *, style: GraphStyle = FACILITATOR, editable: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(document, style=style, editable=editable, parent=parent, build=False)
        self.connect_mode = False
        self._press_positions: dict[str, QPointF] | None = None
        self._connect_from: FactorCard | None = None
        self._connect_line: QGraphicsPathItem | None = None
        self._drop_target: NodeItem | None = None
        self._title_editor: TitleEditor | None = None
        self.rebuild()

    def dragging(self) -> bool:
        return bool(self._press_positions)

    def _before_rebuild(self) -> None:
        self._cancel_connect()
        self.cancel_title_edit()

    def _node_leaving(self, item: NodeItem) -> None:
        if self._title_editor is not None and self._title_editor.card is item:
            self.cancel_title_edit()
        if self._drop_target is item:
            self._drop_target = None

    # editing in place -----------------------------------------------------------------------

    def start_title_edit(self, node: NodeItem) -> TitleEditor | None:
        if not self.editable or node.editing:
            return None
        self.cancel_title_edit()
        editor = TitleEditor(node, self._title_done)
        self.addItem(editor)
        self._title_editor = editor
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return editor

    def cancel_title_edit(self) -> None:
        """Drop an open in-place editor without committing it."""
        editor, self._title_editor = self._title_editor, None
        if editor is not None and editor.scene() is self:
            editor.finish(commit=False)

    def title_editor(self) -> TitleEditor | None:
        item = self.focusItem()
        return item if isinstance(item, TitleEditor) else None

    def _title_done(self, node: NodeItem, text: str | None) -> None:
        self._title_editor = None
        if text is not None and node.scene() is self:
            self.editor.rename(node.node_id, text)
        if node.scene() is self:
            node.setFocus()

    def delete_selection(self) -> bool:
        factor_ids, link_ids = self.selected_factor_ids(), self.selected_link_ids()
        if not factor_ids and not link_ids:
            if self.selected_nodes():
                self.message.emit("The impact is described in Setup; it stays on the graph.")
            return False
        return self.editor.delete(factor_ids, link_ids)

    def add_factor_at(self, centre: QPointF, *, edit_title: bool = True) -> str | None:
        """Add a factor centred on ``centre`` (moved down if a card is there) and select it."""
        x, y = self.editor.free_spot(centre.x() - CARD_WIDTH / 2, centre.y() - CARD_HEIGHT / 2)
        factor_id = self.editor.add_factor(x, y)
        if factor_id is not None:
            card = self.select_node(factor_id)
            if edit_title and card is not None:
                self.start_title_edit(card)
        return factor_id

    # mouse gestures -------------------------------------------------------------------------

    def node_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
            if isinstance(item, TitleEditor):
                return None
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.editable and event.button() == Qt.MouseButton.LeftButton:
            node = self.node_at(event.scenePos())
            wants_connect = self.connect_mode or event.modifiers() & (
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier
            )
            if isinstance(node, FactorCard) and (wants_connect or node.on_handle(event.scenePos())):
                self._start_connect(node, event.scenePos())
                event.accept()
                return
        super().mousePressEvent(event)
        if self.editable and event.button() == Qt.MouseButton.LeftButton:
            self._press_positions = {n.node_id: QPointF(n.pos()) for n in self.selected_nodes()}

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connect_from is not None:
            self._drag_connect(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connect_from is not None and event.button() == Qt.MouseButton.LeftButton:
            self._finish_connect(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        pressed, self._press_positions = self._press_positions, None
        if pressed and event.button() == Qt.MouseButton.LeftButton:
            moved = {}
            for node_id, before in pressed.items():
                item = self.node(node_id)
                if item is not None and item.pos() != before:
                    moved[node_id] = (item.x(), item.y())
                    self.node_moved(item)  # settle the arrows along the neighbours' edges
            if moved:
                before = [QRectF(pressed[i].x(), pressed[i].y(), CARD_WIDTH, CARD_HEIGHT) for i in moved]
                self._reroute_around((n for n in map(self.node, moved) if n is not None), before)
            if moved and not self.editor.move(moved):
                self.sync_positions()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.editable or event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        node = self.node_at(event.scenePos())
        if node is not None:
            self.start_title_edit(node)
            event.accept()
            return
        if any(isinstance(i, (LinkArrow, TitleEditor)) for i in self.items(event.scenePos())):
            super().mouseDoubleClickEvent(event)
            return
        self.add_factor_at(event.scenePos())
        event.accept()

    # connecting by drag ---------------------------------------------------------------------

    def _start_connect(self, card: FactorCard, pos: QPointF) -> None:
        self._connect_from = card
        line = QGraphicsPathItem()
        pen = QPen(QColor(self.graph_style.selection), 2.0, Qt.PenStyle.DashLine)
        line.setPen(pen)
        line.setZValue(5)
        line.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.addItem(line)
        self._connect_line = line
        self._drag_connect(pos)

    def _drag_connect(self, pos: QPointF) -> None:
        card, line = self._connect_from, self._connect_line
        if card is None or line is None:
            return
        start = card.mapToScene(card.handle_centre())
        path = QPainterPath(start)
        path.lineTo(pos)
        line.setPath(path)
        target = self.node_at(pos)
        if target is card:
            target = None
        if target is not self._drop_target:
            if self._drop_target is not None:
                self._drop_target.set_highlighted(False)
            self._drop_target = target
            if target is not None:
                target.set_highlighted(True)

    def _finish_connect(self, pos: QPointF) -> None:
        cause = self._connect_from
        target = self.node_at(pos)
        self._cancel_connect()
        if cause is None or target is None or target is cause:
            return
        reason = self.editor.why_not_connect(cause.node_id, target.node_id)
        if reason:
            self.message.emit(reason)
            return
        self.editor.connect(cause.node_id, target.node_id)

    def _cancel_connect(self) -> None:
        if self._drop_target is not None:
            self._drop_target.set_highlighted(self._drop_target is self._highlight)
        self._drop_target = None
        self._connect_from = None
        if self._connect_line is not None:
            self.removeItem(self._connect_line)
            self._connect_line = None

    def cancel_gesture(self) -> None:
        """Esc: drop a half-drawn connection."""
        self._cancel_connect()
