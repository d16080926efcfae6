"""What this copy of Blameless Retro is made of: its version, its libraries', its bundled fonts.

Shown by Help ▸ About and ``retro --version``, and written at the top of every crash report.
No Qt here: the app adds Qt's own version (:func:`component_versions` takes extra pairs).
"""

from __future__ import annotations

import argparse
import contextlib
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .resources import resource_path

#: (what the person reads, the distribution on PyPI, the module to ask when metadata is missing)
LIBRARIES: tuple[tuple[str, str, str], ...] = (
    ("PySide6", "PySide6", "PySide6"),
    ("SQLAlchemy", "SQLAlchemy", "sqlalchemy"),
    ("Alembic", "alembic", "alembic"),
    ("reportlab", "reportlab", "reportlab"),
    ("networkx", "networkx", "networkx"),
    ("psycopg", "psycopg", "psycopg"),
    ("platformdirs", "platformdirs", "platformdirs"),
    ("anyascii", "anyascii", "anyascii"),
    ("icalendar", "icalendar", "icalendar"),
    ("RapidFuzz", "rapidfuzz", "rapidfuzz"),
    ("uharfbuzz", "uharfbuzz", "uharfbuzz"),
    ("arabic-reshaper", "arabic-reshaper", "arabic_reshaper"),
)

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


def library_version(distribution: str, module: str = "") -> str:
    """The installed version of ``distribution`` ("not installed" when it is absent).

    Reads the package metadata (a frozen build ships it); falls back to the module's
    ``__version__`` without importing anything heavy when the metadata is missing.
    """
    from importlib import metadata  # ~13 ms (it brings the email package): only when asked

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        pass
    loaded = sys.modules.get(module or distribution)
    version = getattr(loaded, "__version__", None) or getattr(loaded, "Version", None)
    return str(version) if version else "not installed"


def component_versions(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    """(name, version) for the app, Python, the platform and each library, plus ``extra``."""
    frozen = " (frozen build)" if getattr(sys, "frozen", False) else ""
    rows = [
        ("Blameless Retro", __version__ + frozen),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("Platform", platform.platform(terse=True)),
    ]
    rows.extend(extra)
    rows.extend((label, library_version(dist, module)) for label, dist, module in LIBRARIES)
    return rows


def version_text(*extra: tuple[str, str]) -> str:
    """``retro --version``: the app's version on the first line, then one component per line."""
    rows = component_versions(*extra)
    width = max(len(name) for name, _ in rows)
    lines = [f"retro {__version__}"]
    lines.extend(f"  {name:<{width}}  {version}" for name, version in rows[1:])
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class BundledFont:
    """A font file under ``resources/fonts`` and the licence file(s) that cover it."""

    file: str
    licences: tuple[str, ...]


def bundled_fonts(folder: Path | None = None) -> list[BundledFont]:
    """Every font file shipped with the app, each with the licence files that name its family.

    A licence file (``LICENSE*``, ``OFL*``, ``COPYING*``) covers the fonts whose file name starts
    with the part of its name after ``LICENSE-`` (``LICENSE-DejaVu.txt`` → ``DejaVu*``); a licence
    naming no family covers every font no other licence covers.
    """
    folder = folder or resource_path("fonts")
    try:
        files = sorted(p.name for p in folder.iterdir() if p.is_file())
    except OSError:
        return []
    licences = [f for f in files if f.upper().startswith(("LICENSE", "LICENCE", "OFL", "COPYING"))]
    fonts = [f for f in files if f.lower().endswith(FONT_SUFFIXES)]

    def family(licence: str) -> str:
        stem = Path(licence).stem
        for prefix in ("LICENSE", "LICENCE", "OFL", "COPYING"):
            if stem.upper().startswith(prefix):
                stem = stem[len(prefix):]
                break
        return stem.strip("-_ .").lower()

    result = []
    for font in fonts:
        named = tuple(lic for lic in licences if family(lic) and font.lower().startswith(family(lic)))
        general = tuple(lic for lic in licences if not family(lic))
        result.append(BundledFont(font, named or general))
    return result


class VersionAction(argparse.Action):
    """``retro --version``: the version, then each component's, one per line (argparse would rewrap them)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the version of the app and of the libraries it runs on, then exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        with contextlib.suppress(BrokenPipeError):  # `retro --version | head -1`
            print(version_text())
        parser.exit()
