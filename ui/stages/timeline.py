"""Timeline reconstruction: the events in time order, typed in as the room remembers them.

Keyboard first: type a time and what happened in the entry row, press Enter, and the event is
added (one undo step) with the cursor back in the time field for the next one. Cells edit in
place; Delete removes the selected events as one undo step. Beside the table: the derived
times (time to detect, to mitigate, to resolve) and the silent gaps worth asking about.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from retro.domain import Audience, Changes, Edit, EventKind, Incident, Stage, TimelineEvent, new_id
from retro.io.importers.kinds import suggest_kind
from ui.document import RetroDocument
from ui.models.timeline_filter import TimelineFilter
from ui.models.timeline_model import TimelineColumn, TimelineModel
from ui.stage_base import StageView
from ui.widgets.banner import Banner, Tone
from ui.widgets.columns import WordsColumnShare
from ui.widgets.delegates import ChoiceDelegate, LinkDelegate, TextDelegate, enum_choices
from ui.widgets.projector_views import TimelineProjector
from ui.widgets.time_text import TIME_HINT, local_time, parse_event_time
from ui.widgets.timeline_side import SideFold, TimelineSidePanel
from ui.widgets.wording import attach_line_wording

from .timeline_shift import SHIFT_HINT, shift_edit

SUGGESTED = "Kind from the words"


def open_link(url: str) -> None:
    """Open an evidence link in the person's browser (replaced in tests)."""
    QDesktopServices.openUrl(QUrl(url))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class TimelineStage(StageView):
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
        self._refresh_side()
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
        self.empty_banner = Banner(
            Tone.INFO,
            "No events yet. Type a time (14:05) and what happened in the row at the bottom, then press "
            "Enter; the next row is ready straight away. Or import a chat export, CSV or notes.",
            name="How to start the timeline",
        )
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
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
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

    def _build_entry(self) -> QHBoxLayout:
        self.entry_time = QLineEdit()
        self.entry_time.setAccessibleName("New event time")
        self.entry_time.setPlaceholderText("14:05")
        self.entry_time.setToolTip(f"{TIME_HINT} — in the incident's timezone")
        self.entry_time.setMaximumWidth(170)
        self.entry_kind = QComboBox()
        self.entry_kind.setAccessibleName("New event kind")
        self.entry_kind.addItem(SUGGESTED, None)
        for kind in EventKind:
            self.entry_kind.addItem(kind.label, kind.value)
        self.entry_text = QLineEdit()
        self.entry_text.setAccessibleName("What happened")
        attach_line_wording(self.entry_text)
        self.entry_text.setPlaceholderText("What happened? Press Enter to add it and start the next one")
        self.add_button = QPushButton("Add event")
        self.add_button.setAccessibleName("Add event")
        self.add_button.clicked.connect(self.add_entry)
        self.entry_time.returnPressed.connect(self._on_time_return)
        self.entry_text.returnPressed.connect(self.add_entry)
        self.entry_text.textChanged.connect(self._suggest_kind)
        time_label = QLabel("T&ime:")
        time_label.setBuddy(self.entry_time)
        text_label = QLabel("&What happened:")
        text_label.setBuddy(self.entry_text)
        row = QHBoxLayout()
        row.addWidget(time_label)
        row.addWidget(self.entry_time)
        row.addWidget(text_label)
        row.addWidget(self.entry_text, 1)
        row.addWidget(self.entry_kind)
        row.addWidget(self.add_button)
        return row

    # -- adding, deleting, importing ---------------------------------------------------------

    def _entry_reference_date(self) -> date:
        event = self.current_event()
        events = self.model.event_list()
        if event is None and events:
            event = events[-1]
        if event is not None:
            return local_time(event.at, self.model.timezone).date()
        reference = self.model.reference_date()
        return reference or local_time(datetime.now(UTC), self.model.timezone).date()

    def _suggest_kind(self, text: str) -> None:
        """Show which kind the words suggest, so the facilitator sees it before pressing Enter."""
        label = f"{SUGGESTED}: {suggest_kind(text).label}" if text.strip() else SUGGESTED
        self.entry_kind.setItemText(0, label)

    def _on_time_return(self) -> None:
        if self.entry_text.text().strip():
            self.add_entry()
        else:
            self.entry_text.setFocus()

    def add_entry(self) -> bool:
        """Add the event typed in the entry row (one undo step); focus returns to the time field."""
        text = self.entry_text.text().strip()
        try:
            at = parse_event_time(self.entry_time.text(), self.model.timezone, self._entry_reference_date())
        except ValueError as exc:
            self._show_problem(str(exc))
            self.entry_time.setFocus()
            self.entry_time.selectAll()
            return False
        if not text:
            self._show_problem("Type what happened, then press Enter.")
            self.entry_text.setFocus()
            return False
        chosen = self.entry_kind.currentData()
        kind = EventKind(chosen) if chosen else suggest_kind(text)
        event = TimelineEvent(new_id(), at, text, kind)
        if not self.document.edit("Add timeline event", Edit.of(upsert=[event])):
            return False
        self.problem_banner.show_text("")
        self.entry_text.clear()
        self.entry_time.clear()
        self.entry_kind.setCurrentIndex(0)
        self.entry_time.setFocus()
        self.focus_target(event.id)
        return True

    def selected_events(self) -> list[TimelineEvent]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.event_at(r) for r in sorted(rows)]

    def current_event(self) -> TimelineEvent | None:
        selected = self.selected_events()
        if selected:
            return selected[0]
        current = self.table.currentIndex()
        if current.isValid():
            return self.model.event_at(self.proxy.mapToSource(current).row())
        return None

    def selected_menu(self) -> QMenu:
        """Kind, audience and delete for every selected event at once (each one undo step)."""
        menu = QMenu(self)
        menu.setAccessibleName("Change the selected events")
        kinds = menu.addMenu("Set &kind")
        for kind in EventKind:
            kinds.addAction(kind.label, lambda k=kind: self.set_kind_of_selected(k))
        audience = menu.addMenu("&Audience")
        for value in Audience:
            audience.addAction(value.label, lambda a=value: self.set_audience_of_selected(a))
        menu.addAction("S&hift times…", self.ask_shift_selected)
        menu.addSeparator()
        delete = menu.addAction("&Delete", self.delete_selected)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        enabled = bool(self.selected_events())
        for action in menu.actions():
            action.setEnabled(enabled)
        return menu

    def set_kind_of_selected(self, kind: EventKind) -> bool:
        events = [e for e in self.selected_events() if e.kind is not kind]
        if not events:
            return False
        label = f"Set kind of {_plural(len(events), 'event')} to {kind.label}"
        return self.document.edit(label, Edit.of(upsert=[replace(e, kind=kind) for e in events]))

    def set_audience_of_selected(self, audience: Audience) -> bool:
        events = [e for e in self.selected_events() if e.audience is not audience]
        if not events:
            return False
        label = f"Mark {_plural(len(events), 'event')} {audience.label.lower()}"
        return self.document.edit(label, Edit.of(upsert=[replace(e, audience=audience) for e in events]))

    def shift_selected(self, text: str) -> bool:
        """Shift every selected event by a duration, to a date or from a zone: one undo step."""
        try:
            label, edit = shift_edit(self.selected_events(), text, self.model.timezone)
        except ValueError as problem:
            self._show_problem(str(problem))
            return False
        return self.document.edit(label, edit)

    def ask_shift_selected(self) -> None:
        text, ok = QInputDialog.getText(self, "Shift the selected events", f"Shift by, or to: ({SHIFT_HINT})")
        if ok:
            self.shift_selected(text)

    def delete_selected(self) -> bool:
        """Delete every selected event as one undo step ("Delete 3 timeline events")."""
        events = self.selected_events()
        if not events:
            return False
        label = "Delete timeline event" if len(events) == 1 else f"Delete {len(events)} timeline events"
        next_row = self.table.selectionModel().selectedRows()[0].row()
        if not self.document.edit(label, Edit.of(remove=events)):
            return False
        row = min(next_row, self.proxy.rowCount() - 1)
        if row >= 0:
            self.table.setCurrentIndex(self.proxy.index(row, TimelineColumn.TEXT))
        return True

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
        self.empty_banner.setVisible(total == 0)
        self.setFocusProxy(self.table if total else self.entry_time)
        shown = self.proxy.rowCount()
        if self.proxy.is_filtering():
            self.count_label.setText(f"Showing {shown} of {_plural(total, 'event')}")
        else:
            self.count_label.setText(_plural(total, "event"))

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
            f"{_plural(far, 'event')} {'lies' if far == 1 else 'lie'} more than a day outside the incident "
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
