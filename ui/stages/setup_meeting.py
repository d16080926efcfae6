"""Setup's meeting rows (issue 11): the retro's agenda and whether the projector shows roles.

The agenda summary ("60 min: Setup 3 · Ground rules 2 …") opens the agenda dialog (stage order
and minutes, stored with the retro); the check box stores ``projector_shows_roles``. Both are
edits of the incident through the document, one undo step each.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QWidget

from retro.domain import Edit, Incident
from retro.domain.agenda import parse_agenda

from ..document import RetroDocument
from ..resources_path import icon
from ..settings import UiSettings
from ..widgets.timebox import AgendaDialog


def agenda_text(incident: Incident) -> str:
    """``60 min: Setup 3 · Ground rules 2 · … (default)``."""
    slots = parse_agenda(incident.agenda)
    return (f"{sum(slot.minutes for slot in slots)} min: "
            + " · ".join(f"{slot.stage.label} {slot.minutes}" for slot in slots)
            + ("" if incident.agenda else " (default)"))


class MeetingRows:
    """The widgets of the two rows, owned by the Setup stage's form."""

    def __init__(self, document: RetroDocument, parent: QWidget) -> None:
        self.document = document
        self._parent = parent
        self.agenda_summary = QLabel()
        self.agenda_summary.setObjectName("AgendaSummary")
        self.agenda_summary.setAccessibleName("Agenda")
        self.agenda_summary.setWordWrap(True)
        self.agenda_edit = QPushButton(icon("timer"), "Edit a&genda…")
        self.agenda_edit.setAccessibleName("Edit the agenda: stage order and minutes")
        self.agenda_edit.clicked.connect(self.edit_agenda)
        self.roles_on_projector = QCheckBox("Show &roles instead of names (speakers, action owners, people)")
        self.roles_on_projector.setAccessibleName("The projector shows roles instead of names")
        self.roles_on_projector.setToolTip("Speakers, action owners and the people in the room appear on the "
                                           "projector as their roles (Incident commander, Responder …)")
        self.roles_on_projector.clicked.connect(self.set_roles_on_projector)
        self.agenda_row = QHBoxLayout()
        self.agenda_row.addWidget(self.agenda_summary, 1)
        self.agenda_row.addWidget(self.agenda_edit, 0, Qt.AlignmentFlag.AlignTop)

    def refresh(self, incident: Incident) -> None:
        self.agenda_summary.setText(agenda_text(incident))
        self.roles_on_projector.setChecked(incident.projector_shows_roles)

    def set_roles_on_projector(self, checked: bool) -> bool:
        incident = self.document.retro.incident
        if incident.projector_shows_roles == bool(checked):
            return True
        ok = self.document.edit("Show roles on the projector" if checked else "Show names on the projector",
                                Edit(incident=replace(incident, projector_shows_roles=bool(checked))))
        if not ok:
            self.refresh(self.document.retro.incident)
        return ok

    def edit_agenda(self) -> AgendaDialog:
        """The agenda dialog for this retro (stored with it, one undo step)."""
        dialog = AgendaDialog(UiSettings(), self._parent, self.document)
        dialog.open()
        return dialog
