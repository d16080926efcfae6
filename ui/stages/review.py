"""Review & export: is it ready, what did we learn, and the reports.

Left: the readiness findings, blockers first; Enter or a click goes to the place to fix one, and
a mention of a name in public text can be marked fine to publish (button or context menu).
Right, in two tabs: the review questions, each answer saved when the field is left (one undo
step), and the public preview (:mod:`ui.stages.public_preview`). Below: the exports and the
"report shared" marks (:mod:`ui.stages.review_exports`).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from retro.domain import (
    REVIEW_QUESTIONS,
    Changes,
    Edit,
    Incident,
    IncidentStatus,
    ReviewAnswer,
    Stage,
)
from retro.domain.progress import next_step, status_for, with_status
from ui.document import RetroDocument
from ui.models.findings_model import MENTION_ROLE, STAGE_ROLE, TARGET_ROLE, FindingsModel
from ui.projector.review_view import ReviewProjector
from ui.stages.public_preview import PublicPreview, set_fine_to_publish
from ui.widgets.colours import GOOD, PROBLEM
from ui.widgets.commit_edit import CommitOnLeaveEdit

from .review_exports import ReportExports

#: What the readiness summary says while a retro just opened is being checked.
CHECKING = "Checking what is missing in this retro…"


class ReviewStage(ReportExports):
    """The review and export editor (its exports and "report shared" marks: :class:`ReportExports`)."""

    stage = Stage.REVIEW

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.findings = FindingsModel(document, self)
        self.answers: dict[str, CommitOnLeaveEdit] = {}
        self._build()
        self.findings.modelReset.connect(self._refresh_summary)
        document.changed.connect(self._on_changed)
        document.reloaded.connect(self._load_answers)
        document.reloaded.connect(self._refresh_shared)
        document.findings_changed.connect(self._refresh_next_step)  # the status follows the findings
        self._refresh_summary()
        self._load_answers()
        self._refresh_shared()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        splitter = QSplitter()
        splitter.addWidget(self._build_findings())
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Review questions and public preview")
        self.tabs.addTab(self._build_questions(), "Review questions")
        self.public_preview = PublicPreview(self.document)
        self.public_preview.navigate_requested.connect(self.navigate_requested)
        self.tabs.addTab(self.public_preview, "Public preview")
        splitter.addWidget(self.tabs)
        splitter.setSizes([600, 1000])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._build_exports())

    def _build_findings(self) -> QWidget:
        box = QGroupBox("Readiness")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Readiness summary")
        self.summary.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.findings_view = QListView()
        self.findings_view.setAccessibleName("Readiness findings: Enter goes to the place to fix one")
        self.findings_view.setModel(self.findings)
        self.findings_view.setWordWrap(True)
        self.findings_view.setSpacing(2)
        self.findings_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings_view.activated.connect(self.go_to_finding)
        self.findings_view.clicked.connect(self.go_to_finding)
        # What to do next, and the retro's status following its life (issue 11).
        self.next_step = QLabel()
        self.next_step.setObjectName("NextStep")
        self.next_step.setAccessibleName("Next step")
        self.next_step.setWordWrap(True)
        self.next_step.setTextFormat(Qt.TextFormat.PlainText)
        self.status_button = QPushButton()
        self.status_button.setAccessibleName("Move the retro to the status its life says")
        self.status_button.clicked.connect(self.follow_status)
        self.findings_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.findings_view.customContextMenuRequested.connect(self._findings_menu)
        self.findings_view.selectionModel().currentChanged.connect(self._update_fine_button)
        self.fine_button = QPushButton("Fine to publish")
        self.fine_button.setAccessibleName("Mark the selected mention fine to publish")
        self.fine_button.setToolTip("The selected finding's words are not about a person (an ordinary word or a "
                                    "service name): publish them as written. Undo with Ctrl+Z.")
        self.fine_button.clicked.connect(self.mark_current_fine)
        self.preview_button = QPushButton("Show public preview")
        self.preview_button.setAccessibleName("Show the public preview")
        self.preview_button.clicked.connect(lambda: self.tabs.setCurrentWidget(self.public_preview))
        buttons = QHBoxLayout()
        buttons.addWidget(self.fine_button)
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.summary)
        layout.addWidget(self.next_step)
        layout.addWidget(self.status_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.findings_view, 1)
        layout.addLayout(buttons)
        self._update_fine_button()
        return box

    def _refresh_next_step(self) -> None:
        retro = self.document.retro
        known = self.document.known_findings()  # shared: computed once per change, never before the paint
        if known is None:
            return  # still being checked: findings_changed brings them
        findings = list(known.readiness)
        self.next_step.setText(next_step(retro, findings))
        due = status_for(retro.incident, findings)
        self.status_button.setText(f"Mark the retro {due.label}")
        order = list(IncidentStatus)  # only ever suggest moving forward in the retro's life
        self.status_button.setVisible(order.index(due) > order.index(retro.incident.status))

    def follow_status(self) -> bool:
        """Move the status where the retro's life says (Draft → In review → Published), one undo step."""
        incident = self.document.retro.incident
        new = with_status(incident, list(self.document.findings().readiness))
        if new is incident:
            return True
        return self.document.edit(f"Mark the retro {new.status.label}", Edit(incident=new))

    def _build_questions(self) -> QWidget:
        box = QGroupBox("Review questions")
        host = QWidget()
        form = QVBoxLayout(host)
        for question in REVIEW_QUESTIONS:
            title = QLabel(f"<b>{question.topic}</b> — {question.question}")
            title.setWordWrap(True)
            edit = CommitOnLeaveEdit(f"Answer: {question.topic}", "The room's answer (saved when you leave the field)")
            edit.setAccessibleDescription(question.question)
            edit.setFixedHeight(70)
            edit.left.connect(lambda key=question.key: self.save_answer(key))
            title.setBuddy(edit)
            form.addWidget(title)
            form.addWidget(edit)
            self.answers[question.key] = edit
        form.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(host)
        layout = QVBoxLayout(box)
        layout.addWidget(scroll)
        return box

    # -- findings ----------------------------------------------------------------------------

    def go_to_finding(self, index: QModelIndex) -> None:
        if index.isValid():
            self.navigate_requested.emit(Stage(index.data(STAGE_ROLE)), str(index.data(TARGET_ROLE) or ""))

    def _current_mention(self) -> str:
        index = self.findings_view.currentIndex()
        return str(index.data(MENTION_ROLE) or "") if index.isValid() else ""

    def _update_fine_button(self, *_args: object) -> None:
        self.fine_button.setEnabled(bool(self._current_mention()))

    def mark_current_fine(self) -> bool:
        """Mark the mention of the current finding fine to publish (one undo step)."""
        key = self._current_mention()
        return bool(key) and set_fine_to_publish(self.document, key, fine=True)

    def _findings_menu(self, pos: QPoint) -> None:
        index = self.findings_view.indexAt(pos)
        if not index.isValid():
            return
        self.findings_view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction("Go to it and reword", lambda: self.go_to_finding(index))
        if index.data(MENTION_ROLE):
            menu.addAction("Fine to publish (not about a person)", self.mark_current_fine)
        menu.addAction("Show the public preview", lambda: self.tabs.setCurrentWidget(self.public_preview))
        menu.exec(self.findings_view.viewport().mapToGlobal(pos))

    def _refresh_summary(self) -> None:
        self._refresh_next_step()
        self._update_fine_button()
        if self.findings.is_checking():
            self.summary.setText(CHECKING)
            self.summary.setStyleSheet("font-size: 12pt; font-weight: bold;")
            self.next_step.setText("")
            self.status_button.setVisible(False)
            return
        blockers = self.findings.blocker_count()
        warnings = self.findings.rowCount() - blockers
        if blockers:
            self.summary.setText(
                f"Not ready to publish: {blockers} blocker{'s' if blockers != 1 else ''}, "
                f"{warnings} warning{'s' if warnings != 1 else ''}."
            )
            self.summary.setStyleSheet(f"font-size: 12pt; font-weight: bold; color: {PROBLEM};")
        else:
            extra = f" {warnings} warning{'s' if warnings != 1 else ''} worth a look." if warnings else ""
            self.summary.setText("Ready to publish." + extra)
            self.summary.setStyleSheet(f"font-size: 12pt; font-weight: bold; color: {GOOD};")

    # -- answers -----------------------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(ReviewAnswer):
            self._load_answers()
        if changes.touches(Incident):
            self._refresh_shared()

    def _load_answers(self) -> None:
        stored = self.document.retro.review_answers
        for key, edit in self.answers.items():
            edit.show_text(stored[key].text if key in stored else "")

    def save_pending(self) -> None:
        for key in self.answers:
            self.save_answer(key)

    def save_answer(self, key: str) -> bool:
        """Store the answer to question ``key`` if it changed (one undo step)."""
        edit = self.answers[key]
        text = edit.toPlainText().strip()
        stored = self.document.retro.review_answers.get(key)
        if text == (stored.text if stored else ""):
            return True
        topic = next(q.topic for q in REVIEW_QUESTIONS if q.key == key)
        if stored is not None and not text:
            ok = self.document.edit(f"Clear answer to “{topic}”", Edit.of(remove=[stored]))
        else:
            ok = self.document.edit(f"Answer “{topic}”", Edit.of(upsert=[ReviewAnswer(key, text)]))
        if ok:
            edit.document().setModified(False)
        return ok

    def projector_view(self) -> QWidget:
        """The Review slide: factors by category, actions by role and due date, what is missing."""
        return ReviewProjector(self.document)

    def focus_target(self, target_id: str) -> None:
        self.findings_view.setFocus()
