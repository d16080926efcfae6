"""Timeline reconstruction: the events in time order, typed in as the room remembers them.

Keyboard first: type a time and what happened in the entry row, press Enter, and the event is
added (one undo step) with the cursor back in the time field for the next one. Cells edit in
place; Delete removes the selected events as one undo step. Beside the table: the derived
times (time to detect, to mitigate, to resolve) and the silent gaps worth asking about.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from retro.domain import Audience, Changes, EventKind, Incident, Stage, TimelineEvent
from ui.document import RetroDocument
from ui.models.timeline_filter import TimelineFilter
from ui.models.timeline_model import TimelineColumn, TimelineModel
from ui.projector.stage_views import TimelineProjector
from ui.stage_base import StageView
from ui.widgets.banner import Banner, Tone
from ui.widgets.columns import WordsColumnShare
from ui.widgets.delegates import ChoiceDelegate, LinkDelegate, TextDelegate, enum_choices
from ui.widgets.first_paint import AfterFirstPaint
from ui.widgets.time_text import TIME_HINT
from ui.widgets.timeline_side import SideFold, TimelineSidePanel

from .timeline_entry import SUGGESTED, EntryRow
from .timeline_selection import SelectedEvents, plural

__all__ = ["EMPTY_HELP", "SUGGESTED", "TimelineProjector", "TimelineStage", "open_link"]

#: What the banner over an empty timeline says.
EMPTY_HELP = (
    "No events yet. Type a time (14:05) and what happened in the row at the bottom, then press "
    "Enter; the next row is ready straight away. Or import a chat export, CSV or notes."
)


def open_link(url: str) -> None:
    """Open an evidence link in the person's browser (replaced in tests)."""
    QDesktopServices.openUrl(QUrl(url))


class TimelineStage(SelectedEvents, EntryRow, StageView):
    """The timeline editor."""

    stage = Stage.TIMELINE
    shows_refusals_inline = True

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.model = TimelineModel(document, self)
        self.proxy = TimelineFilter(self)
        self.proxy.setSourceModel(self.model)
        self._kept_selection: tuple[str, list[str]] = ("", [])
        self._build()
        self.proxy.modelAboutToBeReset.connect(self._keep_selection)
        self.proxy.modelReset.connect(self._restore_selection)
        self.model.problem.connect(self._show_problem)
        self.model.rowsInserted.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        document.changed.connect(self._on_changed)
        document.reloaded.connect(self._refresh_side)
        self._refresh_window()  # the far-off banner and the columns' widths: part of the first paint
        # The derived times and silent gaps (a pass over every event) fill in on the turn after the
        # table's first paint: the rows show first. Any change before that fills them at once.
        self._side_fill = AfterFirstPaint(self.table.viewport(), self._refresh_side)
        self._update_count()

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setAccessibleName("Filter events by text")
        self.filter_edit.setPlaceholderText("Filter by text, source or kind…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(lambda text: self.proxy.set_filter(text=text))
        self.filter_edit.textChanged.connect(self._update_count)
        filter_label = QLabel("&Filter:")
        filter_label.setBuddy(self.filter_edit)
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName("Show events of kind")
        self.kind_filter.addItem("All kinds", None)
        for kind in EventKind:
            self.kind_filter.addItem(kind.label, kind.value)
        self.kind_filter.currentIndexChanged.connect(self._on_kind_filter)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of events shown")
        self.delete_button = QPushButton("Delete selected")
        self.delete_button.setAccessibleName("Delete the selected events")
        self.delete_button.setToolTip("Delete the selected events (Delete key); Undo brings them back")
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button = QPushButton("Import…")
        self.import_button.setAccessibleName("Import events")
        self.import_button.clicked.connect(self.import_events)
        self.import_button.setToolTip("Import events from a chat export, a CSV file or pasted notes")
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter_edit, 3)
        top.addWidget(self.kind_filter, 1)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.delete_button)
        top.addWidget(self.import_button)

        self.table = self._build_table()
        self.side = side = TimelineSidePanel(self.document.retro.incident)
        side.gap_chosen.connect(self._on_gap_chosen)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1200, 340])
        splitter.setChildrenCollapsible(False)
        self.side_fold = SideFold(splitter, side)  # folds away on a laptop: the words get the width
        top.insertWidget(top.count() - 2, self.side_fold.button)

        self.problem_banner = Banner(Tone.ERROR, name="Timeline problem")
        self.window_banner = Banner(Tone.WARNING, name="Events far outside the incident")
        # Its words are set while the timeline is empty (most retros opened have events: no style
        # sheet is made for a banner they never show).
        self.empty_banner = Banner(Tone.INFO, name="How to start the timeline")
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_banner)
        layout.addLayout(top)
        layout.addWidget(self.window_banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problem_banner)
        layout.addLayout(self._build_entry())

        self.setTabOrder(self.filter_edit, self.kind_filter)
        self.setTabOrder(self.kind_filter, self.table)
        self.setTabOrder(self.table, self.entry_time)
        # Time, Tab, what happened, Enter: the kind (suggested from the words) comes after the text.
        self.setTabOrder(self.entry_time, self.entry_text)
        self.setTabOrder(self.entry_text, self.entry_kind)
        self.setTabOrder(self.entry_kind, self.add_button)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.filter_edit.setFocus)

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setAccessibleName("Timeline events")
        # The row numbers are hidden before the model is set: a shown vertical header measures its
        # first and last 100 sections on setModel (800 headerData calls into Python, for nothing).
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        # "What happened" (people's words) stretches; the short columns are sized in characters
        # and give way first on a laptop.
        self._columns = WordsColumnShare(table, TimelineColumn.TEXT, {
            TimelineColumn.TIME: (6, 14), TimelineColumn.KIND: (11, 13), TimelineColumn.SOURCE: 14,
            TimelineColumn.EVIDENCE: 18, TimelineColumn.AUDIENCE: (13, 13),
        }, whole={  # a kind, an audience and a time are never cut: "Communi…" says nothing
            TimelineColumn.TIME: self._time_samples,
            TimelineColumn.KIND: lambda: [kind.label for kind in EventKind],
            TimelineColumn.AUDIENCE: lambda: [audience.label for audience in Audience],
        })
        self._delegates = {
            TimelineColumn.TIME: TextDelegate("Event time", TIME_HINT, table),
            TimelineColumn.KIND: ChoiceDelegate(enum_choices(EventKind), "Event kind", table),
            TimelineColumn.TEXT: TextDelegate("What happened", "", table),
            TimelineColumn.SOURCE: TextDelegate("Source", "e.g. Slack, Grafana, PagerDuty", table),
            TimelineColumn.EVIDENCE: LinkDelegate("Evidence link", lambda url: open_link(url), table),
            TimelineColumn.AUDIENCE: ChoiceDelegate(enum_choices(Audience), "Audience", table),
        }
        for column, delegate in self._delegates.items():
            table.setItemDelegateForColumn(column, delegate)
        table.selectionModel().selectionChanged.connect(self._on_selection)
        table.selectionModel().currentRowChanged.connect(self._on_selection)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)  # also the Menu key
        table.customContextMenuRequested.connect(
            lambda pos: self.selected_menu().popup(table.viewport().mapToGlobal(pos))
        )
        return table

    # -- importing ---------------------------------------------------------------------------

    def import_events(self) -> None:
        """Open the import preview; it adds the accepted events through the document as one step."""
        from ui.importing import ImportPreviewDialog  # its importers load when first asked for

        dialog = ImportPreviewDialog(self.document, self)
        dialog.open()

    # -- selection and navigation ------------------------------------------------------------

    def _on_selection(self, *_args: object) -> None:
        event = self.current_event()
        self.selection_changed.emit(event.id if event else "")

    def _keep_selection(self) -> None:
        current = self.current_event()
        self._kept_selection = (current.id if current else "", [e.id for e in self.selected_events()])

    def _restore_selection(self) -> None:
        """After a filter change, select again what was selected and still shows."""
        current_id, selected_ids = self._kept_selection
        selection = QItemSelection()
        for event_id in selected_ids:
            index = self.proxy.mapFromSource(self.model.index(self.model.row_of(event_id), 0))
            if index.isValid():
                selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        model = self.table.selectionModel()
        model.select(selection, flags)
        current = self.proxy.mapFromSource(self.model.index(self.model.row_of(current_id), TimelineColumn.TEXT))
        if current.isValid():
            model.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtCenter)

    def focus_target(self, target_id: str) -> None:
        """Select and reveal the event ``target_id`` (clearing a filter that hides it)."""
        row = self.model.row_of(target_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, TimelineColumn.TEXT))
        if not index.isValid():
            self.filter_edit.clear()
            self.kind_filter.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, TimelineColumn.TEXT))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _on_kind_filter(self) -> None:
        value = self.kind_filter.currentData()
        self.proxy.set_filter(kind=EventKind(value) if value else None)
        self._update_count()

    def _update_count(self, *_args: object) -> None:
        total = self.model.rowCount()
        empty = EMPTY_HELP if total == 0 else ""
        if self.empty_banner.text() != empty:
            self.empty_banner.show_text(empty)
        self.setFocusProxy(self.table if total else self.entry_time)
        shown = self.proxy.rowCount()
        if self.proxy.is_filtering():
            self.count_label.setText(f"Showing {shown} of {plural(total, 'event')}")
        else:
            self.count_label.setText(plural(total, "event"))

    # -- the side panel ----------------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(TimelineEvent, Incident):
            self._refresh_side()
        self._update_count()

    def _refresh_side(self) -> None:
        self.side.refresh(self.document.retro.incident, self.model.event_list())
        self.side_fold.update_text()
        self._refresh_window()

    def _refresh_window(self) -> None:
        """Warn about events far outside the incident, and make room for dates when they show."""
        far = len(self.model.far_outside())
        self.window_banner.show_text(
            f"{plural(far, 'event')} {'lies' if far == 1 else 'lie'} more than a day outside the incident "
            "(from started to resolved in Setup), marked ⚠ in the Time column: check "
            f"{'its' if far == 1 else 'their'} date." if far else "")
        self._columns.fit()

    def _time_samples(self) -> list[str]:
        """The times as shown (with dates when the events span days, the ⚠ mark, an offset)."""
        return [*self.model.time_texts(), "2026-12-31 23:59" if self.model.shows_dates() else "23:59"]

    def _on_gap_chosen(self, event_id: str) -> None:
        self.focus_target(event_id)
        self.table.setFocus()

    # -- messages ----------------------------------------------------------------------------

    def _show_problem(self, message: str) -> None:
        self.problem_banner.show_text(message)

    def show_refusal(self, message: str) -> None:
        self._show_problem(f"Not saved: {message}")

    # -- projector ---------------------------------------------------------------------------

    def projector_view(self) -> QWidget:
        view = TimelineProjector(self.document)
        self.selection_changed.connect(view.follow)
        event = self.current_event()
        if event is not None:
            view.follow(event.id)
        return view
