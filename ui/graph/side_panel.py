"""The side panel for the selected contributing factor: its words, its evidence, its actions.

Title and description commit when they lose focus (or on Enter for the title); category and
audience commit on change. Evidence is cited by picking timeline events from a filterable list
(double-click, the button, or drag them onto the evidence list); anything dropped with the MIME
type :data:`EVENT_MIME` (one event id per line) is cited too, so the timeline can be dragged in.
Every change is one undo step through :class:`~ui.graph.editing.GraphEditor`.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from retro.domain import (
    ActionItem,
    Audience,
    Changes,
    FactorCategory,
    FactorEvidence,
    Incident,
    TimelineEvent,
)
from retro.domain.time_range import in_zone

from ..document import RetroDocument
from ..widgets.plain_text import plain_tooltip
from .editing import GraphEditor

#: MIME type of dragged timeline events: UTF-8 event ids, one per line.
EVENT_MIME = "application/x-retro-event-id"
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def event_mime(event_ids: list[str]) -> QMimeData:
    """Drag data for timeline events (the timeline uses this too)."""
    data = QMimeData()
    data.setData(EVENT_MIME, "\n".join(event_ids).encode())
    data.setText("\n".join(event_ids))
    return data


def event_ids_from(mime: QMimeData) -> list[str]:
    if not mime.hasFormat(EVENT_MIME):
        return []
    raw = bytes(mime.data(EVENT_MIME).data()).decode(errors="replace")
    return [line.strip() for line in raw.splitlines() if line.strip()]


def _wrap(view: QListView) -> None:
    """Wrap long lines instead of scrolling sideways."""
    view.setWordWrap(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)


class _EventModel(QStandardItemModel):
    """Timeline events to pick from; dragging rows carries their ids as :data:`EVENT_MIME`."""

    def mimeTypes(self) -> list[str]:
        return [EVENT_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        ids = [str(i.data(ID_ROLE)) for i in indexes if i.isValid() and i.data(ID_ROLE)]
        return event_mime(list(dict.fromkeys(ids)))


class EvidenceList(QListWidget):
    """The events cited as evidence; timeline events can be dropped onto it."""

    events_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def mimeTypes(self) -> list[str]:
        return [EVENT_MIME]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(EVENT_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(EVENT_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        ids = event_ids_from(event.mimeData())
        if ids:
            event.acceptProposedAction()
            self.events_dropped.emit(ids)
        else:
            event.ignore()


class FactorPanel(QWidget):
    """Everything about one contributing factor, beside the canvas."""

    def __init__(self, document: RetroDocument, editor: GraphEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.editor = editor
        self.factor_id = ""
        self.setAccessibleName("Selected contributing factor")
        self._stack = QStackedWidget(self)
        empty = QLabel("Select a contributing factor on the canvas to describe it, cite evidence and "
                       "create actions.", self)
        empty.setWordWrap(True)
        empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._stack.addWidget(empty)
        self._stack.addWidget(self._build_details())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        document.changed.connect(self._on_changed)
        document.reloaded.connect(lambda: self.set_factor(self.factor_id))

    # building -------------------------------------------------------------------------------

    def _build_details(self) -> QWidget:
        page = QWidget(self)
        self.title = QLineEdit(page)
        self.title.setAccessibleName("Title")
        self.category = QComboBox(page)
        self.category.setAccessibleName("Category")
        for category in FactorCategory:
            self.category.addItem(category.label, category)
        self.audience = QComboBox(page)
        self.audience.setAccessibleName("Audience")
        for audience in Audience:
            self.audience.addItem(audience.label, audience)
        self.description = QPlainTextEdit(page)
        self.description.setAccessibleName("Description")
        self.description.setPlaceholderText("What was it like? How did it make the incident possible?")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)
        self.description.installEventFilter(self)
        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Category", self.category)
        form.addRow("A&udience", self.audience)
        form.addRow("&Description", self.description)

        self.evidence = EvidenceList(page)
        _wrap(self.evidence)
        self.evidence.setAccessibleName("Evidence: timeline events cited")
        self.unlink_button = QPushButton("&Remove evidence", page)
        self.event_filter = QLineEdit(page)
        self.event_filter.setPlaceholderText("Filter timeline events")
        self.event_filter.setAccessibleName("Filter timeline events")
        self.events_model = _EventModel(self)
        self.events_proxy = QSortFilterProxyModel(self)
        self.events_proxy.setSourceModel(self.events_model)
        self.events_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.event_picker = QListView(page)
        self.event_picker.setModel(self.events_proxy)
        self.event_picker.setAccessibleName("Timeline events to cite")
        self.event_picker.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.event_picker.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.event_picker.setDragEnabled(True)
        _wrap(self.event_picker)
        self.link_button = QPushButton("C&ite as evidence", page)
        evidence_box = QGroupBox("Evidence from the timeline", page)
        ev = QVBoxLayout(evidence_box)
        ev.addWidget(self.evidence)
        ev.addWidget(self.unlink_button)
        ev.addWidget(self.event_filter)
        ev.addWidget(self.event_picker)
        ev.addWidget(self.link_button)

        self.actions_list = QListWidget(page)
        self.actions_list.setAccessibleName("Actions that address this factor")
        _wrap(self.actions_list)
        self.create_action_button = QPushButton("Create &action for this factor", page)
        actions_box = QGroupBox("Actions that address it", page)
        ac = QVBoxLayout(actions_box)
        ac.addWidget(self.actions_list)
        ac.addWidget(self.create_action_button)

        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(evidence_box, 3)
        layout.addWidget(actions_box, 1)

        self.title.editingFinished.connect(self._commit_title)
        self.category.activated.connect(self._commit_category)
        self.audience.activated.connect(self._commit_audience)
        self.unlink_button.clicked.connect(self.unlink_selected)
        self.link_button.clicked.connect(self.link_picked)
        self.event_picker.activated.connect(lambda _index: self.link_picked())
        self.event_filter.textChanged.connect(self.events_proxy.setFilterFixedString)
        self.evidence.events_dropped.connect(self.link_events)
        self.create_action_button.clicked.connect(self.create_action)
        return page

    # showing --------------------------------------------------------------------------------

    def set_factor(self, factor_id: str) -> None:
        """Show ``factor_id`` ("" or an impact id shows the hint instead).

        Text typed for the factor shown so far is saved to that factor first, so it never ends
        up under another one; showing the same factor again keeps what is being typed.
        """
        factor = self.document.retro.factors.get(factor_id)
        switching = (factor.id if factor else "") != self.factor_id
        if switching:
            self.commit_pending()
        self.factor_id = factor.id if factor else ""
        self._stack.setCurrentIndex(1 if factor else 0)
        if factor is not None:
            self._show_fields(replace_typing=switching)
            self._show_evidence()
            self._show_actions()

    def _show_fields(self, *, replace_typing: bool = False) -> None:
        """Show the factor's fields; text being typed is kept unless ``replace_typing``."""
        factor = self.document.retro.factors[self.factor_id]
        typing_title = self.title.hasFocus() and self.title.isModified()
        if (replace_typing or not typing_title) and self.title.text() != factor.title:
            self.title.setText(factor.title)
        self.category.setCurrentIndex(self.category.findData(factor.category))
        self.audience.setCurrentIndex(self.audience.findData(factor.audience))
        typing_description = self.description.hasFocus() and self.description.document().isModified()
        if replace_typing or not typing_description:
            if self.description.toPlainText() != factor.description:
                self.description.setPlainText(factor.description)
            self.description.document().setModified(False)

    def _event_text(self, event: TimelineEvent) -> str:
        try:
            zone = ZoneInfo(self.document.retro.incident.timezone)
        except (KeyError, ValueError):
            zone = ZoneInfo("UTC")
        return f"{in_zone(event.at, zone):%H:%M}  {' '.join(event.text.split())}"

    def _show_evidence(self) -> None:
        retro = self.document.retro
        cited = retro.evidence_for(self.factor_id)
        self.evidence.clear()
        for event in cited:
            item = QListWidgetItem(self._event_text(event))
            item.setData(ID_ROLE, event.id)
            item.setToolTip(plain_tooltip(event.text))
            self.evidence.addItem(item)
        if not cited:
            hint = QListWidgetItem("No evidence yet: pick or drag timeline events below.")
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.evidence.addItem(hint)
        cited_ids = {e.id for e in cited}
        self.events_model.clear()
        for event in retro.timeline():
            if event.id in cited_ids:
                continue
            item = QStandardItem(self._event_text(event))
            item.setData(event.id, ID_ROLE)
            item.setToolTip(plain_tooltip(event.text))
            item.setEditable(False)
            item.setDragEnabled(True)
            self.events_model.appendRow(item)

    def _show_actions(self) -> None:
        self.actions_list.clear()
        actions = self.document.retro.actions_for(self.factor_id)
        for action in actions:
            owner = action.owner or "no owner yet"
            due = f", due {action.due:%d %b}" if action.due else ""
            item = QListWidgetItem(f"{action.title} ({owner}{due}; {action.status.label.lower()})")
            item.setData(ID_ROLE, action.id)
            self.actions_list.addItem(item)
        if not actions:
            hint = QListWidgetItem("No action addresses this factor yet.")
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.actions_list.addItem(hint)

    def _on_changed(self, changes: Changes) -> None:
        if not self.factor_id:
            return
        if self.factor_id not in self.document.retro.factors:
            self.set_factor("")
            return
        if any(getattr(e, "id", None) == self.factor_id for e in changes.upserted):
            self._show_fields()
        if changes.touches(FactorEvidence, TimelineEvent, Incident):
            self._show_evidence()
        if changes.touches(ActionItem):
            self._show_actions()

    # editing --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.description and event.type() == QEvent.Type.FocusOut:
            self._commit_description()
        return super().eventFilter(watched, event)

    def commit_pending(self) -> None:
        """Save the title and description being typed to the factor shown (before showing another)."""
        if self.title.isModified():
            self._commit_title()
        self._commit_description()

    def _commit_title(self) -> None:
        if not self.factor_id:
            return
        if self.editor.rename(self.factor_id, self.title.text()):
            self.title.setModified(False)
            return
        factor = self.document.retro.factors.get(self.factor_id)
        if factor is not None and self.title.text() != factor.title:
            self.title.setText(factor.title)

    def _commit_description(self) -> None:
        factor = self.document.retro.factors.get(self.factor_id)
        text = self.description.toPlainText()
        if factor is None or text.strip() == factor.description:
            return
        if self.editor.set_description(factor.id, text):
            self.description.document().setModified(False)

    def _commit_category(self) -> None:
        if self.factor_id:
            self.editor.set_category(self.factor_id, FactorCategory(self.category.currentData()))

    def _commit_audience(self) -> None:
        if self.factor_id:
            self.editor.set_audience(self.factor_id, Audience(self.audience.currentData()))

    def link_events(self, event_ids: list[str]) -> bool:
        return bool(self.factor_id) and self.editor.link_evidence(self.factor_id, event_ids)

    def link_picked(self) -> bool:
        ids = [str(i.data(ID_ROLE)) for i in self.event_picker.selectionModel().selectedIndexes()]
        if not ids and self.event_picker.currentIndex().isValid():
            ids = [str(self.event_picker.currentIndex().data(ID_ROLE))]
        return self.link_events(ids)

    def unlink_selected(self) -> bool:
        ids = [str(i.data(ID_ROLE)) for i in self.evidence.selectedItems() if i.data(ID_ROLE)]
        if not ids and self.evidence.currentItem() is not None and self.evidence.currentItem().data(ID_ROLE):
            ids = [str(self.evidence.currentItem().data(ID_ROLE))]
        return bool(self.factor_id and ids) and self.editor.unlink_evidence(self.factor_id, ids)

    def create_action(self) -> str | None:
        return self.editor.create_action(self.factor_id) if self.factor_id else None
