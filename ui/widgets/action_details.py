"""The selected action in full: its description, why it won't be done, the factors it addresses.

The table shows one line per action; this panel shows what does not fit there. Texts are saved
when the field is left, through the ``save`` callback (one undo step each).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from retro.domain import ActionItem, ActionStatus

from .commit_edit import CommitOnLeaveEdit


class ActionDetails(QGroupBox):
    """Details of one action; empty and disabled while nothing is selected."""

    def __init__(self, save: Callable[[str, str, str], bool], choose_factors: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__("Selected action", parent)
        self.setAccessibleName("Selected action details")
        self._save = save
        self._action: ActionItem | None = None
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # the title and owner as typed
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.description = CommitOnLeaveEdit("Action description", "What exactly will be done, and how we will know")
        self.description.setFixedHeight(64)
        self.description.left.connect(lambda: self._commit("description", self.description))
        self.reason = CommitOnLeaveEdit("Reason it won't be done", "Why it won't be done")
        self.reason.setFixedHeight(48)
        self.reason.left.connect(lambda: self._commit("status_reason", self.reason))
        self.reason_label = QLabel("Why it won't be done:")
        self.public_reason = CommitOnLeaveEdit(
            "Public reason it won't be done",
            "Why, as customers may read it — without one, the public report leaves this action out")
        self.public_reason.setFixedHeight(48)
        self.public_reason.left.connect(lambda: self._commit("public_reason", self.public_reason))
        self.public_reason_label = QLabel("Public reason:")
        self.factors = QLabel()
        self.factors.setTextFormat(Qt.TextFormat.PlainText)
        self.factors.setWordWrap(True)
        self.factors.setAccessibleName("Contributing factors this action addresses")
        self.factors_button = QPushButton("Choose…")
        self.factors_button.setAccessibleName("Choose the contributing factors this action addresses")
        self.factors_button.clicked.connect(choose_factors)
        factors_row = QHBoxLayout()
        factors_row.addWidget(self.factors, 1)
        factors_row.addWidget(self.factors_button)
        form = QFormLayout()
        form.addRow("Description:", self.description)
        form.addRow(self.reason_label, self.reason)
        form.addRow(self.public_reason_label, self.public_reason)
        form.addRow("Addresses:", factors_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        self.show_action(None, [])

    @property
    def action_id(self) -> str:
        return self._action.id if self._action else ""

    def show_action(self, action: ActionItem | None, factor_titles: list[str]) -> None:
        """Show ``action`` (None: nothing selected).

        Text being typed for the action shown so far is saved to that action first; while the
        same action is shown again (it changed elsewhere), what is being typed is kept.
        """
        switching = (action.id if action else "") != self.action_id
        if switching:
            self.commit_pending()
        self._action = action
        self.setEnabled(action is not None)
        show = CommitOnLeaveEdit.replace_text if switching else CommitOnLeaveEdit.show_text
        if action is None:
            self.heading.setText("Select an action to see and edit its details.")
            show(self.description, "")
            show(self.reason, "")
            show(self.public_reason, "")
            self.factors.setText("")
            return
        owner = action.owner or "no owner yet"
        due = action.due.isoformat() if action.due else "no due date"
        done = f" · completed {action.completed_at:%Y-%m-%d}" if action.completed_at else ""
        self.heading.setText(f"{action.title} — {owner}, due {due} · {action.status.label}{done}")
        show(self.description, action.description)
        wont_do = action.status is ActionStatus.WONT_DO
        show(self.reason, action.status_reason)
        self.reason.setVisible(wont_do)
        self.reason_label.setVisible(wont_do)
        show(self.public_reason, action.public_reason)
        self.public_reason.setVisible(wont_do)
        self.public_reason_label.setVisible(wont_do)
        self.factors.setText("\n".join(f"• {t}" for t in factor_titles) or "No contributing factor yet.")

    def commit_pending(self) -> None:
        """Save what was typed in either field to the action shown (e.g. before showing another)."""
        self._commit("description", self.description)
        self._commit("status_reason", self.reason)
        self._commit("public_reason", self.public_reason)

    def _commit(self, field: str, edit: CommitOnLeaveEdit) -> None:
        modified = self._action is not None and edit.document().isModified()
        if modified and self._save(self.action_id, field, edit.toPlainText().strip()):
            edit.document().setModified(False)
