"""The accountability speaking order as a Qt list: who has spoken, who is next, who must wait.

The order itself is the domain's rule (:mod:`retro.domain.speakers`). The list is short (the
people in the room), so it is rebuilt whenever people or statements change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from retro.domain import AccountabilityStatement, Changes, Participant
from retro.domain.speakers import Speaker, speaking_order
from ui.document import RetroDocument

Index = QModelIndex | QPersistentModelIndex

PARTICIPANT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The reason this person cannot speak yet ("" when they can).
LOCK_REASON_ROLE = Qt.ItemDataRole.UserRole + 2
#: Their recorded statement's text ("" when they have not spoken).
STATEMENT_ROLE = Qt.ItemDataRole.UserRole + 3


class SpeakingOrderModel(QAbstractListModel):
    """The speaking order, one row per participant."""

    def __init__(self, document: RetroDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._speakers = speaking_order(document.retro)
        document.changed.connect(self._on_changed)
        document.reloaded.connect(self._rebuild)

    def speakers(self) -> list[Speaker]:
        return list(self._speakers)

    def row_of(self, participant_id: str) -> int:
        return next((i for i, s in enumerate(self._speakers) if s.participant.id == participant_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._speakers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._speakers):
            return None
        speaker = self._speakers[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            mark = "✓" if speaker.has_spoken else "•"
            roles = speaker.roles_text()
            text = f"{index.row() + 1}. {mark} {speaker.participant.name}" + (f" — {roles}" if roles else "")
            return text + ("  · waits" if speaker.lock_reason else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            if speaker.has_spoken:
                return "Has recorded a statement"
            return speaker.lock_reason or "May speak now"
        if role == PARTICIPANT_ID_ROLE:
            return speaker.participant.id
        if role == LOCK_REASON_ROLE:
            return speaker.lock_reason
        if role == STATEMENT_ROLE:
            return speaker.statement.text if speaker.statement else ""
        return None

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Participant, AccountabilityStatement):
            self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        self._speakers = speaking_order(self._document.retro)
        self.endResetModel()
