"""The timeline's entry row: type a time and what happened, press Enter, and the next one is ready.

The kind is suggested from the words (shown before Enter is pressed); a bare clock time falls
on the day of the selected event, or of the last one. :class:`EntryRow` is part of
:class:`~ui.stages.timeline.TimelineStage`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton

from retro.domain import Edit, EventKind, TimelineEvent, new_id
from retro.io.importers.kinds import suggest_kind
from ui.widgets.time_text import TIME_HINT, local_time, parse_event_time
from ui.widgets.wording import attach_line_wording

if TYPE_CHECKING:
    from ui.document import RetroDocument
    from ui.models.timeline_model import TimelineModel
    from ui.widgets.banner import Banner

SUGGESTED = "Kind from the words"


class EntryRow:
    """The row under the table where new events are typed (a part of the Timeline stage)."""

    if TYPE_CHECKING:
        document: RetroDocument
        model: TimelineModel
        problem_banner: Banner

        def current_event(self) -> TimelineEvent | None: ...
        def focus_target(self, target_id: str) -> None: ...
        def _show_problem(self, message: str) -> None: ...

    def _build_entry(self) -> QHBoxLayout:
        self.entry_time = QLineEdit()
        self.entry_time.setAccessibleName("New event time")
        self.entry_time.setPlaceholderText("14:05")
        self.entry_time.setToolTip(f"{TIME_HINT} — in the incident's timezone")
        self.entry_time.setMaximumWidth(170)
        self.entry_kind = QComboBox()
        self.entry_kind.setAccessibleName("New event kind")
        self.entry_kind.addItem(SUGGESTED, None)
        for kind in EventKind:
            self.entry_kind.addItem(kind.label, kind.value)
        self.entry_text = QLineEdit()
        self.entry_text.setAccessibleName("What happened")
        attach_line_wording(self.entry_text)
        self.entry_text.setPlaceholderText("What happened? Press Enter to add it and start the next one")
        self.add_button = QPushButton("Add event")
        self.add_button.setAccessibleName("Add event")
        self.add_button.clicked.connect(self.add_entry)
        self.entry_time.returnPressed.connect(self._on_time_return)
        self.entry_text.returnPressed.connect(self.add_entry)
        self.entry_text.textChanged.connect(self._suggest_kind)
        time_label = QLabel("T&ime:")
        time_label.setBuddy(self.entry_time)
        text_label = QLabel("&What happened:")
        text_label.setBuddy(self.entry_text)
        row = QHBoxLayout()
        row.addWidget(time_label)
        row.addWidget(self.entry_time)
        row.addWidget(text_label)
        row.addWidget(self.entry_text, 1)
        row.addWidget(self.entry_kind)
        row.addWidget(self.add_button)
        return row


    def _entry_reference_date(self) -> date:
        event = self.current_event()
        events = self.model.event_list()
        if event is None and events:
            event = events[-1]
        if event is not None:
            return local_time(event.at, self.model.timezone).date()
        reference = self.model.reference_date()
        return reference or local_time(datetime.now(UTC), self.model.timezone).date()

    def _suggest_kind(self, text: str) -> None:
        """Show which kind the words suggest, so the facilitator sees it before pressing Enter."""
        label = f"{SUGGESTED}: {suggest_kind(text).label}" if text.strip() else SUGGESTED
        self.entry_kind.setItemText(0, label)

    def _on_time_return(self) -> None:
        if self.entry_text.text().strip():
            self.add_entry()
        else:
            self.entry_text.setFocus()

    def add_entry(self) -> bool:
        """Add the event typed in the entry row (one undo step); focus returns to the time field."""
        text = self.entry_text.text().strip()
        try:
            at = parse_event_time(self.entry_time.text(), self.model.timezone, self._entry_reference_date())
        except ValueError as exc:
            self._show_problem(str(exc))
            self.entry_time.setFocus()
            self.entry_time.selectAll()
            return False
        if not text:
            self._show_problem("Type what happened, then press Enter.")
            self.entry_text.setFocus()
            return False
        chosen = self.entry_kind.currentData()
        kind = EventKind(chosen) if chosen else suggest_kind(text)
        event = TimelineEvent(new_id(), at, text, kind)
        if not self.document.edit("Add timeline event", Edit.of(upsert=[event])):
            return False
        self.problem_banner.show_text("")
        self.entry_text.clear()
        self.entry_time.clear()
        self.entry_kind.setCurrentIndex(0)
        self.entry_time.setFocus()
        self.focus_target(event.id)
        return True
