"""The library page: search, filter and sort retrospectives; create, open, duplicate, archive, delete.

Archive, duplicate and delete go on the library's own undo stack, so a deleted retro comes back
with Undo; they run on the edit runner's worker, never on the GUI thread (ui/library/edit_jobs.py). A second tab follows through every open action item across retros (grouped, statuses
changed here), a third lists the contributing factors that recur, a fourth the insights. They
are read off the GUI thread, and only when their tab is shown (again after anything may have
changed them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QUndoStack
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from retro.domain import RetroError, Severity, Stage
from retro.services import RetroSummary

from .lazy_tab import LazyTab, TabsBuiltLater
from .listing import LibraryListing
from .model import LibraryFilter, LibraryModel
from .retros_tab import RetrosTab, tab_button

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported when a database is opened
    from retro.services import RetroStore

    from .edit_jobs import LibraryEdits
    from .follow_through_groups import FollowThroughView
    from .insights import InsightsView
    from .new_retro import NewRetroDialog
    from .recurrence import RecurrenceView
    from .recurrence_reading import RecurrenceReading


#: The library's tabs.
RETROS_TAB, FOLLOW_THROUGH_TAB, RECURRENCE_TAB = range(3)


class LibraryPage(LibraryListing, QWidget):
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
        self._edits: LibraryEdits | None = None  # the edit runner and its worker: when a database is open
        self._build()
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
        self.retros = retros = RetrosTab(self.proxy)
        self.search, self.table = retros.search, retros.table
        self.severity_filter, self.status_filter = retros.severity_filter, retros.status_filter
        self.show_archived, self.count_label, self.empty_hint = retros.show_archived, retros.count_label, retros.empty_hint
        self.search.textChanged.connect(self._search_changed)
        self._last_selected = ""
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
        self.new_button = tab_button("&New retrospective…", "new", "Start a new retrospective", self.create_retro)
        self.open_button = tab_button("&Open", "open", "Open the selected retrospective", self.open_selected)
        self.duplicate_button = tab_button("D&uplicate", "duplicate", "Copy the selected retrospective",
                                           self.duplicate_selected)
        self.archive_button = tab_button("A&rchive", "archive", "Archive or unarchive the selected retrospective",
                                         self.archive_selected)
        self.delete_button = tab_button("&Delete", "delete", "Delete the selected retrospective (Undo brings it back)",
                                        self.delete_selected)
        retros.add_buttons(self.new_button, [self.open_button, self.duplicate_button, self.archive_button,
                                             self.delete_button])

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Library sections")
        self.tabs.addTab(retros, "&Retrospectives")
        # Built after the first paint, or when shown or asked for (build_other_tabs):
        self._later = TabsBuiltLater(self.tabs)
        self._follow_through: FollowThroughView | None = None
        self._later.add("&Follow-through", self._make_follow_through)
        self._recurrence: RecurrenceView | None = None
        self._recurrence_reading: RecurrenceReading | None = None
        self._later.add("Recurring &factors", self._make_recurrence)
        self._insights_tab = LazyTab(self._make_insights)  # issue 16: is the team learning?
        self.tabs.addTab(self._insights_tab, "&Insights")
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(title)
        layout.addWidget(self.loading)
        layout.addWidget(self.tabs, 1)

    # -- the other tabs: built after the first paint --------------------------------------------

    def build_other_tabs(self) -> None:
        """Build the follow-through and recurrence tabs now (the window does, after its first paint)."""
        self._later.build_all()

    def _make_follow_through(self) -> FollowThroughView:
        from .follow_through_groups import FollowThroughView

        # issue 16: grouped by owner, service, severity or due state; statuses; calendar and CSV
        view = FollowThroughView(self.edits.push)
        view.message.connect(self.message)
        view.open_requested.connect(self._open)
        if self._store is not None:
            view.set_store(self._store)
        self._follow_through = view
        return view

    @property
    def follow_through(self) -> FollowThroughView:
        """The Follow-through tab's view (built now if it has not been yet)."""
        if self._follow_through is None:
            self._later.build(FOLLOW_THROUGH_TAB)
        assert self._follow_through is not None
        return self._follow_through

    def _make_recurrence(self) -> RecurrenceView:
        from .recurrence import RecurrenceView
        from .recurrence_reading import RecurrenceReading

        view = RecurrenceView()
        view.open_requested.connect(self._open)
        self._recurrence_reading = RecurrenceReading(view, lambda: self._store, self)
        self._recurrence_reading.message.connect(self.message)
        self._recurrence = view
        return view

    @property
    def recurrence(self) -> RecurrenceView:
        """The Recurring factors tab's view (built now if it has not been yet)."""
        if self._recurrence is None:
            self._later.build(RECURRENCE_TAB)
        assert self._recurrence is not None
        return self._recurrence

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

    # -- data --------------------------------------------------------------------------------

    @property
    def edits(self) -> LibraryEdits:
        """The library's edits on the ordered edit runner (made on first use, after the first paint)."""
        if self._edits is None:
            from .edit_jobs import LibraryEdits

            edits = LibraryEdits(self.undo_stack, self.table, self.model, self)
            edits.message.connect(self.message)
            edits.refused.connect(self._refused)
            edits.refreshed.connect(self._edited)
            if self._store is not None:
                edits.set_store(self._store)
            self._edits = edits
        return self._edits

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
        if self._edits is None:
            _ = self.edits  # made with this store
        else:
            self._edits.set_store(store)
        self.loading.hide()
        if self._insights_tab.built:
            self.insights.set_store(store)
        if self._follow_through is not None:  # else it is built with this store
            self._follow_through.set_store(store)
        keep = self.selected_id()
        self._read_from()
        self._mark_stale()
        if not (keep and self.select(keep)) and self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_buttons()
        wanted, self._open_when_ready = self._open_when_ready, ""
        if wanted and self.select(wanted):
            # after the window has finished switching to this database
            QTimer.singleShot(0, lambda: self.open_requested.emit(wanted, None, ""))

    def refresh(self) -> None:
        """Read the list again from the database, keeping the selection."""
        if self._store is None:
            return
        keep = self.selected_id()
        if self.model.from_database:
            self.model.reload()  # as many rows as were shown, counted again
        else:
            self._read_from()
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
        if self._follow_through is not None:  # else it reads when built
            self._follow_through.mark_stale()

    def refresh_recurrence(self) -> None:
        """Look for recurring factors again (off the GUI thread); the tree fills when found."""
        _ = self.recurrence
        assert self._recurrence_reading is not None
        self._recurrence_reading.read()

    def _mark_stale(self) -> None:
        """The library may have changed: the tabs are read again when next shown (now, if shown)."""
        if self._insights_tab.built:  # else it reads when first shown
            self.insights.mark_stale()
        if self._follow_through is not None:  # the other tabs read when they are built
            self._follow_through.mark_stale()
        if self._recurrence_reading is not None:
            self._recurrence_reading.mark_stale()
        self._read_shown_tab()

    def _read_shown_tab(self) -> None:
        reading = self._recurrence_reading
        if self.isVisible() and self.tabs.currentIndex() == RECURRENCE_TAB and reading is not None and reading.stale:
            reading.read()

    def _tab_changed(self, index: int) -> None:
        self._later.build(index)  # a tab shown before the first paint built it
        self._read_shown_tab()

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the library reads the shown tab if it may be out of date."""
        super().showEvent(event)
        self._read_shown_tab()

    # -- commands ----------------------------------------------------------------------------

    def create_retro(self) -> NewRetroDialog:
        """Ask for a title and severity (non-blocking); the retro is created and opened on Create."""
        from .new_retro import NewRetroDialog

        dialog = NewRetroDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.create_named(dialog.chosen_title(), dialog.chosen_severity()))
        dialog.open()
        return dialog

    def create_named(self, title: str, severity: Severity) -> str:
        """Create a retro and open it at Setup; returns its id ("" when refused)."""
        if self._store is None:
            return ""
        from .new_retro import system_timezone

        try:
            retro = self._store.create_retro(title, severity, timezone=system_timezone())
        except RetroError as exc:
            from PySide6.QtWidgets import QMessageBox

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
        from ..workspace.notices import show_notice

        show_notice(self, "The change was not made", message)

    def duplicate_selected(self) -> None:
        summary = self.selected_summary()
        if summary is not None and self._store is not None:
            from .commands import DuplicateRetro  # the library's edits: when first made

            self.edits.push(DuplicateRetro(self._store, summary.id, summary.title))

    def archive_selected(self) -> None:
        summary = self.selected_summary()
        if summary is not None and self._store is not None:
            from .commands import ArchiveRetro

            self.edits.push(ArchiveRetro(self._store, summary.id, summary.title, not summary.archived))

    def delete_selected(self) -> None:
        summary = self.selected_summary()
        if summary is not None and self._store is not None:
            from .commands import DeleteRetro

            self.edits.push(DeleteRetro(self._store, summary.id, summary.title))
