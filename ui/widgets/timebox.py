"""The stage time boxes: a countdown per stage (start, pause, reset) and the agenda that sets them.

Time boxes come from the retro's own agenda (``Incident.agenda``, stored with the retro, issue 11)
and, for a retro without one, from :class:`~ui.settings.UiSettings` (a 60-minute default agenda).
When the facilitator moves on while the clock runs, the next stage's clock starts, so the meeting
keeps its rhythm. Past zero the clock runs negative ("−01:20 over", in red on both screens)
instead of stopping.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from retro.domain import Edit, Stage
from retro.domain.agenda import (
    MAX_MINUTES,
    AgendaSlot,
    agenda_entries,
    default_agenda,
    minutes_for,
    parse_agenda,
)

from ..document import RetroDocument
from ..settings import UiSettings


def countdown_text(remaining: int) -> str:
    """``12:05`` while time is left, ``−01:20 over`` (negative) past the time box."""
    if remaining >= 0:
        return f"{remaining // 60:02d}:{remaining % 60:02d}"
    over = -remaining
    return f"\u2212{over // 60:02d}:{over % 60:02d} over"


class StageClock(QObject):
    """One countdown per stage; the current stage's is shown and driven."""

    #: (remaining seconds, time box in seconds, running)
    ticked = Signal(int, int, bool)

    def __init__(self, settings: UiSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._stage = Stage.SETUP
        self._agenda: tuple[str, ...] = ()  # the open retro's agenda; () → the settings' time boxes
        self._remaining: dict[Stage, int] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)

    @property
    def stage(self) -> Stage:
        return self._stage

    def set_agenda(self, entries: tuple[str, ...]) -> None:
        """Follow the retro's agenda (empty: the facilitator's default time boxes)."""
        if entries != self._agenda:
            self._agenda = entries
            self._emit()

    def total(self, stage: Stage | None = None) -> int:
        stage = stage or self._stage
        if self._agenda:
            return minutes_for(self._agenda, stage) * 60
        return self._settings.time_box(stage) * 60

    def remaining(self, stage: Stage | None = None) -> int:
        stage = stage or self._stage
        return self._remaining.get(stage, self.total(stage))

    def is_running(self) -> bool:
        return self._timer.isActive()

    def set_stage(self, stage: Stage) -> None:
        """Show ``stage``'s clock; it runs when the previous stage's clock was running."""
        self._stage = stage
        self._emit()

    def start(self) -> None:
        self._timer.start()
        self._emit()

    def pause(self) -> None:
        self._timer.stop()
        self._emit()

    def toggle(self) -> None:
        self.pause() if self.is_running() else self.start()

    def reset(self) -> None:
        self._remaining.pop(self._stage, None)
        self._emit()

    def reset_all(self) -> None:
        self._timer.stop()
        self._remaining.clear()
        self._emit()

    def tick(self, seconds: int = 1) -> None:
        """Count ``seconds`` off the current stage's time box (the timer calls this every second)."""
        self._remaining[self._stage] = self.remaining() - seconds
        self._emit()

    def text(self) -> str:
        return countdown_text(self.remaining())

    def _emit(self) -> None:
        self.ticked.emit(self.remaining(), self.total(), self.is_running())


class AgendaDialog(QDialog):
    """The agenda: the order the room takes the stages in and minutes per stage, with the total.

    With a document it is the retro's agenda, stored with the retro as one undo step; without one
    (no retro open) it sets the facilitator's default time boxes. Alt+↑ / Alt+↓ move the stage
    whose minutes have focus up or down the agenda.
    """

    def __init__(self, settings: UiSettings, parent: QWidget | None = None,
                 document: RetroDocument | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agenda: stage order and time boxes")
        self._settings = settings
        self._document = document
        if document is not None and document.retro.incident.agenda:
            slots = parse_agenda(document.retro.incident.agenda)
        else:
            slots = [AgendaSlot(stage, settings.time_box(stage)) for stage in Stage]
        self.order: list[Stage] = [slot.stage for slot in slots]
        self.spins: dict[Stage, QSpinBox] = {}
        for slot in slots:
            spin = QSpinBox()
            spin.setRange(0, MAX_MINUTES)
            spin.setSuffix(" min")
            spin.setValue(slot.minutes)
            spin.setAccessibleName(f"Time box for {slot.stage.label}")
            spin.valueChanged.connect(self._update_total)
            spin.installEventFilter(self)
            self.spins[slot.stage] = spin
        self.grid = QGridLayout()
        self.total = QLabel()
        self.total.setAccessibleName("Total meeting time")
        defaults = QPushButton("Use the &60-minute default")
        defaults.clicked.connect(self._defaults)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel("Alt+↑ / Alt+↓ move a stage up or down the agenda."
                      + (" Stored with this retro." if document is not None else ""))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addWidget(self.total)
        layout.addWidget(hint)
        layout.addWidget(defaults)
        layout.addWidget(buttons)
        self._lay_out()
        self._update_total()

    def _lay_out(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in self.spins.values():
                widget.deleteLater()
        for row, stage in enumerate(self.order):
            label = QLabel(f"{row + 1}. {stage.label.replace('&', '&&')}")
            label.setBuddy(self.spins[stage])
            up = QPushButton("↑")
            up.setAccessibleName(f"Move {stage.label} earlier")
            up.setEnabled(row > 0)
            up.clicked.connect(lambda _c=False, s=stage: self.move_stage(s, -1))
            down = QPushButton("↓")
            down.setAccessibleName(f"Move {stage.label} later")
            down.setEnabled(row < len(self.order) - 1)
            down.clicked.connect(lambda _c=False, s=stage: self.move_stage(s, 1))
            for column, widget in enumerate((label, self.spins[stage], up, down)):
                self.grid.addWidget(widget, row, column)

    def move_stage(self, stage: Stage, step: int) -> None:
        """Move ``stage`` ``step`` places along the agenda (keeping its minutes)."""
        i = self.order.index(stage)
        j = max(0, min(len(self.order) - 1, i + step))
        if i != j:
            self.order.insert(j, self.order.pop(i))
            self._lay_out()
            self.spins[stage].setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.modifiers() & Qt.KeyboardModifier.AltModifier
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            stage = next(s for s, spin in self.spins.items() if spin is watched)
            self.move_stage(stage, -1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def _defaults(self) -> None:
        self.order = [slot.stage for slot in default_agenda()]
        for slot in default_agenda():
            self.spins[slot.stage].setValue(slot.minutes)
        self._lay_out()

    def _update_total(self) -> None:
        self.total.setText(f"Total: {sum(s.value() for s in self.spins.values())} min")

    def slots(self) -> list[AgendaSlot]:
        return [AgendaSlot(stage, self.spins[stage].value()) for stage in self.order]

    def accept(self) -> None:
        if self._document is not None:
            incident = self._document.retro.incident
            if not self._document.edit("Change the agenda",
                                       Edit(incident=replace(incident, agenda=agenda_entries(self.slots())))):
                return  # refused: the document said why; the dialog stays open
        else:
            for slot in self.slots():
                self._settings.set_time_box(slot.stage, slot.minutes)
        super().accept()
