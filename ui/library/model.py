"""Qt models of the library: retro summaries as a table, and a proxy for search and filters."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from retro.domain import IncidentStatus, RetroError, Severity
from retro.services import LibraryPage, LibraryQuery, LibrarySort, ReportState, RetroSummary

from ..models.rows_model import RowsTableModel
from ..theme import REPORT_STATE_COLOURS

if TYPE_CHECKING:  # only a search has snippets: its module (regular expressions) is not needed at start-up
    from retro.domain.snippets import Snippet

#: Role holding a value that sorts the column right (dates as timestamps, severities by rank).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role holding the row's :class:`RetroSummary`.
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2
#: Role holding where a search matched the row (:class:`~retro.domain.snippets.Snippet` or None).
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 3

#: Reads one page of the list from the database: (query, offset, limit) → page.
PageReader = Callable[[LibraryQuery, int, int], LibraryPage]

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
#: How the database sorts each column.
COLUMN_SORT = (LibrarySort.TITLE, LibrarySort.SEVERITY, LibrarySort.STATUS, LibrarySort.DATE,
               LibrarySort.INTERNAL_REPORT, LibrarySort.PUBLIC_REPORT, LibrarySort.OPEN_ACTIONS)


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
    """The retrospectives in the database, one row each.

    Two ways to fill it. :meth:`set_summaries` shows a given list (the quick first paint, before
    the store is open), sorted here and filtered by :class:`LibraryFilter`. :meth:`read_from`
    hands it a page reader: from then on the database filters, searches, sorts and counts, and
    the model holds only the pages read so far, reading the next one when the view scrolls near
    the end (``canFetchMore`` / ``fetchMore``).
    """

    COLUMNS = COLUMNS
    PAGE = 100
    #: The database refused a read (the message says what); the rows shown stay as they were.
    read_failed = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sort_column = DATE
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._reader: PageReader | None = None
        self._query = LibraryQuery()
        self._total = 0
        self._snippets: dict[str, Snippet] = {}
        self._resetting = False

    def set_summaries(self, rows: Iterable[RetroSummary]) -> None:
        self.set_rows(self._sorted(list(rows)))

    # -- read from the database, a page at a time ---------------------------------------------

    @property
    def from_database(self) -> bool:
        return self._reader is not None

    @property
    def query(self) -> LibraryQuery:
        return self._query

    @property
    def total(self) -> int:
        """Rows in the whole list (read or not yet)."""
        return self._total if self._reader is not None else len(self._rows)

    def read_from(self, reader: PageReader | None) -> None:
        """Read pages through ``reader`` from now on (``None``: back to a given list) and reload."""
        self._reader = reader
        self.reload()

    def set_query(self, query: LibraryQuery) -> None:
        """Show the rows ``query`` finds (filters, search, order), from the first page."""
        if query != self._query:
            self._query = query
            self.reload(keep=0)

    def reload(self, *, keep: int | None = None) -> None:
        """Read the list again: as many rows as are shown now (``keep``), at least one page."""
        if self._reader is None:
            return
        wanted = max(self.PAGE, len(self._rows) if keep is None else keep)
        try:
            page = self._reader(self._query, 0, wanted)
        except RetroError as exc:
            self.read_failed.emit(str(exc))
            return
        self.beginResetModel()
        self._rows = list(page.rows)
        self._total = page.total
        self._snippets = dict(page.snippets)
        self._resetting = True  # a view told of the reset fetches later, never inside it
        try:
            self.endResetModel()
        finally:
            self._resetting = False

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and self._reader is not None and not self._resetting
                and len(self._rows) < self._total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._reader is None:
            return
        try:
            page = self._reader(self._query, len(self._rows), self.PAGE)
        except RetroError as exc:
            self._total = len(self._rows)  # stop asking until the list is read again
            self.read_failed.emit(str(exc))
            return
        known = {s.id for s in self._rows}
        fresh = [s for s in page.rows if s.id not in known]  # an insert elsewhere shifted the pages
        self._total = page.total if fresh else len(self._rows)
        if fresh:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(fresh) - 1)
            self._rows.extend(fresh)
            self._snippets.update(page.snippets)
            self.endInsertRows()

    def snippet(self, row: int) -> Snippet | None:
        return self._snippets.get(self._rows[row].id) if 0 <= row < len(self._rows) else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``: by the database when it is read from, else in Python, one key per row."""
        if not 0 <= column < len(COLUMNS):
            if column == -1 and self._reader is not None:  # no column: a search's best matches first
                self.set_query(replace(self._query, sort=LibrarySort.RELEVANCE))
            return
        self._sort_column, self._sort_order = column, order
        if self._reader is not None:
            self.set_query(replace(self._query, sort=COLUMN_SORT[column],
                                   descending=order == Qt.SortOrder.DescendingOrder))
            return
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

    def row_of(self, incident_id: str, *, start: int = 0) -> int:
        return next((i for i in range(start, len(self._rows)) if self._rows[i].id == incident_id), -1)

    # -- QAbstractTableModel -----------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks each visible cell for seven roles (font, alignment, colours, check state,
        # icon, text); the roles this model has no answer for go back at once, without the row.
        answer = _ROLE_ANSWERS.get(role)
        if answer is None:
            return None
        s = self.value_at(index)
        return None if s is None else answer(self, s, index.column())

    def _sort_value(self, s: RetroSummary, col: int) -> Any:
        return self._sort_key(s, col)

    def _summary_value(self, s: RetroSummary, _col: int) -> RetroSummary:
        return s

    def _snippet_value(self, s: RetroSummary, col: int) -> Snippet | None:
        return self._snippets.get(s.id) if col == TITLE else None

    def _foreground(self, s: RetroSummary, col: int) -> QBrush | None:
        state = s.internal_report if col == INTERNAL else s.public_report if col == PUBLIC else None
        if state in REPORT_STATE_COLOURS:
            return _brush(REPORT_STATE_COLOURS[state])
        if col == ACTIONS and s.overdue_actions:
            return _brush(REPORT_STATE_COLOURS[ReportState.OVERDUE])
        return None

    def _font(self, s: RetroSummary, col: int) -> QFont | None:
        if s.archived:
            return _font(italic=True)  # (its weight as the view's)
        if (col in (INTERNAL, PUBLIC) and ReportState.OVERDUE in (s.internal_report, s.public_report)) or col == TITLE:
            return _font(bold=col == TITLE or (col == INTERNAL and s.internal_report is ReportState.OVERDUE)
                         or (col == PUBLIC and s.public_report is ReportState.OVERDUE))
        return None

    def _alignment(self, _s: RetroSummary, col: int) -> int | None:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if col == ACTIONS else None

    def _accessible_text(self, s: RetroSummary, col: int) -> str:
        found = self._snippets.get(s.id) if col == TITLE else None
        where = f", found{' in ' + found.found_in if found.found_in else ''}: {found.text}" if found else ""
        return f"{COLUMNS[col]}: {self._display(s, col)}{where}"

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
            return f"{s.open_actions:,} ({s.overdue_actions:,} overdue)" if s.overdue_actions else f"{s.open_actions:,}"
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
            if (found := self._snippets.get(s.id)) is not None:
                parts.append(f"Found{' in ' + found.found_in if found.found_in else ''}: {found.text}")
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
            return f"{s.open_actions:,} open action items, {s.overdue_actions:,} overdue"
        if col == DATE:
            when = incident_date(s)
            return f"{when:%Y-%m-%d %H:%M} UTC" if when else "No lifecycle time set yet"
        return ""


#: What each role answers (any other role: nothing), by the role's number as Qt passes it.
_ROLE_ANSWERS: dict[int, Callable[[LibraryModel, RetroSummary, int], Any]] = {
    int(Qt.ItemDataRole.DisplayRole): LibraryModel._display,
    SORT_ROLE: LibraryModel._sort_value,
    SUMMARY_ROLE: LibraryModel._summary_value,
    SNIPPET_ROLE: LibraryModel._snippet_value,
    int(Qt.ItemDataRole.ToolTipRole): LibraryModel._tooltip,
    int(Qt.ItemDataRole.ForegroundRole): LibraryModel._foreground,
    int(Qt.ItemDataRole.FontRole): LibraryModel._font,
    int(Qt.ItemDataRole.TextAlignmentRole): LibraryModel._alignment,
    int(Qt.ItemDataRole.AccessibleTextRole): LibraryModel._accessible_text,
}
_BRUSHES: dict[str, QBrush] = {}
_FONTS: dict[tuple[bool | None, bool | None], QFont] = {}


def _brush(colour: str) -> QBrush:
    """One brush per colour, made on first use (the view copies what it is given)."""
    if (brush := _BRUSHES.get(colour)) is None:
        brush = _BRUSHES[colour] = QBrush(QColor(colour))
    return brush


def _font(*, bold: bool | None = None, italic: bool | None = None) -> QFont:
    """A cell's font, made once: only what is set here overrides the view's font (None: left as it is)."""
    if (font := _FONTS.get((bold, italic))) is None:
        font = QFont()
        if bold is not None:
            font.setBold(bold)
        if italic is not None:
            font.setItalic(italic)
        _FONTS[(bold, italic)] = font
    return font


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

    def _database(self) -> LibraryModel | None:
        model = self.sourceModel()
        return model if isinstance(model, LibraryModel) and model.from_database else None

    def set_search(self, text: str, matching_ids: Iterable[str] = ()) -> None:
        """Rows whose title, services or tags contain ``text``, or whose ids the full-text search found.

        Read from the database, the list is the database's ranked search instead (best first).
        """
        if (model := self._database()) is not None:
            text, query = text.strip(), model.query
            if text and not query.text:  # a new search: best matches first
                query = replace(query, sort=LibrarySort.RELEVANCE)
            elif not text and query.sort is LibrarySort.RELEVANCE:  # search cleared: newest first again
                query = replace(query, sort=LibrarySort.DATE, descending=True)
            model.set_query(replace(query, text=text))
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self._matching_ids = frozenset(matching_ids)
        self.endFilterChange()

    def set_severity(self, severity: Severity | None) -> None:
        if (model := self._database()) is not None:
            model.set_query(replace(model.query, severity=severity))
        self.beginFilterChange()
        self._severity = severity
        self.endFilterChange()

    def set_status(self, status: IncidentStatus | None) -> None:
        if (model := self._database()) is not None:
            model.set_query(replace(model.query, status=status))
        self.beginFilterChange()
        self._status = status
        self.endFilterChange()

    def set_show_archived(self, show: bool) -> None:
        if (model := self._database()) is not None:
            model.set_query(replace(model.query, include_archived=show))
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
        if isinstance(model, LibraryModel) and model.from_database:
            return True  # the database filtered already
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
