"""Editors that commit one undo step per field edit, not per keystroke.

Text commits when the person leaves the field (or presses Enter / Ctrl+Enter); a time commits
when its editor loses focus. ``set_value`` refreshes a field from the document without emitting,
and leaves a field alone while it holds unsaved text: being typed in, or refused by the store
(the typed text stays so the person can fix it). The stage calls ``show_saved`` once the store
took the text (or to put the stored text back on purpose); only then is it the field's saved value.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from retro.domain.time_range import in_zone
from ui.widgets.commit_edit import CommitOnLeaveEdit
from ui.widgets.datetime_field import DateTimeField
from ui.widgets.wording import attach_line_wording


class SavedText:
    """What a text field knows of the stored value: shown, kept while unsaved text is in the field.

    Mixed into a text widget (before it in the bases), which says how its text is read and shown.
    """

    _value: str | None

    def _shown_text(self) -> str:
        raise NotImplementedError

    def _show_text(self, text: str) -> None:
        raise NotImplementedError

    def has_unsaved_text(self) -> bool:
        """True while the field shows text the store has not taken (being typed, or refused)."""
        return self._shown_text() != self._value

    def keep_as_unsaved(self) -> None:
        """The store refused what this field shows: keep it as unsaved text (nothing typed is lost)."""
        self._value = None

    def set_value(self, text: str) -> None:
        """The document's value ``text``: shown, unless the field holds unsaved text, which stays."""
        unsaved = self.has_unsaved_text()
        self._value = text
        if not unsaved:
            self.show_saved(text)

    def show_saved(self, text: str) -> None:
        """Show ``text`` as what is stored, replacing whatever the field holds."""
        self._value = text
        if self._shown_text() != text:
            self._show_text(text)


class CommitLineEdit(SavedText, QLineEdit):
    """A line edit that emits :attr:`committed` once per finished edit that changed the text."""

    committed = Signal(str)

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._value: str | None = ""
        self.editingFinished.connect(self._finish)
        attach_line_wording(self)

    def _shown_text(self) -> str:
        return self.text()

    def _show_text(self, text: str) -> None:
        self.setText(text)
        if not self.hasFocus():  # a long title reads from its start, not its end
            self.setCursorPosition(0)

    def show_saved(self, text: str) -> None:
        super().show_saved(text)
        self.setModified(False)

    def _finish(self) -> None:
        text = self.text()
        if text != self._value:
            self.committed.emit(text)  # the saved value moves only when the stage says it was stored


class CommitTextEdit(SavedText, CommitOnLeaveEdit):
    """Multi-line text that commits on focus-out or Ctrl+Enter, as one undo step."""

    committed = Signal(str)

    def __init__(self, accessible_name: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(accessible_name, placeholder, parent, ctrl_enter=True)
        self._value: str | None = ""
        self.left.connect(self.commit)
        self.submitted.connect(self.commit)

    def _shown_text(self) -> str:
        return self.toPlainText()

    def _show_text(self, text: str) -> None:
        self.setPlainText(text)

    def commit(self) -> None:
        """Offer the text to the stage when it differs from the saved value (Ctrl+Enter, focus-out)."""
        text = self.toPlainText()
        if text != self._value:
            self.committed.emit(text)  # the saved value moves only when the stage says it was stored


@cache
def all_timezones() -> tuple[str, ...]:
    """Every IANA zone name, sorted, UTC first."""
    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return ("UTC", *zones)


class TimezoneCombo(QComboBox):
    """An IANA time zone, searchable by any part of its name ("berl" finds Europe/Berlin)."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Incident time zone")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(list(all_timezones()))
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self._value = "UTC"
        self.activated.connect(lambda _i: self._finish())
        self.lineEdit().editingFinished.connect(self._finish)

    def set_value(self, zone: str) -> None:
        self._value = zone
        if self.findText(zone) < 0:
            self.addItem(zone)
        self.setCurrentText(zone)

    def _finish(self) -> None:
        zone = self.currentText().strip()
        if zone == self._value:
            return
        if self.findText(zone, Qt.MatchFlag.MatchFixedString) < 0:
            self.setCurrentText(self._value)  # not a zone we know: put the stored one back
            return
        zone = self.itemText(self.findText(zone, Qt.MatchFlag.MatchFixedString))
        self._value = zone
        self.committed.emit(zone)


def to_wall_clock(when: datetime, zone: str) -> QDateTime:
    """``when`` as the wall-clock time in ``zone``, held in a UTC QDateTime (immune to this machine's zone)."""
    local = in_zone(when, ZoneInfo(zone))
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute),
                     QTimeZone.utc())


def from_wall_clock(value: QDateTime, zone: str) -> datetime:
    """The UTC instant of the wall-clock time ``value`` in ``zone``."""
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=ZoneInfo(zone)).astimezone(UTC)


class LifecycleTimeEdit(QWidget):
    """A lifecycle time in the incident's zone, typed (``2018-02-01 18:14``) or "Not set".

    The text is read with the app's own parser: a typed year, date or zone sticks, and text that
    cannot be read is refused inline with the reason. Set fills in a suggestion; Clear (or an
    emptied field) unsets the time.
    """

    #: The new UTC time, or None when cleared.
    committed = Signal(object)

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = "UTC"
        self._value: datetime | None = None
        self.field = DateTimeField(f"{label} time", "datetime")
        self.field.line.setPlaceholderText("Not set")
        self.field.setMinimumWidth(150)
        self.field.committed.connect(self._typed)
        self.edit = self.field.line
        self.toggle = QToolButton()
        self.toggle.setAccessibleName(f"Set or clear the {label.lower()} time")
        self.toggle.clicked.connect(self._toggle)
        self.toggle.setMinimumWidth(64)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        self._label = label
        self._suggest: datetime | None = None
        self._show()

    def set_value(self, value: datetime | None, zone: str, suggestion: datetime | None = None) -> None:
        """Show ``value`` in ``zone``; ``suggestion`` is what Set fills in (e.g. the previous time)."""
        self._zone, self._suggest = zone, suggestion
        self._value = value
        reference = in_zone(suggestion, ZoneInfo(zone)).date() if suggestion else None
        self.field.set_value(value, zone, reference)
        self._show()

    def value(self) -> datetime | None:
        return self._value

    def _show(self) -> None:
        if self._value is None:
            self.toggle.setText("Set")
            self.toggle.setToolTip(f"Set the {self._label.lower()} time")
        else:
            self.toggle.setText("Clear")
            self.toggle.setToolTip(f"Clear the {self._label.lower()} time")

    def _typed(self, value: object) -> None:
        assert value is None or isinstance(value, datetime)
        self._value = value
        self._show()
        self.committed.emit(value)

    def _toggle(self) -> None:
        if self._value is None:
            start = self._suggest or datetime.now(UTC).replace(second=0, microsecond=0)
            self._value = start
            self.field.set_value(start, self._zone)
            self.field.show_saved()
            self._show()
            self.committed.emit(start)
            self.edit.setFocus()
        else:
            self._value = None
            self.field.set_value(None, self._zone)
            self.field.show_saved()
            self._show()
            self.committed.emit(None)
