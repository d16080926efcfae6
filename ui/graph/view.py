"""The canvas: a QGraphicsView on the factor scene with zoom, pan, fit and keyboard editing.

Mouse: drag on empty canvas draws a rubber band; Ctrl-click adds to the selection; Ctrl+wheel
zooms; the middle button, or Space held while dragging, pans. Keyboard (while the canvas has
focus): Insert adds a factor, F2 edits the selected card's title, C connects the selected
factor to one chosen from a list, Delete removes the selection, arrow keys move the selection to
the nearest card in that direction, Ctrl+arrow moves the selected cards (one undo step per
press), Ctrl+= / Ctrl+- zoom, Ctrl+0 fits the graph. Right-click offers the same. Ctrl+N is left
to File ▸ New retrospective: one key, one meaning. :data:`SHORTCUTS` lists these keys for Help ▸
Keyboard shortcuts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QMenu, QWidget

from .connect_dialog import ConnectDialog
from .items import FactorCard, NodeItem
from .scene import FactorScene

ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
#: How far Ctrl+arrow moves the selected cards (Ctrl+Shift+arrow: five times as far).
NUDGE = 20.0
MIN_ZOOM = 0.15
MAX_ZOOM = 3.0
ZOOM_STEP = 1.2

#: The canvas's own keys (while it has focus): what each does, and its keys in portable text.
SHORTCUTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Add a contributing factor", ("Ins",)),
    ("Rename the selected card", ("F2",)),
    ("Connect the selected factor to…", ("C",)),
    ("Delete the selection", ("Del",)),
    ("Select the nearest card that way", ("Left", "Right", "Up", "Down")),
    ("Move the selected cards", ("Ctrl+Left", "Ctrl+Right", "Ctrl+Up", "Ctrl+Down")),
    ("Zoom in", ("Ctrl+=",)),
    ("Zoom out", ("Ctrl+-",)),
    ("Fit the graph", ("Ctrl+0",)),
    ("Pan while held (with a drag)", ("Space",)),
)


def shortcut_rows() -> list[tuple[str, str]]:
    """:data:`SHORTCUTS` as the person's platform names the keys (Ctrl is ⌘ on macOS)."""
    native = QKeySequence.SequenceFormat.NativeText
    return [(what, ", ".join(QKeySequence(k).toString(native) for k in keys)) for what, keys in SHORTCUTS]


class GraphView(QGraphicsView):
    """The facilitator's canvas on a :class:`FactorScene`."""

    #: The zoom (view scale) changed, so the projector can follow.
    zoom_changed = Signal(float)

    def __init__(self, scene: FactorScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.factor_scene = scene
        self.connect_dialog: ConnectDialog | None = None
        self._space_held = False
        self._pan_from: QPoint | None = None
        #: True while the view shows the whole graph as fitted (not zoomed or panned by hand): a
        #: resize (the window reaching its laptop size, a side panel moving) fits it again.
        self.follows_fit = False
        self._fitting = False
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.sliderMoved.connect(self._by_hand)
        self.setAccessibleName("Contributing factors canvas")
        self._help = (
            "Cards are contributing factors; arrows say what contributed to what. Insert adds a factor, "
            "F2 renames, C connects, Delete removes, arrow keys move between cards, Ctrl+arrow moves "
            "the selection, Ctrl+0 fits."
        )
        self.setAccessibleDescription(self._help)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag if scene.editable else QGraphicsView.DragMode.NoDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        scene.selected_node_changed.connect(self._describe_selection)

    def _describe_selection(self, node_id: str) -> None:
        """Say what is selected, for screen readers (the cards themselves are not widgets)."""
        node = self.factor_scene.node(node_id)
        if node is None:
            self.setAccessibleDescription(self._help)
            return
        parts = [f"Selected {node.kind_label().lower()}: {node.title}."]
        if isinstance(node, FactorCard):
            parts.append(f"{node.evidence_count or 'No'} evidence.")
            if not node.has_action:
                parts.append("No action yet.")
        causes = [a.cause.title for a in node.arrows_in]
        effects = [a.effect.title for a in node.arrows_out]
        if causes:
            parts.append("Led to by: " + "; ".join(causes) + ".")
        if effects:
            parts.append("Contributed to: " + "; ".join(effects) + ".")
        if node.finding_text:
            parts.append(node.finding_text)
        self.setAccessibleDescription(" ".join(parts))

    # zoom -----------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, scale: float, anchor: QPointF | None = None) -> None:
        scale = max(MIN_ZOOM, min(MAX_ZOOM, scale))
        current = self.zoom()
        if abs(scale - current) < 1e-6:
            return
        if not self._fitting:
            self.follows_fit = False
        centre = anchor if anchor is not None else self.mapToScene(self.viewport().rect().center())
        self.scale(scale / current, scale / current)
        if anchor is None:
            self.centerOn(centre)
        self.zoom_changed.emit(self.zoom())

    def zoom_by(self, factor: float) -> None:
        old = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.set_zoom(self.zoom() * factor)
        self.setTransformationAnchor(old)

    def fit_graph(self) -> None:
        """Show the whole graph (never larger than 100 %)."""
        items = self.factor_scene.nodes()
        if not items:
            return
        rect = QRectF()
        for item in items:
            rect = rect.united(item.sceneBoundingRect())
        rect.adjust(-40, -40, 40, 120)
        self._fitting = True
        try:
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
            if self.zoom() > 1.0:
                self.set_zoom(1.0)
                self.centerOn(rect.center())
        finally:
            self._fitting = False
        self.follows_fit = True
        self.zoom_changed.emit(self.zoom())

    def _by_hand(self) -> None:
        """The facilitator zoomed or panned: a resize keeps their view as it is."""
        if not self._fitting:
            self.follows_fit = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.follows_fit and not self._fitting:
            self.fit_graph()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.zoom() * ZOOM_STEP**steps, anchor=self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        self._by_hand()  # a plain wheel scrolls the canvas
        super().wheelEvent(event)

    # pan ------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            now = event.position().toPoint()
            delta = now - self._pan_from
            self._pan_from = now
            self._by_hand()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        if self._space_held and event.buttons() & Qt.MouseButton.LeftButton:
            self._by_hand()  # Space held while dragging pans
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)
        event.accept()  # the end of a rubber band or a click on empty canvas is handled too

    def _set_space(self, held: bool) -> None:
        if held == self._space_held:
            return
        self._space_held = held
        self.setInteractive(not held)
        if held:
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        else:
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)

    # keyboard -------------------------------------------------------------------------------

    def _editing_text(self) -> bool:
        return self.factor_scene.title_editor() is not None

    def _is_ours(self, event: QKeyEvent) -> bool:
        """Keys the canvas handles itself (so window shortcuts do not take them while it has focus)."""
        if self._editing_text():
            return True
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = Qt.KeyboardModifier.ControlModifier
        if mods == Qt.KeyboardModifier.NoModifier:
            return key in (
                Qt.Key.Key_Insert, Qt.Key.Key_F2, Qt.Key.Key_C, Qt.Key.Key_Delete, Qt.Key.Key_Backspace,
                Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Escape,
                Qt.Key.Key_Space,
            )
        if mods in (ctrl, ctrl | Qt.KeyboardModifier.ShiftModifier):
            return key in (Qt.Key.Key_0, Qt.Key.Key_Equal, Qt.Key.Key_Plus, Qt.Key.Key_Minus, *ARROWS)
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._is_ours(event):  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._editing_text() or not self.factor_scene.editable:
            super().keyPressEvent(event)
            return
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        scene = self.factor_scene
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._set_space(True)
        elif key == Qt.Key.Key_Insert:
            self.add_factor_here()
        elif key == Qt.Key.Key_F2:
            self.edit_selected_title()
        elif key == Qt.Key.Key_C and not ctrl:
            self.open_connect_dialog()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) or event.matches(QKeySequence.StandardKey.Delete):
            scene.delete_selection()
        elif ctrl and key == Qt.Key.Key_0:
            self.fit_graph()
        elif ctrl and key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
            self.zoom_by(ZOOM_STEP)
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        elif ctrl and key in ARROWS:
            step = NUDGE * (5 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            self.nudge_selection(key, step)
        elif key in ARROWS:
            self.step_selection(key)
        elif key == Qt.Key.Key_Escape:
            scene.cancel_gesture()
            scene.clearSelection()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._set_space(False)
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._set_space(False)
        super().focusOutEvent(event)

    # commands (also used by the toolbar) ----------------------------------------------------

    def add_factor_here(self) -> str | None:
        """Add a factor in the middle of what is shown and start typing its title."""
        self.setFocus()
        centre = self.mapToScene(self.viewport().rect().center())
        factor_id = self.factor_scene.add_factor_at(centre)
        card = self.factor_scene.node(factor_id or "")
        if card is not None:
            self.ensureVisible(card, 40, 40)
        return factor_id

    def edit_selected_title(self) -> bool:
        nodes = self.factor_scene.selected_nodes()
        if len(nodes) != 1:
            return False
        self.setFocus()
        self.ensureVisible(nodes[0], 40, 40)
        return self.factor_scene.start_title_edit(nodes[0]) is not None

    def open_connect_dialog(self) -> ConnectDialog | None:
        """Connect the selected factor to one picked from a list (the keyboard way to draw an arrow)."""
        ids = self.factor_scene.selected_factor_ids()
        if len(ids) != 1:
            self.factor_scene.message.emit("Select one contributing factor first, then press C to connect it.")
            return None
        cause_id = ids[0]
        editor = self.factor_scene.editor
        cause = editor.retro.factors[cause_id]
        dialog = ConnectDialog(cause.title, editor.effect_choices(cause_id), self)
        dialog.chosen.connect(lambda effect_id: editor.connect(cause_id, effect_id))
        dialog.finished.connect(lambda _result: self.setFocus())
        self.connect_dialog = dialog
        dialog.open()
        return dialog

    def nudge_selection(self, key: int, step: float) -> bool:
        """Move the selected cards by ``step`` towards an arrow key; a run of nudges is one "Move" step."""
        dx, dy = {
            Qt.Key.Key_Left: (-step, 0.0), Qt.Key.Key_Right: (step, 0.0),
            Qt.Key.Key_Up: (0.0, -step), Qt.Key.Key_Down: (0.0, step),
        }[Qt.Key(key)]
        nodes = self.factor_scene.selected_nodes()
        moved = {n.node_id: (n.x() + dx, n.y() + dy) for n in nodes}
        return bool(moved) and self.factor_scene.editor.move(moved, merge=True)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if not self.factor_scene.editable:
            return
        menu = self.context_menu(self.mapToScene(event.pos()))
        menu.exec(event.globalPos())
        event.accept()

    def context_menu(self, scene_pos: QPointF) -> QMenu:
        """The right-click menu for what is under ``scene_pos`` (a card, or empty canvas)."""
        scene = self.factor_scene
        menu = QMenu(self)
        node = scene.node_at(scene_pos)
        if node is None:
            menu.addAction("Add contributing factor here", lambda: scene.add_factor_at(scene_pos))
            menu.addAction("Auto-arrange", scene.editor.auto_arrange)
            menu.addAction("Fit the graph\tCtrl+0", self.fit_graph)
            return menu
        if not node.isSelected():
            scene.select_node(node.node_id)
        menu.addAction("Rename\tF2", lambda: scene.start_title_edit(node))
        if isinstance(node, FactorCard):
            menu.addAction("Connect to…\tC", self.open_connect_dialog)
            menu.addAction("Create action for this factor", lambda: scene.editor.create_action(node.node_id))
            menu.addSeparator()
            menu.addAction("Delete\tDel", scene.delete_selection)
        return menu

    def step_selection(self, key: int) -> NodeItem | None:
        """Select the nearest card in the direction of an arrow key."""
        scene = self.factor_scene
        nodes = scene.nodes()
        if not nodes:
            return None
        current = scene.selected_nodes()
        if not current:
            target = min(nodes, key=lambda n: (n.x(), n.y()))
        else:
            here = current[0].centre()
            best: tuple[float, NodeItem] | None = None
            for node in nodes:
                d = node.centre() - here
                along, across = {
                    Qt.Key.Key_Right: (d.x(), d.y()),
                    Qt.Key.Key_Left: (-d.x(), d.y()),
                    Qt.Key.Key_Down: (d.y(), d.x()),
                    Qt.Key.Key_Up: (-d.y(), d.x()),
                }[Qt.Key(key)]
                if along <= 1:
                    continue
                score = along + 2 * abs(across)
                if best is None or score < best[0]:
                    best = (score, node)
            if best is None:
                return None
            target = best[1]
        scene.select_node(target.node_id)
        self.ensureVisible(target, 60, 60)
        return target
