"""Writing files so that a reader never sees half of one: temp file, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ..domain.errors import RetroError


class ExportError(RetroError):
    """A file could not be written; the message names the path and the reason."""


def write_bytes_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder; all or nothing."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc} (folder {folder})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def write_text_atomically(path: Path, text: str) -> Path:
    return write_bytes_atomically(path, text.encode("utf-8"))
