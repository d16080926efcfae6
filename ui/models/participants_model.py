"""The participants table: a name and one checkbox per role (one person can hold several roles)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from retro.domain import Changes, Edit, Participant, Role

from ..document import RetroDocument

Index = QModelIndex | QPersistentModelIndex

ROLES: tuple[Role, ...] = tuple(Role)
NAME = 0


class ParticipantsModel(QAbstractTableModel):
    """Rows are people in their order; column 0 is the name, then one column per :class:`Role`.

    Edits go through the document as one undo step each: "Rename participant",
    "Give Aiko Tanaka the Scribe role", "Take the Scribe role from Aiko Tanaka".
    """

    def __init__(self, document: RetroDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self.document = document
        self._people: list[Participant] = document.retro.people()
        document.changed.connect(self._changed)
        document.reloaded.connect(self.reload)

    def reload(self) -> None:
        self.beginResetModel()
        self._people = self.document.retro.people()
        self.endResetModel()

    def _changed(self, changes: Changes) -> None:
        if not changes.touches(Participant):
            return
        people = self.document.retro.people()
        if [p.id for p in people] == [p.id for p in self._people]:
            self._people = people
            self.dataChanged.emit(self.index(0, 0), self.index(len(people) - 1, len(ROLES)))
        else:
            self.beginResetModel()
            self._people = people
            self.endResetModel()

    def participant(self, row: int) -> Participant:
        return self._people[row]

    def row_of(self, participant_id: str) -> int:
        return next((i for i, p in enumerate(self._people) if p.id == participant_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(ROLES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section <= len(ROLES)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "Name" if section == NAME else ROLES[section - 1].label
        if role == Qt.ItemDataRole.ToolTipRole and section:
            return f"Who held the {ROLES[section - 1].label} role (tick as many as apply)"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == NAME:
            return base | Qt.ItemFlag.ItemIsEditable
        return base | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._people)):
            return None
        person = self._people[index.row()]
        col = index.column()
        if col == NAME:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return person.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return ", ".join(r.label for r in person.roles_in_order()) or "No role yet"
            return None
        held = ROLES[col - 1] in person.roles
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if held else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{person.name} {'holds' if held else 'does not hold'} the {ROLES[col - 1].label} role"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not (0 <= index.row() < len(self._people)):
            return False
        person = self._people[index.row()]
        if index.column() == NAME and role == Qt.ItemDataRole.EditRole:
            name = str(value).strip()
            if not name or name == person.name:
                return False
            return self.document.edit("Rename participant", Edit.of(upsert=[replace(person, name=name)]))
        if index.column() > NAME and role == Qt.ItemDataRole.CheckStateRole:
            role_ = ROLES[index.column() - 1]
            checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            if checked == (role_ in person.roles):
                return False
            roles = person.roles | {role_} if checked else person.roles - {role_}
            label = (f"Give {person.name} the {role_.label} role" if checked
                     else f"Take the {role_.label} role from {person.name}")
            return self.document.edit(label, Edit.of(upsert=[replace(person, roles=frozenset(roles))]))
        return False
