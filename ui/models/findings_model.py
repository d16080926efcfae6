"""Readiness findings as a Qt list: blockers first, each naming where it is fixed.

Findings come from :func:`retro.domain.readiness` and, when the analysis package is present,
from :func:`retro.analysis.analyse` (graph-shaped questions). The list is short and derived
from the whole retro: the document's shared findings, read again whenever they change.

A retro just opened is not checked before its first paint (:mod:`ui.shared_findings`): until its
check is back the list is empty and :meth:`FindingsModel.is_checking` says so, and the views say
"Checking…".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from retro.domain import Finding, Level
from ui.document import RetroDocument

Index = QModelIndex | QPersistentModelIndex

STAGE_ROLE = Qt.ItemDataRole.UserRole + 1
TARGET_ROLE = Qt.ItemDataRole.UserRole + 2
BLOCKER_ROLE = Qt.ItemDataRole.UserRole + 3
#: The mention key of a finding about a name in public text ("" for other findings).
MENTION_ROLE = Qt.ItemDataRole.UserRole + 4


class FindingsModel(QAbstractListModel):
    """One row per finding."""

    def __init__(self, document: RetroDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        known = document.known_findings()  # never computed here, before the first paint
        self._checking = known is None
        self._findings = list(known.all) if known is not None else []
        style = QApplication.style()
        self._icons = {
            Level.BLOCKER: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            Level.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        document.findings_changed.connect(self.refresh)  # after every change and reload

    def is_checking(self) -> bool:
        """Whether the retro's findings are still on their way (nothing shown yet)."""
        return self._checking

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def blocker_count(self) -> int:
        return sum(1 for f in self._findings if f.is_blocker)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{finding.stage.label}: {finding.message}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            kind = "Blocker" if finding.is_blocker else "Warning"
            return f"{kind}. {finding.stage.label}: {finding.message}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(finding.level, QIcon())
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = "Blocks publishing" if finding.is_blocker else "Worth a look"
            return f"{kind} — press Enter or click to go to {finding.stage.label}"
        if role == STAGE_ROLE:
            return finding.stage.value
        if role == TARGET_ROLE:
            return finding.target_id
        if role == BLOCKER_ROLE:
            return finding.is_blocker
        if role == MENTION_ROLE:
            return finding.mention_key
        return None

    def finding_at(self, row: int) -> Finding:
        return self._findings[row]

    def refresh(self, *_args: object) -> None:
        known = self._document.known_findings()
        if known is None:
            return  # a check is on its way: findings_changed brings its answer
        findings = list(known.all)
        if findings == self._findings and not self._checking:
            return
        self._checking = False
        self.beginResetModel()
        self._findings = findings
        self.endResetModel()
