"""Create ticket: open the team's tracker on a prefilled new-issue page, then keep the ticket's link.

The tracker is chosen once per database (:class:`TrackerDialog`, stored by
``RetroStore.save_tracker_setting``, so a whole team on a shared database uses the same one).
"Create ticket" builds the address (:mod:`retro.io.trackers`), opens it in the browser with
the person's own login (``open_url``, replaceable in tests), and asks for the new ticket's
address, which is stored on the action as one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from retro.domain import ActionItem, Edit, RetroError
from retro.io.trackers import (
    TrackerKind,
    TrackerSetting,
    new_ticket_url,
    ticket_fields,
    ticket_url_problem,
)
from ui.document import RetroDocument


def open_in_browser(url: str) -> None:
    """Open ``url`` in the person's browser (tests replace :data:`TicketFlow.open_url`)."""
    QDesktopServices.openUrl(QUrl(url))


class TrackerDialog(QDialog):
    """Choose where "Create ticket" goes, for everyone on this database."""

    saved = Signal(object)

    def __init__(self, store: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tracker for new tickets")
        self.setAccessibleName("Tracker for new tickets")
        self._store = store
        current: TrackerSetting | None = store.tracker_setting()  # type: ignore[attr-defined]
        self.kind = QComboBox()
        self.kind.setAccessibleName("Tracker")
        for kind in TrackerKind:
            self.kind.addItem(kind.label, kind.value)
        self.address = QLineEdit()
        self.address.setAccessibleName("Tracker address")
        self.address.setMinimumWidth(460)
        self.project = QLineEdit()
        self.project.setAccessibleName("Jira project id")
        self.project.setPlaceholderText("numeric, e.g. 10001")
        self.issue_type = QLineEdit()
        self.issue_type.setAccessibleName("Jira issue type id")
        self.issue_type.setPlaceholderText("numeric, e.g. 10002 (optional)")
        self.labels = QLineEdit()
        self.labels.setAccessibleName("Labels for every ticket")
        self.labels.setPlaceholderText("comma-separated, e.g. incident-follow-up, sre")
        self.hint = QLabel()
        self.hint.setObjectName("Hint")
        self.hint.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setAccessibleName("Tracker problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        form = QFormLayout()
        form.addRow("&Tracker:", self.kind)
        form.addRow("&Address:", self.address)
        form.addRow("", self.hint)
        form.addRow("Jira &project id:", self.project)
        form.addRow("Jira issue t&ype id:", self.issue_type)
        form.addRow("&Labels:", self.labels)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        intro = QLabel("“Create ticket” opens this tracker's new-issue page in your browser with the action "
                       "filled in; nothing is sent from here and no password is stored.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if current is not None:
            self.kind.setCurrentIndex(self.kind.findData(current.kind.value))
            self.address.setText(current.url)
            self.project.setText(current.project)
            self.issue_type.setText(current.issue_type)
            self.labels.setText(", ".join(current.labels))
        self._kind_changed()

    def setting(self) -> TrackerSetting:
        labels = tuple(p.strip() for p in self.labels.text().split(",") if p.strip())
        return TrackerSetting(TrackerKind(self.kind.currentData()), self.address.text().strip(),
                              self.project.text().strip(), self.issue_type.text().strip(), labels)

    def _kind_changed(self) -> None:
        kind = TrackerKind(self.kind.currentData())
        self.hint.setText(f"Give {kind.url_hint}.")
        jira = kind is TrackerKind.JIRA
        for widget in (self.project, self.issue_type):
            widget.setEnabled(jira)

    def save(self) -> None:
        setting = self.setting()
        problems = setting.problems()
        if problems:
            self.problem.setText("\n".join(problems))
            self.problem.show()
            return
        try:
            self._store.save_tracker_setting(setting)  # type: ignore[attr-defined]
        except RetroError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        self.saved.emit(setting)
        self.accept()


class TicketLinkDialog(QDialog):
    """After the browser opened: paste the new ticket's address to keep it on the action."""

    def __init__(self, action_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keep the ticket's link")
        self.setAccessibleName("Keep the ticket's link")
        text = QLabel(f"The tracker's new-issue page for “{action_title}” opened in your browser. "
                      "Create the ticket there, then paste its address here to keep it on the action.")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.url = QLineEdit()
        self.url.setAccessibleName("Ticket address")
        self.url.setPlaceholderText("https://…")
        self.url.setMinimumWidth(460)
        self.problem = QLabel()
        self.problem.setAccessibleName("Ticket address problem")
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.url)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _check(self) -> None:
        value = self.url.text().strip()
        problem = ticket_url_problem(value) if value else "Paste the ticket's address (or Cancel)."
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        self.accept()


class TicketFlow:
    """Create ticket for one action of ``document``: tracker → browser → link kept (one undo step)."""

    #: How addresses are opened (tests replace it).
    open_url: Callable[[str], None] = staticmethod(open_in_browser)

    def __init__(self, document: RetroDocument, parent: QWidget, report: Callable[[str], None]) -> None:
        self._document = document
        self._parent = parent
        self._report = report
        self.dialog: QDialog | None = None

    def choose_tracker(self, then: Callable[[], None] | None = None) -> TrackerDialog:
        dialog = TrackerDialog(self._document.store, self._parent)
        if then is not None:
            dialog.saved.connect(lambda _s: then())
        self.dialog = dialog
        dialog.open()
        return dialog

    def create(self, action: ActionItem) -> str:
        """Open the prefilled page for ``action``; returns the address opened ("" when none was)."""
        try:
            setting = self._document.store.tracker_setting()
        except RetroError as exc:
            self._report(str(exc))
            return ""
        if setting is None:
            self.choose_tracker(then=lambda: self.create(action))
            return ""
        retro = self._document.retro
        try:
            url = new_ticket_url(setting, ticket_fields(retro, action, setting.labels))
        except RetroError as exc:
            self._report(str(exc))
            return ""
        type(self).open_url(url)
        dialog = TicketLinkDialog(action.title, self._parent)
        dialog.accepted.connect(lambda: self._keep(action.id, dialog.url.text().strip()))
        self.dialog = dialog
        dialog.open()
        return url

    def _keep(self, action_id: str, url: str) -> None:
        action = self._document.retro.actions.get(action_id)
        if action is None or action.ticket_url == url:
            return
        self._document.edit("Store ticket link", Edit.of(upsert=[replace(action, ticket_url=url)]))
