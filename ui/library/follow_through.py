"""Follow-through: every open or overdue action item across retrospectives, overdue first."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from retro.domain import RetroError
from retro.services import OpenAction, ReportState

from ..models.rows_model import RowsTableModel
from ..theme import REPORT_STATE_COLOURS
from .model import SORT_ROLE

#: Role holding the row's :class:`OpenAction`.
OPEN_ACTION_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[str, ...] = ("Action", "Owner", "Due", "Status", "Priority", "Retrospective", "Severity")
ACTION, OWNER, DUE, STATUS, PRIORITY, RETRO, SEVERITY = range(len(COLUMNS))


#: Reads one page of open actions in follow-through order: ``fetch(offset, limit)``.
PageReader = Callable[[int, int], list[OpenAction]]


class OpenActionsModel(RowsTableModel[OpenAction]):
    """Open and in-progress action items, one row each, in follow-through order (overdue first).

    Two ways to fill it:

    - :meth:`set_actions` — a complete list (already ordered);
    - :meth:`set_first_page` — the first page read from the store
      (``store.open_actions(limit=PAGE)``) and a :data:`PageReader` for the rest; the view asks
      for more rows as they scroll into sight (``canFetchMore`` / ``fetchMore``), so 40,000 open
      actions cost one page at first paint. :meth:`rows` holds what is read so far.
    """

    COLUMNS = COLUMNS
    #: Rows read per page.
    PAGE = 200

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._more: PageReader | None = None
        #: The last page read failed with this message ("" when none did).
        self.problem = ""

    def set_actions(self, rows: Iterable[OpenAction]) -> None:
        self._more = None
        self.set_rows(rows)

    def set_first_page(self, rows: list[OpenAction], more: PageReader | None) -> None:
        """Show the first page; ``more`` reads the next ones (not called once a page comes back short)."""
        self._more = more if len(rows) >= self.PAGE else None
        self.set_rows(rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._more is None:
            return
        try:
            page = self._more(len(self._rows), self.PAGE)
        except RetroError as exc:  # the database said no: stop here, say why
            self._more = None
            self.problem = str(exc)
            return
        if len(page) < self.PAGE:
            self._more = None
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

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
