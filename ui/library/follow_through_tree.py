"""The follow-through view's item model: group headings, and under each its actions a page at a time.

Headings (owner, service, severity or due state, with how many are overdue and due this week)
come from one grouped query; a group's actions are read when it is expanded, one page
(:attr:`FollowThroughModel.PAGE` rows) at a time as they scroll into sight (``canFetchMore`` /
``fetchMore`` on the heading). So 40,000 open actions cost the headings and one page at first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from retro.domain import RetroError
from retro.domain.follow_through import ActionRecord, DueState, due_state

if TYPE_CHECKING:
    from retro.services.follow_through_groups import FollowGroup

Index = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 16
COLUMNS = ("Action", "Owner", "Due", "Status", "Retrospective", "Severity")
STATE_COLOURS = {DueState.OVERDUE: "#c62828", DueState.THIS_WEEK: "#b26a00"}

#: Reads a page of one group: ``read(group, offset, limit)``.
PageReader = Callable[["FollowGroup", int, int], list[ActionRecord]]


def heading(group: FollowGroup) -> str:
    overdue, soon = group.count(DueState.OVERDUE), group.count(DueState.THIS_WEEK)
    counts = [f"{group.total:,} open"] + ([f"{overdue:,} overdue"] if overdue else []) + (
        [f"{soon:,} due this week"] if soon else [])
    return f"{group.title} — {', '.join(counts)}"


class FollowThroughModel(QAbstractItemModel):
    PAGE = 200

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.groups: list[FollowGroup] = []
        self._rows: list[list[ActionRecord]] = []
        self._read: PageReader | None = None
        self.today = date.today()
        #: The last page read failed with this message ("" when none did).
        self.problem = ""

    def set_groups(self, groups: list[FollowGroup], first: dict[int, list[ActionRecord]], read: PageReader | None,
                   today: date) -> None:
        """Show ``groups``; ``first`` holds pages already read (group row → its first rows)."""
        self.beginResetModel()
        self.groups, self._read, self.today, self.problem = list(groups), read, today, ""
        self._rows = [list(first.get(i, ())) for i in range(len(self.groups))]
        self.endResetModel()

    def loaded(self, group_row: int) -> list[ActionRecord]:
        return self._rows[group_row]

    # -- structure ----------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def _group_of(self, parent: Index) -> int:
        """The group row of a heading index, -1 for the root, -2 for an action."""
        if not parent.isValid():
            return -1
        return parent.row() if parent.internalId() == 0 and parent.column() == 0 else -2

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        g = self._group_of(parent)
        return len(self.groups) if g == -1 else (len(self._rows[g]) if g >= 0 else 0)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        g = self._group_of(parent)
        return bool(self.groups) if g == -1 else (g >= 0 and self.groups[g].total > 0)

    def canFetchMore(self, parent: Index) -> bool:
        g = self._group_of(parent)
        return g >= 0 and self._read is not None and len(self._rows[g]) < self.groups[g].total

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent) or self._read is None:
            return
        g = parent.row()
        start = len(self._rows[g])
        try:
            page = self._read(self.groups[g], start, self.PAGE)
        except RetroError as exc:  # the database said no: stop here, say why
            self._read = None
            self.problem = str(exc)
            return
        if not page:  # fewer than counted (changed meanwhile): stop asking
            self.groups[g] = _shrunk(self.groups[g], start)
            return
        self.beginInsertRows(self.index(g, 0), start, start + len(page) - 1)
        self._rows[g].extend(page)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- what a person sees -------------------------------------------------------------------

    def record(self, index: Index) -> ActionRecord | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        g = index.internalId() - 1
        return self._rows[g][index.row()] if 0 <= g < len(self._rows) and index.row() < len(self._rows[g]) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            group = self.groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return heading(group) if index.column() == 0 else ""
            if role == Qt.ItemDataRole.FontRole and index.column() == 0:
                font = QFont()
                font.setBold(True)
                return font
            return None
        record = self.record(index)
        if record is None:
            return None
        if role == RECORD_ROLE:
            return record
        state = due_state(record.action, self.today)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells(record, state)[index.column()]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{COLUMNS[index.column()]}: {self._cells(record, state)[index.column()]}"
        if role == Qt.ItemDataRole.ForegroundRole and state in STATE_COLOURS and index.column() in (0, 2):
            return QBrush(QColor(STATE_COLOURS[state]))
        return None

    @staticmethod
    def _cells(record: ActionRecord, state: DueState) -> tuple[str, ...]:
        a = record.action
        due = "No due date" if a.due is None else (
            f"{a.due:%Y-%m-%d} ({state.label.lower()})" if state in STATE_COLOURS else f"{a.due:%Y-%m-%d}")
        return (a.title, a.owner.strip() or "No owner", due, a.status.label, record.incident_title,
                record.severity.label)


def _shrunk(group: FollowGroup, total: int) -> FollowGroup:
    """``group`` counted down to the ``total`` rows that exist (someone closed some meanwhile)."""
    from dataclasses import replace

    counts, left = [], total
    for state, n in group.counts:
        keep = min(n, left)
        left -= keep
        if keep:
            counts.append((state, keep))
    return replace(group, counts=tuple(counts))
