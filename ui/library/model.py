"""Qt models of the library: retro summaries as a table, and a proxy for search and filters."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from retro.domain import IncidentStatus, Severity
from retro.services import ReportState, RetroSummary

from ..models.rows_model import RowsTableModel
from ..theme import REPORT_STATE_COLOURS

#: Role holding a value that sorts the column right (dates as timestamps, severities by rank).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role holding the row's :class:`RetroSummary`.
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[str, ...] = (
    "Title",
    "Severity",
    "Status",
    "Incident date",
    "Internal report",
    "Public report",
    "Open actions",
)
TITLE, SEVERITY, STATUS, DATE, INTERNAL, PUBLIC, ACTIONS = range(len(COLUMNS))

_SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}
_STATUS_RANK = {s: i for i, s in enumerate(IncidentStatus)}
_STATE_RANK = {ReportState.OVERDUE: 0, ReportState.DUE: 1, ReportState.NOT_YET: 2, ReportState.DONE: 3}


def incident_date(summary: RetroSummary) -> datetime | None:
    return summary.started_at or summary.resolved_at or summary.created_at


def _date_text(when: datetime | None) -> str:
    return when.strftime("%Y-%m-%d") if when else "—"


def _due_text(state: ReportState, due: datetime | None) -> str:
    if state is ReportState.NOT_YET:
        return "Due 24 h / 72 h after the incident is resolved."
    if due is None:
        return state.label
    verb = {ReportState.DUE: "Due", ReportState.OVERDUE: "Was due", ReportState.DONE: "Was due"}[state]
    return f"{verb} {due:%Y-%m-%d %H:%M} UTC"


class LibraryModel(RowsTableModel[RetroSummary]):
    """The retrospectives in the database, one row each."""

    COLUMNS = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sort_column = DATE
        self._sort_order = Qt.SortOrder.DescendingOrder

    def set_summaries(self, rows: Iterable[RetroSummary]) -> None:
        self.set_rows(self._sorted(list(rows)))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python with one key per row (a proxy would call ``data()`` ~2 n log n times)."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        self._rows = self._sorted(self._rows)
        moved = {id(s): i for i, s in enumerate(self._rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(moved[id(before[i.row()])], i.column()) if 0 <= i.row() < len(before) else QModelIndex()
                  for i in old])
        self.layoutChanged.emit()

    def _sorted(self, rows: list[RetroSummary]) -> list[RetroSummary]:
        col = self._sort_column
        # Ties keep the newest first, then the id, whichever way the column sorts.
        rows = sorted(rows, key=lambda s: s.id)
        return sorted(rows, key=lambda s: self._sort_key(s, col),
                      reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def summaries(self) -> list[RetroSummary]:
        return self.rows()

    def summary(self, row: int) -> RetroSummary:
        return self.row_value(row)

    def row_of(self, incident_id: str) -> int:
        return next((i for i, s in enumerate(self._rows) if s.id == incident_id), -1)

    # -- QAbstractTableModel -----------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        s = self.value_at(index)
        if s is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(s, col)
        if role == SORT_ROLE:
            return self._sort_key(s, col)
        if role == SUMMARY_ROLE:
            return s
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(s, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            state = s.internal_report if col == INTERNAL else s.public_report if col == PUBLIC else None
            if state in REPORT_STATE_COLOURS:
                return QBrush(QColor(REPORT_STATE_COLOURS[state]))
            if col == ACTIONS and s.overdue_actions:
                return QBrush(QColor(REPORT_STATE_COLOURS[ReportState.OVERDUE]))
            return None
        if role == Qt.ItemDataRole.FontRole:
            if s.archived:
                font = QFont()
                font.setItalic(True)
                return font
            if (col in (INTERNAL, PUBLIC) and ReportState.OVERDUE in (s.internal_report, s.public_report)) or col == TITLE:
                font = QFont()
                font.setBold(col == TITLE or (col == INTERNAL and s.internal_report is ReportState.OVERDUE)
                             or (col == PUBLIC and s.public_report is ReportState.OVERDUE))
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == ACTIONS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{COLUMNS[col]}: {self._display(s, col)}"
        return None

    def _display(self, s: RetroSummary, col: int) -> str:
        if col == TITLE:
            return f"{s.title} (archived)" if s.archived else s.title
        if col == SEVERITY:
            return s.severity.label
        if col == STATUS:
            return s.status.label
        if col == DATE:
            return _date_text(incident_date(s))
        if col == INTERNAL:
            return s.internal_report.label
        if col == PUBLIC:
            return s.public_report.label
        if col == ACTIONS:
            return f"{s.open_actions} ({s.overdue_actions} overdue)" if s.overdue_actions else str(s.open_actions)
        return ""

    def _sort_key(self, s: RetroSummary, col: int) -> Any:
        if col == TITLE:
            return s.title.casefold()
        if col == SEVERITY:
            return _SEVERITY_RANK[s.severity]
        if col == STATUS:
            return _STATUS_RANK[s.status]
        if col == DATE:
            when = incident_date(s)
            return when.timestamp() if when else 0.0
        if col == INTERNAL:
            return _STATE_RANK[s.internal_report]
        if col == PUBLIC:
            return _STATE_RANK[s.public_report]
        if col == ACTIONS:
            return s.open_actions * 1000 + s.overdue_actions
        return None

    def _tooltip(self, s: RetroSummary, col: int) -> str:
        if col == TITLE:
            parts = [s.title]
            if s.services:
                parts.append("Services: " + ", ".join(s.services))
            if s.tags:
                parts.append("Tags: " + ", ".join(s.tags))
            return "\n".join(parts)
        if col == SEVERITY:
            return s.severity.description
        if col == INTERNAL:
            return f"Internal postmortem: {s.internal_report.label}. {_due_text(s.internal_report, s.internal_due)}"
        if col == PUBLIC:
            return f"Public postmortem: {s.public_report.label}. {_due_text(s.public_report, s.public_due)}"
        if col == ACTIONS:
            return f"{s.open_actions} open action items, {s.overdue_actions} overdue"
        if col == DATE:
            when = incident_date(s)
            return f"{when:%Y-%m-%d %H:%M} UTC" if when else "No lifecycle time set yet"
        return ""


class LibraryFilter(QSortFilterProxyModel):
    """Search text, severity and status filters, and whether archived retros show."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setDynamicSortFilter(False)
        self._matching_ids: frozenset[str] = frozenset()
        self._severity: Severity | None = None
        self._status: IncidentStatus | None = None
        self._show_archived = False
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_search(self, text: str, matching_ids: Iterable[str] = ()) -> None:
        """Rows whose title, services or tags contain ``text``, or whose ids the full-text search found."""
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self._matching_ids = frozenset(matching_ids)
        self.endFilterChange()

    def set_severity(self, severity: Severity | None) -> None:
        self.beginFilterChange()
        self._severity = severity
        self.endFilterChange()

    def set_status(self, status: IncidentStatus | None) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange()

    def set_show_archived(self, show: bool) -> None:
        self.beginFilterChange()
        self._show_archived = show
        self.endFilterChange()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The library model sorts itself (once per row); the proxy only filters, in its order."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if isinstance(model, LibraryModel):  # straight from the list: no index, no data() call
            s: RetroSummary | None = model.summary(source_row) if 0 <= source_row < model.rowCount() else None
        else:
            s = model.data(model.index(source_row, 0, source_parent), SUMMARY_ROLE)
        if s is None:
            return False
        if s.archived and not self._show_archived:
            return False
        if self._severity is not None and s.severity is not self._severity:
            return False
        if self._status is not None and s.status is not self._status:
            return False
        if self._text:
            haystack = " ".join((s.title, *s.services, *s.tags, s.severity.label, s.status.label)).casefold()
            return self._text in haystack or s.id in self._matching_ids
        return True


def now_utc() -> datetime:
    return datetime.now(UTC)
