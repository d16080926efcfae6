"""The workspace page: navigator on the left; header, time box, what is missing and the stage editor on the right."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
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
from retro.domain.agenda import next_stage
from retro.domain.progress import stage_progress

from ..document import RetroDocument
from ..resources_path import icon
from ..settings import UiSettings
from ..stage_base import StageView
from ..theme import SEVERITY_COLOURS
from ..widgets.fixed_lines import FixedLinesArea
from ..widgets.timebox import AgendaDialog, StageClock, countdown_text
from .findings_strip import FINDINGS_LINES, findings_text
from .navigator import STAGES, StageListModel, StageNavigator
from .parking_lot import ParkingLotPanel
from .stage_editors import make_stage_editor, room_topic


class WorkspacePage(QWidget):
    """One open retro, stage by stage."""

    #: The stage shown changed: (stage, its view — a StageView or a StagePlaceholder).
    stage_shown = Signal(object, object)
    #: A short message for the status bar.
    message = Signal(str)
    #: ELMO was called ("enough, let's move on"): the projector shows it; the topic, when known.
    elmo_requested = Signal(str)

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
        # The parking lot under the navigator, reachable from every stage (issue 11).
        self.parking = ParkingLotPanel()
        self.parking.navigate_requested.connect(self._navigate_requested)
        self.parking.message.connect(self.message)
        self.park_action = QAction("&Park a topic", self)
        self.park_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.park_action.triggered.connect(self.start_parking)
        self.elmo_action = QAction("&ELMO: enough, let's move on", self)
        self.elmo_action.setShortcut(QKeySequence("F8"))
        self.elmo_action.triggered.connect(self.elmo)
        self.next_action = QAction("&Next stage on the agenda", self)
        self.next_action.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.next_action.triggered.connect(self.next_on_agenda)
        self.addAction(self.park_action)
        self.addAction(self.elmo_action)
        self.addAction(self.next_action)
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.setObjectName("NavigatorAndParkingLot")
        self.left.addWidget(self.navigator)
        self.left.addWidget(self.parking)
        self.left.setStretchFactor(0, 0)  # the stages keep their height; the parking lot takes the rest
        self.left.setStretchFactor(1, 1)
        self.left.setSizes([500, 300])
        self.left.setChildrenCollapsible(False)

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
        self.elmo_button = QPushButton("ELMO")
        self.elmo_button.setAccessibleName("ELMO: enough, let's move on (show it on the projector, park the topic)")
        self.elmo_button.setToolTip("Enough, let's move on (F8): shows ELMO on the projector and offers to "
                                    "park the topic")
        self.elmo_button.clicked.connect(self.elmo)
        self.parking.add_button(self.elmo_button)  # beside the parking lot: ELMO offers to park the topic
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
        # The findings change as people type; their strip keeps one height (three lines, in the
        # font's own line height) and scrolls, so the form below never jumps.
        self.findings_area = FixedLinesArea(self.findings, FINDINGS_LINES)

        header = QFrame()
        header.setObjectName("Header")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(16, 10, 16, 8)
        header_layout.addLayout(top)
        header_layout.addLayout(second)
        header_layout.addWidget(self.findings_area)

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
        self.splitter.addWidget(self.left)
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
        document.findings_changed.connect(self._refresh_marks)
        self.parking.set_document(document)
        self.clock.set_agenda(document.retro.incident.agenda)
        document.saving.connect(self._show_saving)
        self.clock.reset_all()
        self._refresh_header()
        self.stage_model.set_checking()  # not the last retro's marks, nor "Complete" before it is checked
        self._refresh_marks()
        self.go_to(stage, target_id, force=True)

    def close_document(self) -> None:
        """Drop the stage views of the open retro (if any)."""
        if self.document is not None:
            self.document.changed.disconnect(self._document_changed)
            self.document.reloaded.disconnect(self._document_reloaded)
            self.document.findings_changed.disconnect(self._refresh_marks)
            self.document.saving.disconnect(self._show_saving)
        for view in self._views.values():
            self.host.removeWidget(view)
            view.deleteLater()
        self._views.clear()
        self.parking.set_document(None)
        self.document = None

    def _document_changed(self, changes: Changes) -> None:
        if changes.incident is not None:
            self._refresh_header()
        self._show_saving(not self.document.is_idle() if self.document is not None else False)

    def _show_saving(self, saving: bool) -> None:
        """"Saving…" while a commit is on its way to the database, "✓ Saved" once it is stored."""
        self.saved_label.setText("Saving…" if saving else "✓ Saved")

    def _document_reloaded(self) -> None:
        self._refresh_header()

    def _refresh_header(self) -> None:
        if self.document is None:
            return
        incident = self.document.retro.incident
        self.clock.set_agenda(incident.agenda)  # the time boxes follow the retro's agenda
        self.incident_title.setText(incident.title)
        self.severity_badge.setText(incident.severity.label)
        self.severity_badge.setToolTip(incident.severity.description)
        self.severity_badge.setStyleSheet(f"background: {SEVERITY_COLOURS[incident.severity]};")
        self.status_label.setText(incident.status.label)

    def _refresh_marks(self) -> None:
        """The navigator's marks and the findings line, from the document's shared findings.

        They follow every change (:attr:`RetroDocument.findings_changed`). A large retro is checked
        off the GUI thread (ui/shared_findings.py), so opening it paints at once and typing stays
        fluid: its marks follow moments later.
        """
        if self.document is None:
            return
        found = self.document.known_findings()
        if found is None:
            return  # a large retro's check is on its way: findings_changed brings the marks
        findings = list(found.readiness)
        self.stage_model.set_findings(findings, stage_progress(self.document.retro, findings))
        self._refresh_findings()

    def _refresh_findings(self) -> None:
        if self.stage_model.is_checking():
            self.findings.setText("Checking what is missing in this retro…")
            return
        self.findings.setText(findings_text(self.stage_model.findings(self.current_stage),
                                            self.stage_model.progress(self.current_stage)))

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
        self.parking.set_stage(stage)
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
        view = make_stage_editor(stage, self.document)
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
        dialog = AgendaDialog(self._settings, self, self.document)
        dialog.accepted.connect(self.clock.reset_all)
        dialog.open()

    # -- meeting aids (issue 11) -------------------------------------------------------------

    def current_topic(self) -> str:
        """What the room is on, when the stage knows (the selected factor, event …), else ""."""
        return room_topic(self.current_view())

    def next_on_agenda(self) -> Stage | None:
        """Move on to the stage after this one in the retro's agenda order (its clock follows)."""
        if self.document is None or not self.isVisible():
            return None
        following = next_stage(self.document.retro.incident.agenda, self.current_stage)
        if following is not None:
            self.go_to(following)
        return following

    def start_parking(self) -> None:
        """Ctrl+Shift+P anywhere in the window (while a retro is open): type a topic, Enter parks it."""
        if self.document is not None and self.isVisible():
            self.parking.start_capture()

    def elmo(self) -> None:
        """Enough, let's move on: the projector shows ELMO; the parking lot offers to park the topic."""
        if self.document is None or not self.isVisible():
            return
        topic = self.current_topic()
        self.elmo_requested.emit(topic)
        self.parking.start_capture(topic or f"{self.current_stage.label}: ")
        self.message.emit("ELMO — type what to park and press Enter, or Esc to move on without parking.")

    # -- remembered state --------------------------------------------------------------------

    def save_state(self) -> None:
        self._settings.set_geometry("workspace-splitter", self.splitter.saveState())
        self._settings.set_geometry("workspace-left", self.left.saveState())

    def restore_state(self) -> None:
        state = self._settings.geometry("workspace-splitter")
        if state is not None:
            self.splitter.restoreState(state)
        left = self._settings.geometry("workspace-left")
        if left is not None:
            self.left.restoreState(left)
