"""The workspace page: navigator on the left; header, time box, what is missing and the stage editor on the right."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from retro.domain import Changes, Stage

from ..document import RetroDocument
from ..resources_path import icon
from ..settings import UiSettings
from ..stage_base import StageView
from ..stages import stage_view_class
from ..theme import SEVERITY_COLOURS
from .navigator import STAGES, StageListModel, StageNavigator
from .timebox import AgendaDialog, StageClock, countdown_text

log = logging.getLogger(__name__)

MAX_FINDINGS_SHOWN = 4


class StagePlaceholder(QLabel):
    """Shown where a stage's editor is not available (not built yet, or it failed to start)."""

    def __init__(self, stage: Stage, why: str) -> None:
        super().__init__(f"The {stage.label} stage is not available yet.\n\n{why}")
        self.stage = stage
        self.setObjectName("Placeholder")
        self.setAccessibleName(f"{stage.label} (not available)")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)


class WorkspacePage(QWidget):
    """One open retro, stage by stage."""

    #: The stage shown changed: (stage, its view — a StageView or a StagePlaceholder).
    stage_shown = Signal(object, object)
    #: A short message for the status bar.
    message = Signal(str)

    def __init__(self, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Retro workspace")
        self._settings = settings
        self.document: RetroDocument | None = None
        self.current_stage = Stage.SETUP
        self._views: dict[Stage, QWidget] = {}
        self.clock = StageClock(settings, self)
        self.stage_model = StageListModel(self)
        self._build()
        self.clock.ticked.connect(self._show_clock)
        self.clock.reset_all()

    # -- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.navigator = StageNavigator(self.stage_model)
        self.navigator.selectionModel().currentChanged.connect(self._navigator_moved)

        self.incident_title = QLabel()
        self.incident_title.setObjectName("IncidentTitle")
        self.incident_title.setAccessibleName("Incident title")
        self.incident_title.setTextFormat(Qt.TextFormat.PlainText)  # a title is content, never markup
        self.incident_title.setWordWrap(True)
        self.severity_badge = QLabel()
        self.severity_badge.setObjectName("SeverityBadge")
        self.severity_badge.setAccessibleName("Severity")
        self.status_label = QLabel()
        self.status_label.setAccessibleName("Status")
        self.saved_label = QLabel("✓ Saved")
        self.saved_label.setObjectName("SavedState")
        self.saved_label.setAccessibleName("Saved state")
        self.saved_label.setToolTip("Every edit is stored in the database the moment you make it: "
                                    "there is nothing to save and closing never loses work.")
        top = QHBoxLayout()
        top.addWidget(self.incident_title, 1)
        top.addWidget(self.severity_badge)
        top.addWidget(self.status_label)
        top.addSpacing(12)
        top.addWidget(self.saved_label)

        self.stage_title = QLabel()
        self.stage_title.setObjectName("StageTitle")
        self.stage_title.setAccessibleName("Stage")
        self.countdown = QLabel()
        self.countdown.setObjectName("Countdown")
        self.countdown.setAccessibleName("Time box countdown")
        self.start_button = QPushButton(icon("play"), "&Start")
        self.start_button.setAccessibleName("Start or pause the time box")
        self.start_button.clicked.connect(self.clock.toggle)
        self.reset_button = QPushButton(icon("reset"), "Rese&t")
        self.reset_button.setAccessibleName("Reset the time box")
        self.reset_button.clicked.connect(self.clock.reset)
        self.agenda_button = QPushButton(icon("timer"), "A&genda…")
        self.agenda_button.setAccessibleName("Set the time boxes per stage")
        self.agenda_button.clicked.connect(self.edit_agenda)
        second = QHBoxLayout()
        second.addWidget(self.stage_title, 1)
        second.addWidget(self.countdown)
        second.addWidget(self.start_button)
        second.addWidget(self.reset_button)
        second.addWidget(self.agenda_button)

        self.findings = QLabel()
        self.findings.setObjectName("Findings")
        self.findings.setAccessibleName("What is missing in this stage")
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.findings.linkActivated.connect(self._finding_link)

        header = QFrame()
        header.setObjectName("Header")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(16, 10, 16, 8)
        header_layout.addLayout(top)
        header_layout.addLayout(second)
        header_layout.addWidget(self.findings)

        self.host = QStackedWidget()
        self.host.setAccessibleName("Stage editor")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(header)
        right_layout.addWidget(self.host, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("WorkspaceSplitter")
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 1200])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    # -- the document ------------------------------------------------------------------------

    def set_document(self, document: RetroDocument, stage: Stage = Stage.SETUP, target_id: str = "") -> None:
        """Show ``document``, starting at ``stage`` (and selecting ``target_id`` there)."""
        self.close_document()
        self.document = document
        document.changed.connect(self._document_changed)
        document.reloaded.connect(self._document_reloaded)
        document.saving.connect(self._show_saving)
        self.clock.reset_all()
        self._refresh_header()
        self._refresh_marks()
        self.go_to(stage, target_id, force=True)

    def close_document(self) -> None:
        """Drop the stage views of the open retro (if any)."""
        if self.document is not None:
            self.document.changed.disconnect(self._document_changed)
            self.document.reloaded.disconnect(self._document_reloaded)
            self.document.saving.disconnect(self._show_saving)
        for view in self._views.values():
            self.host.removeWidget(view)
            view.deleteLater()
        self._views.clear()
        self.document = None

    def _document_changed(self, changes: Changes) -> None:
        if changes.incident is not None:
            self._refresh_header()
        self._refresh_marks()
        self._show_saving(not self.document.is_idle() if self.document is not None else False)

    def _show_saving(self, saving: bool) -> None:
        """"Saving…" while a commit is on its way to the database, "✓ Saved" once it is stored."""
        self.saved_label.setText("Saving…" if saving else "✓ Saved")

    def _document_reloaded(self) -> None:
        self._refresh_header()
        self._refresh_marks()

    def _refresh_header(self) -> None:
        if self.document is None:
            return
        incident = self.document.retro.incident
        self.incident_title.setText(incident.title)
        self.severity_badge.setText(incident.severity.label)
        self.severity_badge.setToolTip(incident.severity.description)
        self.severity_badge.setStyleSheet(f"background: {SEVERITY_COLOURS[incident.severity]};")
        self.status_label.setText(incident.status.label)

    def _refresh_marks(self) -> None:
        if self.document is None:
            return
        self.stage_model.set_findings(list(self.document.findings().readiness))
        self._refresh_findings()

    def _refresh_findings(self) -> None:
        findings = self.stage_model.findings(self.current_stage)
        if not findings:
            self.findings.setText("✓ Nothing is missing in this stage.")
            return
        lines = []
        for f in findings[:MAX_FINDINGS_SHOWN]:
            mark = "■ Blocker" if f.is_blocker else "▲ Worth a look"
            text = html.escape(f.message)
            link = f' <a href="{html.escape(f.target_id)}">Show</a>' if f.target_id else ""
            lines.append(f"<b>{mark}:</b> {text}{link}")
        more = len(findings) - MAX_FINDINGS_SHOWN
        if more > 0:
            lines.append(f"… and {more} more (see the navigator's tooltip or Review &amp; export).")
        self.findings.setText("<br>".join(lines))

    def _finding_link(self, target_id: str) -> None:
        view = self._views.get(self.current_stage)
        if isinstance(view, StageView):
            view.focus_target(target_id)

    # -- navigation --------------------------------------------------------------------------

    def go_to(self, stage: Stage, target_id: str = "", *, force: bool = False) -> None:
        """Show ``stage`` (creating its editor on first visit) and select ``target_id`` there."""
        if self.document is None:
            return
        changed = force or stage is not self.current_stage
        self.current_stage = stage
        view = self.view_for(stage)
        self.host.setCurrentWidget(view)
        self.stage_title.setText(f"{STAGES.index(stage) + 1}. {stage.label}")
        current = self.navigator.currentIndex()
        if not current.isValid() or STAGES[current.row()] is not stage:
            self.navigator.selectionModel().setCurrentIndex(
                self.stage_model.index(STAGES.index(stage), 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._refresh_findings()
        if changed:
            running = self.clock.is_running()
            if running:
                self.clock.pause()
            self.clock.set_stage(stage)
            if running:
                self.clock.start()
            self.stage_shown.emit(stage, view)
        if target_id and isinstance(view, StageView):
            view.focus_target(target_id)

    def _navigator_moved(self, current: object, _previous: object) -> None:
        stage = STAGES[current.row()] if current is not None and current.isValid() else None
        if stage is not None and stage is not self.current_stage:
            self.go_to(stage)

    def view_for(self, stage: Stage) -> QWidget:
        """The stage's editor, created on first use; a placeholder when it cannot be."""
        view = self._views.get(stage)
        if view is not None:
            return view
        assert self.document is not None
        try:
            cls = stage_view_class(stage)
        except (ImportError, AttributeError) as exc:
            view = StagePlaceholder(stage, f"({exc.__class__.__name__}: {exc})")
        else:
            try:
                view = cls(self.document)
            except Exception as exc:  # a broken stage must not take the meeting down
                log.exception("The %s stage failed to start", stage.label)
                view = StagePlaceholder(stage, f"It failed to start: {exc}")
        if isinstance(view, StageView):
            view.navigate_requested.connect(self._navigate_requested)
        self._views[stage] = view
        self.host.addWidget(view)
        return view

    def built_views(self) -> list[QWidget]:
        """Every stage view made so far for the open retro (in stage order)."""
        return [self._views[stage] for stage in Stage if stage in self._views]

    def current_view(self) -> QWidget | None:
        return self._views.get(self.current_stage)

    def _navigate_requested(self, stage: Stage, target_id: str) -> None:
        self.go_to(stage, target_id)

    # -- time box ----------------------------------------------------------------------------

    def _show_clock(self, remaining: int, total: int, running: bool) -> None:
        self.countdown.setText(countdown_text(remaining))
        self.countdown.setToolTip(f"Time box for this stage: {total // 60} min")
        over = remaining < 0
        if self.countdown.property("overtime") != over:
            self.countdown.setProperty("overtime", over)
            self.countdown.style().unpolish(self.countdown)
            self.countdown.style().polish(self.countdown)
        self.start_button.setText("&Pause" if running else "&Start")
        self.start_button.setIcon(icon("pause" if running else "play"))

    def edit_agenda(self) -> None:
        dialog = AgendaDialog(self._settings, self)
        dialog.accepted.connect(self.clock.reset_all)
        dialog.open()

    # -- remembered state --------------------------------------------------------------------

    def save_state(self) -> None:
        self._settings.set_geometry("workspace-splitter", self.splitter.saveState())

    def restore_state(self) -> None:
        state = self._settings.geometry("workspace-splitter")
        if state is not None:
            self.splitter.restoreState(state)
