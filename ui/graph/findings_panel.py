"""Findings about the contributing factors, with plain-language reasons.

Shows the readiness findings that belong to this stage (a factor with no path to the impact, no
evidence, no action, blame-shaped wording, too few factors) and the graph-shaped findings of
:func:`retro.analysis.analyse` (a single chain, one direct cause, islands, feedback loops, hubs).
Activating one selects the factor it is about. The list refreshes once per burst of edits. A
retro just opened is not checked before its first paint: the panel says "Checking…" until then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from retro.domain import Finding, Stage
from ui.widgets.plain_text import plain_tooltip

from ..document import RetroDocument

if TYPE_CHECKING:
    from retro.checks import Findings

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
#: What the panel says while the retro's findings are on their way.
CHECKING = "Checking the graph…"

#: Readiness findings about single factors that this stage shows (even when fixed elsewhere).
FACTOR_CODES = {"unaddressed"}


def factor_findings(found: Findings) -> list[Finding]:
    """This stage's readiness findings, then the graph analysis's."""
    return [f for f in found.readiness if f.stage is Stage.FACTORS or f.code in FACTOR_CODES] + list(found.graph)


class FindingsPanel(QWidget):
    """A list of findings; activating one asks to select the factor it names."""

    #: The id of the factor (or impact) a finding is about.
    finding_activated = Signal(str)
    #: node id → reasons, for markers on the canvas.
    findings_updated = Signal(dict)

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.findings: list[Finding] = []
        self.setAccessibleName("Findings about the contributing factors")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Findings")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._refresh_when_known)
        document.findings_changed.connect(self._timer.start)  # after every change and reload
        self.checking = True
        self.summary.setText(CHECKING)
        self._refresh_when_known()  # known now unless the retro was just opened (then ready follows)

    def _refresh_when_known(self) -> None:
        """Once per burst of edits; an edit since the findings were told brings its own."""
        if self.document.known_findings() is not None:
            self.refresh()

    def refresh(self) -> None:
        self.checking = False
        self.findings = factor_findings(self.document.findings())
        self.list.clear()
        reasons: dict[str, list[str]] = {}
        for finding in self.findings:
            prefix = "Must fix" if finding.is_blocker else "Worth a look"
            item = QListWidgetItem(f"{prefix}: {finding.message}")
            item.setData(TARGET_ROLE, finding.target_id)
            item.setToolTip(plain_tooltip(finding.message))
            if finding.is_blocker:
                item.setForeground(QColor("#8A1C00"))
            self.list.addItem(item)
            if finding.target_id:
                reasons.setdefault(finding.target_id, []).append(finding.message)
        blockers = sum(f.is_blocker for f in self.findings)
        if not self.findings:
            self.summary.setText("Nothing to question in the graph right now.")
        else:
            self.summary.setText(
                f"{len(self.findings)} finding{'s' if len(self.findings) != 1 else ''}"
                f" ({blockers} to fix before publishing). Select one to find its factor."
            )
        self.findings_updated.emit({k: "\n".join(v) for k, v in reasons.items()})

    def _activated(self, item: QListWidgetItem) -> None:
        target = item.data(TARGET_ROLE)
        if target:
            self.finding_activated.emit(str(target))
