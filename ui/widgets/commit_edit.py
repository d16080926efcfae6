"""A multi-line text field that reports when the person leaves it: the moment to save.

Long text is committed once, on leaving the field, so typing a paragraph is one undo step and
not one per keystroke.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class CommitOnLeaveEdit(QPlainTextEdit):
    """A ``QPlainTextEdit`` with a :attr:`left` signal, emitted when it loses focus."""

    left = Signal()

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.left.emit()
        super().focusOutEvent(event)

    def show_text(self, text: str) -> None:
        """Show stored text (unless the person is typing) and mark it unchanged."""
        if self.toPlainText() != text and not (self.hasFocus() and self.document().isModified()):
            self.setPlainText(text)
        self.document().setModified(False)
