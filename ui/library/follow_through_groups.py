"""Follow-up: action items grouped by due state, owner, service or severity — overdue and due this
week first — with status changes right here (one undo step each) and exports for the team's
tools (calendar, Jira/Linear CSV).

Status changes go through the store's one edit path (``RetroStore.apply`` with the version the
list was read at, so an edit someone made meanwhile is never overwritten: the change is refused
and the list read again) as :class:`ActionStatusCommand` on the library's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
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

from retro.domain import ActionStatus, Edit, RetroError, Stage
from retro.domain.follow_through import ActionRecord, DueState, GroupBy, due_state, group_records

from .commands import LibraryCommand
from .read_when_shown import ReadWhenShown

if TYPE_CHECKING:
    from retro.domain import Changes
    from retro.services import RetroStore

RECORD_ROLE = Qt.ItemDataRole.UserRole + 16
COLUMNS = ("Action", "Owner", "Due", "Status", "Retrospective", "Severity")
_STATE_COLOURS = {DueState.OVERDUE: "#c62828", DueState.THIS_WEEK: "#b26a00"}


class ActionStatusCommand(LibraryCommand):
    """Set one action's status from the library, guarded by the version the list was read at."""

    def __init__(self, store: RetroStore, record: ActionRecord, status: ActionStatus, reason: str,
                 done: Callable[[], None], failed: Callable[[str], None]) -> None:
        super().__init__(f"Mark “{record.action.title}” as {status.label.lower()}", store, done, failed)
        self._record, self._status, self._reason = record, status, reason
        self._changes: Changes | None = None

    def do(self) -> None:
        version = self._changes.version if self._changes else self._record.incident_version
        # The action as stored (the list may leave out what it does not show, such as its factors);
        # the version guard below refuses the edit if the retro changed since the list was read.
        stored = self._store.load(self._record.incident_id).actions.get(self._record.action.id)
        if stored is None:
            raise RetroError(f"The action “{self._record.action.title}” is no longer in its retro "
                             "(removed by someone else?).")
        action = replace(stored, status=self._status,
                         status_reason=self._reason if self._status is ActionStatus.WONT_DO else stored.status_reason)
        if self._status is not ActionStatus.DONE:
            action = replace(action, completed_at=None)
        self._changes = self._store.apply(self._record.incident_id, version, Edit.of(upsert=[action]))

    def undo_it(self) -> None:
        if self._changes is not None:
            self._store.apply(self._record.incident_id, self._changes.version, self._changes.inverse())
            self._changes = replace(self._changes, version=self._changes.version + 1)


class FollowUpView(ReadWhenShown, QWidget):
    """The Follow-up tab."""

    open_requested = Signal(str, object, str)
    message = Signal(str)

    def __init__(self, push: Callable[[LibraryCommand], bool], changed: Callable[[], None] | None = None,
                 parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Follow-up")
        self._push = push
        self._changed = changed or self.mark_stale
        self._today = today
        self._store: RetroStore | None = None
        self._stale = True
        self._generation = 0
        self.records: list[ActionRecord] = []
        self.group_by = QComboBox()
        self.group_by.setAccessibleName("Group actions by")
        for g in GroupBy:
            self.group_by.addItem(f"By {g.label.lower()}", g.value)
        self.group_by.currentIndexChanged.connect(self._fill)
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
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.tree = QTreeView()
        self.tree.setAccessibleName("Actions to follow up")
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.doubleClicked.connect(self._open)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        hint = QLabel("Open and in-progress actions of every retrospective, overdue and due this week first. "
                      "Change a status here without opening the retro (Undo takes it back); double-click opens it.")
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
        from retro.domain.follow_through import OPEN_STATUSES

        def fetch() -> list[ActionRecord]:
            return store.action_records(statuses=frozenset(OPEN_STATUSES), with_factors=False)

        self.read_off_thread(fetch, self._show_records, self.message.emit)

    def _show_records(self, records: list[ActionRecord]) -> None:
        self.records = records
        self._fill()

    def _fill(self) -> None:
        keep = self.current_record()
        self.model.removeRows(0, self.model.rowCount())
        today = self.today()
        groups = group_records(self.records, GroupBy(self.group_by.currentData()), today)
        for group in groups:
            overdue = group.count(DueState.OVERDUE, today)
            soon = group.count(DueState.THIS_WEEK, today)
            counts = [f"{len(group.records)} open"] + ([f"{overdue} overdue"] if overdue else []) + (
                [f"{soon} due this week"] if soon else [])
            head = QStandardItem(f"{group.title} — {', '.join(counts)}")
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            heads = [head, *(QStandardItem("") for _ in COLUMNS[1:])]
            for record in group.records:
                head.appendRow(self._row(record, today))
            self.model.appendRow(heads)
        self.tree.expandAll()
        for column in range(1, len(COLUMNS)):
            self.tree.resizeColumnToContents(column)
        if keep is not None:
            self.select(keep.incident_id, keep.action.id)
        self._update_buttons()

    def _row(self, record: ActionRecord, today: date) -> list[QStandardItem]:
        a = record.action
        state = due_state(a, today)
        due = "No due date" if a.due is None else (
            f"{a.due:%Y-%m-%d} ({state.label.lower()})" if state in _STATE_COLOURS else f"{a.due:%Y-%m-%d}")
        cells = [a.title, a.owner.strip() or "No owner", due, a.status.label, record.incident_title, record.severity.label]
        items = []
        for text in cells:
            item = QStandardItem(text)
            item.setData(record, RECORD_ROLE)
            item.setToolTip(text)
            items.append(item)
        if state in _STATE_COLOURS:
            for item in (items[0], items[2]):
                item.setForeground(QBrush(QColor(_STATE_COLOURS[state])))
        return items

    # -- selection and status ----------------------------------------------------------------

    def current_record(self) -> ActionRecord | None:
        index = self.tree.currentIndex()
        return index.siblingAtColumn(0).data(RECORD_ROLE) if index.isValid() else None

    def select(self, incident_id: str, action_id: str) -> bool:
        for g in range(self.model.rowCount()):
            head = self.model.item(g)
            for r in range(head.rowCount()):
                record = head.child(r).data(RECORD_ROLE)
                if record.incident_id == incident_id and record.action.id == action_id:
                    self.tree.setCurrentIndex(head.child(r).index())
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
        command = ActionStatusCommand(store, record, status, reason.strip(), self._changed, self.message.emit)
        return self._push(command)

    def ask_wont_do(self) -> None:
        record = self.current_record()
        if record is None:
            return
        reason, ok = QInputDialog.getMultiLineText(self, "Won't do", f"Why will “{record.action.title}” not be done?")
        if ok:
            self.set_status(ActionStatus.WONT_DO, reason)

    def _open(self, index: QModelIndex) -> None:
        record = index.siblingAtColumn(0).data(RECORD_ROLE) if index.isValid() else None
        if record is not None:
            self.open_requested.emit(record.incident_id, Stage.ACTIONS, record.action.id)

    # -- exports -----------------------------------------------------------------------------

    def _full_records(self) -> list[ActionRecord]:
        """The listed actions again, with the contributing factors they address (for exports)."""
        from retro.domain.follow_through import OPEN_STATUSES, follow_through_order

        assert self._store is not None
        return follow_through_order(self._store.action_records(statuses=frozenset(OPEN_STATUSES)), self.today())

    def owners(self) -> list[str]:
        seen: dict[str, str] = {}
        for r in self.records:
            name = " ".join(r.action.owner.split())
            if name:
                seen.setdefault(name.casefold(), name)
        return sorted(seen.values(), key=str.casefold)

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


def follow_exports_row(view: Callable[[], FollowUpView]) -> QHBoxLayout:
    """"Export calendar…" and "Export CSV…" for the library's Follow-through tab (the same exports
    as the Follow-up tab's)."""
    row = QHBoxLayout()
    row.addStretch(1)
    for text, tip, slot in (
        ("Export calendar…", "An .ics file of the open actions' due dates and the reports' deadlines",
         lambda: view().export_calendar()),
        ("Export CSV…", "Open actions as CSV for Jira's or Linear's importer", lambda: view().export_csv()),
    ):
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(slot)
        row.addWidget(button)
    return row
