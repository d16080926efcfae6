"""The rows an import would add, as a checkable, editable table (time and kind can be fixed)."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from retro.domain import EventKind
from retro.io.importers import ImportPreview
from ui.widgets.time_text import edit_text, format_event_time, parse_event_time

Index = QModelIndex | QPersistentModelIndex


class PreviewColumn(IntEnum):
    ADD = 0
    TIME = 1
    KIND = 2
    TEXT = 3
    SOURCE = 4
    WHERE = 5
    NOTE = 6


_HEADERS = {
    PreviewColumn.ADD: "Add",
    PreviewColumn.TIME: "Time",
    PreviewColumn.KIND: "Kind",
    PreviewColumn.TEXT: "Text",
    PreviewColumn.SOURCE: "Source",
    PreviewColumn.WHERE: "From",
    PreviewColumn.NOTE: "Note",
}


class ImportPreviewModel(QAbstractTableModel):
    """An :class:`ImportPreview`'s rows; unticking, time and kind edits change the preview itself."""

    #: The number of ticked rows changed.
    selection_count_changed = Signal(int)
    #: A typed time could not be read: the message for the person.
    problem = Signal(str)

    def __init__(self, display_timezone: str = "UTC", parent: Any = None) -> None:
        super().__init__(parent)
        self._preview: ImportPreview | None = None
        self._tz = display_timezone
        self._day: date | None = None

    @property
    def preview(self) -> ImportPreview | None:
        return self._preview

    def set_preview(
        self, preview: ImportPreview | None, display_timezone: str | None = None, day: date | None = None
    ) -> None:
        """Show ``preview``; times on a day other than ``day`` show their date too."""
        self.beginResetModel()
        self._preview = preview
        self._day = day
        if display_timezone:
            self._tz = display_timezone
        self.endResetModel()
        self.selection_count_changed.emit(preview.selected_count if preview else 0)

    # -- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._preview is None:
            return 0
        return len(self._preview.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PreviewColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[PreviewColumn(section)]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = PreviewColumn(index.column())
        if column is PreviewColumn.ADD:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if column in (PreviewColumn.TIME, PreviewColumn.KIND):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._preview is None or not 0 <= index.row() < len(self._preview.rows):
            return None
        row = self._preview.rows[index.row()]
        event = row.event
        column = PreviewColumn(index.column())
        if role == Qt.ItemDataRole.CheckStateRole and column is PreviewColumn.ADD:
            return Qt.CheckState.Checked if row.selected else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column is PreviewColumn.TIME:
                return format_event_time(event.at, self._tz, reference=self._day)
            if column is PreviewColumn.KIND:
                return event.kind.label
            if column is PreviewColumn.TEXT:
                return event.text
            if column is PreviewColumn.SOURCE:
                return event.source
            if column is PreviewColumn.WHERE:
                return row.where
            if column is PreviewColumn.NOTE:
                return _note(row.duplicate_of, row.note)
            return None
        if role == Qt.ItemDataRole.EditRole:
            if column is PreviewColumn.TIME:
                return edit_text(event.at, self._tz)
            if column is PreviewColumn.KIND:
                return event.kind.value
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is PreviewColumn.TIME:
                return f"{edit_text(event.at, self._tz)} ({self._tz}) — {event.at:%Y-%m-%d %H:%M:%S} UTC"
            if column is PreviewColumn.TEXT:
                return event.text
            return _note(row.duplicate_of, row.note) or None
        if role == Qt.ItemDataRole.ForegroundRole and row.duplicate_of:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.AccessibleTextRole and column is PreviewColumn.ADD:
            return f"Add row {index.row() + 1}: {'yes' if row.selected else 'no'}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self._preview is None:
            return False
        column = PreviewColumn(index.column())
        i = index.row()
        if column is PreviewColumn.ADD and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            self._preview.set_selected(i, checked)
        elif column is PreviewColumn.TIME and role == Qt.ItemDataRole.EditRole:
            reference: date = self._preview.rows[i].event.at.date()
            try:
                self._preview.set_time(i, parse_event_time(str(value), self._tz, reference))
            except ValueError as exc:
                self.problem.emit(str(exc))
                return False
        elif column is PreviewColumn.KIND and role == Qt.ItemDataRole.EditRole:
            self._preview.set_kind(i, EventKind(str(value)))
        else:
            return False
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(PreviewColumn) - 1))
        self.selection_count_changed.emit(self._preview.selected_count)
        return True

    def set_all_selected(self, selected: bool) -> None:
        """Tick or untick every row that is not a duplicate."""
        if self._preview is None or not self._preview.rows:
            return
        for i, row in enumerate(self._preview.rows):
            if not row.duplicate_of:
                self._preview.set_selected(i, selected)
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._preview.rows) - 1, 0))
        self.selection_count_changed.emit(self._preview.selected_count)


def _note(duplicate_of: str | None, note: str) -> str:
    """The importer's note; a duplicate always says so (its note explains why)."""
    if duplicate_of and not note:
        return "Duplicate: not added again"
    return note
