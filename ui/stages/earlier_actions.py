"""Before we start: open and overdue actions of earlier incidents like this one.

Shown at the top of the Ground rules stage (the start of the meeting) and on the projector with
it: retros that share a service or contributing factors with this one, and what their actions
still owe. Read off the GUI thread when the stage is built; hidden when there is nothing.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from retro.domain import Retro, RetroError
from retro.domain.follow_through import REVIEW_SHOWN, DueState, EarlierReview, due_state
from retro.domain.projector_names import shown_owner, shown_text

from ..background import BackgroundJob, IsCancelled, Progress
from ..document import RetroDocument

SHOWN = REVIEW_SHOWN


def review_lines(review: EarlierReview, today: date, *, compact: bool = False,
                 retro: Retro | None = None) -> tuple[str, list[str]]:
    """The heading and up to :data:`SHOWN` lines for ``review`` (its first actions already overdue
    first); ``compact`` (the projector): three short lines without the retros' titles, the owners
    and titles shown as ``retro``'s projector option says (names or roles, like every slide)."""
    total, incidents, overdue = review.total, review.incidents, review.overdue
    heading = (f"Before we start: {total} open action{'s' if total != 1 else ''} from "
               f"{incidents} earlier incident{'s' if incidents != 1 else ''} like this one"
               + (f", {overdue} overdue" if overdue else ""))
    lines = []
    shown = 3 if compact else SHOWN
    for r in review.first[:shown]:
        a = r.action
        state = due_state(a, today)
        if compact:
            due = "overdue" if state is DueState.OVERDUE else ("no due date" if a.due is None else f"due {a.due:%d %b}")
            owner = shown_owner(retro, a.owner.strip()) if retro is not None else a.owner.strip()
            title = shown_text(retro, a.title) if retro is not None else a.title
            lines.append(f"• {title} — {owner or 'no owner'}, {due}")
            continue
        due = "no due date" if a.due is None else f"due {a.due:%Y-%m-%d}" + (" — overdue" if state is DueState.OVERDUE else "")
        lines.append(f"• {a.title} — {a.owner.strip() or 'no owner'}, {due} ({r.incident_title})")
    if total > shown:
        lines.append(f"… and {total - shown} more in the library's Follow-through tab.")
    return heading, lines


class EarlierActionsPanel(QFrame):
    """The review panel; ``projector`` makes the large, high-contrast variant, naming people as
    ``document``'s retro's projector option says."""

    read = Signal(object)

    def __init__(self, projector: bool = False, parent: QWidget | None = None,
                 document: RetroDocument | None = None) -> None:
        super().__init__(parent)
        self._document = document
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
        #: What the panel shows: the earlier open actions counted, and the first few.
        self.review = EarlierReview()
        self.hide()
        if document is not None:  # the projector option (names or roles) may change while it shows
            document.changed.connect(self._reshow)

    def _reshow(self, *_args: object) -> None:
        if self.review.total:
            self.show_review(self.review)

    def show_review(self, review: EarlierReview, today: date | None = None) -> None:
        self.review = review
        if not review.total:
            self.hide()
            return
        retro = self._document.retro if self._document is not None and self._projector else None
        heading, lines = review_lines(review, today or date.today(), compact=self._projector, retro=retro)
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

        def work(_p: Progress, _c: IsCancelled) -> EarlierReview:
            try:
                return store.earlier_review(retro)
            except RetroError:
                return EarlierReview()  # the review is a help, not a gate: the meeting goes on without it

        job = BackgroundJob(work, parent=self)
        job.succeeded.connect(self._loaded)
        job.finished.connect(job.deleteLater)
        self.job = job
        job.start()
        return job

    def _loaded(self, review: object) -> None:
        assert isinstance(review, EarlierReview)
        self.show_review(review)
        self.read.emit(review)
