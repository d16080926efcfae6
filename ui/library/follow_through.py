"""Follow-through: every open or overdue action item across retrospectives, overdue first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from retro.services import OpenAction, ReportState

from ..models.rows_model import RowsTableModel
from ..theme import REPORT_STATE_COLOURS
from .model import SORT_ROLE

#: Role holding the row's :class:`OpenAction`.
OPEN_ACTION_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[str, ...] = ("Action", "Owner", "Due", "Status", "Priority", "Retrospective", "Severity")
ACTION, OWNER, DUE, STATUS, PRIORITY, RETRO, SEVERITY = range(len(COLUMNS))


class OpenActionsModel(RowsTableModel[OpenAction]):
    """Open and in-progress action items, one row each."""

    COLUMNS = COLUMNS

    def set_actions(self, rows: Iterable[OpenAction]) -> None:
        self.set_rows(rows)

    def open_action(self, row: int) -> OpenAction:
        return self.row_value(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.value_at(index)
        if row is None:
            return None
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
