"""The stage navigator: the seven stages in order, each with whether it is complete and what is missing.

A stage says "Complete" only when it is (issue 11): its state comes from
:func:`retro.domain.progress.stage_progress`, so Ground rules are "Not started" until the room has
moved on, and Review is complete only when nothing blocks and both reports are shared.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from retro.domain import Stage
from retro.domain.progress import StageProgress, StageState

from ..resources_path import icon

if TYPE_CHECKING:  # annotations only: the readiness rules load when a retro is opened
    from retro.domain import Finding

#: Role holding the stage's status line ("Complete", "2 blockers · 1 warning").
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role holding the :class:`Stage`.
STAGE_ROLE = Qt.ItemDataRole.UserRole + 2
#: Role holding the stage's findings (list of :class:`Finding`).
FINDINGS_ROLE = Qt.ItemDataRole.UserRole + 3

STAGES: tuple[Stage, ...] = tuple(Stage)

Index = QModelIndex | QPersistentModelIndex


#: A stage's status while the retro just opened is being checked.
CHECKING = "Checking…"


def stage_status(findings: list[Finding]) -> str:
    """``Complete``, ``2 blockers``, ``1 blocker · 3 warnings``, ``1 warning``."""
    blockers = sum(1 for f in findings if f.is_blocker)
    warnings = len(findings) - blockers
    parts = []
    if blockers:
        parts.append(f"{blockers} blocker{'s' if blockers != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return " · ".join(parts) if parts else "Complete"


class StageListModel(QAbstractListModel):
    """One row per stage, with its readiness findings."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._findings: dict[Stage, list[Finding]] = {}
        self._progress: dict[Stage, StageProgress] = {}
        self._checking = False

    def is_checking(self) -> bool:
        """True while the open retro's first findings are not known yet (just opened)."""
        return self._checking

    def set_checking(self) -> None:
        """The retro just opened is being checked: no marks, "Checking…", until :meth:`set_findings`."""
        self._findings = {}
        self._progress = {}
        self._checking = True
        self.dataChanged.emit(self.index(0), self.index(len(STAGES) - 1))

    def set_findings(self, findings: list[Finding], progress: dict[Stage, StageProgress] | None = None) -> None:
        """The readiness findings and, when known, each stage's progress (from the same findings)."""
        grouped: dict[Stage, list[Finding]] = defaultdict(list)
        for finding in findings:
            grouped[finding.stage].append(finding)
        progress = progress or {}
        if grouped != self._findings or progress != self._progress or self._checking:
            self._checking = False
            self._findings = dict(grouped)
            self._progress = dict(progress)
            self.dataChanged.emit(self.index(0), self.index(len(STAGES) - 1))

    def progress(self, stage: Stage) -> StageProgress | None:
        return self._progress.get(stage)

    def findings(self, stage: Stage) -> list[Finding]:
        return list(self._findings.get(stage, []))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(STAGES)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(STAGES)):
            return None
        stage = STAGES[index.row()]
        if self._checking and role in (STATUS_ROLE, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
                                       Qt.ItemDataRole.AccessibleTextRole):
            return self._checking_data(stage, index.row(), role)
        findings = self._findings.get(stage, [])
        progress = self._progress.get(stage)
        status = progress.text if progress is not None else stage_status(findings)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {stage.label}"
        if role == STATUS_ROLE:
            return status
        if role == STAGE_ROLE:
            return stage
        if role == FINDINGS_ROLE:
            return list(findings)
        if role == Qt.ItemDataRole.DecorationRole:
            if any(f.is_blocker for f in findings) or (progress and progress.state is StageState.BLOCKED):
                return icon("blocker")
            if progress is not None and progress.state in (StageState.NOT_STARTED, StageState.READY):
                return icon("timer")  # still to do: neither done nor wrong
            return icon("warning") if findings else icon("complete")
        if role == Qt.ItemDataRole.ToolTipRole:
            if not findings:
                if progress is not None and progress.state is not StageState.COMPLETE:
                    return f"{stage.label} (Ctrl+{index.row() + 1}): {progress.text}"
                return f"{stage.label}: nothing missing (Ctrl+{index.row() + 1})"
            return f"{stage.label} (Ctrl+{index.row() + 1}):\n" + "\n".join(
                f"{'■' if f.is_blocker else '▲'} {f.message}" for f in findings)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{stage.label}: {status}"
        return None


    def _checking_data(self, stage: Stage, row: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("timer")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{stage.label} (Ctrl+{row + 1}): checking what is missing…"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{stage.label}: {CHECKING}"
        return CHECKING


class StageDelegate(QStyledItemDelegate):
    """Two lines per stage: its name, and a smaller status line under it."""

    PADDING = 10

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = option.fontMetrics
        return QSize(200, metrics.height() * 2 + metrics.height() // 2 + 2 * self.PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, status = opt.text, index.data(STATUS_ROLE) or ""
        opt.text = ""
        opt.icon = type(opt.icon)()
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        text_colour = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected
                                        else QPalette.ColorRole.Text)
        muted = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected
                                  else QPalette.ColorRole.PlaceholderText)
        rect = opt.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        size = opt.fontMetrics.height()
        deco = index.data(Qt.ItemDataRole.DecorationRole)
        if deco is not None:
            deco.paint(painter, QRect(rect.left(), rect.top() + size // 4, size + 4, size + 4))
        text_left = rect.left() + size + 14
        painter.save()
        font = QFont(opt.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(text_colour)
        painter.drawText(QRect(text_left, rect.top(), rect.right() - text_left, size + 4),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        small = QFont(opt.font)
        small.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.85))
        painter.setFont(small)
        painter.setPen(muted)
        painter.drawText(QRect(text_left, rect.top() + size + 4, rect.right() - text_left, size + 2),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), status)
        painter.restore()


class StageNavigator(QListView):
    """The list of stages on the left of the workspace."""

    def __init__(self, model: StageListModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("StageNavigator")
        self.setAccessibleName("Stages")
        self.setModel(model)
        self.setItemDelegate(StageDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self.setMinimumWidth(240)

    def select_stage(self, stage: Stage) -> None:
        self.setCurrentIndex(self.model().index(STAGES.index(stage), 0))
