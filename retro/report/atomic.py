"""Write a report so that the destination holds either the whole new file or nothing new.

The writing itself is the app's one atomic writer, :func:`retro.io.files.write_file_atomically`;
here a failure becomes a :class:`ReportError` saying what went wrong and where.
"""

from __future__ import annotations

from pathlib import Path

from ..io.files import write_file_atomically
from .errors import ReportError


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; return the absolute path written."""
    return write_file_atomically(path, data, _report_error)


def _report_error(path: Path, reason: str) -> ReportError:
    return ReportError(f"Cannot write the report to {path}: {reason}.")
