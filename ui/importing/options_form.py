"""The import options: the format, the timezone and date for times that give none, the Slack channels.

Also the line that sums up a preview ("42 events read from … · times without a zone read in …").
"""

from __future__ import annotations

from datetime import date
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLabel, QListWidget, QListWidgetItem

from retro.io.importers import FORMATS, ImportOptions, ImportPreview
from ui.document import RetroDocument
from ui.widgets.time_text import local_time

FORMAT_LABELS = {
    "auto": "Detect from the file",
    "slack": "Slack export (zip or folder)",
    "pagerduty": "PagerDuty log entries (JSON)",
    "csv": "CSV with a header",
    "text": "Notes (plain text or Markdown)",
    "json": "JSON lines or array",
}


class ImportOptionsForm(QFormLayout):
    """Format, timezone, date for clock-only times and (for a Slack export) its channels."""

    def __init__(self, document: RetroDocument) -> None:
        super().__init__()
        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName("Format")
        for fmt in FORMATS:
            self.format_combo.addItem(FORMAT_LABELS.get(fmt, fmt), fmt)
        self.tz_combo = QComboBox()
        self.tz_combo.setEditable(True)
        self.tz_combo.setAccessibleName("Timezone for times that name none")
        self.tz_combo.addItems(sorted(available_timezones() | {"UTC"}))
        self.tz_combo.setCurrentText(document.retro.incident.timezone)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setAccessibleName("Date for times that give none")
        self.date_edit.setDate(_qdate(base_date(document)))
        self.channel_list = QListWidget()
        self.channel_list.setAccessibleName("Slack channels")
        self.channel_list.setMaximumHeight(90)
        self.channel_label = QLabel("Slack channels")
        self.addRow("Format", self.format_combo)
        self.addRow("Timezone", self.tz_combo)
        self.addRow("Date for clock-only times", self.date_edit)
        self.addRow(self.channel_label, self.channel_list)
        self.show_channels(())

    def options(self) -> ImportOptions:
        """The import options as the person has set them now."""
        channels = tuple(
            self.channel_list.item(i).text()
            for i in range(self.channel_list.count())
            if self.channel_list.item(i).checkState() == Qt.CheckState.Checked
        )
        return ImportOptions(
            format=self.format_combo.currentData() or "auto",
            timezone=self.timezone() or "UTC",
            base_date=self.base_day(),
            channels=channels,
        )

    def base_day(self) -> date:
        """The date clock-only times fall on."""
        day = self.date_edit.date()
        return date(day.year(), day.month(), day.day())

    def timezone(self) -> str:
        """The timezone typed or chosen ("" for none)."""
        return self.tz_combo.currentText().strip()

    def show_channels(self, channels: tuple[str, ...]) -> None:
        """Offer ``channels`` (all ticked), or hide the list when there are none."""
        self.channel_list.blockSignals(True)
        self.channel_list.clear()
        for name in channels:
            item = QListWidgetItem(name, self.channel_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.channel_list.blockSignals(False)
        visible = bool(channels)
        self.channel_list.setVisible(visible)
        self.channel_label.setVisible(visible)


def preview_summary(preview: ImportPreview) -> str:
    """What a preview read, in one line: rows, source and format, the zone, duplicates, notes."""
    facts = [
        f"{len(preview.rows)} events read from {preview.source_name} ({FORMAT_LABELS.get(preview.format, preview.format)})",
        f"times without a zone read in {preview.timezone}",
        "added as Internal only",
    ]
    if preview.duplicate_count:
        facts.append(f"{preview.duplicate_count} already in the timeline (marked, not added again)")
    if preview.encoding not in ("utf-8", "text"):
        facts.append(f"encoding {preview.encoding}")
    facts.extend(preview.notes)
    return " · ".join(facts)


def base_date(document: RetroDocument) -> date:
    """The day clock-only times fall on first: the incident's start (else detection, creation) there."""
    incident = document.retro.incident
    anchor = incident.started_at or incident.detected_at or incident.created_at
    if anchor is None:
        return date.today()
    return local_time(anchor, incident.timezone).date()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
