"""The action items as a Qt table, refreshed row by row from what changed.

Rows keep a stable order (as loaded, new ones at the end) so an edit never jumps the row from
under the cursor; the stage shows them through :class:`ActionsSort`, which orders by due date
and keeps the selection while rows move.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication

from retro.domain import ActionItem, ActionStatus, ActionType, Changes, Edit, Factor, Horizon, Priority
from retro.domain.projector_names import shown_owner, shown_text
from ui.document import RetroDocument
from ui.widgets.colours import PROBLEM
from ui.widgets.plain_text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex


class ActionColumn(IntEnum):
    TITLE = 0
    OWNER = 1
    DUE = 2
    TYPE = 3
    HORIZON = 4
    PRIORITY = 5
    STATUS = 6
    TICKET = 7
    FACTORS = 8


COLUMN_TITLES = {
    ActionColumn.TITLE: "Action",
    ActionColumn.OWNER: "Owner",
    ActionColumn.DUE: "Due",
    ActionColumn.TYPE: "Type",
    ActionColumn.HORIZON: "Horizon",
    ActionColumn.PRIORITY: "Priority",
    ActionColumn.STATUS: "Status",
    ActionColumn.TICKET: "Ticket",
    ActionColumn.FACTORS: "Factors addressed",  # short: the header sets the column's least width on a laptop
}

EDIT_LABELS = {
    ActionColumn.TITLE: "Rename action",
    ActionColumn.OWNER: "Change action owner",
    ActionColumn.DUE: "Change action due date",
    ActionColumn.TYPE: "Change action type",
    ActionColumn.HORIZON: "Change action horizon",
    ActionColumn.PRIORITY: "Change action priority",
    ActionColumn.STATUS: "Change action status",
    ActionColumn.TICKET: "Edit ticket link",
    ActionColumn.FACTORS: "Change factors addressed",
}

ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: "Title — Owner · due 13 Nov 2026" for the projector.
PROJECTOR_ROLE = Qt.ItemDataRole.UserRole + 3

_PRIORITY_RANK = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}


def due_order(action: ActionItem) -> tuple[str, int, str, str]:
    """The order of :class:`ActionsSort` by due date (the Actions slide's, and the Review slide's):
    soonest first, no due date last, then by priority, title and id."""
    due = action.due.isoformat() if action.due else "9999"
    return due, _PRIORITY_RANK[action.priority], action.title.casefold(), action.id
_OVERDUE = QColor(PROBLEM)


class ActionsModel(QAbstractTableModel):
    """The retro's action items."""

    #: "Won't do" was chosen for this action without a reason: ask for one.
    reason_needed = Signal(str)

    def __init__(self, document: RetroDocument, parent: QObject | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._today = today or date.today()
        self._actions: list[ActionItem] = document.retro.action_list()
        document.changed.connect(self._on_changed)
        document.reloaded.connect(self._reset)

    # -- reading ---------------------------------------------------------------------------------

    def action_at(self, row: int) -> ActionItem:
        return self._actions[row]

    def actions(self) -> list[ActionItem]:
        return list(self._actions)

    def row_of(self, action_id: str) -> int:
        return next((i for i, a in enumerate(self._actions) if a.id == action_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._actions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ActionColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return COLUMN_TITLES[ActionColumn(section)] if 0 <= section < len(ActionColumn) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != ActionColumn.FACTORS:  # chosen in a list of checkboxes instead
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        action = self._actions[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(action, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(action, column)
        if role == ACTION_ID_ROLE:
            return action.id
        if role == SORT_ROLE:
            return self._sort_value(action, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(action, column))
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == ActionColumn.TICKET and action.ticket_url:
                return QApplication.palette().link()
            if column == ActionColumn.DUE and self.is_overdue(action):
                return QBrush(_OVERDUE)
            return None
        if role == Qt.ItemDataRole.FontRole and column == ActionColumn.TICKET and action.ticket_url:
            font = QFont()
            font.setUnderline(True)
            return font
        if role == PROJECTOR_ROLE:
            owner = shown_owner(self._document.retro, action.owner) or "no owner yet"  # roles option
            due = f"due {action.due:%d %b %Y}" if action.due else "no due date"
            title = shown_text(self._document.retro, action.title)
            return f"{title}\n{owner}  ·  {due}  ·  {action.status.label}"
        return None

    def is_overdue(self, action: ActionItem) -> bool:
        return action.due is not None and action.due < self._today and not action.status.is_closed

    def factor_titles(self, action: ActionItem) -> list[str]:
        factors = self._document.retro.factors
        return [factors[f].title for f in action.factor_ids if f in factors]

    def _display(self, action: ActionItem, column: int) -> str:
        match column:
            case ActionColumn.TITLE:
                return action.title
            case ActionColumn.OWNER:
                return action.owner
            case ActionColumn.DUE:
                return action.due.isoformat() if action.due else ""
            case ActionColumn.TYPE:
                return action.action_type.label
            case ActionColumn.HORIZON:
                return action.horizon.label
            case ActionColumn.PRIORITY:
                return action.priority.label
            case ActionColumn.STATUS:
                return action.status.label
            case ActionColumn.TICKET:
                return action.ticket_url
            case _:
                titles = self.factor_titles(action)
                return "; ".join(titles) if titles else "—"

    def _edit_value(self, action: ActionItem, column: int) -> Any:
        match column:
            case ActionColumn.DUE:
                return QDate(action.due) if action.due else QDate()
            case ActionColumn.TYPE:
                return action.action_type.value
            case ActionColumn.HORIZON:
                return action.horizon.value
            case ActionColumn.PRIORITY:
                return action.priority.value
            case ActionColumn.STATUS:
                return action.status.value
            case _:
                return self._display(action, column) if column != ActionColumn.FACTORS else ""

    def _sort_value(self, action: ActionItem, column: int) -> Any:
        if column == ActionColumn.DUE:
            return action.due.isoformat() if action.due else "9999"
        if column == ActionColumn.PRIORITY:
            return _PRIORITY_RANK[action.priority]
        return self._display(action, column).casefold()

    def _tooltip(self, action: ActionItem, column: int) -> str:
        if column == ActionColumn.STATUS and action.status is ActionStatus.WONT_DO:
            return f"Won't do: {action.status_reason}"
        if column == ActionColumn.TICKET:
            return f"Click to open {action.ticket_url} — F2 to edit" if action.ticket_url else "F2 to add a ticket link"
        if column == ActionColumn.FACTORS:
            return "\n".join(f"• {t}" for t in self.factor_titles(action)) or "Addresses no contributing factor yet"
        if column == ActionColumn.DUE and self.is_overdue(action):
            return "Overdue"
        if column == ActionColumn.TITLE:
            return action.description or action.title
        return ""

    # -- editing -----------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        action = self._actions[index.row()]
        column = ActionColumn(index.column())
        updated = self._with_value(action, column, value)
        if updated is None:
            return False
        if updated == action:
            return True
        if updated.status is ActionStatus.WONT_DO and not updated.status_reason.strip():
            self.reason_needed.emit(action.id)
            return False
        return self._document.edit(EDIT_LABELS[column], Edit.of(upsert=[updated]))

    def _with_value(self, action: ActionItem, column: ActionColumn, value: Any) -> ActionItem | None:
        text = "" if value is None else str(value).strip()
        match column:
            case ActionColumn.TITLE:
                return replace(action, title=text) if text else None
            case ActionColumn.OWNER:
                return replace(action, owner=text)
            case ActionColumn.DUE:
                due = value.toPython() if isinstance(value, QDate) and value.isValid() else None
                return replace(action, due=due)
            case ActionColumn.TYPE:
                return replace(action, action_type=ActionType(text))
            case ActionColumn.HORIZON:
                return replace(action, horizon=Horizon(text))
            case ActionColumn.PRIORITY:
                return replace(action, priority=Priority(text))
            case ActionColumn.STATUS:
                return replace(action, status=ActionStatus(text))
            case ActionColumn.TICKET:
                return replace(action, ticket_url=text)
            case _:
                return None

    # -- following the document --------------------------------------------------------------

    def _reset(self) -> None:
        self.beginResetModel()
        self._actions = self._document.retro.action_list()
        self.endResetModel()

    def _on_changed(self, changes: Changes) -> None:
        for ref in changes.removed:
            if ref.is_a(ActionItem) and (row := self.row_of(ref.key)) >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._actions[row]
                self.endRemoveRows()
        for entity in changes.upserted:
            if not isinstance(entity, ActionItem):
                continue
            row = self.row_of(entity.id)
            if row >= 0:
                self._actions[row] = entity
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(ActionColumn) - 1))
            else:
                end = len(self._actions)
                self.beginInsertRows(QModelIndex(), end, end)
                self._actions.append(entity)
                self.endInsertRows()
        if changes.touches(Factor) and self._actions:
            # a factor's title changed or it was removed: the factors column reads differently
            for row, action in enumerate(self._actions):
                self._actions[row] = self._document.retro.actions.get(action.id, action)
            last = len(self._actions) - 1
            self.dataChanged.emit(self.index(0, ActionColumn.FACTORS), self.index(last, ActionColumn.FACTORS))


class ActionsSort(QSortFilterProxyModel):
    """Actions ordered by due date (then priority, then title) or by a clicked column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.sort(ActionColumn.DUE, Qt.SortOrder.AscendingOrder)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a != b:
            return bool(a < b)
        tie = (
            model.index(left.row(), ActionColumn.PRIORITY).data(SORT_ROLE),
            model.index(left.row(), ActionColumn.TITLE).data(SORT_ROLE),
            model.index(left.row(), 0).data(ACTION_ID_ROLE),
        )
        other = (
            model.index(right.row(), ActionColumn.PRIORITY).data(SORT_ROLE),
            model.index(right.row(), ActionColumn.TITLE).data(SORT_ROLE),
            model.index(right.row(), 0).data(ACTION_ID_ROLE),
        )
        return tie < other
