"""The parking lot panel: park a topic with one key from any stage, and later decide what it became.

The entry takes a topic (Enter parks it, Esc leaves it); the list below shows every parked topic
with the stage it came from and what became of it. The buttons turn the selected topic into an
action item or a contributing factor (one undo step each: the new thing and the mark together),
leave it as an open question for the internal report, drop it, or open it again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from retro.domain import ActionItem, Changes, Factor, FactorCategory, ParkingItem, ParkingResolution, Stage
from retro.domain.parking_lot import MAX_PARKED_TEXT, into_action, into_factor, outcome_title, park, resolve

from ..document import RetroDocument

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def item_line(item: ParkingItem, outcome: str) -> str:
    """Two lines: the topic, then where it was raised and what it became (``Factors · → Action``).

    What it became is named only when its title differs from the topic (after an edit).
    """
    became = {ParkingResolution.ACTION: "→ Action", ParkingResolution.FACTOR: "→ Factor"}.get(item.resolution)
    if became is None:
        became = outcome
    else:
        title = outcome.partition(": ")[2]
        became += f": {title}" if title and title != item.text else ""
    return f"{item.text}\n    {item.stage.label} · {became}"


class ParkingEntry(QLineEdit):
    """The one-line entry: Enter parks, Esc clears and gives focus back."""

    parked = Signal(str)
    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.text().strip():
                self.parked.emit(self.text())
            return
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self.left.emit()
            return
        super().keyPressEvent(event)


class ParkingLotPanel(QWidget):
    """Capture and resolve parked topics for the open retro."""

    #: Go to a stage and select something there (the action or factor a topic became).
    navigate_requested = Signal(object, str)
    #: A short message for the status bar.
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ParkingLot")
        self.setAccessibleName("Parking lot")
        self.document: RetroDocument | None = None
        self.stage = Stage.SETUP
        self._focus_back: QWidget | None = None
        self.heading = QLabel()
        self.heading.setObjectName("ParkingHeading")
        self.entry = ParkingEntry()
        self.entry.setAccessibleName("Park a topic")
        self.entry.setPlaceholderText("Park a topic… (Ctrl+Shift+P, Enter)")
        self.entry.setMaxLength(MAX_PARKED_TEXT)
        self.entry.parked.connect(self.park)
        self.entry.left.connect(self._give_focus_back)
        self.list = QListWidget()
        self.list.setAccessibleName("Parked topics")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.to_action = QPushButton("→ &Action")
        self.to_action.setAccessibleName("Turn the parked topic into an action item")
        self.to_action.clicked.connect(self.turn_into_action)
        self.to_factor = QPushButton("→ &Factor")
        self.to_factor.setAccessibleName("Turn the parked topic into a contributing factor")
        self.factor_menu = QMenu(self.to_factor)
        self.factor_actions: dict[FactorCategory, QAction] = {}
        for category in FactorCategory:
            action = self.factor_menu.addAction(category.label)
            action.triggered.connect(lambda _c=False, c=category: self.turn_into_factor(c))
            self.factor_actions[category] = action
        self.to_factor.setMenu(self.factor_menu)
        self.to_question = QPushButton("&Question")
        self.to_question.setAccessibleName("Keep the parked topic as an open question in the internal report")
        self.to_question.setToolTip("Keep it as an open question: the internal report lists it")
        self.to_question.clicked.connect(lambda: self.resolve_current(ParkingResolution.QUESTION))
        self.drop = QPushButton("&Drop")
        self.drop.setAccessibleName("Drop the parked topic")
        self.drop.clicked.connect(lambda: self.resolve_current(ParkingResolution.DROPPED))
        self.reopen = QPushButton("Re&open")
        self.reopen.setAccessibleName("Open the parked topic again")
        self.reopen.clicked.connect(lambda: self.resolve_current(ParkingResolution.OPEN))
        buttons = QGridLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setHorizontalSpacing(4)
        for column, button in enumerate((self.to_action, self.to_factor, self.to_question)):
            buttons.addWidget(button, 0, column)
        buttons.addWidget(self.drop, 1, 0)
        buttons.addWidget(self.reopen, 1, 1)
        self._buttons = buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.entry)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._refresh()

    def add_button(self, button: QPushButton) -> None:
        """A button of the workspace's placed beside Reopen (ELMO)."""
        self._buttons.addWidget(button, 1, 2)

    # -- the document ------------------------------------------------------------------------

    def set_document(self, document: RetroDocument | None) -> None:
        if self.document is not None:
            self.document.changed.disconnect(self._changed)
            self.document.reloaded.disconnect(self._refresh)
        self.document = document
        self.entry.clear()  # a topic half-typed for another retro does not belong to this one
        self._focus_back = None
        if document is not None:
            document.changed.connect(self._changed)
            document.reloaded.connect(self._refresh)
        self._refresh()

    def set_stage(self, stage: Stage) -> None:
        self.stage = stage

    def _changed(self, changes: Changes) -> None:
        if changes.touches(ParkingItem, ActionItem, Factor):
            self._refresh()

    def _refresh(self) -> None:
        current = self.current_item()
        self.list.clear()
        items = self.document.retro.parking_list() if self.document is not None else []
        still_open = sum(1 for p in items if p.resolution is ParkingResolution.OPEN)
        self.heading.setText(f"<b>Parking lot</b> · {still_open} open" if items else "<b>Parking lot</b>")
        for parked in items:
            mark = "○" if parked.resolution is ParkingResolution.OPEN else "✓"
            outcome = outcome_title(self.document.retro, parked) if self.document else ""
            row = QListWidgetItem(f"{mark} " + item_line(parked, outcome))
            row.setData(ITEM_ROLE, parked.id)
            row.setToolTip(f"{parked.text}\n{parked.stage.label} · {outcome}")
            self.list.addItem(row)
            if current is not None and parked.id == current.id:
                self.list.setCurrentItem(row)
        self._update_buttons()

    def current_item(self) -> ParkingItem | None:
        row = self.list.currentItem()
        if row is None or self.document is None:
            return None
        return self.document.retro.parking_lot.get(str(row.data(ITEM_ROLE)))

    def select(self, item_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(ITEM_ROLE) == item_id:
                self.list.setCurrentRow(i)
                return

    def _update_buttons(self) -> None:
        item = self.current_item()
        is_open = item is not None and item.resolution is ParkingResolution.OPEN
        for button in (self.to_action, self.to_factor, self.to_question, self.drop):
            button.setEnabled(is_open)
        self.reopen.setEnabled(item is not None and not is_open)

    # -- gestures ----------------------------------------------------------------------------

    def start_capture(self, text: str = "") -> None:
        """Focus the entry (pre-filled with ``text``, all selected) so a topic can be typed."""
        focused = QApplication.focusWidget()
        self._focus_back = focused if focused is not self.entry else self._focus_back
        if text:
            self.entry.setText(text)
        self.entry.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.entry.selectAll()

    def _give_focus_back(self) -> None:
        if self._focus_back is not None:
            self._focus_back.setFocus(Qt.FocusReason.OtherFocusReason)
        self._focus_back = None

    def park(self, text: str) -> bool:
        """Park ``text`` as raised in the current stage (one undo step)."""
        if self.document is None or not text.strip():
            return False
        edit = park(text, self.stage)
        if not self.document.edit("Park a topic", edit):
            return False
        self.entry.clear()
        self.select(edit.upsert[0].key)
        self.message.emit(f"Parked: {text.strip()}")
        self._give_focus_back()
        return True

    def turn_into_action(self) -> bool:
        item = self.current_item()
        if item is None or self.document is None:
            return False
        edit, action = into_action(item)
        if not self.document.edit("Turn a parked topic into an action", edit):
            return False
        self.message.emit("Turned into an action: give it an owner and a due date.")
        self.navigate_requested.emit(Stage.ACTIONS, action.id)
        return True

    def turn_into_factor(self, category: FactorCategory) -> bool:
        item = self.current_item()
        if item is None or self.document is None:
            return False
        edit, factor = into_factor(item, category)
        if not self.document.edit("Turn a parked topic into a contributing factor", edit):
            return False
        self.message.emit(f"Turned into a contributing factor ({category.label}): connect it in the graph.")
        self.navigate_requested.emit(Stage.FACTORS, factor.id)
        return True

    def resolve_current(self, resolution: ParkingResolution) -> bool:
        item = self.current_item()
        if item is None or self.document is None:
            return False
        label = {ParkingResolution.QUESTION: "Keep a parked topic as an open question",
                 ParkingResolution.DROPPED: "Drop a parked topic",
                 ParkingResolution.OPEN: "Open a parked topic again"}[resolution]
        return self.document.edit(label, resolve(item, resolution))
