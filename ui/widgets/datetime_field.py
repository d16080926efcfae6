"""One field for dates and date-times that takes what people type.

A line edit read with the app's own parser (:mod:`ui.widgets.date_text`): a typed year, date or
time zone sticks; text that cannot be read is refused inline, with the reason, and the stored
value stays. Suggestions complete what is typed; a calendar button is there for those who want it.
:attr:`committed` carries a UTC ``datetime`` (mode ``"datetime"``) or a ``date`` (mode ``"date"``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from retro.domain.time_range import date_problem, time_problem

from .colours import ATTENTION
from .date_text import DATE_HINT, parse_field_date, parse_field_datetime
from .time_text import TIME_HINT, edit_text, local_time


class _Line(QLineEdit):
    """Reads its text when focus leaves, as well as on Return."""

    left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class DateTimeField(QWidget):
    """A typed date (``mode="date"``) or date-time in a zone (``mode="datetime"``)."""

    committed = Signal(object)

    def __init__(self, name: str, mode: str = "datetime", parent: QWidget | None = None,
                 *, inline_problem: bool = True) -> None:
        super().__init__(parent)
        self.mode = mode
        self._zone = "UTC"
        self._value: datetime | date | None = None
        self._reference: date | None = None
        self.line = _Line()
        self.line.setAccessibleName(name)
        self.line.setPlaceholderText("2026-11-14" if mode == "date" else "2026-11-14 18:05")
        self.line.setToolTip(DATE_HINT if mode == "date" else f"{TIME_HINT}; add a zone like Europe/Berlin")
        self.line.returnPressed.connect(self.read)
        self.line.left.connect(self.read)
        self.suggestions = QStringListModel(self)
        completer = QCompleter(self.suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        self.line.setCompleter(completer)
        self.calendar_button = QToolButton()
        self.calendar_button.setText("▾")
        self.calendar_button.setAccessibleName(f"Pick the {name.lower()} on a calendar")
        self.calendar_button.setToolTip("Pick a date on a calendar")
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.calendar_button)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.calendar_button.setMenu(menu)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(f"color: {ATTENTION};")
        self.problem.setAccessibleName(f"Problem with the {name.lower()}")
        self.problem.hide()
        self._inline_problem = inline_problem
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line, 1)
        row.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.setFocusProxy(self.line)

    # -- what is stored ---------------------------------------------------------------------

    def set_value(self, value: datetime | date | None, zone: str = "UTC", reference: date | None = None) -> None:
        """Show the stored ``value`` (in ``zone``); text being typed or refused stays."""
        self._zone, self._reference = zone, reference
        unsaved = self.line.text() != self._text(self._value) or self.problem.isVisible()
        self._value = value
        if not (unsaved and self.line.hasFocus()):
            self.show_saved()
        self._suggest()

    def value(self) -> datetime | date | None:
        return self._value

    def show_saved(self) -> None:
        self.line.setText(self._text(self._value))
        self._set_problem("")

    def _text(self, value: datetime | date | None) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            return edit_text(value, self._zone)
        return value.isoformat()

    def _today(self) -> date:
        return self._reference or datetime.now(UTC).date()

    def _suggest(self) -> None:
        if self.mode == "date":
            words = ["today", "tomorrow", "in 1 week", "in 2 weeks", "in 30 days"]
        else:
            day = self._reference or (local_time(self._value, self._zone).date()
                                      if isinstance(self._value, datetime) else None)
            words = [f"{day.isoformat()} "] if day else []
        self.suggestions.setStringList(words)

    # -- reading what was typed ---------------------------------------------------------------

    def parse(self, text: str) -> datetime | date | None:
        """What ``text`` means; raises ValueError with the reason."""
        if self.mode == "date":
            day = parse_field_date(text, self._today())
            if day is not None and date_problem(day):
                raise ValueError(date_problem(day))
            return day
        if not text.strip():
            return None
        reference = (local_time(self._value, self._zone).date() if isinstance(self._value, datetime)
                     else self._today())
        when = parse_field_datetime(text, self._zone, reference)
        if time_problem(when):
            raise ValueError(time_problem(when))
        return when

    def read(self) -> bool:
        """Read the text: a new value is committed, bad text is refused inline (nothing changes)."""
        text = self.line.text()
        if text == self._text(self._value) and not self.problem.isVisible():
            return True
        try:
            value = self.parse(text)
        except ValueError as problem:
            self.refuse(str(problem))
            return False
        self._set_problem("")
        if value != self._value:
            self._value = value
            self.line.setText(self._text(value))
            self.committed.emit(value)
        else:
            self.line.setText(self._text(value))
        return True

    def refuse(self, message: str) -> None:
        """Say why the text was refused: inline, or (in a table cell) in the tooltip and to the caller."""
        self._set_problem(message)

    def _set_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.line.setToolTip(message or (DATE_HINT if self.mode == "date" else TIME_HINT))
        if self._inline_problem:
            self.problem.setVisible(bool(message))
        self.line.setProperty("refused", bool(message))
        self.line.setStyleSheet(f"border: 1px solid {ATTENTION};" if message else "")

    def _picked(self, day: QDate) -> None:
        self.calendar_button.menu().hide()
        picked = date(day.year(), day.month(), day.day())
        if self.mode == "date":
            self.line.setText(picked.isoformat())
        else:
            current = local_time(self._value, self._zone) if isinstance(self._value, datetime) else None
            clock = f"{current:%H:%M}" if current else "00:00"
            self.line.setText(f"{picked.isoformat()} {clock}")
        self.read()
