"""Reading, searching and selecting in the library's list of retros, and the count and buttons under it.

Mixed into :class:`~ui.library.page.LibraryPage`: the list is read from the database a page at a
time, filtered, searched (ranked) and sorted there; before the store is open it is the quick
list read at start-up, filtered here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QTableView

from retro.domain import IncidentStatus, RetroError, Severity
from retro.services import LibraryQuery, LibrarySort, RetroSummary

from .model import COLUMN_SORT, DATE, LibraryFilter, LibraryModel
from .retros_tab import RetrosTab, or_none

if TYPE_CHECKING:
    from retro.services import RetroStore

    from .edit_jobs import LibraryEdits


class LibraryListing:
    """Mix into the library page (before ``QWidget`` in the bases), which builds these widgets."""

    _store: RetroStore | None
    _last_selected: str
    _row_height: int
    _search_timer: QTimer
    retros: RetrosTab
    model: LibraryModel
    proxy: LibraryFilter
    table: QTableView
    search: QLineEdit
    severity_filter: QComboBox
    status_filter: QComboBox
    show_archived: QCheckBox
    count_label: QLabel
    empty_hint: QLabel
    open_button: QPushButton
    duplicate_button: QPushButton
    archive_button: QPushButton
    delete_button: QPushButton

    if TYPE_CHECKING:
        @property
        def edits(self) -> LibraryEdits: ...

    def _read_from(self) -> None:
        """Read the list a page at a time through the library's edits, with the filters and order shown."""
        header = self.table.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        text = self.search.text().strip()
        sort = (LibrarySort.RELEVANCE if text else
                COLUMN_SORT[column] if 0 <= column < len(COLUMN_SORT) else LibrarySort.DATE)
        self.model.set_query(LibraryQuery(
            text=text, severity=or_none(Severity, self.severity_filter.currentData()),
            status=or_none(IncidentStatus, self.status_filter.currentData()),
            include_archived=self.show_archived.isChecked(), sort=sort,
            descending=order == Qt.SortOrder.DescendingOrder))
        self.retros.show_snippets()
        self.model.read_from(self.edits.reader)  # pages read on the edit runner's worker after an edit
        self._fit_rows()

    def select(self, incident_id: str, *, read_on: bool = False) -> bool:
        """Select (and scroll to) a retro; ``read_on``: read further pages of the list until it shows up."""
        row = self.model.row_of(incident_id)
        while row < 0 and read_on and self.model.canFetchMore():
            before = self.model.rowCount()
            self.model.fetchMore()
            row = self.model.row_of(incident_id, start=before)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def selected_summary(self) -> RetroSummary | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.summary(self.proxy.mapToSource(rows[0]).row())

    def selected_id(self) -> str:
        summary = self.selected_summary()
        return summary.id if summary else ""

    def _keep_a_selection(self, *_args: object) -> None:
        """After filtering, select the last chosen retro again (or the first row) so buttons stay useful."""
        if self.selected_summary() is not None or not self.proxy.rowCount():
            self._update_buttons()
            return
        if not (self._last_selected and self.select(self._last_selected)):
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        total = self.model.total if self.model.from_database else self.proxy.rowCount()
        if self._store is None:  # the quick first screen holds only the newest rows: no count is better than a wrong one
            self.count_label.clear()
        else:
            self.count_label.setText(f"{total:,} found" if self.model.from_database and self.model.query.text
                                     else f"{total:,} retrospective{'' if total == 1 else 's'}")
        empty = self.proxy.rowCount() == 0 and self._store is not None
        if empty:
            self.empty_hint.setText(
                "No retrospective matches: clear the search or the filters, or tick Show archived."
                if self._library_has_retros() else
                "No retrospectives yet. Start one with New retrospective (Ctrl+N).")
        self.empty_hint.setVisible(empty)
        summary = self.selected_summary()
        if summary is not None:
            self._last_selected = summary.id
        ready = summary is not None and self._store is not None
        for b in (self.open_button, self.duplicate_button, self.archive_button, self.delete_button):
            b.setEnabled(ready)
        self.archive_button.setText("Una&rchive" if summary and summary.archived else "A&rchive")

    def _library_has_retros(self) -> bool:
        if not self.model.from_database:
            return self.model.rowCount() > 0
        if self.model.query == LibraryQuery(include_archived=True, sort=self.model.query.sort,
                                            descending=self.model.query.descending):
            return self.model.total > 0
        try:  # filtered to nothing: is there anything at all?
            return self._store is not None and self._store.library_page(
                LibraryQuery(include_archived=True), limit=1).total > 0
        except RetroError:
            return True

    def _fit_rows(self) -> None:
        """Two lines a row while a search shows where it matched, one otherwise (fixed: no measuring)."""
        lines = 2 if self.model.from_database and self.model.query.text else 1
        self.table.verticalHeader().setDefaultSectionSize(
            self._row_height + (lines - 1) * self.table.fontMetrics().height())

    def _search_changed(self, text: str) -> None:
        if not self.model.from_database:
            self.proxy.set_search(text)  # the quick list: titles, services, tags at once
        self._search_timer.start()

    def _search_now(self) -> None:
        """Search the database: every word written anywhere in a retro, best matches first."""
        text = self.search.text().strip()
        if self.model.from_database:
            self.proxy.set_search(text)
            header = self.table.horizontalHeader()
            if text:
                header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)  # ordered by relevance
            elif header.sortIndicatorSection() < 0:
                header.setSortIndicator(DATE, Qt.SortOrder.DescendingOrder)
            self._fit_rows()
            return
        if len(text) < 3 or self._store is None:
            return
        try:
            ids = [s.id for s in self._store.list_retros(text=text, include_archived=True)]
        except RetroError:
            ids = []
        self.proxy.set_search(text, ids)
