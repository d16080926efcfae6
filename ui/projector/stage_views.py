"""What the room sees of the timeline, accountability and actions stages, in large type.

Each view follows the document by itself and, through :meth:`follow`, the facilitator's
selection. None holds a control, and none ever reads the private notes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from retro.domain.projector_names import shown_person, shown_text
from retro.domain.speakers import next_speaker
from ui.document import RetroDocument
from ui.models.actions_model import PROJECTOR_ROLE as ACTION_LINE_ROLE
from ui.models.actions_model import ActionsModel, ActionsSort
from ui.models.speakers_model import SpeakingOrderModel
from ui.models.timeline_model import EVENT_ID_ROLE, TimelineModel
from ui.models.timeline_model import PROJECTOR_ROLE as EVENT_LINE_ROLE

from ..widgets.projector import BODY_POINTS, HIGHLIGHT, MoreRows, ProjectorList, ProjectorPanel
from ..widgets.speaker_timer import clock_text


class TimelineProjector(ProjectorPanel):
    """The timeline in large type: time · kind · text, highlighting the facilitator's selection."""

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__("Timeline", "Timeline on the projector", parent)
        self.model = TimelineModel(document, self)
        self.list = ProjectorList(self.model, EVENT_LINE_ROLE, "Timeline events")
        self.more = MoreRows(self.list, "earlier", "more below")
        self.body.addWidget(self.more.above)
        self.body.addWidget(self.list, 1)
        self.body.addWidget(self.more.below)
        self._event_id = ""
        self.set_subtitle(f"Times in {self.model.timezone}")
        self.model.rowsMoved.connect(self._refollow)
        self.model.rowsInserted.connect(self._refollow)
        self.model.rowsRemoved.connect(self._refollow)
        self.model.modelReset.connect(self._refollow)

    def follow(self, event_id: str) -> None:
        """Highlight and scroll to ``event_id`` ("" clears the highlight)."""
        self._event_id = event_id
        self.list.highlight_row(self.model.row_of(event_id) if event_id else -1)

    def _refollow(self, *_args: object) -> None:
        self.follow(self._event_id)

    def lines(self) -> list[str]:
        """The text of every line shown, top to bottom."""
        shown = self.list.model()
        return [str(shown.index(r, 0).data()) for r in range(shown.rowCount())]

    def event_id_at(self, row: int) -> str:
        return str(self.model.index(row, 0).data(EVENT_ID_ROLE))


class AccountabilityProjector(ProjectorPanel):
    """Whose turn it is and the statements recorded so far, in speaking order. No private notes."""

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__("Accountability", "Accountability on the projector", parent)
        self._document = document
        self.model = SpeakingOrderModel(document, self)
        self.turn = self.large_label(points=BODY_POINTS + 6, bold=True)
        self.turn.setObjectName("ProjectorRule")
        self.turn.setProperty("current", True)  # yellow in the projector window's stylesheet
        self.turn.setStyleSheet(f"color: {HIGHLIGHT};")
        self.turn.setAccessibleName("Whose turn it is")
        self.clock = self.large_label(points=BODY_POINTS)
        self.clock.hide()
        self.statements = QWidget()
        self.statements.setStyleSheet("background: transparent;")
        self.statements_layout = QVBoxLayout(self.statements)
        self.statements_layout.setContentsMargins(0, 0, 0, 0)
        self.statements_layout.setSpacing(18)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setStyleSheet("QScrollArea { background: transparent; }")
        scroll.viewport().setStyleSheet("background: transparent;")
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.statements)
        self.scroll_area = scroll
        self._name_labels: dict[str, QLabel] = {}
        turn_row = QHBoxLayout()
        turn_row.addWidget(self.turn, 1)
        turn_row.addWidget(self.clock)
        self.body.addLayout(turn_row)
        self.body.addWidget(scroll, 1)
        self._participant_id = ""
        self.set_subtitle("The manager / leader speaks first.")
        self.model.modelReset.connect(self._render)
        self._render()

    def follow(self, participant_id: str) -> None:
        self._participant_id = participant_id
        self._render()

    def show_clock(self, seconds: int, in_use: bool) -> None:
        """Show the speaker's time left while the facilitator uses the timer."""
        self.clock.setText(f"{clock_text(seconds)} left" if seconds >= 0 else f"{clock_text(-seconds)} over")
        self.clock.setVisible(in_use)

    def _render(self) -> None:
        speakers = self.model.speakers()
        chosen = next((s for s in speakers if s.participant.id == self._participant_id), None)
        upcoming = next_speaker(speakers)
        retro = self._document.retro
        if chosen is not None:
            self.turn.setText(f"Now speaking: {shown_person(retro, chosen.participant)}")
        elif upcoming is not None:
            self.turn.setText(f"Next to speak: {shown_person(retro, upcoming.participant)}")
        else:
            self.turn.setText("Everyone who wished to has spoken." if speakers else "")
        while self.statements_layout.count():
            item = self.statements_layout.takeAt(0)
            old = item.widget()
            if old is not None:
                old.hide()
                old.setParent(None)
                old.deleteLater()
        if not any(s.has_spoken for s in speakers):
            self.statements_layout.addWidget(self.large_label("No statements recorded yet."))
        self._name_labels = {}
        for speaker in speakers:
            if speaker.statement is None:
                continue
            name = self.large_label(shown_person(retro, speaker.participant), bold=True)
            self._name_labels[speaker.participant.id] = name
            self.statements_layout.addWidget(name)
            text = shown_text(retro, speaker.statement.text)  # roles option: names inside the words too
            self.statements_layout.addWidget(self.large_label(text, points=BODY_POINTS - 2))
        self.statements_layout.addStretch(1)
        QTimer.singleShot(0, self, self._reveal_current)

    def _reveal_current(self) -> None:
        """Scroll the chosen speaker's statement into view (the room reads what is being said)."""
        label = self._name_labels.get(self._participant_id)
        if label is not None:
            self.scroll_area.verticalScrollBar().setValue(label.y())

    def texts(self) -> list[str]:
        """Every text the projector shows (for checks that private notes never appear)."""
        return [label.text() for label in self.findChildren(QLabel)]


class ActionsProjector(ProjectorPanel):
    """The actions with their owners and due dates, in large type, soonest first."""

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__("Actions", "Actions on the projector", parent)
        self.model = ActionsModel(document, self)
        self.sorted = ActionsSort(self)
        self.sorted.setSourceModel(self.model)
        self.list = ProjectorList(self.sorted, ACTION_LINE_ROLE, "Actions with owners and due dates")
        self.more = MoreRows(self.list, "above", "more below")
        self.body.addWidget(self.more.above)
        self.body.addWidget(self.list, 1)
        self.body.addWidget(self.more.below)
        self.set_subtitle("Each with one owner and a due date.")
        self._action_id = ""
        self.sorted.layoutChanged.connect(self._refollow)
        self.sorted.rowsInserted.connect(self._refollow)
        self.sorted.rowsRemoved.connect(self._refollow)

    def follow(self, action_id: str) -> None:
        self._action_id = action_id
        row = self.model.row_of(action_id) if action_id else -1
        shown = self.sorted.mapFromSource(self.model.index(row, 0)).row() if row >= 0 else -1
        self.list.highlight_row(shown)

    def _refollow(self, *_args: object) -> None:
        self.follow(self._action_id)

    def lines(self) -> list[str]:
        shown = self.list.model()
        return [str(shown.index(r, 0).data()) for r in range(shown.rowCount())]
