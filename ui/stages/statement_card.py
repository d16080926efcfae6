"""One person's statement on the Accountability stage: who they are, whether they may speak, what they said.

Ctrl+Enter (or the button) records the statement; text typed and not recorded yet is a
:class:`Draft` the stage keeps when the cards are built again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from retro.domain.speakers import Speaker
from ui.widgets.colours import ATTENTION
from ui.widgets.commit_edit import CommitOnLeaveEdit


@dataclass(frozen=True)
class Draft:
    """Text typed in a statement editor but not recorded yet, and where the cursor was."""

    text: str
    cursor: int


class StatementCard(QFrame):
    """One person's statement: who they are, whether they may speak, what they said."""

    def __init__(self, speaker: Speaker, record: Callable[[str, str], object]) -> None:
        """``record(participant id, text)`` records the statement (the stage, one undo step)."""
        super().__init__()
        self._record = record
        self.participant_id = speaker.participant.id
        self.setObjectName("statementCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed, never as markup
        self.name.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.name.setWordWrap(True)  # a long name with roles wraps; the button keeps its width
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.lock_label = QLabel()
        self.lock_label.setTextFormat(Qt.TextFormat.PlainText)
        self.lock_label.setWordWrap(True)
        self.lock_label.setStyleSheet(f"color: {ATTENTION};")
        # Ctrl+Enter records it; leaving the editor keeps the text as a draft (nothing is recorded).
        self.editor = CommitOnLeaveEdit(
            "", "Decisions I made that contributed, and what I will change. (Ctrl+Enter records it.)",
            ctrl_enter=True, ownership=True)  # "I decided …" is welcome; blaming others is underlined
        self.editor.setFixedHeight(96)
        self.record_button = QPushButton()
        self.record_button.clicked.connect(self.record)
        self.editor.submitted.connect(self.record)
        header = QHBoxLayout()
        header.addWidget(self.name)
        header.addWidget(self.status, 1)
        header.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.lock_label)
        layout.addWidget(self.editor)
        self.speaker = speaker
        self.update_from(speaker)

    @property
    def locked(self) -> bool:
        return bool(self.speaker.lock_reason)

    def draft(self) -> Draft | None:
        """What was typed here and not recorded yet; None when the editor shows the stored text."""
        if not self.editor.document().isModified():
            return None
        return Draft(self.editor.toPlainText(), self.editor.textCursor().position())

    def restore_draft(self, draft: Draft) -> None:
        """Put back text typed before this card was rebuilt, still marked as not recorded."""
        self.editor.setPlainText(draft.text)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(draft.cursor, len(draft.text)))
        self.editor.setTextCursor(cursor)
        self.editor.document().setModified(True)

    def update_from(self, speaker: Speaker) -> None:
        """Show ``speaker``'s state; text being typed is kept unless the stored text changed."""
        previous = self.speaker.statement.text if self.speaker.statement else ""
        self.speaker = speaker
        name = speaker.participant.name
        roles = speaker.roles_text()
        self.name.setText(name + (f"  ({roles})" if roles else ""))
        self.editor.setAccessibleName(f"Statement of {name}")
        self.record_button.setAccessibleName(f"Record the statement of {name}")
        stored = speaker.statement.text if speaker.statement else ""
        if stored != previous or not self.editor.document().isModified():
            self.editor.setPlainText(stored)
            self.editor.document().setModified(False)
        self.lock_label.setText(f"Locked: {speaker.lock_reason}" if speaker.lock_reason else "")
        self.lock_label.setVisible(bool(speaker.lock_reason))
        self.editor.setEnabled(not speaker.lock_reason)
        self.editor.setAccessibleDescription(speaker.lock_reason)
        self.record_button.setEnabled(not speaker.lock_reason)
        self.record_button.setText("Update statement" if speaker.has_spoken else "Record statement")
        if speaker.has_spoken:
            self.status.setText("✓ Statement recorded")
        elif speaker.lock_reason:
            self.status.setText("Waiting for the manager / leader")
        else:
            self.status.setText("May speak now (optional)" if not speaker.participant.is_leader else "Speaks first")

    def record(self) -> None:
        """Record (or update) the statement as one undo step; the store enforces the rule."""
        self._record(self.participant_id, self.editor.toPlainText())
