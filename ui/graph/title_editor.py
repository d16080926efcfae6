"""Edit a card's title in place: a text item over the card, Enter commits, Esc cancels."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QTextCursor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem, QStyleOptionGraphicsItem, QWidget

from .items import NodeItem, _Fonts


class TitleEditor(QGraphicsTextItem):
    """A text editor laid over a card's title. Calls ``done(text)`` once, or ``done(None)`` on Esc."""

    def __init__(self, card: NodeItem, done: Callable[[NodeItem, str | None], None]) -> None:
        # A top-level item laid over the card (not its child): the scene owns it once added, so
        # Python and C++ never both think they should delete it.
        super().__init__()
        self._card = card
        self._done = done
        self._finished = False
        area = card.title_rect()
        self.setPos(card.mapToScene(area.topLeft()) - QPointF(4, 4))
        self.setTextWidth(area.width() + 8)
        self.setFont(_Fonts.get(card.style, "title"))
        self.setDefaultTextColor(QColor(card.style.card_text))
        self.setPlainText(card.title)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setZValue(10)
        self.setAcceptDrops(False)
        card.editing = True
        card.update()
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    @property
    def card(self) -> NodeItem:
        return self._card

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setPen(QColor(self._card.style.selection))
        painter.setBrush(QColor(self._card.style.card_fill))  # the card's own ground: readable in dark too
        painter.drawRect(self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5))
        super().paint(painter, option, widget)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.finish(commit=True)
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.finish(commit=False)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # A popup (the input method, a context menu) taking focus is not the end of the edit.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.finish(commit=True)

    def finish(self, *, commit: bool) -> None:
        """End the edit once: hand the text (or None) to the scene, then go away."""
        if self._finished:
            return
        self._finished = True
        text = " ".join(self.toPlainText().split())
        self._card.editing = False
        self._card.update()
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.hide()
        QTimer.singleShot(0, self._remove)
        self._done(self._card, text if commit else None)

    def _remove(self) -> None:
        try:
            scene = self.scene()
        except RuntimeError:  # the card, and this editor with it, is already gone
            return
        if scene is not None:
            scene.removeItem(self)
