"""Paths and loaders for the app's bundled resources (styles, icons, fonts) under ``resources/``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from retro.resources import resource_path


def style_path(name: str) -> Path:
    """``resources/styles/<name>``."""
    return resource_path("styles", name)


def icon_path(name: str) -> Path:
    """``resources/icons/<name>.svg``."""
    return resource_path("icons", f"{name}.svg")


def read_style(name: str) -> str:
    """The text of a stylesheet, or "" when it is missing (the app still works unstyled)."""
    try:
        return style_path(name).read_text(encoding="utf-8")
    except OSError:
        return ""


@cache
def icon(name: str) -> QIcon:
    """A bundled SVG icon; an empty icon when the file is missing."""
    path = icon_path(name)
    return QIcon(str(path)) if path.is_file() else QIcon()
