"""An optional per-speaker countdown (e.g. three minutes each), started and paused by hand."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from .colours import PROBLEM


def clock_text(seconds: int) -> str:
    """``3:00``; ``-0:15`` once the speaker runs over (shown, never hidden)."""
    sign = "-" if seconds < 0 else ""
    minutes, secs = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{secs:02d}"


class SpeakerTimer(QWidget):
    """Minutes per speaker, the time left, and start/pause/reset buttons."""

    #: Seconds left (negative when over time) and whether the clock is in use (running or paused
    #: part-way); a fresh, stopped clock is not in use.
    ticked = Signal(int, bool)

    def __init__(self, minutes: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Speaker timer")
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 30)
        self.minutes.setValue(minutes)
        self.minutes.setSuffix(" min each")
        self.minutes.setAccessibleName("Minutes per speaker")
        self.minutes.valueChanged.connect(lambda _v: self.reset())
        self.clock = QLabel()
        self.clock.setAccessibleName("Time left for this speaker")
        clock_font = QFont(self.clock.font())
        clock_font.setPointSize(clock_font.pointSize() + 6)
        clock_font.setBold(True)
        self.clock.setFont(clock_font)
        self.clock.setMinimumWidth(self.clock.fontMetrics().horizontalAdvance("-00:00") + 8)
        self.start_button = QPushButton("Start")
        self.start_button.setAccessibleName("Start or pause the speaker timer")
        self.start_button.clicked.connect(self.toggle)
        self.reset_button = QPushButton("Reset")
        self.reset_button.setAccessibleName("Reset the speaker timer")
        self.reset_button.clicked.connect(self.reset)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Speaker timer:"))
        layout.addWidget(self.clock)
        layout.addWidget(self.start_button)
        layout.addWidget(self.reset_button)
        layout.addWidget(self.minutes)
        self._left = minutes * 60
        self._show()

    @property
    def seconds_left(self) -> int:
        return self._left

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def toggle(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
        else:
            self._timer.start()
        self._show()

    def reset(self) -> None:
        """Back to the full time, stopped (a new speaker starts fresh)."""
        self._timer.stop()
        self._left = self.minutes.value() * 60
        self._show()

    def tick(self) -> None:
        """One second passes."""
        self._left -= 1
        self._show()

    def _show(self) -> None:
        self.clock.setText(clock_text(self._left))
        self.clock.setStyleSheet(f"color: {PROBLEM};" if self._left < 0 else "")
        self.start_button.setText("Pause" if self._timer.isActive() else "Start")
        in_use = self._timer.isActive() or self._left != self.minutes.value() * 60
        self.ticked.emit(self._left, in_use)
