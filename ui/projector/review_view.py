"""What the room sees at the end of the meeting: what it found, what it will do, what is still missing.

The Review slide shows the contributing factors counted by category, every action with its
owner and due date (names or roles as the retro's projector option says, like every other slide:
:func:`retro.domain.projector_names.shown_owner`; in the Actions slide's order and status words),
and what still blocks publishing the report, from the findings shared with the facilitator's
Review stage (:meth:`RetroDocument.known_findings`: never checked a second time here).
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from retro.domain import ActionItem, FactorCategory, Retro
from retro.domain.projector_names import shown_owner, shown_text
from ui.document import RetroDocument
from ui.models.actions_model import due_order

from ..widgets.projector import HIGHLIGHT, MoreRows, ProjectorList, ProjectorPanel


def factor_counts_text(retro: Retro) -> str:
    """``9 contributing factors: Technology 4 · Process 2 · …`` (categories in the legend's order)."""
    counts = Counter(f.category for f in retro.factors.values())
    total = len(retro.factors)
    if not total:
        return "No contributing factors recorded yet."
    # each "Category n" kept on one line (no break inside "Environment / human factors 1")
    parts = [f"{category.label} {counts[category]}".replace(" ", "\u00a0") for category in FactorCategory
             if counts[category]]
    # and the line breaks only after a "·", never before it (a line starting "· External 1")
    return f"{total} contributing factor{'s' if total != 1 else ''}:  " + "\u00a0\u00a0·  ".join(parts)


def action_line(retro: Retro, action: ActionItem) -> str:
    """``Title — Dana Leader · due Fri 23 Oct · Open``: the owner by name or role as the projector
    option says, the status as the Actions slide words it."""
    owner = shown_owner(retro, action.owner) or "no owner yet"
    due = f"due {action.due.strftime('%a %d %b')}" if action.due else "no due date yet"
    title = shown_text(retro, " ".join(action.title.split()))
    return f"{title} — {owner} · {due} · {action.status.label}"


def _sorted_actions(retro: Retro) -> list[ActionItem]:
    return sorted(retro.actions.values(), key=due_order)


class ReviewProjector(ProjectorPanel):
    """The Review slide: factors by category, actions with owners and due dates, what is still missing."""

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__("Review", "Review on the projector", parent)
        self.document = document
        self.factors = self.large_label()
        self.factors.setAccessibleName("Contributing factors by category")
        self.actions_heading = self._heading()
        self.missing_heading = self._heading()
        self.actions_model = QStandardItemModel(self)
        self.missing_model = QStandardItemModel(self)
        self.action_rows = ProjectorList(self.actions_model, Qt.ItemDataRole.DisplayRole, "Actions with owners and due dates")
        self.missing_rows = ProjectorList(self.missing_model, Qt.ItemDataRole.DisplayRole, "Still missing before publishing")
        self.actions_more = MoreRows(self.action_rows, "above", "more below")
        self.missing_more = MoreRows(self.missing_rows, "above", "more below")
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        for column, (heading, rows, more) in enumerate(((self.actions_heading, self.action_rows, self.actions_more),
                                                         (self.missing_heading, self.missing_rows, self.missing_more))):
            box = QVBoxLayout()
            box.setSpacing(6)
            box.addWidget(heading)
            box.addWidget(more.above)
            box.addWidget(rows, 1)
            box.addWidget(more.below)
            grid.addLayout(box, 0, column)
            grid.setColumnStretch(column, 3 - column)  # the actions get the wider column
        self.body.addWidget(self.factors)
        self.body.addLayout(grid, 1)
        document.changed.connect(self.refresh)
        document.reloaded.connect(self.refresh)
        document.findings_changed.connect(self.refresh)
        self.refresh()

    @staticmethod
    def _heading() -> QLabel:
        label = QLabel()
        label.setObjectName("ProjectorReviewHeading")
        label.setStyleSheet(f"color: {HIGHLIGHT};")  # the panel's own style would make it white
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label  # one short line: a wrapped heading in the grid was cut to its first line

    def refresh(self, *_args: object) -> None:
        retro = self.document.retro
        self.factors.setText(factor_counts_text(retro))
        actions = _sorted_actions(retro)
        self.actions_heading.setText(f"Actions · {len(actions)}" if actions else "Actions")
        _fill(self.actions_model, [action_line(retro, a) for a in actions] or ["No actions recorded yet."])
        findings = self.document.known_findings()
        if findings is None:
            self.missing_heading.setText("Still missing")
            _fill(self.missing_model, ["Checking what is still missing…"])
            return
        blockers = [f for f in findings.readiness if f.is_blocker]
        warnings = len(findings.readiness) - len(blockers)
        lines = [shown_text(retro, f.message) for f in blockers]
        if warnings:
            lines.append(f"And {warnings} thing{'s' if warnings != 1 else ''} worth a look (not blocking).")
        if blockers:
            self.missing_heading.setText(f"Still missing · {len(blockers)}")
        else:
            self.missing_heading.setText("Still missing")
            lines.insert(0, "Nothing blocks the report: it can be published.")
        _fill(self.missing_model, lines)

    def texts(self) -> list[str]:
        """Every text the slide shows, top to bottom."""
        return [self.factors.text(), self.actions_heading.text(), *_texts(self.actions_model),
                self.missing_heading.text(), *_texts(self.missing_model)]


def _fill(model: QStandardItemModel, lines: list[str]) -> None:
    if _texts(model) == lines:
        return
    model.clear()
    for line in lines:
        item = QStandardItem(line)
        item.setEditable(False)
        model.appendRow(item)


def _texts(model: QStandardItemModel) -> list[str]:
    return [model.item(row).text() for row in range(model.rowCount())]
