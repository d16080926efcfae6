"""The timeline table's columns and roles: what each column is called and what it answers.

Shared by :class:`~ui.models.timeline_model.TimelineModel`, its filter, the stage and the
projector's list; re-exported from :mod:`ui.models.timeline_model` where callers import them.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt

from retro.domain import TimelineEvent


class TimelineColumn(IntEnum):
    TIME = 0
    KIND = 1
    TEXT = 2
    SOURCE = 3
    EVIDENCE = 4
    AUDIENCE = 5


COLUMN_TITLES = {
    TimelineColumn.TIME: "Time",
    TimelineColumn.KIND: "Kind",
    TimelineColumn.TEXT: "What happened",
    TimelineColumn.SOURCE: "Source",
    TimelineColumn.EVIDENCE: "Evidence link",
    TimelineColumn.AUDIENCE: "Audience",
}

EDIT_LABELS = {
    TimelineColumn.TIME: "Edit event time",
    TimelineColumn.KIND: "Change event kind",
    TimelineColumn.TEXT: "Edit event text",
    TimelineColumn.SOURCE: "Edit event source",
    TimelineColumn.EVIDENCE: "Edit evidence link",
    TimelineColumn.AUDIENCE: "Change event audience",
}

COLUMNS = len(TimelineColumn)
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
EDIT = int(Qt.ItemDataRole.EditRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
FONT = int(Qt.ItemDataRole.FontRole.value)
FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: "10:05 · Alert · text" for the projector's list.
PROJECTOR_ROLE = Qt.ItemDataRole.UserRole + 2

#: The mark on the time of an event far outside the incident's window (and its tooltip says why).
FAR_MARK = "⚠ "

#: The roles this model answers; every other role is None without further work.
DATA_ROLES = frozenset({DISPLAY, EDIT, TOOLTIP, ACCESSIBLE, FOREGROUND, FONT, int(EVENT_ID_ROLE), int(PROJECTOR_ROLE)})


def search_text(event: TimelineEvent) -> str:
    """What the text filter looks in: the text, the source and the kind, casefolded."""
    return f"{event.text}\n{event.source}\n{event.kind.label}".casefold()
