"""Before we start: open and overdue actions of earlier incidents like this one.

Shown at the top of the Ground rules stage (the start of the meeting) and on the projector with
it: retros that share a service or contributing factors with this one, and what their actions
still owe. Read off the GUI thread when the stage is built; hidden when there is nothing.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from retro.domain import RetroError
from retro.domain.follow_through import ActionRecord, DueState, due_state

from ..background import BackgroundJob, IsCancelled, Progress
from ..document import RetroDocument

SHOWN = 6


def review_lines(records: list[ActionRecord], today: date, *, compact: bool = False) -> tuple[str, list[str]]:
    """The heading and up to :data:`SHOWN` lines for ``records`` (already overdue first);
    ``compact`` (the projector): three short lines without the retros' titles."""
    overdue = sum(due_state(r.action, today) is DueState.OVERDUE for r in records)
    incidents = len({r.incident_id for r in records})
    heading = (f"Before we start: {len(records)} open action{'s' if len(records) != 1 else ''} from "
               f"{incidents} earlier incident{'s' if incidents != 1 else ''} like this one"
               + (f", {overdue} overdue" if overdue else ""))
    lines = []
    shown = 3 if compact else SHOWN
    for r in records[:shown]:
        a = r.action
        state = due_state(a, today)
        if compact:
            due = "overdue" if state is DueState.OVERDUE else ("no due date" if a.due is None else f"due {a.due:%d %b}")
            lines.append(f"• {a.title} — {a.owner.strip() or 'no owner'}, {due}")
            continue
        due = "no due date" if a.due is None else f"due {a.due:%Y-%m-%d}" + (" — overdue" if state is DueState.OVERDUE else "")
        lines.append(f"• {a.title} — {a.owner.strip() or 'no owner'}, {due} ({r.incident_title})")
    if len(records) > shown:
        lines.append(f"… and {len(records) - shown} more in the library's Follow-through tab.")
    return heading, lines


class EarlierActionsPanel(QFrame):
    """The review panel; ``projector`` makes the large, high-contrast variant."""

    read = Signal(object)

    def __init__(self, projector: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Open actions from earlier incidents")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._projector = projector
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.heading.setObjectName("ProjectorReviewHeading" if projector else "SectionTitle")
        if not projector:
            self.heading.setStyleSheet("font-weight: bold;")  # through the style sheet: measured as drawn
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setWordWrap(True)
        if projector:
            self.body.setObjectName("ProjectorReviewLine")
            self.setFrameShape(QFrame.Shape.NoFrame)
        #: On the facilitator's screen: show the review on the projector (instead of the rules).
        self.on_projector = QPushButton("Show on &projector")
        self.on_projector.setCheckable(True)
        self.on_projector.setAccessibleName("Show this review on the projector")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.on_projector)
        if not projector:
            layout.addLayout(row)
        else:
            self.on_projector.hide()
        self.records: list[ActionRecord] = []
        self.hide()

    def show_records(self, records: list[ActionRecord], today: date | None = None) -> None:
        self.records = list(records)
        if not records:
            self.hide()
            return
        heading, lines = review_lines(self.records, today or date.today(), compact=self._projector)
        self.heading.setText(heading)
        self.body.setText("\n".join(lines))
        self.show()
        if not self._projector:
            self.on_projector.setChecked(True)  # the meeting opens with it; choosing a rule moves on
        # word-wrapped labels shown after the first layout: ask for the height they now need
        self.body.updateGeometry()
        self.updateGeometry()

    def load(self, document: RetroDocument) -> BackgroundJob:
        store, retro = document.store, document.retro

        def work(_p: Progress, _c: IsCancelled) -> list[ActionRecord]:
            try:
                return store.earlier_open_actions(retro)
            except RetroError:
                return []  # the review is a help, not a gate: the meeting goes on without it

        job = BackgroundJob(work, parent=self)
        job.succeeded.connect(self._loaded)
        job.finished.connect(job.deleteLater)
        self.job = job
        job.start()
        return job

    def _loaded(self, records: object) -> None:
        self.show_records(list(records))  # type: ignore[arg-type]
        self.read.emit(self.records)
