"""The one multi-line text field of the app: it reports when the person leaves it, the moment to save.

Long text is committed once, on leaving the field, so typing a paragraph is one undo step and
not one per keystroke. With ``ctrl_enter`` it also reports Ctrl+Enter (:attr:`submitted`):
Setup's fields commit on it (:class:`ui.widgets.commit_fields.CommitTextEdit`), a statement is
recorded on it (the Accountability stage).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from .wording import attach_wording


class CommitOnLeaveEdit(QPlainTextEdit):
    """A ``QPlainTextEdit`` with a :attr:`left` signal, emitted when it loses focus.

    ``ctrl_enter``: Ctrl+Enter emits :attr:`submitted` instead of starting a new line.
    ``ownership``: the wording hints read it as a statement ("I decided …" is welcome).
    """

    left = Signal()
    submitted = Signal()

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None, *,
                 ctrl_enter: bool = False, ownership: bool = False) -> None:
        super().__init__(parent)
        self._ctrl_enter = ctrl_enter
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        # The store refused what the field shows: kept (as if being typed) until replaced or saved.
        self._refused = False
        attach_wording(self, ownership=ownership)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.left.emit()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._ctrl_enter and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def is_typing(self) -> bool:
        """True while the person is in the field with text not saved yet (or the store refused it)."""
        return (self.hasFocus() or self._refused) and self.document().isModified()

    def keep_as_unsaved(self) -> None:
        """The store refused this text: keep showing it, unsaved, so nothing typed is lost."""
        self._refused = True
        self.document().setModified(True)

    def show_text(self, text: str) -> bool:
        """Show stored ``text`` and mark it unchanged, unless the person is typing here.

        Typing is kept, still marked as changed, so leaving the field saves it. Returns False when
        the typed text was kept.
        """
        if self.is_typing():
            return False
        self.replace_text(text)
        return True

    def replace_text(self, text: str) -> None:
        """Show ``text`` whatever is being typed (the field now shows something else) and mark it unchanged."""
        self._refused = False
        if self.toPlainText() != text:
            self.setPlainText(text)
        self.document().setModified(False)
