"""A coloured, word-wrapped message strip: warnings, refusals, the private-notes marking."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from ..theme import is_dark, theme_signals


class Tone(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    PRIVATE = "private"


_STYLES = {
    Tone.INFO: ("#e8f1fb", "#1d4f86", "#9dbfe6"),
    Tone.WARNING: ("#fff4d6", "#6b4a00", "#e8c15a"),
    Tone.ERROR: ("#fde7e7", "#8a1c1c", "#e79a9a"),
    Tone.PRIVATE: ("#f1e9fb", "#4b2a7a", "#b99be0"),
}

#: The same tones on the dark palette: a deep ground, light text, a border in the tone's colour.
_DARK_STYLES = {
    Tone.INFO: ("#1A2B3F", "#BFD9F7", "#3F6EA3"),
    Tone.WARNING: ("#3A2E0F", "#FFE2A0", "#9C7A25"),
    Tone.ERROR: ("#3D1A1A", "#FFC4C4", "#A84848"),
    Tone.PRIVATE: ("#2C2240", "#DCCBFA", "#7E63B5"),
}

_ICONS = {Tone.INFO: "ℹ", Tone.WARNING: "⚠", Tone.ERROR: "✖", Tone.PRIVATE: "⊘"}


class Banner(QFrame):
    """A message strip; hidden while it has no text."""

    def __init__(self, tone: Tone = Tone.INFO, text: str = "", *, name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self._tone = tone
        self._icon = QLabel()
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._label = QLabel()
        self._label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what people typed
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self._icon)
        layout.addWidget(self._label, 1)
        self.setAccessibleName(name or f"{tone.value.capitalize()} message")
        self._styled = False  # a banner with no text is hidden: styled when it first shows one
        theme_signals().changed.connect(self._theme_changed)
        self.set_tone(tone)
        if text:  # shows with the layout it is put in: never on its own, as a window, before that
            self._style()
            self._set_text(text)
        else:
            self.hide()

    def _theme_changed(self, _dark: bool) -> None:
        self.set_tone(self._tone)

    def set_tone(self, tone: Tone) -> None:
        self._tone = tone
        self._icon.setText(_ICONS[tone])
        self._styled = False
        if self._label.text():
            self._style()

    def _style(self) -> None:
        """The tone's colours on the theme's palette (a style sheet: a few milliseconds per stage's banners,
        so not for the hidden ones a stage builds and may never show)."""
        if self._styled:
            return
        self._styled = True
        background, foreground, border = (_DARK_STYLES if is_dark() else _STYLES)[self._tone]
        self.setStyleSheet(
            f"QFrame#banner {{ background: {background}; border: 1px solid {border}; border-radius: 4px; }}"
            f"QFrame#banner QLabel {{ color: {foreground}; background: transparent; border: none; }}"
        )

    def text(self) -> str:
        return self._label.text()

    def show_text(self, text: str) -> None:
        """Show ``text`` (plain text); an empty text hides the banner."""
        if text:
            self._style()
        self._set_text(text)
        self.setVisible(bool(text))

    def _set_text(self, text: str) -> None:
        self._label.setText(text)
        self._label.setAccessibleDescription(text)
        self.setAccessibleDescription(text)
