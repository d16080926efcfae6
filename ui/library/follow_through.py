"""Follow-through: every open or overdue action item across retrospectives, overdue first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from retro.services import OpenAction, ReportState

from ..theme import REPORT_STATE_COLOURS
from .model import SORT_ROLE

#: Role holding the row's :class:`OpenAction`.
OPEN_ACTION_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[str, ...] = ("Action", "Owner", "Due", "Status", "Priority", "Retrospective", "Severity")
ACTION, OWNER, DUE, STATUS, PRIORITY, RETRO, SEVERITY = range(len(COLUMNS))


class OpenActionsModel(QAbstractTableModel):
    """Open and in-progress action items, one row each."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OpenAction] = []

    def set_actions(self, rows: Iterable[OpenAction]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def open_action(self, row: int) -> OpenAction:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        action, col = row.action, index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._display(row, col)
            return text if role == Qt.ItemDataRole.DisplayRole else f"{COLUMNS[col]}: {text}"
        if role == SORT_ROLE:
            if col == DUE:
                return action.due.toordinal() if action.due else 10**7
            if col == SEVERITY:
                return list(type(row.severity)).index(row.severity)
            if col == PRIORITY:
                return list(type(action.priority)).index(action.priority)
            return self._display(row, col).casefold()
        if role == OPEN_ACTION_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and col in (ACTION, DUE):
            return QBrush(QColor(REPORT_STATE_COLOURS[ReportState.OVERDUE]))
        if role == Qt.ItemDataRole.FontRole and row.overdue and col == DUE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == ACTION:
                return action.description or action.title
            if col == DUE and row.overdue:
                return "Overdue: agree a new date or close it with a reason."
            if col == RETRO:
                return row.incident_title
        return None

    def _display(self, row: OpenAction, col: int) -> str:
        action = row.action
        if col == ACTION:
            return action.title
        if col == OWNER:
            return action.owner or "No owner"
        if col == DUE:
            if action.due is None:
                return "No due date"
            return f"{action.due:%Y-%m-%d} (overdue)" if row.overdue else f"{action.due:%Y-%m-%d}"
        if col == STATUS:
            return action.status.label
        if col == PRIORITY:
            return action.priority.label
        if col == RETRO:
            return row.incident_title
        if col == SEVERITY:
            return row.severity.label
        return ""
