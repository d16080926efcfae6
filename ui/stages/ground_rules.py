"""Ground rules: the blameless norms, in our own words, for the facilitator to read aloud.

The facilitator moves through the rules (click, Tab or ↑/↓); the projector shows every rule in
huge type with the current one highlighted and its explanation under it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from retro.domain import Stage

from ..document import RetroDocument
from ..stage_base import StageView
from .earlier_actions import EarlierActionsPanel


@dataclass(frozen=True, slots=True)
class GroundRule:
    key: str
    rule: str
    why: str


GROUND_RULES: tuple[GroundRule, ...] = (
    GroundRule("systems", "Hard on systems, soft on people.",
               "We look at what in our tools, processes and organisation made this possible — "
               "never for someone to blame."),
    GroundRule("how", "We ask how, not who.",
               "“How did this make sense at the time?” opens people up. “Who did this?” shuts them down."),
    GroundRule("reasonable", "Everyone acted reasonably given what they knew.",
               "People made the best calls they could with the information, time and tools they had."),
    GroundRule("hindsight", "Hindsight is not foresight.",
               "We know how the story ends; they did not. We judge decisions by what could be known then."),
    GroundRule("leader", "The leader speaks first.",
               "The manager or leader owns their decisions out loud before anyone else is asked to."),
    GroundRule("factors", "Say “contributing factors”.",
               "Incidents have many causes, never just one. We map them all instead of stopping at the first."),
    GroundRule("volunteer", "Nobody has to out themselves.",
               "Sharing your part is welcome and never required. Private notes stay private."),
    GroundRule("elmo", "ELMO: enough, let's move on.",
               "Anyone can call ELMO when a topic stops helping; the facilitator parks it for later."),
)


class RuleCard(QFrame):
    """One rule, focusable; focus or a click makes it the current rule."""

    chosen = Signal(str)
    #: ↑ / ↓ pressed on the card: move the current rule by this much.
    stepped = Signal(int)

    def __init__(self, rule: GroundRule, number: int) -> None:
        super().__init__()
        self.rule = rule
        self.setObjectName("GroundRuleCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"Ground rule {number}: {rule.rule}")
        self.setAccessibleDescription(rule.why)
        headline = QLabel(f"{number}. {rule.rule}")
        headline.setObjectName("GroundRule")
        headline.setWordWrap(True)
        why = QLabel(rule.why)
        why.setObjectName("GroundRuleWhy")
        why.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(headline)
        layout.addWidget(why)

    def set_current(self, current: bool) -> None:
        if self.property("current") != current:
            self.setProperty("current", current)
            self.style().unpolish(self)
            self.style().polish(self)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.chosen.emit(self.rule.key)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.stepped.emit(1 if event.key() == Qt.Key.Key_Down else -1)
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)


class GroundRulesStage(StageView):
    """The norms, large, one current at a time for reading aloud."""

    stage = Stage.GROUND_RULES

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.current_key = GROUND_RULES[0].key
        hint = QLabel("Read these aloud at the start of the meeting. Click a rule, or use Tab and ↑ / ↓, "
                      "to highlight it on the projector.")
        hint.setObjectName("Hint")
        hint.setWordWrap(True)
        self.cards: dict[str, RuleCard] = {}
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(24, 16, 24, 16)
        column.setSpacing(12)
        column.addWidget(hint)
        self.earlier = EarlierActionsPanel()  # issue 16: what earlier, similar incidents still owe
        column.addWidget(self.earlier)
        self.earlier.load(document)
        for number, rule in enumerate(GROUND_RULES, start=1):
            card = RuleCard(rule, number)
            card.chosen.connect(self.choose)
            card.stepped.connect(self.step)
            self.cards[rule.key] = card
            column.addWidget(card)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.cards[self.current_key].set_current(True)

    def choose(self, key: str) -> None:
        """Make ``key`` the current rule (the projector highlights it, leaving the review)."""
        if key not in self.cards:
            return
        if self.earlier.on_projector.isChecked():
            self.earlier.on_projector.setChecked(False)
        for k, card in self.cards.items():
            card.set_current(k == key)
        if key != self.current_key:
            self.current_key = key
            self.selection_changed.emit(key)

    def step(self, delta: int) -> None:
        keys = list(self.cards)
        index = max(0, min(len(keys) - 1, keys.index(self.current_key) + delta))
        self.cards[keys[index]].setFocus(Qt.FocusReason.OtherFocusReason)
        self.choose(keys[index])

    def focus_target(self, target_id: str) -> None:
        if target_id in self.cards:
            self.cards[target_id].setFocus()

    def projector_view(self) -> QWidget:
        return GroundRulesProjection(self)


class GroundRulesProjection(QWidget):
    """Every rule in huge type; the current one highlighted, with its explanation."""

    def __init__(self, stage: GroundRulesStage) -> None:
        super().__init__()
        self.setAccessibleName("Ground rules")
        self.rules: dict[str, QLabel] = {}
        self.why = QLabel()
        self.why.setObjectName("ProjectorRuleWhy")
        self.why.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        self.earlier = EarlierActionsPanel(projector=True, document=stage.document)
        self.earlier.show_review(stage.earlier.review)
        stage.earlier.read.connect(self.earlier.show_review)
        layout.addWidget(self.earlier)  # the short review comes first: it is the meeting's opening
        self._review = stage.earlier.on_projector
        self._review.toggled.connect(self._show_review)
        for rule in GROUND_RULES:
            label = QLabel(rule.rule)
            label.setObjectName("ProjectorRule")
            label.setWordWrap(True)
            self.rules[rule.key] = label
            layout.addWidget(label)
        layout.addSpacing(18)
        layout.addWidget(self.why)
        layout.addStretch(1)
        stage.selection_changed.connect(self.highlight)
        self.highlight(stage.current_key)
        self._show_review(self._review.isChecked())

    def _show_review(self, review: bool) -> None:
        """The review of earlier incidents' open actions, or the rules: a 720p screen holds one."""
        review = review and bool(self.earlier.review.total)
        self.earlier.setVisible(review)
        for label in self.rules.values():
            label.setVisible(not review)
        self.why.setVisible(not review)

    def highlight(self, key: str) -> None:
        for k, label in self.rules.items():
            current = k == key
            if label.property("current") != current:
                label.setProperty("current", current)
                label.style().unpolish(label)
                label.style().polish(label)
        rule = next((r for r in GROUND_RULES if r.key == key), None)
        self.why.setText(rule.why if rule else "")
