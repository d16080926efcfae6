"""The projector's mirror of Setup: what happened, when (in the incident's zone), and who is here."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from retro.domain import key_durations
from retro.domain.lifecycle import LIFECYCLE_FIELDS
from retro.domain.projector_names import roles_text
from retro.domain.time_range import in_zone

from ..document import RetroDocument


class SetupProjection(QWidget):
    """Severity, lifecycle times, durations, impact and people with roles — no controls, no notes."""

    def __init__(self, document: RetroDocument) -> None:
        super().__init__()
        self.setAccessibleName("Setup")
        self.document = document
        self.severity = QLabel()
        self.severity.setTextFormat(Qt.TextFormat.PlainText)
        self.severity.setObjectName("ProjectorSubtitle")
        self.times = QLabel()
        self.times.setObjectName("ProjectorBody")
        self.times.setTextFormat(Qt.TextFormat.RichText)
        self.people = QLabel()
        self.people.setObjectName("ProjectorBody")
        self.people.setTextFormat(Qt.TextFormat.RichText)
        self.people.setWordWrap(True)
        self.impact = QLabel()
        self.impact.setTextFormat(Qt.TextFormat.PlainText)  # the impact is shown as typed
        self.impact.setObjectName("ProjectorBody")
        self.impact.setWordWrap(True)
        self._pad = 28
        grid = QGridLayout()
        self._grid = grid
        grid.setHorizontalSpacing(64)
        grid.addWidget(self.times, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.people, 0, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        self._layout = layout
        layout.setSpacing(20)
        layout.addWidget(self.severity)
        layout.addLayout(grid)
        layout.addWidget(self.impact)
        layout.addStretch(1)
        document.changed.connect(self.refresh)
        document.reloaded.connect(self.refresh)
        self.refresh()

    def set_text_pixels(self, pixels: int) -> None:
        """Gaps in the unit of the projector's text size (the window tells it on every resize)."""
        self._grid.setHorizontalSpacing(round(pixels * 2))
        self._layout.setSpacing(round(pixels * 0.6))
        if pixels != self._pad:
            self._pad = pixels
            self.refresh()

    def refresh(self, *_args: object) -> None:
        retro = self.document.retro
        inc = retro.incident
        zone = ZoneInfo(inc.timezone)
        self.severity.setText(f"{inc.severity.label} · {inc.status.label} · times in {inc.timezone}")
        rows = []
        for field, label in LIFECYCLE_FIELDS:
            when = getattr(inc, field)
            text = in_zone(when, zone).strftime("%a %d %b  %H:%M") if when else "not set"
            rows.append(f"<tr><td>{label}</td><td style='padding-left:{self._pad}px'><b>{text}</b></td></tr>")
        for duration in key_durations(inc):
            rows.append(f"<tr><td>{duration.name}</td>"
                        f"<td style='padding-left:{self._pad}px'><b>{html.escape(duration.text())}</b></td></tr>")
        self.times.setText("<table>" + "".join(rows) + "</table>")
        if inc.projector_shows_roles:  # roles instead of names (issue 11)
            people = [f"<b>{html.escape(roles_text(p))}</b>" for p in retro.people()]
        else:
            people = [f"<b>{html.escape(p.name)}</b> — {html.escape(', '.join(r.label for r in p.roles_in_order()))}"
                      for p in retro.people()]
        self.people.setText("<br>".join(people) or "No participants yet")
        self.impact.setText(inc.customer_impact and f"Customer impact: {inc.customer_impact}")
