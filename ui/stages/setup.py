"""Setup: the incident itself — title, severity, status, services, impact, lifecycle times in the
incident's time zone (with the derived durations, never negative), what we learned, and the people
in the room with their roles.

Every field commits one undo step when the person leaves it ("Undo Edit summary"); the
participants table commits each rename and each role tick ("Undo Rename participant").
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from retro.domain import (
    Changes,
    Edit,
    Incident,
    IncidentStatus,
    Severity,
    Stage,
    internal_report_due,
    key_durations,
    lifecycle_problems,
    public_report_due,
)
from retro.domain.lifecycle import LIFECYCLE_FIELDS
from retro.domain.time_range import in_zone

from ..document import RetroDocument
from ..stage_base import StageView
from ..widgets.commit_fields import CommitLineEdit, CommitTextEdit, LifecycleTimeEdit, TimezoneCombo
from .setup_meeting import MeetingRows
from .setup_people import PeopleInTheRoom

#: The "what we learned" text areas: (field, heading, placeholder).
LEARNING_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("lessons_learned", "Lessons learned", "What do we understand now that we did not before?"),
    ("went_well", "What went well", "What helped? What should we keep doing?"),
    ("got_lucky", "Where we got lucky", "What could have made this much worse, and did not?"),
    ("surprises", "Why were we surprised?", "What did we believe about the system that turned out not to be true?"),
)

#: Undo labels for the incident's text fields.
FIELD_LABELS: dict[str, str] = {
    "title": "Rename incident",
    "summary": "Edit summary",
    "customer_impact": "Edit customer impact",
    "services": "Edit services",
    "tags": "Edit tags",
    "lessons_learned": "Edit lessons learned",
    "went_well": "Edit what went well",
    "got_lucky": "Edit where we got lucky",
    "surprises": "Edit why we were surprised",
}


def split_list(text: str) -> tuple[str, ...]:
    """``"a, b ,, c"`` → ``("a", "b", "c")``."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def local_text(when: datetime | None, zone: str) -> str:
    """``2026-10-14 10:05 CEST`` (the incident's zone), or "not set"."""
    if when is None:
        return "not set"
    return in_zone(when, ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M %Z")


def section(title: str) -> QLabel:
    label = QLabel(title)
    label.setObjectName("SectionTitle")
    return label


class SetupStage(StageView):
    """The incident's facts, times and people: a working editor, one undo step per change."""

    stage = Stage.SETUP

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.text_fields: dict[str, CommitLineEdit | CommitTextEdit] = {}
        document.refused.connect(self._keep_refused_text)
        left = QVBoxLayout()
        left.addWidget(section("Incident"))
        left.addLayout(self._incident_form())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(section("Lifecycle"))
        right.addLayout(self._lifecycle())
        right.addWidget(section("What we learned"))
        right.addLayout(self._learning())
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addSpacing(32)
        columns.addLayout(right, 4)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(20, 8, 20, 16)
        inner_layout.addLayout(columns)
        # The people table spans the whole width: names are people's words, and the role columns
        # next to them would squeeze them to "Mara …" in one column of a laptop's screen.
        inner_layout.addWidget(section("People in the room"))
        inner_layout.addLayout(self._participants())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        document.changed.connect(self._changed)
        document.reloaded.connect(self._reloaded)
        self.refresh()

    # -- building ----------------------------------------------------------------------------

    def _text(self, field: str, name: str, multi: bool = False, placeholder: str = "",
              height: int = 96) -> QWidget:
        widget: CommitLineEdit | CommitTextEdit
        if multi:
            widget = CommitTextEdit(name, placeholder)
            widget.setFixedHeight(height)
        else:
            widget = CommitLineEdit(name)
            widget.setPlaceholderText(placeholder)
        widget.setObjectName(field)
        widget.committed.connect(lambda text, f=field: self._commit_text(f, text))
        self.text_fields[field] = widget
        return widget

    def _incident_form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Title", self._text("title", "Incident title", placeholder="What happened, in a few words"))
        self.severity = QComboBox()
        self.severity.setAccessibleName("Severity")
        for sev in Severity:
            self.severity.addItem(sev.label, sev)
        self.severity.activated.connect(lambda _i: self._commit_incident(
            "Change severity", severity=Severity(self.severity.currentData())))
        self.severity_description = QLabel()
        self.severity_description.setObjectName("SeverityDescription")
        self.severity_description.setWordWrap(True)
        self.severity_description.setAccessibleName("What this severity means")
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for status in IncidentStatus:
            self.status.addItem(status.label, status)
        self.status.activated.connect(lambda _i: self._commit_incident(
            "Change status", status=IncidentStatus(self.status.currentData())))
        severity_row = QHBoxLayout()
        severity_row.addWidget(self.severity)
        status_label = QLabel("Stat&us")
        status_label.setBuddy(self.status)
        severity_row.addSpacing(16)
        severity_row.addWidget(status_label)
        severity_row.addWidget(self.status)
        severity_row.addSpacing(16)
        severity_row.addWidget(self.severity_description, 1)
        severity_label = QLabel("Sever&ity")
        severity_label.setBuddy(self.severity)
        form.addRow(severity_label, severity_row)
        form.addRow("Servi&ces", self._text("services", "Services", placeholder="checkout-api, payments (comma separated)"))
        form.addRow("T&ags", self._text("tags", "Tags", placeholder="config-change, autoscaling (comma separated)"))
        form.addRow("Su&mmary", self._text("summary", "Summary", True, "What happened, briefly, for someone who was not there",
                                               150))
        form.addRow("Customer im&pact", self._text("customer_impact", "Customer impact", True,
                                                   "Who noticed what, for how long, and how many", 110))
        self.meeting = MeetingRows(self.document, self)  # the agenda and roles on the projector (issue 11)
        self.agenda_summary, self.roles_on_projector = self.meeting.agenda_summary, self.meeting.roles_on_projector
        form.addRow("Agenda", self.meeting.agenda_row)
        form.addRow("Projector", self.meeting.roles_on_projector)
        return form

    def _participants(self) -> QVBoxLayout:
        self.people_box = PeopleInTheRoom(self.document, self)
        self.participants, self.people = self.people_box.participants, self.people_box.people
        self.add_person, self.remove_person = self.people_box.add_person, self.people_box.remove_person
        return self.people_box

    def _lifecycle(self) -> QVBoxLayout:
        self.timezone = TimezoneCombo()
        self.timezone.committed.connect(lambda zone: self._commit_incident("Change time zone", timezone=zone))
        zone_row = QHBoxLayout()
        zone_label = QLabel("Time &zone")
        zone_label.setBuddy(self.timezone)
        zone_row.addWidget(zone_label)
        zone_row.addWidget(self.timezone, 1)
        self.times: dict[str, LifecycleTimeEdit] = {}
        self.time_problems: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for row, (field, label) in enumerate(LIFECYCLE_FIELDS):
            edit = LifecycleTimeEdit(label)
            edit.setObjectName(field)
            edit.committed.connect(lambda when, f=field, lab=label: self._commit_time(f, lab, when))
            caption = QLabel(label)
            caption.setBuddy(edit.edit)
            problem = QLabel()
            problem.setObjectName("Problem")
            problem.setWordWrap(True)
            problem.setAccessibleName(f"Problem with the {label.lower()} time")
            problem.hide()
            self.times[field] = edit
            self.time_problems[field] = problem
            grid.addWidget(caption, row * 2, 0)
            grid.addWidget(edit, row * 2, 1)
            grid.addWidget(problem, row * 2 + 1, 1)
        self.durations = QLabel()
        self.durations.setAccessibleName("Derived durations")
        self.durations.setTextFormat(Qt.TextFormat.RichText)
        self.due = QLabel()
        self.due.setObjectName("Hint")
        self.due.setAccessibleName("Report due times")
        self.due.setWordWrap(True)
        box = QVBoxLayout()
        box.addLayout(zone_row)
        box.addLayout(grid)
        box.addWidget(self.durations)
        box.addWidget(self.due)
        return box

    def _learning(self) -> QVBoxLayout:
        box = QVBoxLayout()
        for field, heading, placeholder in LEARNING_FIELDS:
            caption = QLabel(heading)
            editor = self._text(field, heading, True, placeholder, 92)
            caption.setBuddy(editor)
            box.addWidget(caption)
            box.addWidget(editor)
        return box

    # -- showing -----------------------------------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        if changes.incident is not None:
            self.refresh()

    def _reloaded(self) -> None:
        """The whole retro was read again (a conflict was resolved): every field shows what is stored."""
        for field, widget in self.text_fields.items():
            widget.show_saved(self._stored_text(field))
        self.refresh()

    def _keep_refused_text(self, _message: str, edit: Edit) -> None:
        """A refused incident edit: the fields showing what it would have stored keep their text."""
        if edit.incident is None:
            return
        for field, widget in self.text_fields.items():
            value = getattr(edit.incident, field)
            shown = ", ".join(value) if isinstance(value, tuple) else value
            text = widget.toPlainText() if isinstance(widget, CommitTextEdit) else widget.text()
            if text == shown:  # (a field the edit did not change gets its stored value back anyway)
                widget.keep_as_unsaved()

    def _stored_text(self, field: str) -> str:
        """The incident's ``field`` as its text field shows it (lists comma separated)."""
        value = getattr(self.document.retro.incident, field)
        return ", ".join(value) if isinstance(value, tuple) else value

    def refresh(self) -> None:
        """Show the incident as the document has it.

        A text field holding unsaved text (being typed in, or just refused by the store) is left
        alone, so a refusal never wipes what the person typed.
        """
        inc = self.document.retro.incident
        for field, widget in self.text_fields.items():
            widget.set_value(self._stored_text(field))
        self.severity.setCurrentIndex(list(Severity).index(inc.severity))
        self.severity_description.setText(inc.severity.description)
        self.status.setCurrentIndex(list(IncidentStatus).index(inc.status))
        self.meeting.refresh(inc)
        self.timezone.set_value(inc.timezone)
        previous: datetime | None = None
        problems = dict(lifecycle_problems(inc))
        for field, _label in LIFECYCLE_FIELDS:
            value = getattr(inc, field)
            self.times[field].set_value(value, inc.timezone, previous)
            previous = value or previous
            message = problems.get(field, "")
            self.time_problems[field].setText(f"{message}: check both times." if message else "")
            self.time_problems[field].setVisible(bool(message))
        lines = [f"<tr><td>{d.name}</td><td style='padding-left:16px'><b>{d.text()}</b></td></tr>"
                 for d in key_durations(inc)]
        self.durations.setText("<table>" + "".join(lines) + "</table>")
        internal, public = internal_report_due(inc), public_report_due(inc)
        if internal and public:
            self.due.setText(f"Internal postmortem due {local_text(internal, inc.timezone)}; "
                             f"public postmortem due {local_text(public, inc.timezone)}.")
        else:
            self.due.setText("The postmortems fall due 24 h (internal) and 72 h (public) after resolution.")

    # -- editing -----------------------------------------------------------------------------

    def _commit_incident(self, label: str, **values: Any) -> bool:
        inc: Incident = self.document.retro.incident
        if all(getattr(inc, k) == v for k, v in values.items()):
            return True
        ok = self.document.edit(label, Edit(incident=replace(inc, **values)))
        if not ok:
            self.refresh()
        return ok

    def _commit_text(self, field: str, text: str) -> None:
        """Store a text field; on success it shows the stored text, on refusal the typed text stays."""
        widget = self.text_fields[field]
        value: Any = split_list(text) if field in ("services", "tags") else text
        if field == "title" and not text.strip():
            widget.show_saved(self._stored_text(field))  # an incident always has a title: put it back
            return
        if self._commit_incident(FIELD_LABELS[field], **{field: value}):
            widget.show_saved(self._stored_text(field))

    def _commit_time(self, field: str, label: str, when: datetime | None) -> None:
        old = getattr(self.document.retro.incident, field)
        verb = "Clear" if when is None else "Set" if old is None else "Change"
        self._commit_incident(f"{verb} {label.lower()} time", **{field: when})

    def commit_pending(self) -> None:
        """Commit whatever is being typed (the window is closing or the retro is being closed)."""
        for widget in self.text_fields.values():
            if isinstance(widget, CommitTextEdit):
                widget.commit()
            else:
                widget.editingFinished.emit()

    def add_participant(self) -> None:
        """Add a person (a responder by default) and start editing their name."""
        self.people_box.add_participant()

    def remove_selected_participants(self) -> None:
        """Remove the selected people as one undo step (their statements and notes go with them)."""
        self.people_box.remove_selected()

    def focus_target(self, target_id: str) -> None:
        self.people_box.select(target_id)

    def projector_view(self) -> QWidget:
        from ..projector.setup_view import SetupProjection

        return SetupProjection(self.document)
