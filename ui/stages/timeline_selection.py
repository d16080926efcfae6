"""What the Timeline stage does to the selected events: kind, audience, shift and delete, each one undo step.

:class:`SelectedEvents` is part of :class:`~ui.stages.timeline.TimelineStage` (its context menu,
the Delete key and the "Delete selected" button).
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QTableView, QWidget

from retro.domain import Audience, Edit, EventKind, TimelineEvent
from ui.models.timeline_columns import TimelineColumn

from .timeline_shift import SHIFT_HINT, shift_edit

if TYPE_CHECKING:
    from ui.document import RetroDocument
    from ui.models.timeline_filter import TimelineFilter
    from ui.models.timeline_model import TimelineModel


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class SelectedEvents:
    """The selected rows as events, and the edits made to all of them at once."""

    if TYPE_CHECKING:
        document: RetroDocument
        model: TimelineModel
        proxy: TimelineFilter
        table: QTableView

        def _show_problem(self, message: str) -> None: ...

    def selected_events(self) -> list[TimelineEvent]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.event_at(r) for r in sorted(rows)]

    def current_event(self) -> TimelineEvent | None:
        selected = self.selected_events()
        if selected:
            return selected[0]
        current = self.table.currentIndex()
        if current.isValid():
            return self.model.event_at(self.proxy.mapToSource(current).row())
        return None

    def selected_menu(self) -> QMenu:
        """Kind, audience and delete for every selected event at once (each one undo step)."""
        menu = QMenu(cast(QWidget, self))  # a part of the stage, a widget
        menu.setAccessibleName("Change the selected events")
        kinds = menu.addMenu("Set &kind")
        for kind in EventKind:
            kinds.addAction(kind.label, partial(self.set_kind_of_selected, kind))
        audience = menu.addMenu("&Audience")
        for value in Audience:
            audience.addAction(value.label, partial(self.set_audience_of_selected, value))
        menu.addAction("S&hift times…", self.ask_shift_selected)
        menu.addSeparator()
        delete = menu.addAction("&Delete", self.delete_selected)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        enabled = bool(self.selected_events())
        for action in menu.actions():
            action.setEnabled(enabled)
        return menu

    def set_kind_of_selected(self, kind: EventKind) -> bool:
        events = [e for e in self.selected_events() if e.kind is not kind]
        if not events:
            return False
        label = f"Set kind of {plural(len(events), 'event')} to {kind.label}"
        return self.document.edit(label, Edit.of(upsert=[replace(e, kind=kind) for e in events]))

    def set_audience_of_selected(self, audience: Audience) -> bool:
        events = [e for e in self.selected_events() if e.audience is not audience]
        if not events:
            return False
        label = f"Mark {plural(len(events), 'event')} {audience.label.lower()}"
        return self.document.edit(label, Edit.of(upsert=[replace(e, audience=audience) for e in events]))

    def shift_selected(self, text: str) -> bool:
        """Shift every selected event by a duration, to a date or from a zone: one undo step."""
        try:
            label, edit = shift_edit(self.selected_events(), text, self.model.timezone)
        except ValueError as problem:
            self._show_problem(str(problem))
            return False
        return self.document.edit(label, edit)

    def ask_shift_selected(self) -> None:
        text, ok = QInputDialog.getText(cast(QWidget, self), "Shift the selected events",
                                        f"Shift by, or to: ({SHIFT_HINT})")
        if ok:
            self.shift_selected(text)

    def delete_selected(self) -> bool:
        """Delete every selected event as one undo step ("Delete 3 timeline events")."""
        events = self.selected_events()
        if not events:
            return False
        label = "Delete timeline event" if len(events) == 1 else f"Delete {len(events)} timeline events"
        next_row = self.table.selectionModel().selectedRows()[0].row()
        if not self.document.edit(label, Edit.of(remove=events)):
            return False
        row = min(next_row, self.proxy.rowCount() - 1)
        if row >= 0:
            self.table.setCurrentIndex(self.proxy.index(row, TimelineColumn.TEXT))
        return True
