"""The stage time boxes: a countdown per stage (start, pause, reset) and the agenda that sets them.

Time boxes come from :class:`~ui.settings.UiSettings` (a 60-minute default agenda). When the
facilitator moves on while the clock runs, the next stage's clock starts, so the meeting keeps
its rhythm. Past zero the clock counts overtime ("+01:20 over") instead of stopping.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from retro.domain import Stage

from ..settings import DEFAULT_TIME_BOXES, UiSettings


def countdown_text(remaining: int) -> str:
    """``12:05`` while time is left, ``+01:20 over`` past the time box."""
    if remaining >= 0:
        return f"{remaining // 60:02d}:{remaining % 60:02d}"
    over = -remaining
    return f"+{over // 60:02d}:{over % 60:02d} over"


class StageClock(QObject):
    """One countdown per stage; the current stage's is shown and driven."""

    #: (remaining seconds, time box in seconds, running)
    ticked = Signal(int, int, bool)

    def __init__(self, settings: UiSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._stage = Stage.SETUP
        self._remaining: dict[Stage, int] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)

    @property
    def stage(self) -> Stage:
        return self._stage

    def total(self, stage: Stage | None = None) -> int:
        return self._settings.time_box(stage or self._stage) * 60

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
    """Minutes per stage; the total is shown, and the 60-minute default is one click away."""

    def __init__(self, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agenda: time boxes per stage")
        self._settings = settings
        self.spins: dict[Stage, QSpinBox] = {}
        form = QFormLayout()
        for stage in Stage:
            spin = QSpinBox()
            spin.setRange(0, 240)
            spin.setSuffix(" min")
            spin.setValue(settings.time_box(stage))
            spin.setAccessibleName(f"Time box for {stage.label}")
            spin.valueChanged.connect(self._update_total)
            self.spins[stage] = spin
            form.addRow(stage.label, spin)
        self.total = QLabel()
        self.total.setAccessibleName("Total meeting time")
        defaults = QPushButton("Use the &60-minute default")
        defaults.clicked.connect(self._defaults)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.total)
        layout.addWidget(defaults)
        layout.addWidget(buttons)
        self._update_total()

    def _defaults(self) -> None:
        for stage, spin in self.spins.items():
            spin.setValue(DEFAULT_TIME_BOXES[stage])

    def _update_total(self) -> None:
        self.total.setText(f"Total: {sum(s.value() for s in self.spins.values())} min")

    def accept(self) -> None:
        for stage, spin in self.spins.items():
            self._settings.set_time_box(stage, spin.value())
        super().accept()
