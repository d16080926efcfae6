"""Actions: what will be done, by whom, by when — each with exactly one owner.

New actions get a due date from the incident's severity. Every cell edits in place as one undo
step; choosing "won't do" asks for the reason; the contributing factors an action addresses are
ticked in a list. A banner warns when every action is only a "fix for now".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from retro.domain import (
    ActionItem,
    ActionStatus,
    ActionType,
    Changes,
    Edit,
    Factor,
    Horizon,
    Priority,
    Stage,
    default_action_due,
    new_id,
)
from ui.document import RetroDocument
from ui.models.actions_model import ACTION_ID_ROLE, ActionColumn, ActionsModel, ActionsSort
from ui.projector.stage_views import ActionsProjector
from ui.stage_base import StageView
from ui.stages.public_marking import mark_actions_public
from ui.stages.tickets import TicketFlow
from ui.widgets.action_details import ActionDetails
from ui.widgets.banner import Banner, Tone
from ui.widgets.columns import WordsColumnShare
from ui.widgets.delegates import (
    ChoiceDelegate,
    DateDelegate,
    LinkDelegate,
    NameDelegate,
    TextDelegate,
    enum_choices,
)
from ui.widgets.factor_picker import FactorPicker

ALL_FOR_NOW = (
    "Every action is a “fix for now”. These stop the bleeding; what would fix this for real, "
    "so it cannot happen this way again?"
)


def open_link(url: str) -> None:
    """Open ``url`` in the person's browser (replaced in tests)."""
    QDesktopServices.openUrl(QUrl(url))


def _keyboard_friendly_reason(dialog: QInputDialog) -> None:
    """Let the reason box be left with Tab and the reason saved with Ctrl+Enter (Enter adds a line)."""
    box = dialog.findChild(QPlainTextEdit)
    if box is not None:
        box.setTabChangesFocus(True)
        box.setAccessibleName("Reason")
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        save = QShortcut(QKeySequence(keys), dialog)
        save.activated.connect(dialog.accept)


class ActionsStage(StageView):
    """The action items editor."""

    stage = Stage.ACTIONS
    shows_refusals_inline = True

    def __init__(self, document: RetroDocument, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(document, parent)
        self._today = today
        self.model = ActionsModel(document, self, today=today)
        self.sorted = ActionsSort(self)
        self.sorted.setSourceModel(self.model)
        self.reason_dialog: QInputDialog | None = None
        self.factor_picker: FactorPicker | None = None
        self._build()
        self.model.reason_needed.connect(self.ask_reason)
        document.changed.connect(self._on_changed)
        document.reloaded.connect(self._refresh_banner)
        self._refresh_banner()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.new_title = QLineEdit()
        self.new_title.setAccessibleName("New action")
        self.new_title.setPlaceholderText("A new action: what will be done? Press Enter to add it")
        self.new_title.returnPressed.connect(self.add_action)
        new_label = QLabel("&New action:")
        new_label.setBuddy(self.new_title)
        self.add_button = QPushButton("Add action")
        self.add_button.setAccessibleName("Add action")
        self.add_button.clicked.connect(self.add_action)
        self.factors_button = QPushButton("Contributing factors…")
        self.factors_button.setAccessibleName("Choose the contributing factors the selected action addresses")
        self.factors_button.clicked.connect(self.choose_factors)
        self.ticket_button = QPushButton("Open ticket")
        self.ticket_button.setAccessibleName("Open the selected action's ticket")
        self.ticket_button.clicked.connect(self.open_ticket)
        self.create_ticket_button = QPushButton("Create ticket…")
        self.create_ticket_button.setAccessibleName("Create a ticket for the selected action in the tracker")
        self.create_ticket_button.setToolTip("Opens your tracker's new-issue page with the action filled in, "
                                             "then keeps the ticket's link on the action")
        self.create_ticket_button.clicked.connect(self.create_ticket)
        self.tickets = TicketFlow(self.document, self, self.problem_banner_text)
        self.delete_button = QPushButton("Delete selected")
        self.delete_button.setAccessibleName("Delete the selected actions")
        self.delete_button.setToolTip("Delete the selected actions (Delete key); Undo brings them back")
        self.delete_button.clicked.connect(self.delete_selected)
        top = QHBoxLayout()
        top.addWidget(new_label)
        top.addWidget(self.new_title, 1)
        top.addWidget(self.add_button)
        top.addSpacing(16)
        top.addWidget(self.factors_button)
        top.addWidget(self.ticket_button)
        top.addWidget(self.create_ticket_button)
        top.addWidget(self.delete_button)
        self.public_button = QPushButton("Mark selected public")
        self.public_button.setAccessibleName("Mark the selected actions public")
        self.public_button.setToolTip("Customers read the selected actions in the public report: the contributing "
                                      "factors they address become public too (one undo step)")
        self.public_button.clicked.connect(self.mark_selected_public)
        top.addWidget(self.public_button)
        self.public_banner = Banner(Tone.INFO, name="Public report")

        self.all_for_now_banner = Banner(Tone.WARNING, name="Only fixes for now")
        self.problem_banner = Banner(Tone.ERROR, name="Action problem")
        self.table = self._build_table()
        hint = QLabel(
            "Each action has exactly one owner. Edit a cell with F2 or a double-click; a ticket link opens "
            "with a click. Due dates start from the incident's severity."
        )
        hint.setWordWrap(True)
        self.details = ActionDetails(self.save_detail, self.choose_factors)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.all_for_now_banner)
        layout.addWidget(self.problem_banner)
        layout.addWidget(self.public_banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(hint)

    def _cell_texts(self, column: int) -> list[str]:
        return [str(self.model.index(row, column).data() or "") for row in range(self.model.rowCount())]

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setAccessibleName("Actions")
        table.setModel(self.sorted)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(ActionColumn.DUE, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)
        # The title (people's words) stretches; the short columns are sized in characters and
        # give way first on a laptop.
        self._columns = WordsColumnShare(table, ActionColumn.TITLE, {
            ActionColumn.OWNER: (9, 16), ActionColumn.DUE: (11, 11), ActionColumn.TYPE: (8, 9), ActionColumn.HORIZON: (12, 12),
            ActionColumn.PRIORITY: 8, ActionColumn.STATUS: (9, 11), ActionColumn.TICKET: 22,
            ActionColumn.FACTORS: (12, 30),
        }, whole={  # an owner, a date and a status are never cut to "In progr…"
            ActionColumn.OWNER: lambda: self._cell_texts(ActionColumn.OWNER),
            ActionColumn.DUE: lambda: ["2026-12-31"],
            ActionColumn.TYPE: lambda: [t.label for t in ActionType],
            ActionColumn.HORIZON: lambda: [h.label for h in Horizon],
            ActionColumn.PRIORITY: lambda: [p.label for p in Priority],
            ActionColumn.STATUS: lambda: [s.label for s in ActionStatus],
        })
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.dataChanged):
            signal.connect(self._columns.fit)  # a new owner's name may need more room
        self._delegates = {
            ActionColumn.TITLE: TextDelegate("Action", "", table),
            ActionColumn.OWNER: NameDelegate(self._names, "Owner (one person)", table),
            ActionColumn.DUE: DateDelegate(table),
            ActionColumn.TYPE: ChoiceDelegate(enum_choices(ActionType), "Action type", table),
            ActionColumn.HORIZON: ChoiceDelegate(enum_choices(Horizon), "Horizon", table),
            ActionColumn.PRIORITY: ChoiceDelegate(enum_choices(Priority), "Priority", table),
            ActionColumn.STATUS: ChoiceDelegate(enum_choices(ActionStatus), "Status", table),
            ActionColumn.TICKET: LinkDelegate("Ticket link", lambda url: open_link(url), table),
        }
        due = self._delegates[ActionColumn.DUE]
        assert isinstance(due, DateDelegate)
        due.refused.connect(lambda message: self.problem_banner.show_text(f"Due date not changed: {message}"))
        for column, delegate in self._delegates.items():
            table.setItemDelegateForColumn(column, delegate)
        table.activated.connect(self._on_activated)
        table.selectionModel().currentRowChanged.connect(self._on_current)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        return table

    def _names(self) -> list[str]:
        return [person.name for person in self.document.retro.people()]

    # -- selection ---------------------------------------------------------------------------

    def current_action(self) -> ActionItem | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.action_at(self.sorted.mapToSource(index).row())

    def mark_selected_public(self) -> str:
        """Make the selected actions public (their factors marked public, one undo step); said in a banner."""
        message = mark_actions_public(self.document, self.selected_actions())
        self.public_banner.show_text(message)
        return message

    def selected_actions(self) -> list[ActionItem]:
        rows = {self.sorted.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.action_at(r) for r in sorted(rows)]

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details()
        self.selection_changed.emit(str(current.data(ACTION_ID_ROLE) or "") if current.isValid() else "")

    def _show_details(self) -> None:
        action = self.current_action()
        self.details.show_action(action, self.model.factor_titles(action) if action else [])

    def save_detail(self, action_id: str, field: str, text: str) -> bool:
        """Save the description or the won't-do reason of an action (one undo step)."""
        action = self.document.retro.actions.get(action_id)
        if action is None or getattr(action, field) == text:
            return action is not None
        label = {"description": "Edit action description", "public_reason": "Edit public won't-do reason"}.get(
            field, "Edit won't-do reason")
        return self.document.edit(label, Edit.of(upsert=[replace(action, **{field: text})]))

    def focus_target(self, target_id: str) -> None:
        """Select the action ``target_id`` (or, for a factor, the first action addressing it)."""
        row = self.model.row_of(target_id)
        if row < 0:
            row = next((i for i, a in enumerate(self.model.actions()) if target_id in a.factor_ids), -1)
        if row < 0:
            self.new_title.setFocus()
            return
        index = self.sorted.mapFromSource(self.model.index(row, ActionColumn.TITLE))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.column() == ActionColumn.FACTORS:
            self.choose_factors()

    # -- edits -------------------------------------------------------------------------------

    def default_due(self) -> date:
        return default_action_due(self.document.retro.incident.severity, self._today or date.today())

    def add_action(self) -> bool:
        """Add an action titled as typed, due by the severity's default (one undo step)."""
        title = self.new_title.text().strip()
        if not title:
            self.problem_banner.show_text("Type what will be done, then press Enter.")
            return False
        action = ActionItem(new_id(), title, due=self.default_due(), created_at=datetime.now(UTC))
        if not self.document.edit("Add action", Edit.of(upsert=[action])):
            return False
        self.problem_banner.show_text("")
        self.new_title.clear()
        self.focus_target(action.id)
        self.new_title.setFocus()
        return True

    def delete_selected(self) -> bool:
        actions = self.selected_actions()
        if not actions:
            return False
        label = "Delete action" if len(actions) == 1 else f"Delete {len(actions)} actions"
        return self.document.edit(label, Edit.of(remove=actions))

    def ask_reason(self, action_id: str) -> None:
        """Ask why an action won't be done; the status changes only with a reason."""
        action = self.document.retro.actions.get(action_id)
        if action is None:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Why won't this be done?")
        dialog.setLabelText(
            f"“{action.title}”\n\nSay why it won't be done, so the decision is visible later "
            "(Ctrl+Enter saves):"
        )
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput, True)
        dialog.setAccessibleName("Reason the action won't be done")
        _keyboard_friendly_reason(dialog)
        dialog.textValueSelected.connect(lambda text: self._mark_wont_do(action_id, text))
        self.reason_dialog = dialog
        dialog.open()

    def _mark_wont_do(self, action_id: str, reason: str) -> bool:
        action = self.document.retro.actions.get(action_id)
        if action is None:
            return False
        if not reason.strip():
            self.problem_banner.show_text("“Won't do” needs a reason; the status was not changed.")
            return False
        updated = replace(action, status=ActionStatus.WONT_DO, status_reason=reason.strip())
        return self.document.edit("Mark action as won't do", Edit.of(upsert=[updated]))

    def choose_factors(self) -> None:
        action = self.current_action()
        if action is None:
            self.problem_banner.show_text("Select an action first.")
            return
        picker = FactorPicker(action.title, self.document.retro.factor_list(), action.factor_ids, self)
        picker.accepted.connect(lambda: self._set_factors(action.id, picker.chosen()))
        self.factor_picker = picker
        picker.open()

    def _set_factors(self, action_id: str, factor_ids: tuple[str, ...]) -> bool:
        action = self.document.retro.actions.get(action_id)
        if action is None or tuple(action.factor_ids) == factor_ids:
            return False
        updated = replace(action, factor_ids=factor_ids)
        return self.document.edit("Change factors addressed", Edit.of(upsert=[updated]))

    def create_ticket(self) -> None:
        """Open the tracker's prefilled new-issue page for the selected action (issue 16)."""
        action = self.current_action()
        if action is None:
            self.problem_banner.show_text("Select an action first.")
            return
        self.tickets.create(action)

    def problem_banner_text(self, message: str) -> None:
        self.problem_banner.show_text(message)

    def open_ticket(self) -> None:
        action = self.current_action()
        if action is not None and action.ticket_url:
            open_link(action.ticket_url)

    # -- messages ----------------------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ActionItem):
            self._refresh_banner()
        if changes.touches(ActionItem, Factor):
            self._show_details()

    def _refresh_banner(self) -> None:
        actions = list(self.document.retro.actions.values())
        all_for_now = bool(actions) and all(a.horizon is Horizon.FIX_FOR_NOW for a in actions)
        self.all_for_now_banner.show_text(ALL_FOR_NOW if all_for_now else "")

    def show_refusal(self, message: str) -> None:
        self.problem_banner.show_text(f"Not saved: {message}")

    # -- projector ---------------------------------------------------------------------------

    def projector_view(self) -> QWidget:
        view = ActionsProjector(self.document)
        self.selection_changed.connect(view.follow)
        current = self.current_action()
        view.follow(current.id if current else "")
        return view
