"""The library page: search, filter and sort retrospectives; create, open, duplicate, archive, delete.

Archive, duplicate and delete go on the library's own undo stack, so a deleted retro comes back
with Undo; they run on the edit runner's worker, never on the GUI thread (ui/library/edit_jobs.py). A second tab follows through every open action item across retros (grouped, statuses
changed here), a third lists the contributing factors that recur, a fourth the insights. They
are read off the GUI thread, and only when their tab is shown (again after anything may have
changed them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from retro.domain import IncidentStatus, RetroError, Severity, Stage
from retro.services import LibraryQuery, LibrarySort, ReportState, RetroSummary

from ..resources_path import icon
from ..workspace.notices import show_notice
from .commands import ArchiveRetro, DeleteRetro, DuplicateRetro
from .edit_jobs import LibraryEdits
from .follow_through_groups import FollowThroughView
from .lazy_tab import LazyTab
from .model import COLUMN_SORT, DATE, TITLE, LibraryFilter, LibraryModel
from .new_retro import NewRetroDialog, system_timezone
from .recurrence import RecurrenceView
from .recurrence_reading import RecurrenceReading
from .snippet_delegate import SnippetDelegate
from .widths import fixed_widths

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported when a database is opened
    from retro.services import RetroStore

    from .insights import InsightsView


#: The library's tabs.
RETROS_TAB, FOLLOW_THROUGH_TAB, RECURRENCE_TAB = range(3)


def _or_none(kind: type, value: object) -> object:
    """A combo's item data back as its enum (Qt hands a StrEnum back as a plain str)."""
    return None if value is None else kind(value)


class LibraryPage(QWidget):
    """The start screen: every retrospective in the database."""

    #: Open a retro: (incident id, stage to show or None, entity to select there or "").
    open_requested = Signal(str, object, str)
    #: A short message for the status bar.
    message = Signal(str)

    def __init__(self, store: RetroStore | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Library")
        self._store = store
        self._open_when_ready = ""
        self.undo_stack = QUndoStack(self)
        self.model = LibraryModel(self)
        self.model.read_failed.connect(self.message)
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.edits = LibraryEdits(self.undo_stack, self.table, self.model, self)  # on the edit runner
        self.edits.message.connect(self.message)
        self.edits.refused.connect(self._refused)
        self.edits.refreshed.connect(self._edited)
        if store is not None:
            self.edits.set_store(store)
        self._build()
        if store is not None:
            self.follow_through.set_store(store)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._search_now)

    # -- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel("Retrospectives")
        title.setObjectName("LibraryTitle")
        self.loading = QLabel("Opening the database…")
        self.loading.setObjectName("Hint")
        self.loading.setAccessibleName("Library status")
        self.loading.setVisible(self._store is None)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, services, tags and everything written…")
        self.search.setAccessibleName("Search retrospectives")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.severity_filter = QComboBox()
        self.severity_filter.setAccessibleName("Filter by severity")
        self.severity_filter.addItem("All severities", None)
        for sev in Severity:
            self.severity_filter.addItem(sev.label, sev)
        self.severity_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_severity(_or_none(Severity, self.severity_filter.currentData())))
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Filter by status")
        self.status_filter.addItem("All statuses", None)
        for status in IncidentStatus:
            self.status_filter.addItem(status.label, status)
        self.status_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_status(_or_none(IncidentStatus, self.status_filter.currentData())))
        self.show_archived = QCheckBox("Show &archived")
        self.show_archived.setAccessibleName("Show archived retrospectives")
        self.show_archived.toggled.connect(self.proxy.set_show_archived)
        self._last_selected = ""
        self.count_label = QLabel()
        self.count_label.setObjectName("Hint")
        self.count_label.setAccessibleName("How many retrospectives the list holds")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.severity_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.show_archived)
        filters.addWidget(self.count_label)

        self.table.setObjectName("LibraryTable")
        self.table.setAccessibleName("Retrospectives")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        states = " ".join(max((state.label for state in ReportState), key=len).split())
        fixed_widths(self.table, {1: max((sev.label for sev in Severity), key=len),
                                  2: max((st.label for st in IncidentStatus), key=len), 3: "2026-12-31",
                                  4: states, 5: states, 6: "999 (99 overdue)"})
        self.table.setItemDelegateForColumn(TITLE, SnippetDelegate(self.table))
        self._row_height = self.table.verticalHeader().defaultSectionSize()
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.proxy.modelReset.connect(self._keep_a_selection)
        self.proxy.layoutChanged.connect(self._keep_a_selection)
        self.proxy.rowsInserted.connect(self._keep_a_selection)
        self.proxy.rowsRemoved.connect(self._keep_a_selection)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self.open_selected,
                      context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.delete_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)

        self.new_button = self._button("&New retrospective…", "new", "Start a new retrospective", self.create_retro)
        self.open_button = self._button("&Open", "open", "Open the selected retrospective", self.open_selected)
        self.duplicate_button = self._button("D&uplicate", "duplicate", "Copy the selected retrospective",
                                             self.duplicate_selected)
        self.archive_button = self._button("A&rchive", "archive", "Archive or unarchive the selected retrospective",
                                           self.archive_selected)
        self.delete_button = self._button("&Delete", "delete", "Delete the selected retrospective (Undo brings it back)",
                                          self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        for b in (self.open_button, self.duplicate_button, self.archive_button, self.delete_button):
            buttons.addWidget(b)

        retros = QWidget()
        retros_layout = QVBoxLayout(retros)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("Hint")
        self.empty_hint.setAccessibleName("Why the list is empty")
        self.empty_hint.hide()
        retros_layout.addLayout(filters)
        retros_layout.addWidget(self.empty_hint)
        retros_layout.addWidget(self.table, 1)
        retros_layout.addLayout(buttons)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Library sections")
        self.tabs.addTab(retros, "&Retrospectives")
        # issue 16: grouped by owner, service, severity or due state; statuses; calendar and CSV
        self.follow_through = FollowThroughView(self.edits.push)
        self.follow_through.message.connect(self.message)
        self.follow_through.open_requested.connect(self._open)
        self.tabs.addTab(self.follow_through, "&Follow-through")
        self.recurrence = RecurrenceView()
        self.recurrence.open_requested.connect(self._open)
        self._recurrence_reading = RecurrenceReading(self.recurrence, lambda: self._store, self)
        self._recurrence_reading.message.connect(self.message)
        self.tabs.addTab(self.recurrence, "Recurring &factors")
        self._insights_tab = LazyTab(self._make_insights)  # issue 16: is the team learning?
        self.tabs.addTab(self._insights_tab, "&Insights")
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(title)
        layout.addWidget(self.loading)
        layout.addWidget(self.tabs, 1)

    def _make_insights(self) -> InsightsView:
        from .insights import InsightsView  # the learning figures and charts: when first shown

        view = InsightsView()
        view.message.connect(self.message)
        if self._store is not None:
            view.set_store(self._store)
        return view

    @property
    def insights(self) -> InsightsView:
        """The Insights tab's view (built now if it has not been shown yet)."""
        return self._insights_tab.content()

    def _button(self, text: str, icon_name: str, tip: str, slot: object) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        return button

    # -- data --------------------------------------------------------------------------------

    @property
    def store(self) -> RetroStore | None:
        return self._store

    def show_quick(self, summaries: list[RetroSummary]) -> None:
        """Show the list read before the store is ready; opening waits for the store (moments)."""
        if self._store is not None:
            return
        self.model.set_summaries(summaries)
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def set_store(self, store: RetroStore) -> None:
        """Show another database; the undo history of the previous one no longer applies.

        From now on the list is read from the database a page at a time, filtered, searched and
        sorted there (the model reads the next page as the table scrolls).
        """
        self._store = store
        self.undo_stack.clear()
        self.edits.set_store(store)
        self.loading.hide()
        if self._insights_tab.built:
            self.insights.set_store(store)
        self.follow_through.set_store(store)
        keep = self.selected_id()
        self._read_from(store)
        self._mark_stale()
        if not (keep and self.select(keep)) and self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_buttons()
        wanted, self._open_when_ready = self._open_when_ready, ""
        if wanted and self.select(wanted):
            # after the window has finished switching to this database
            QTimer.singleShot(0, lambda: self.open_requested.emit(wanted, None, ""))

    def _read_from(self, store: RetroStore) -> None:
        """Read the list from ``store`` a page at a time, with the filters and order shown."""
        header = self.table.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        text = self.search.text().strip()
        sort = (LibrarySort.RELEVANCE if text else
                COLUMN_SORT[column] if 0 <= column < len(COLUMN_SORT) else LibrarySort.DATE)
        self.model.set_query(LibraryQuery(
            text=text, severity=_or_none(Severity, self.severity_filter.currentData()),  # type: ignore[arg-type]
            status=_or_none(IncidentStatus, self.status_filter.currentData()),  # type: ignore[arg-type]
            include_archived=self.show_archived.isChecked(), sort=sort,
            descending=order == Qt.SortOrder.DescendingOrder))
        self.model.read_from(self.edits.reader)
        self._fit_rows()

    def refresh(self) -> None:
        """Read the list again from the database, keeping the selection."""
        if self._store is None:
            return
        keep = self.selected_id()
        if self.model.from_database:
            self.model.reload()  # as many rows as were shown, counted again
        else:
            self._read_from(self._store)
        self._mark_stale()
        if keep:
            self.select(keep, read_on=True)
        elif self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _edited(self, select: str) -> None:
        """Edits came back and the rows in view were read again (on the worker): the rest follows."""
        self._mark_stale()
        if select:  # among the rows read (read on here would query on the GUI thread)
            self.select(select)
        self._update_buttons()

    # -- follow-through and recurrence: off the GUI thread, when their tab is shown ---------------

    def refresh_actions(self) -> None:
        """Read the follow-through headings again (off the GUI thread, now if shown)."""
        self.follow_through.mark_stale()

    def refresh_recurrence(self) -> None:
        """Look for recurring factors again (off the GUI thread); the tree fills when found."""
        self._recurrence_reading.read()

    def _mark_stale(self) -> None:
        """The library may have changed: the tabs are read again when next shown (now, if shown)."""
        if self._insights_tab.built:  # else it reads when first shown
            self.insights.mark_stale()
        self.follow_through.mark_stale()
        self._recurrence_reading.mark_stale()
        self._read_shown_tab()

    def _read_shown_tab(self) -> None:
        if (self.isVisible() and self.tabs.currentIndex() == RECURRENCE_TAB
                and self._recurrence_reading.stale):
            self._recurrence_reading.read()

    def _tab_changed(self, _index: int) -> None:
        self._read_shown_tab()

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the library reads the shown tab if it may be out of date."""
        super().showEvent(event)
        self._read_shown_tab()

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

    # -- commands ----------------------------------------------------------------------------

    def create_retro(self) -> NewRetroDialog:
        """Ask for a title and severity (non-blocking); the retro is created and opened on Create."""
        dialog = NewRetroDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.create_named(dialog.chosen_title(), dialog.chosen_severity()))
        dialog.open()
        return dialog

    def create_named(self, title: str, severity: Severity) -> str:
        """Create a retro and open it at Setup; returns its id ("" when refused)."""
        if self._store is None:
            return ""
        try:
            retro = self._store.create_retro(title, severity, timezone=system_timezone())
        except RetroError as exc:
            QMessageBox.warning(self, "Could not create the retrospective", str(exc))
            return ""
        self.refresh()
        self.open_requested.emit(retro.incident.id, Stage.SETUP, "")
        return retro.incident.id

    def open_selected(self) -> None:
        incident_id = self.selected_id()
        if not incident_id:
            return
        if self._store is None:  # the quick list is showing; open it as soon as the store is ready
            self._open_when_ready = incident_id
            return
        self._open(incident_id, None, "")

    def _open(self, incident_id: str, stage: object, target_id: str) -> None:
        """Open a retro once the library's edits on their way are stored: it is read as they left it."""
        try:
            self.edits.wait_idle()
        except TimeoutError as exc:
            self.message.emit(f"Not opened yet: {exc}; try again in a moment.")
            return
        self.open_requested.emit(incident_id, stage, target_id)

    def _refused(self, message: str) -> None:
        """Say why (without blocking the meeting); the list is read again as the database holds it."""
        show_notice(self, "The change was not made", message)

    def duplicate_selected(self) -> None:
        summary = self.selected_summary()
        if summary is not None and self._store is not None:
            self.edits.push(DuplicateRetro(self._store, summary.id, summary.title))

    def archive_selected(self) -> None:
        summary = self.selected_summary()
        if summary is not None and self._store is not None:
            self.edits.push(ArchiveRetro(self._store, summary.id, summary.title, not summary.archived))

    def delete_selected(self) -> None:
        summary = self.selected_summary()
        if summary is not None and self._store is not None:
            self.edits.push(DeleteRetro(self._store, summary.id, summary.title))
