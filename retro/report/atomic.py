"""Write a report so that the destination holds either the whole new file or nothing new.

The bytes go to a temporary file in the destination folder, are flushed to disk (fsync) and then
moved over the destination with :func:`os.replace`. On any failure the temporary file is removed
and :class:`ReportError` says what went wrong and where.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from .errors import ReportError


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; return the absolute path written."""
    path = Path(path).expanduser().absolute()
    folder = path.parent
    if path.is_dir():
        raise ReportError(f"Cannot write the report to {path}: that is a folder; give a file name.")
    if not folder.is_dir():
        raise ReportError(f"Cannot write the report to {path}: the folder {folder} does not exist.")
    temp_name = ""
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
        temp_name = ""
        _sync_folder(folder)
    except OSError as exc:
        raise ReportError(f"Cannot write the report to {path}: {_reason(exc)}.") from exc
    finally:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    return path


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied (choose a folder you can write to)"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    return exc.strerror or str(exc)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
