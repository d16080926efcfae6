"""Follow-through: the open action items of every retro grouped by due state, owner, service or
severity — overdue and due this week first — with status changes right here (one undo step
each), opening an action in its retro, and exports for the team's tools (calendar, Jira/Linear CSV).

The headings and their counts come from one grouped query, a group's actions a page at a time
(:mod:`ui.library.follow_through_tree`), so the first screen costs the same at 40 or 40,000
open actions.

Status changes are ordinary edits through the store's one edit path (``RetroStore.apply`` with the
version the list was read at, so an edit someone made meanwhile is never overwritten: the change is
refused and the list read again), one undo step each on the library's undo stack, committed on the
edit runner's worker like every other edit (:class:`~ui.library.commands.SetActionStatus`): the
click never waits for the database, and the list shows the new status once it is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from retro.domain import ActionStatus, RetroError, Stage
from retro.domain.follow_through import NO_OWNER, ActionRecord, GroupBy

from .commands import LibraryOperation, SetActionStatus
from .follow_through_tree import COLUMNS, RECORD_ROLE, FollowThroughModel
from .read_when_shown import ReadWhenShown

if TYPE_CHECKING:
    from retro.services import RetroStore
    from retro.services.follow_through_groups import FollowGroup

__all__ = ["COLUMNS", "RECORD_ROLE", "FollowThroughView"]


class FollowThroughView(ReadWhenShown, QWidget):
    """The library's Follow-through tab."""

    open_requested = Signal(str, object, str)
    message = Signal(str)

    def __init__(self, push: Callable[[LibraryOperation], bool], parent: QWidget | None = None,
                 today: date | None = None) -> None:
        """``push`` puts an operation on the library's undo stack and submits it to the runner."""
        super().__init__(parent)
        self.setAccessibleName("Follow-through")
        self._push = push
        self._today = today
        self._store: RetroStore | None = None
        self._stale = True
        self._generation = 0
        #: The headings shown (their actions are in :attr:`model`).
        self.groups: list[FollowGroup] = []
        self.group_by = QComboBox()
        self.group_by.setAccessibleName("Group actions by")
        for g in GroupBy:
            self.group_by.addItem(f"By {g.label.lower()}", g.value)
        self.group_by.currentIndexChanged.connect(lambda _i: self.reread())
        self.done_button = QPushButton("Mark &done")
        self.progress_button = QPushButton("In &progress")
        self.wont_button = QPushButton("&Won't do…")
        self.reopen_button = QPushButton("Re&open")
        for button, status in ((self.done_button, ActionStatus.DONE), (self.progress_button, ActionStatus.IN_PROGRESS),
                               (self.reopen_button, ActionStatus.OPEN)):
            button.clicked.connect(lambda _c=False, s=status: self.set_status(s))
        self.wont_button.clicked.connect(self.ask_wont_do)
        self.calendar_button = QPushButton("Export &calendar…")
        self.calendar_button.setToolTip("An .ics file of the open actions' due dates and the reports' deadlines")
        self.calendar_button.clicked.connect(lambda: self.export_calendar())
        self.csv_button = QPushButton("Export C&SV…")
        self.csv_button.setToolTip("Actions as CSV for Jira's or Linear's importer")
        self.csv_button.clicked.connect(lambda: self.export_csv())
        bar = QHBoxLayout()  # two short rows, so the window can still be made narrow
        bar.addWidget(self.group_by)
        bar.addStretch(1)
        bar.addWidget(self.calendar_button)
        bar.addWidget(self.csv_button)
        status_row = QHBoxLayout()
        status_row.addWidget(QLabel("Selected action:"))
        for b in (self.done_button, self.progress_button, self.wont_button, self.reopen_button):
            status_row.addWidget(b)
        status_row.addStretch(1)
        self.model = FollowThroughModel(self)
        self.tree = QTreeView()
        self.tree.setAccessibleName("Actions to follow up")
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column, width in ((1, 150), (2, 170), (3, 100), (4, 220), (5, 70)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)  # fixed widths: no measuring of every row
        self.tree.doubleClicked.connect(self._open)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.tree, lambda: self._open(self.tree.currentIndex()),
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        hint = QLabel("Open and in-progress actions of every retrospective, overdue and due this week first. "
                      "Change a status here without opening the retro (Undo takes it back); "
                      "double-click or Enter opens it.")
        hint.setObjectName("Hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(bar)
        layout.addLayout(status_row)
        layout.addWidget(self.tree, 1)
        self._update_buttons()

    # -- reading -----------------------------------------------------------------------------

    def today(self) -> date:
        return self._today or date.today()

    def reread(self) -> None:
        store = self._store
        if store is None:
            return
        by, today, page = GroupBy(self.group_by.currentData()), self.today(), self.model.PAGE

        def fetch() -> tuple[list[FollowGroup], dict[int, list[ActionRecord]]]:
            groups = store.follow_groups(by, today=today)
            return groups, ({0: store.follow_group_page(groups[0], today=today, limit=page)} if groups else {})

        self.read_off_thread(fetch, self._show_groups, self.message.emit)

    def _show_groups(self, answer: tuple[list[FollowGroup], dict[int, list[ActionRecord]]]) -> None:
        keep = self.current_record()
        groups, first = answer
        store, today = self._store, self.today()
        read = None if store is None else (
            lambda group, offset, limit: store.follow_group_page(group, today=today, offset=offset, limit=limit))
        self.groups = groups
        self.model.set_groups(groups, first, read, today)
        if groups:
            self.tree.expand(self.model.index(0, 0))  # overdue first: the group to look at
        if keep is not None:
            self.select(keep.incident_id, keep.action.id)
        self._update_buttons()

    # -- selection and status ----------------------------------------------------------------

    def current_record(self) -> ActionRecord | None:
        index = self.tree.currentIndex()
        return self.model.record(index.siblingAtColumn(0)) if index.isValid() else None

    def select(self, incident_id: str, action_id: str) -> bool:
        """Select an action among those read so far (its group is expanded)."""
        for g in range(self.model.rowCount()):
            for r, record in enumerate(self.model.loaded(g)):
                if record.incident_id == incident_id and record.action.id == action_id:
                    self.tree.expand(self.model.index(g, 0))
                    self.tree.setCurrentIndex(self.model.index(r, 0, self.model.index(g, 0)))
                    return True
        return False

    def _update_buttons(self) -> None:
        record = self.current_record()
        for button, status in ((self.done_button, ActionStatus.DONE), (self.progress_button, ActionStatus.IN_PROGRESS),
                               (self.reopen_button, ActionStatus.OPEN), (self.wont_button, ActionStatus.WONT_DO)):
            button.setEnabled(record is not None and record.action.status is not status)

    def set_status(self, status: ActionStatus, reason: str = "") -> bool:
        record = self.current_record()
        store = self._store
        if record is None or store is None or record.action.status is status:
            return False
        if status is ActionStatus.WONT_DO and not reason.strip():
            self.message.emit("“Won't do” needs a reason; the status was not changed.")
            return False
        return self._push(SetActionStatus(store, record.incident_id, record.incident_version, record.action.id,
                                          record.action.title, status, reason.strip()))

    def ask_wont_do(self) -> None:
        record = self.current_record()
        if record is None:
            return
        reason, ok = QInputDialog.getMultiLineText(self, "Won't do", f"Why will “{record.action.title}” not be done?")
        if ok:
            self.set_status(ActionStatus.WONT_DO, reason)

    def _open(self, index: QModelIndex) -> None:
        record = self.model.record(index.siblingAtColumn(0)) if index.isValid() else None
        if record is not None:
            self.open_requested.emit(record.incident_id, Stage.ACTIONS, record.action.id)

    # -- exports -----------------------------------------------------------------------------

    def _full_records(self) -> list[ActionRecord]:
        """The listed actions again, with the contributing factors they address (for exports)."""
        from retro.domain.follow_through import OPEN_STATUSES, follow_through_order

        assert self._store is not None
        return follow_through_order(self._store.action_records(statuses=frozenset(OPEN_STATUSES)), self.today())

    def owners(self) -> list[str]:
        """The owners of open actions, as the Owner grouping names them."""
        if self._store is None:
            return []
        groups = self._store.follow_groups(GroupBy.OWNER, today=self.today())
        return sorted((g.title for g in groups if g.title != NO_OWNER), key=str.casefold)

    def export_calendar(self, path: Path | None = None, owner: str | None = None) -> Path | None:
        """Write the open actions' due dates and the unshared reports' deadlines as .ics; with
        ``owner`` (asked when no ``path`` is given), only that owner's actions."""
        store = self._store
        if store is None:
            return None
        if path is None:
            everyone = "Everyone (and the reports' deadlines)"
            choice, ok = QInputDialog.getItem(self, "Export calendar", "Whose actions?", [everyone, *self.owners()],
                                              0, False)
            if not ok:
                return None
            owner = None if choice == everyone else choice
            name, _ = QFileDialog.getSaveFileName(self, "Export calendar", "retro-follow-through.ics",
                                                  "Calendar (*.ics)")
            if not name:
                return None
            path = Path(name)
        from retro.io.calendar_ics import calendar_ics
        from retro.io.files import write_bytes_atomically

        try:
            from retro.io.calendar_ics import for_owner

            records = self._full_records()
            if owner:
                data = calendar_ics(for_owner(records, owner), (), name=f"Retro actions: {owner}")
            else:
                data = calendar_ics(records, store.report_deadlines())
            written = write_bytes_atomically(path, data)
        except (RetroError, OSError) as exc:
            self.message.emit(f"The calendar was not written: {exc}")
            return None
        self.message.emit(f"Calendar written to {written}.")
        return written

    def export_csv(self, path: Path | None = None, fmt: str | None = None) -> Path | None:
        """Write the open actions as CSV for Jira's or Linear's importer."""
        from retro.io.actions_csv import CsvFormat, actions_csv_bytes
        from retro.io.files import write_bytes_atomically

        if fmt is None:
            fmt, ok = QInputDialog.getItem(self, "Export CSV", "For which tracker's importer?", ["Jira", "Linear"], 0, False)
            if not ok:
                return None
        if path is None:
            name, _ = QFileDialog.getSaveFileName(self, "Export CSV", f"retro-actions-{fmt.lower()}.csv", "CSV (*.csv)")
            if not name:
                return None
            path = Path(name)
        if self._store is None:
            return None
        try:
            written = write_bytes_atomically(path, actions_csv_bytes(self._full_records(), CsvFormat(fmt.lower())))
        except (RetroError, OSError) as exc:
            self.message.emit(f"The CSV was not written: {exc}")
            return None
        self.message.emit(f"Actions written to {written}.")
        return written
