"""Review & export: is it ready, what did we learn, and the reports.

Left: the readiness findings, blockers first; Enter or a click goes to the place to fix one, and
a mention of a name in public text can be marked fine to publish (button or context menu).
Right, in two tabs: the review questions, each answer saved when the field is left (one undo
step), and the public preview (:mod:`ui.stages.public_preview`). Below:
the exports, which run off the GUI thread on a copy of the retro with a cancellable progress
dialog, and the "report shared" marks.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QPoint, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from retro.domain import (
    REVIEW_QUESTIONS,
    Audience,
    Changes,
    Edit,
    Incident,
    IncidentStatus,
    ReviewAnswer,
    Stage,
    internal_report_due,
    public_report_due,
)
from retro.domain.progress import next_step, status_for, with_status
from retro.domain.time_range import in_zone
from ui.document import RetroDocument
from ui.export_worker import ExportFormat, ExportWorker
from ui.models.findings_model import MENTION_ROLE, STAGE_ROLE, TARGET_ROLE, FindingsModel
from ui.stage_base import StageView
from ui.stages.export_names import suggested_name
from ui.stages.public_preview import PublicPreview, set_fine_to_publish
from ui.widgets.banner import Banner, Tone
from ui.widgets.colours import GOOD, PROBLEM
from ui.widgets.commit_edit import CommitOnLeaveEdit


def open_url(url: QUrl) -> bool:
    """Open a file or folder with the system's handler (replaced in tests)."""
    return QDesktopServices.openUrl(url)


class ReviewStage(StageView):
    """The review and export editor."""

    stage = Stage.REVIEW
    #: An export finished: the path written.
    export_done = Signal(str)
    #: An export failed or was cancelled: the message shown.
    export_failed = Signal(str)

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.findings = FindingsModel(document, self)
        self.answers: dict[str, CommitOnLeaveEdit] = {}
        self.export_buttons: dict[ExportFormat, QPushButton] = {}
        self.worker: ExportWorker | None = None
        self.progress: QProgressDialog | None = None
        self.last_export: Path | None = None
        self._export_format = ExportFormat.INTERNAL_PDF
        self._build()
        self.findings.modelReset.connect(self._refresh_summary)
        document.changed.connect(self._on_changed)
        document.reloaded.connect(self._load_answers)
        document.reloaded.connect(self._refresh_shared)
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
        findings = list(self.document.findings().readiness)  # shared: computed once per change
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

    def _build_exports(self) -> QWidget:
        box = QGroupBox("Export")
        grid = QGridLayout(box)
        for column, fmt in enumerate(ExportFormat):
            button = QPushButton(f"{fmt.label}…")
            button.setAccessibleName(f"Export {fmt.label}")
            button.setToolTip(f"Write the {fmt.label} to a file you choose")
            button.clicked.connect(lambda _checked=False, f=fmt: self.export(f))
            grid.addWidget(button, 0, column)
            self.export_buttons[fmt] = button
        self.result_banner = Banner(Tone.INFO, name="Export result")
        self.open_file_button = QPushButton("Open file")
        self.open_file_button.setAccessibleName("Open the exported file")
        self.open_file_button.clicked.connect(lambda: self._open(folder=False))
        self.open_folder_button = QPushButton("Open folder")
        self.open_folder_button.setAccessibleName("Open the folder of the exported file")
        self.open_folder_button.clicked.connect(lambda: self._open(folder=True))
        result = QHBoxLayout()
        result.addWidget(self.result_banner, 1)
        result.addWidget(self.open_file_button)
        result.addWidget(self.open_folder_button)
        self._show_result("", Tone.INFO, opened=False)
        grid.addLayout(result, 1, 0, 1, len(ExportFormat))
        self.internal_shared = QPushButton()
        self.internal_shared.setAccessibleName("Mark the internal report as shared")
        self.internal_shared.clicked.connect(lambda: self.toggle_shared("internal_report_shared_at"))
        self.public_shared = QPushButton()
        self.public_shared.setAccessibleName("Mark the public report as shared")
        self.public_shared.clicked.connect(lambda: self.toggle_shared("public_report_shared_at"))
        self.due_label = QLabel()
        self.due_label.setAccessibleName("When the reports are due")
        self.due_label.setWordWrap(True)
        shared = QHBoxLayout()
        shared.addWidget(self.internal_shared)
        shared.addWidget(self.public_shared)
        shared.addWidget(self.due_label, 1)
        grid.addLayout(shared, 2, 0, 1, len(ExportFormat))
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
            self._refresh_next_step()

    def _load_answers(self) -> None:
        stored = self.document.retro.review_answers
        for key, edit in self.answers.items():
            edit.show_text(stored[key].text if key in stored else "")

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

    # -- shared marks ------------------------------------------------------------------------

    def _refresh_shared(self) -> None:
        incident = self.document.retro.incident
        self.due_label.setText(self._due_text())
        for field, button, name in (
            ("internal_report_shared_at", self.internal_shared, "internal"),
            ("public_report_shared_at", self.public_shared, "public"),
        ):
            when = getattr(incident, field)
            if when is None:
                button.setText(f"Mark {name} report as shared")
            else:
                button.setText(f"{name.capitalize()} report shared {when:%Y-%m-%d %H:%M} UTC — clear")

    def _due_text(self) -> str:
        """"Internal postmortem due Thu 15 Oct 13:47 · public due …" in the incident's timezone."""
        incident = self.document.retro.incident
        if incident.resolved_at is None:
            return "The reports fall due once the resolved time is set (internal 24 h, public 72 h after)."
        zone = ZoneInfo(incident.timezone) if incident.timezone else UTC
        parts = []
        for name, due, shared in (
            ("Internal postmortem", internal_report_due(incident), incident.internal_report_shared_at),
            ("public", public_report_due(incident), incident.public_report_shared_at),
        ):
            assert due is not None
            state = "shared" if shared else ("overdue" if datetime.now(UTC) > due else "due")
            parts.append(f"{name} {state} {in_zone(due, zone):%a %d %b %H:%M}")
        return " · ".join(parts) + f" ({incident.timezone})"

    def toggle_shared(self, field: str) -> bool:
        incident = self.document.retro.incident
        name = "internal" if field.startswith("internal") else "public"
        if getattr(incident, field) is None:
            label, value = f"Mark {name} report as shared", datetime.now(UTC).replace(microsecond=0)
        else:
            label, value = f"Clear {name} report shared", None
        # the status follows in the same undo step: both shared → Published (issue 11)
        new = with_status(replace(incident, **{field: value}), list(self.document.findings().readiness))
        return self.document.edit(label, Edit(incident=new))

    # -- exports -----------------------------------------------------------------------------

    def ask_path(self, fmt: ExportFormat, suggested: str) -> str:
        """Where to write ``fmt`` ("" when the person cancelled). Replaced in tests.

        The dialog adds the format's suffix to a name typed without one *before* it asks about
        overwriting, so the path it returns is the one the person confirmed.
        """
        dialog = QFileDialog(self, f"Export {fmt.label}", suggested, fmt.file_filter)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix(fmt.suffix.lstrip("."))
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return ""
        return dialog.selectedFiles()[0]

    def suggested_name(self, fmt: ExportFormat) -> str:
        """The file name first offered for ``fmt`` (:func:`ui.stages.export_names.suggested_name`)."""
        return suggested_name(self.document.retro, fmt)

    def export(self, fmt: ExportFormat, path: str | None = None) -> bool:
        """Ask for a path (unless given) and write ``fmt`` there off the GUI thread."""
        for edit_key in self.answers:  # an answer being typed is part of the report
            self.save_answer(edit_key)
        chosen = path if path is not None else self.ask_path(fmt, self.suggested_name(fmt))
        if not chosen:
            return False
        target = Path(chosen)  # exactly what was chosen (and confirmed, if it overwrites a file)
        worker = ExportWorker(self.document.retro, fmt, target, owner=self, store=self.document.store)
        progress = QProgressDialog(f"Writing the {fmt.label}…", "Cancel", 0, 0, self)
        progress.setWindowTitle("Exporting")
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(worker.cancel)
        # Bound methods (not lambdas): Qt drops the connections if this stage goes away first.
        worker.signals.progress.connect(self._on_progress)
        worker.signals.done.connect(self._on_done)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.cancelled.connect(self._on_cancelled)
        self._export_format = fmt
        self.worker, self.progress = worker, progress
        for button in self.export_buttons.values():
            button.setEnabled(False)
        worker.start(QThreadPool.globalInstance())
        return True

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(min(done, total))

    def _finish(self) -> None:
        if self.worker is not None:
            self.worker.signals.deleteLater()
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
        self.progress = None
        self.worker = None
        for button in self.export_buttons.values():
            button.setEnabled(True)

    def _on_done(self, written: str) -> None:
        self._finish()
        self.last_export = Path(written)
        message = f"Saved the {self._export_format.label} to {written}"
        fmt = self._export_format
        if fmt is not ExportFormat.JSON:  # offer the next step in the retro's life (issue 11)
            internal = fmt.audience is Audience.INTERNAL
            field = "internal_report_shared_at" if internal else "public_report_shared_at"
            if getattr(self.document.retro.incident, field) is None:
                message += f". Once it is shared, mark the {'internal' if internal else 'public'} report as shared."
                (self.internal_shared if internal else self.public_shared).setFocus()
        self._show_result(message, Tone.INFO, opened=True)
        self.export_done.emit(written)

    def _on_cancelled(self) -> None:
        self._on_failed("Export cancelled; nothing was written.")

    def _on_failed(self, message: str) -> None:
        self._finish()
        self._show_result(message, Tone.ERROR, opened=False)
        self.export_failed.emit(message)

    def _show_result(self, message: str, tone: Tone, *, opened: bool) -> None:
        self.result_banner.set_tone(tone)
        self.result_banner.show_text(message)
        self.open_file_button.setVisible(opened)
        self.open_folder_button.setVisible(opened)

    def _open(self, *, folder: bool) -> None:
        if self.last_export is not None:
            target = self.last_export.parent if folder else self.last_export
            open_url(QUrl.fromLocalFile(str(target)))

    def focus_target(self, target_id: str) -> None:
        self.findings_view.setFocus()
