"""Where the app's bundled resources (fonts, icons, report assets) live on disk.

Resources are loaded by path. In a source checkout they sit in ``<repo>/resources``; installed
from a wheel, in ``retro/_resources`` (see setup.py); in a frozen build (PyInstaller and friends) they sit next to the executable or in the unpacked
bundle (``sys._MEIPASS``). ``RETRO_RESOURCES`` overrides both, which tests and packagers use.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resource_root() -> Path:
    """The folder holding the ``resources`` tree (the first candidate that exists)."""
    override = os.environ.get("RETRO_RESOURCES")
    if override:
        return Path(override)
    candidates: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    if getattr(sys, "frozen", False):
        candidates.append(Path(sys.executable).resolve().parent / "resources")
    here = Path(__file__).resolve().parent
    candidates.append(here / "_resources")  # installed from a wheel (setup.py maps resources/ there)
    candidates.append(here.parent / "resources")  # a source checkout or an editable install
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def resource_path(*parts: str) -> Path:
    """The path of a bundled resource, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``.

    The path is returned whether or not the file exists; callers say what is missing.
    """
    return resource_root().joinpath(*parts)
