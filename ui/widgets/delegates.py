"""Cell editors for the stage tables: choices, typed times, dates, names.

Each delegate hands the model a plain value (an enum token, the typed text, a ``QDate``); the
model turns it into an :class:`~retro.domain.Edit`, so every cell edit is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, QDate, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from retro.domain.validation import MAX_LONG_TEXT

from .wording import attach_line_wording

Index = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of fixed choices: ``(value, label)`` pairs; the model gets the value."""

    def __init__(self, choices: Sequence[tuple[str, str]], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = list(choices)
        self._name = name

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self._name)
        for value, label in self._choices:
            combo.addItem(label, value)
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        at = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(at, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        if editor.currentData() != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class TextDelegate(QStyledItemDelegate):
    """A one-line text editor with a placeholder; the model gets the typed text as it is."""

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._placeholder = placeholder

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        line = QLineEdit(parent)
        # QLineEdit keeps 32,767 characters unless told otherwise and would cut a longer text
        # silently; the store's own limit (with its message) is the one that applies.
        line.setMaxLength(MAX_LONG_TEXT)
        line.setAccessibleName(self._name)
        line.setPlaceholderText(self._placeholder)
        line.setFrame(False)
        attach_line_wording(line)
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        if editor.text() != str(index.data(Qt.ItemDataRole.EditRole) or ""):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    """A date editor with a calendar pop-up; the model gets a ``QDate``."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        edit = QDateEdit(parent)
        edit.setAccessibleName("Due date")
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QDateEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setDate(value if isinstance(value, QDate) and value.isValid() else QDate.currentDate())

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QDateEdit)
        if editor.date() != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)


class NameDelegate(QStyledItemDelegate):
    """An editable combo of people's names that also takes a typed name."""

    def __init__(self, names: Callable[[], list[str]], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = names
        self._name = name

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self._name)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(self._names())
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        line = editor.lineEdit()
        if line is not None:
            line.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        if editor.currentText() != str(index.data(Qt.ItemDataRole.EditRole) or ""):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


def enum_choices(enum_type: type) -> list[tuple[str, str]]:
    """``(value, label)`` for each member of one of the domain's labelled enums."""
    return [(member.value, member.label) for member in enum_type]  # type: ignore[attr-defined]


class LinkDelegate(TextDelegate):
    """A link cell: a click on its text opens it (through ``open_link``); F2 edits it."""

    def __init__(self, name: str, open_link: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(name, "https://…", parent)
        self._open_link = open_link

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem,
                    index: Index) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            url = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            text_width = option.fontMetrics.horizontalAdvance(url) + 8
            if url and event.position().x() - option.rect.x() <= text_width:
                self._open_link(url)
                return True
        return super().editorEvent(event, model, option, index)
