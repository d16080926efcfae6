"""Setup's people in the room: one row per person, a tick per role they hold, add and remove.

Each rename and each role tick is one undo step ("Undo Rename participant"); removing people takes
their statements and notes with them, as one step.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from retro.domain import Edit, Participant, Role, new_id

from ..document import RetroDocument
from ..models.participants_model import ParticipantsModel
from ..resources_path import icon

#: The people table shows this many rows before it scrolls.
ROWS_SHOWN = 9


class PeopleInTheRoom(QVBoxLayout):
    """The participants table and its Add and Remove buttons (Setup lays it out full width)."""

    def __init__(self, document: RetroDocument, owner: QObject) -> None:
        super().__init__()
        self.document = document
        self.participants = ParticipantsModel(document, owner)
        self.people = QTableView()
        self.people.setObjectName("ParticipantsTable")
        self.people.setAccessibleName("Participants and their roles")
        self.people.setModel(self.participants)
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                    | QAbstractItemView.EditTrigger.EditKeyPressed
                                    | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.people.verticalHeader().hide()
        rows = self.people.verticalHeader().defaultSectionSize()
        self.people.setFixedHeight(rows * ROWS_SHOWN + self.people.horizontalHeader().sizeHint().height() + 4)
        header = self.people.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.add_person = QPushButton(icon("new"), "A&dd participant")
        self.add_person.setAccessibleName("Add participant")
        self.add_person.clicked.connect(self.add_participant)
        self.remove_person = QPushButton(icon("delete"), "&Remove")
        self.remove_person.setAccessibleName("Remove the selected participants")
        self.remove_person.clicked.connect(self.remove_selected)
        hint = QLabel("Double-click a name (or press F2) to rename; Space ticks a role. "
                      "One person can hold several roles.")
        hint.setObjectName("Hint")
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_person)
        buttons.addWidget(self.remove_person)
        buttons.addWidget(hint, 1)
        self.addWidget(self.people)
        self.addLayout(buttons)

    def add_participant(self) -> None:
        """Add a person (a responder by default) and start editing their name."""
        people = self.document.retro.people()
        position = max((p.position for p in people), default=-1) + 1
        person = Participant(new_id(), "New participant", frozenset({Role.RESPONDER}), position)
        if self.document.edit("Add participant", Edit.of(upsert=[person])):
            self.select(person.id)
            self.people.edit(self.participants.index(self.participants.row_of(person.id), 0))

    def remove_selected(self) -> None:
        """Remove the selected people as one undo step (their statements and notes go with them)."""
        rows = sorted({i.row() for i in self.people.selectionModel().selectedRows()})
        people = [self.participants.participant(r) for r in rows]
        if not people:
            return
        label = f"Remove participant {people[0].name}" if len(people) == 1 else f"Remove {len(people)} participants"
        self.document.edit(label, Edit.of(remove=people))

    def select(self, participant_id: str) -> None:
        """Select, reveal and focus the person ``participant_id`` (nothing when not in the room)."""
        row = self.participants.row_of(participant_id)
        if row >= 0:
            index = self.participants.index(row, 0)
            self.people.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.people.scrollTo(index)
            self.people.setFocus()
