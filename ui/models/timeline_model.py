"""The timeline as a Qt table: one row per event, in time order, refreshed from what changed.

:class:`TimelineModel` keeps its own sorted copy of the events and folds each
:class:`~retro.domain.Changes` in row by row (insert, remove, move, dataChanged) so that a
retro with 10,000 events stays fast; only bulk changes (an import, a reload) reset it.
:class:`~ui.models.timeline_filter.TimelineFilter` filters by kind and by text using the
model's precomputed, casefolded search text, without a Python ``data()`` call per row.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from datetime import date
from itertools import islice
from operator import attrgetter, lt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

from retro.domain import Audience, Changes, Edit, EventKind, TimelineEvent
from retro.domain.incident_window import shows_dates
from retro.domain.projector_names import shown_text
from ui.document import RetroDocument
from ui.widgets.colours import ATTENTION
from ui.widgets.plain_text import plain_tooltip
from ui.widgets.time_text import edit_text, format_event_time, local_time, parse_event_time, zone

from .timeline_columns import ACCESSIBLE as _ACCESSIBLE
from .timeline_columns import (
    COLUMN_TITLES,
    DATA_ROLES,
    EDIT_LABELS,
    EVENT_ID_ROLE,
    FAR_MARK,
    PROJECTOR_ROLE,
    TimelineColumn,
    search_text,
)
from .timeline_columns import COLUMNS as _COLUMNS
from .timeline_columns import DISPLAY as _DISPLAY
from .timeline_columns import EDIT as _EDIT
from .timeline_columns import FLAGS as _FLAGS
from .timeline_columns import FONT as _FONT
from .timeline_columns import FOREGROUND as _FOREGROUND
from .timeline_columns import TOOLTIP as _TOOLTIP
from .timeline_times import far_outside, time_samples

Index = QModelIndex | QPersistentModelIndex

#: Changes touching more events than this reset the model instead of moving rows one by one.
BULK_CHANGE = 300

__all__ = [
    "BULK_CHANGE", "COLUMN_TITLES", "DATA_ROLES", "EDIT_LABELS", "EVENT_ID_ROLE", "FAR_MARK", "PROJECTOR_ROLE",
    "TimelineColumn", "TimelineModel", "search_text",
]


#: TimelineEvent.sort_key (time, then id) read in C: sorting 10,000 events calls no Python per event.
_TIME_ORDER = attrgetter("at", "id")
_AT = attrgetter("at")


def in_time_order(events: list[TimelineEvent]) -> list[TimelineEvent]:
    """``events`` in :meth:`Retro.timeline`'s order (time, ties by id), sorted in place.

    A store's rows mostly come in that order already (events are added as they happened): when
    every time is later than the one before, there is no tie to break and nothing to sort; the
    check compares the times in C, without the 10,000 (time, id) keys a sort makes.
    """
    times = list(map(_AT, events))
    if not all(map(lt, times, islice(times, 1, None))):
        events.sort(key=_TIME_ORDER)
    return events


def _link_font() -> QFont:
    font = QFont()
    font.setUnderline(True)
    return font


class TimelineModel(QAbstractTableModel):
    """The retro's timeline events in time order (ties broken by id)."""

    #: A typed value could not be read (e.g. "25:00" as a time); the message says why.
    problem = Signal(str)

    def __init__(self, document: RetroDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._events: list[TimelineEvent] = []
        # Sort keys and search texts are made when first asked for (a row lookup, a filter),
        # not per row on open; once made, every change keeps them in step.
        self._keys: list[tuple[Any, str]] | None = None
        self._search: list[str] | None = None
        self._samples: list[str] | None = None  # the Time column's widest texts, made when asked for
        self._by_id: dict[str, TimelineEvent] = {}
        self._reference: date | None = None
        #: The date every time is compared with to decide whether to show it (date.min: show on all).
        self._shown_reference: date | None = None
        self._far: dict[str, str] = {}  # event id → why its time is marked
        self._load()
        document.changed.connect(self._on_changed)
        document.reloaded.connect(self._reset)

    # -- reading ---------------------------------------------------------------------------------

    @property
    def timezone(self) -> str:
        return self._document.retro.incident.timezone

    def event_at(self, row: int) -> TimelineEvent:
        return self._events[row]

    def events(self) -> list[TimelineEvent]:
        return list(self._events)

    def event_list(self) -> list[TimelineEvent]:
        """The live list of events by row (read by :class:`TimelineFilter`; do not modify)."""
        return self._events

    def row_of(self, event_id: str) -> int:
        """The row showing ``event_id``, or -1."""
        event = self._by_id.get(event_id)
        if event is None:
            return -1
        return bisect_left(self._sort_keys(), event.sort_key)

    def _sort_keys(self) -> list[tuple[Any, str]]:
        if self._keys is None:
            self._keys = [(e.at, e.id) for e in self._events]  # TimelineEvent.sort_key, without the call
        return self._keys

    def search_texts(self) -> list[str]:
        """Casefolded search text per row (read by :class:`TimelineFilter`; do not modify)."""
        if self._search is None:
            self._search = [search_text(e) for e in self._events]
        return self._search

    def time_texts(self) -> list[str]:
        """Times as shown, as wide as the widest row's (for the column's width): a few rows, not all."""
        if self._samples is None:
            far = [self._by_id[i] for i in self._far]
            self._samples = [self._display(e, TimelineColumn.TIME) for e in time_samples(self._events, self.timezone, far)]
        return self._samples

    def reference_date(self) -> date | None:
        """The local date of the first event (typed clock times without a date fall on it)."""
        return self._reference

    def shows_dates(self) -> bool:
        """Whether every time is shown with its date (several days, or events outside the incident)."""
        return self._shown_reference == date.min

    def far_outside(self) -> dict[str, str]:
        """The events far outside the incident's window, each with why (do not modify)."""
        return self._far

    # rowCount, columnCount, flags and data run thousands of times per repaint: keep them lean.

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if not 0 <= section < _COLUMNS:
            return None
        column = TimelineColumn(section)
        if column is TimelineColumn.TIME:
            return f"Time ({self.timezone})"
        return COLUMN_TITLES[column]

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in DATA_ROLES or not index.isValid():
            return None
        return self.data_at(index.row(), index.column(), role)

    def data_at(self, row: int, column: int, role: int) -> Any:
        """``data()`` without a QModelIndex (the filter calls this directly; it is hot)."""
        event = self._events[row]
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._display(event, column)
        if role == _EDIT:
            return self._edit_value(event, column)
        if role == EVENT_ID_ROLE:
            return event.id
        if role == _TOOLTIP:
            return plain_tooltip(self._tooltip(event, column))
        if role in (_FOREGROUND, _FONT):  # evidence links look like links; far-off times stand out
            if column == TimelineColumn.TIME and role == _FOREGROUND and event.id in self._far:
                return QColor(ATTENTION)
            if column != TimelineColumn.EVIDENCE or not event.evidence_url:
                return None
            return QApplication.palette().link() if role == _FOREGROUND else _link_font()
        if role == PROJECTOR_ROLE:
            when = format_event_time(event.at, self.timezone, self._shown_reference)
            text = shown_text(self._document.retro, " ".join(event.text.split()))  # roles option
            return f"{when}  ·  {event.kind.label}  ·  {text}"
        return None

    def _display(self, event: TimelineEvent, column: int) -> str:
        if column == 2:  # TimelineColumn.TEXT, the most painted cell
            return " ".join(event.text.split())
        if column == 0:
            shown = format_event_time(event.at, self.timezone, self._shown_reference)
            return FAR_MARK + shown if event.id in self._far else shown
        if column == 1:
            return event.kind.label
        if column == 3:
            return event.source
        if column == 4:
            return event.evidence_url
        return event.audience.label

    def _edit_value(self, event: TimelineEvent, column: int) -> str:
        match column:
            case TimelineColumn.TIME:
                return edit_text(event.at, self.timezone)
            case TimelineColumn.KIND:
                return event.kind.value
            case TimelineColumn.AUDIENCE:
                return event.audience.value
            case TimelineColumn.TEXT:
                return event.text
            case TimelineColumn.SOURCE:
                return event.source
            case _:
                return event.evidence_url

    def _tooltip(self, event: TimelineEvent, column: int) -> str:
        if column == TimelineColumn.TIME:
            local = local_time(event.at, self.timezone)
            when = f"{local:%A %d %B %Y, %H:%M:%S} ({self.timezone}) — {event.at:%H:%M:%S} UTC"
            far = self._far.get(event.id)
            return f"{when}\n{far}" if far else when
        if column == TimelineColumn.EVIDENCE and event.evidence_url:
            return f"Click to open {event.evidence_url} — F2 to edit"
        if column == TimelineColumn.AUDIENCE:
            if event.audience is Audience.INTERNAL:
                return "Internal only: left out of the public postmortem"
            return "Public: may appear in the public postmortem"
        if column in (TimelineColumn.TEXT, TimelineColumn.SOURCE):  # both are cut short on a laptop
            return event.text if column == TimelineColumn.TEXT else event.source
        return ""

    # -- editing (through the document: one undo step per edit) ----------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        event = self._events[index.row()]
        column = TimelineColumn(index.column())
        try:
            updated = self._with_value(event, column, value)
        except ValueError as exc:
            self.problem.emit(str(exc))
            return False
        if updated == event:
            return True
        return self._document.edit(EDIT_LABELS[column], Edit.of(upsert=[updated]))

    def _with_value(self, event: TimelineEvent, column: TimelineColumn, value: Any) -> TimelineEvent:
        text = "" if value is None else str(value)
        match column:
            case TimelineColumn.TIME:
                reference = local_time(event.at, self.timezone).date()
                return replace(event, at=parse_event_time(text, self.timezone, reference))
            case TimelineColumn.KIND:
                return replace(event, kind=EventKind(text))
            case TimelineColumn.AUDIENCE:
                return replace(event, audience=Audience(text))
            case TimelineColumn.TEXT:
                if not text.strip():
                    raise ValueError("An event needs some text: what happened?")
                return replace(event, text=text.strip())
            case TimelineColumn.SOURCE:
                return replace(event, source=text.strip())
            case _:
                return replace(event, evidence_url=text.strip())

    # -- following the document ------------------------------------------------------------------

    def _load(self) -> None:
        self._events[:] = in_time_order(list(self._document.retro.events.values()))  # Retro.timeline()'s order
        self._keys = self._search = None
        self._by_id = dict(self._document.retro.events)  # by id already: copied in C, not per event
        self._reference = self._compute_reference()
        self._compute_window()

    def _reset(self) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def _compute_reference(self) -> date | None:
        if self._events:
            return local_time(self._events[0].at, self.timezone).date()
        started = self._document.retro.incident.started_at
        return local_time(started, self.timezone).date() if started else None

    def _compute_window(self) -> None:
        """Whether to show dates, and which events are far outside the incident (cheap: the ends only)."""
        incident = self._document.retro.incident
        events = self._events
        ends = [events[0].at, events[-1].at] if events else []  # in time order: local days only grow
        self._shown_reference = date.min if shows_dates(ends, incident, zone(self.timezone)) else self._reference
        self._far = far_outside(events, incident)
        self._samples = None

    def _on_changed(self, changes: Changes) -> None:
        removed = [r.key for r in changes.removed if r.is_a(TimelineEvent) and r.key in self._by_id]
        upserted = [e for e in changes.upserted if isinstance(e, TimelineEvent)]
        if len(removed) + len(upserted) > BULK_CHANGE:
            self._reset()
            return
        self._remove(removed)
        for event in upserted:
            self._upsert(event)
        timezone_changed = (
            changes.incident is not None
            and changes.incident_before is not None
            and changes.incident.timezone != changes.incident_before.timezone
        )
        reference = self._compute_reference()
        shown, far = self._shown_reference, self._far
        self._reference = reference
        self._compute_window()
        if self._events and (timezone_changed or self._shown_reference != shown or self._far != far):
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._events) - 1, 0))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)

    def _remove(self, event_ids: list[str]) -> None:
        rows = sorted((self.row_of(i) for i in event_ids), reverse=True)
        start = 0
        while start < len(rows):  # remove contiguous runs, last first
            end = start
            while end + 1 < len(rows) and rows[end + 1] == rows[end] - 1:
                end += 1
            first, last = rows[end], rows[start]
            self.beginRemoveRows(QModelIndex(), first, last)
            for event in self._events[first : last + 1]:
                del self._by_id[event.id]
            del self._events[first : last + 1]
            if self._keys is not None:
                del self._keys[first : last + 1]
            if self._search is not None:
                del self._search[first : last + 1]
            self.endRemoveRows()
            start = end + 1

    def _upsert(self, event: TimelineEvent) -> None:
        keys = self._sort_keys()  # rows are found by key: made once, then kept in step
        old = self._by_id.get(event.id)
        if old is None:
            row = bisect_left(keys, event.sort_key)
            self.beginInsertRows(QModelIndex(), row, row)
            self._put(row, event, insert=True)
            self.endInsertRows()
            return
        row = bisect_left(keys, old.sort_key)
        if old.sort_key == event.sort_key:
            self._put(row, event, insert=False)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(TimelineColumn) - 1))
            return
        rest = keys[:row] + keys[row + 1 :]
        target = bisect_left(rest, event.sort_key)
        destination = target + 1 if target >= row else target
        if destination in (row, row + 1):
            self._put(row, event, insert=False)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(TimelineColumn) - 1))
            return
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        for seq in (self._events, keys, self._search):
            if seq is not None:
                del seq[row]
        self._put(target, event, insert=True)
        self.endMoveRows()
        self.dataChanged.emit(self.index(target, 0), self.index(target, len(TimelineColumn) - 1))

    def _put(self, row: int, event: TimelineEvent, *, insert: bool) -> None:
        self._by_id[event.id] = event
        keys, search = self._sort_keys(), self._search
        if insert:
            self._events.insert(row, event)
            keys.insert(row, event.sort_key)
            if search is not None:
                search.insert(row, search_text(event))
        else:
            self._events[row] = event
            keys[row] = event.sort_key
            if search is not None:
                search[row] = search_text(event)

