"""Colours and styles: the app's light/dark palette, the projector's high-contrast theme, factor colours.

The app uses the Fusion style with a light or dark palette, plus ``resources/styles/app.qss`` for
the few touches a palette cannot express. View ▸ Theme chooses System (follow the desktop's
scheme, live), Light or Dark; the choice is remembered (``UiSettings.theme_mode``). Widgets that
draw their own colours (the factor canvas, its legend, the message banners) follow
:func:`theme_signals` ``.changed``. The projector window
uses ``resources/styles/projector.qss``: white and yellow on near-black, sized for the back row.
"""

from __future__ import annotations

import re
from enum import StrEnum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from retro.domain import Severity
from retro.services import ReportState

from .resources_path import read_style

SEVERITY_COLOURS: dict[Severity, str] = {
    Severity.SEV1: "#B3261E",
    Severity.SEV2: "#C25E00",
    Severity.SEV3: "#8A6D00",
    Severity.SEV4: "#3A6EA5",
}

#: Text colours for report states, readable on light and dark backgrounds alike.
REPORT_STATE_COLOURS: dict[ReportState, str] = {
    ReportState.OVERDUE: "#D0342C",
    ReportState.DUE: "#C77800",
    ReportState.DONE: "#2E9E5B",
}

PROJECTOR_BACKGROUND = "#0B0B0B"
PROJECTOR_TEXT = "#FFFFFF"
PROJECTOR_ACCENT = "#FFD400"
PROJECTOR_MUTED = "#C8C8C8"
PROJECTOR_OVERTIME = "#FF6B5E"


def system_prefers_dark() -> bool:
    """Does the desktop ask for a dark scheme?"""
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    """Fusion's colours for a dark desktop."""
    p = QPalette()
    window, base, text = QColor("#202226"), QColor("#17181B"), QColor("#E8E8EA")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#232529"),
        QPalette.ColorRole.ToolTipBase: QColor("#2B2D31"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#9A9CA3"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#2B2D31"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#FF6B5E"),
        QPalette.ColorRole.Highlight: QColor("#3D7BE0"),
        QPalette.ColorRole.HighlightedText: QColor("#FFFFFF"),
        QPalette.ColorRole.Link: QColor("#7FB0FF"),
        QPalette.ColorRole.Mid: QColor("#3A3C42"),
        QPalette.ColorRole.Midlight: QColor("#34363B"),
        QPalette.ColorRole.Dark: QColor("#111214"),
        QPalette.ColorRole.Shadow: QColor("#000000"),
        QPalette.ColorRole.Light: QColor("#45474D"),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    disabled = QColor("#7C7E85")
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def light_palette() -> QPalette:
    """Fusion's standard light palette with a clearer highlight."""
    p = QApplication.style().standardPalette() if QApplication.instance() else QPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2F6FDE"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#F4F6F9"))
    return p


class ThemeMode(StrEnum):
    """What View ▸ Theme offers."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        return {"system": "&System", "light": "&Light", "dark": "&Dark"}[self.value]


class ThemeSignals(QObject):
    """Tells the widgets that paint their own colours that the theme changed (True: now dark)."""

    changed = Signal(bool)


def theme_signals() -> ThemeSignals:
    """The one :class:`ThemeSignals` of the running application."""
    app = QApplication.instance()
    found = app.findChild(ThemeSignals, "retroThemeSignals") if app is not None else None
    if found is None:
        found = ThemeSignals(app)
        found.setObjectName("retroThemeSignals")
    return found


def apply_app_theme(app: QApplication, *, dark: bool | None = None) -> None:
    """Fusion, a light or dark palette (the system's choice unless ``dark`` says), and app.qss."""
    app.setStyle("Fusion")
    if dark is None:
        dark = system_prefers_dark()
    was = app.property("retroDark")
    app.setPalette(dark_palette() if dark else light_palette())
    app.setStyleSheet(read_style("app.qss"))
    app.setProperty("retroDark", dark)
    if was is not None and bool(was) != dark:
        theme_signals().changed.emit(dark)


def theme_mode() -> ThemeMode:
    """The theme chosen in View ▸ Theme for this run (System until one is applied)."""
    app = QApplication.instance()
    value = app.property("retroThemeMode") if app is not None else None
    try:
        return ThemeMode(str(value))
    except ValueError:
        return ThemeMode.SYSTEM


def apply_theme_mode(app: QApplication, mode: ThemeMode) -> None:
    """Use ``mode`` now: every window changes at once, the canvas and banners included."""
    app.setProperty("retroThemeMode", mode.value)
    apply_app_theme(app, dark=None if mode is ThemeMode.SYSTEM else mode is ThemeMode.DARK)


def follow_system_scheme(app: QApplication) -> None:
    """The desktop changed its scheme: follow it while the theme is System."""
    if theme_mode() is ThemeMode.SYSTEM:
        apply_app_theme(app)


def is_dark() -> bool:
    """Is the app currently using the dark palette?"""
    app = QApplication.instance()
    return bool(app and app.property("retroDark"))


#: The projector's body text is the window's height divided by this (24 px at 720 lines) ...
PROJECTOR_LINES = 30
#: ... or its width divided by this, whichever is smaller (24 px on a 1024-pixel-wide screen).
PROJECTOR_COLUMNS = 42
#: Never smaller than this, however small the window is made.
PROJECTOR_MIN_TEXT = 12


def projector_text_pixels(width: int, height: int) -> int:
    """The projector's body text size, in pixels, for a window of ``width`` × ``height``.

    The room reads the projector from a fixed distance, so its text is a share of the picture,
    not a number of points: 24 px at 1280×720 and 1024×768, 36 px at 1920×1080, 72 px at 4K.
    """
    return max(PROJECTOR_MIN_TEXT, round(min(height / PROJECTOR_LINES, width / PROJECTOR_COLUMNS)))


def projector_stylesheet(text_pixels: int = 24) -> str:
    """The projector's style sheet with every size worked out from the body text size.

    ``${x150}`` in ``projector.qss`` is one and a half times ``text_pixels``, and so on.
    """
    return re.sub(r"\$\{x(\d+)\}", lambda m: str(round(text_pixels * int(m.group(1)) / 100)),
                  read_style("projector.qss"))
