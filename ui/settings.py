"""Every piece of remembered UI state, declared in one place (QSettings; never retro data).

Window geometry, splitter positions, recent databases, the projector choice and the stage time
boxes live here. Retro content never does: it is in the database. Under tests
(``RETRO_TESTING`` set) settings go to a throw-away INI file so a developer's own are untouched.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from retro.domain import Stage

from .theme import ThemeMode

ORGANISATION = "Blameless Retro"
APPLICATION = "Blameless Retro"

#: The default 60-minute agenda: minutes per stage.
DEFAULT_TIME_BOXES: dict[Stage, int] = {
    Stage.SETUP: 3,
    Stage.GROUND_RULES: 2,
    Stage.TIMELINE: 15,
    Stage.FACTORS: 15,
    Stage.ACCOUNTABILITY: 10,
    Stage.ACTIONS: 10,
    Stage.REVIEW: 5,
}

MAX_RECENT = 8


def _settings() -> QSettings:
    if os.environ.get("RETRO_TESTING"):
        path = os.environ.setdefault(
            "RETRO_TEST_SETTINGS", os.path.join(tempfile.mkdtemp(prefix="retro-settings-"), "ui.ini")
        )
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


class UiSettings:
    """Typed access to the remembered UI state."""

    def __init__(self) -> None:
        self._s = _settings()

    # geometry and splitters (opaque blobs from saveGeometry / saveState)
    def geometry(self, name: str) -> QByteArray | None:
        value = self._s.value(f"geometry/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, name: str, blob: QByteArray) -> None:
        self._s.setValue(f"geometry/{name}", blob)

    # recent databases, most recent first
    def recent_databases(self) -> list[str]:
        value: Any = self._s.value("databases/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent_database(self, url: str) -> None:
        recent = [url, *[u for u in self.recent_databases() if u != url]][:MAX_RECENT]
        self._s.setValue("databases/recent", recent)

    # per-stage time boxes, in minutes
    def time_box(self, stage: Stage) -> int:
        value = self._s.value(f"agenda/{stage.value}", DEFAULT_TIME_BOXES[stage])
        try:
            return max(0, int(value))
        except (TypeError, ValueError):
            return DEFAULT_TIME_BOXES[stage]

    def set_time_box(self, stage: Stage, minutes: int) -> None:
        self._s.setValue(f"agenda/{stage.value}", int(minutes))

    # View ▸ Theme: system, light or dark
    def theme_mode(self) -> ThemeMode:
        try:
            return ThemeMode(str(self._s.value("view/theme", ThemeMode.SYSTEM.value)))
        except ValueError:
            return ThemeMode.SYSTEM

    def set_theme_mode(self, mode: ThemeMode) -> None:
        self._s.setValue("view/theme", mode.value)

    # misc flags
    def flag(self, name: str, default: bool = False) -> bool:
        value = self._s.value(f"flags/{name}", default)
        return value in (True, "true", "1", 1)

    def set_flag(self, name: str, value: bool) -> None:
        self._s.setValue(f"flags/{name}", bool(value))

    def sync(self) -> None:
        self._s.sync()
