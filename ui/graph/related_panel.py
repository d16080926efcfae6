"""Seen before: for the selected contributing factor, earlier retros with a factor that reads alike,
and what their actions did. The facilitator confirms a match (or says it is not the same) once.

Selecting a factor asks the store (``RetroStore.seen_before``), off the GUI thread: the
recurrence index scores the distinct keys of its category once each and reads only the close
factors, so a library of 10,000 retros costs what the matches cost. The closest twelve are listed
and the others counted (", and 37 more"). Decisions are stored in the
database (``RetroStore.decide_factor_match``) and win over the score.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from retro.analysis.similar_factors import Decision, SimilarFactor
from retro.domain import ActionStatus, RetroError

from ..background import BackgroundJob, IsCancelled, Progress
from ..document import RetroDocument

MATCH_ROLE = Qt.ItemDataRole.UserRole + 21


def outcome_text(actions: list[tuple[str, ActionStatus]]) -> str:
    if not actions:
        return "no action addressed it"
    counts = Counter(status for _t, status in actions)
    order = (ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.OPEN, ActionStatus.WONT_DO)
    return "actions: " + ", ".join(f"{counts[s]} {s.label.lower()}" for s in order if counts[s])


class RelatedRetrosPanel(QWidget):
    message = Signal(str)

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Seen before in earlier retros")
        self._document = document
        self._factor_id = ""
        self._generation = 0
        self.matches: list[SimilarFactor] = []
        #: Earlier retros that read alike beyond the ones listed (the closest twelve).
        self.more = 0
        self.job: BackgroundJob | None = None
        self.intro = QLabel("Select a contributing factor to see earlier retros with one that reads alike, "
                            "and what their actions did.")
        self.intro.setWordWrap(True)
        self.intro.setObjectName("Hint")
        self.list = QListWidget()
        self.list.setAccessibleName("Similar factors in earlier retros")
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.same_button = QPushButton("&Same factor")
        self.same_button.setToolTip("Confirm: this is the same contributing factor (asked once)")
        self.same_button.clicked.connect(lambda: self.decide(Decision.SAME))
        self.different_button = QPushButton("N&ot the same")
        self.different_button.clicked.connect(lambda: self.decide(Decision.DIFFERENT))
        buttons = QHBoxLayout()
        buttons.addWidget(self.same_button)
        buttons.addWidget(self.different_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def set_factor(self, factor_id: str) -> BackgroundJob | None:
        """Show the earlier factors that read like ``factor_id`` (read off the GUI thread)."""
        self._factor_id = factor_id
        self._generation += 1
        self.list.clear()
        self.matches = []
        self.more = 0
        factor = self._document.retro.factors.get(factor_id)
        if factor is None:
            self.intro.setText("Select a contributing factor to see earlier retros with one that reads alike, "
                               "and what their actions did.")
            self._update_buttons()
            return None
        self.intro.setText("Looking through earlier retros…")
        self._update_buttons()
        store, incident_id, generation = self._document.store, self._document.incident_id, self._generation

        def work(_p: Progress, _c: IsCancelled) -> tuple[int, Any, str]:
            try:
                seen = store.seen_before(incident_id, factor)
                outcomes = store.earlier_factor_actions([(m.earlier.incident_id, m.earlier.factor_id)
                                                         for m in seen.matches])
                return generation, (factor, seen, outcomes), ""
            except RetroError as exc:
                return generation, None, str(exc)

        job = BackgroundJob(work, parent=self)
        job.succeeded.connect(self._found)
        job.failed.connect(self.message)
        job.finished.connect(job.deleteLater)
        self.job = job
        job.start()
        return job

    def _found(self, outcome: tuple[int, Any, str]) -> None:
        generation, found, problem = outcome
        if generation != self._generation:
            return  # another factor was selected meanwhile
        if problem:
            self.intro.setText(problem)
            self.message.emit(problem)
            return
        factor, seen, outcomes = found
        self.matches = list(seen.matches)
        self.more = seen.more
        more = f", and {seen.more} more" if seen.more > 0 else ""
        self.intro.setText(f"“{factor.title}” — {len(self.matches)} earlier retro"
                           f"{'s' if len(self.matches) != 1 else ''} with a factor that reads alike{more}."
                           if self.matches else f"“{factor.title}” reads like no factor of an earlier retro.")
        for m in self.matches:
            mark = "✓ confirmed — " if m.confirmed else f"{m.score:.0f}% alike — "
            actions = outcomes.get((m.earlier.incident_id, m.earlier.factor_id), [])
            item = QListWidgetItem(f"{mark}{m.earlier.incident_title}\n“{m.earlier.title}”; {outcome_text(actions)}")
            item.setToolTip("\n".join(f"{status.label}: {title}" for title, status in actions) or "No action addressed it.")
            item.setData(MATCH_ROLE, m)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def current_match(self) -> SimilarFactor | None:
        item = self.list.currentItem()
        return item.data(MATCH_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        m = self.current_match()
        self.same_button.setEnabled(m is not None and not m.confirmed)
        self.different_button.setEnabled(m is not None)

    def decide(self, decision: Decision) -> None:
        m = self.current_match()
        if m is None:
            return
        try:
            self._document.store.decide_factor_match(
                self._document.incident_id, (m.factor_id, m.earlier.incident_id, m.earlier.factor_id), decision)
        except RetroError as exc:
            self.message.emit(str(exc))
            return
        self.set_factor(self._factor_id)  # read again: the decision now wins over the score
