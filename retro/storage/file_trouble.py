"""What SQLite's terse errors about the library file mean, in a person's words, and what to do.

SQLite says "disk I/O error" when the disk is full at open, and "unable to open database file"
when the folder is read-only; neither tells a facilitator why. :func:`explain` looks at the disk
and the folder and says which it is.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

#: Less free space than this on the library's disk is "full" (SQLite needs room for its journal).
NEARLY_FULL_BYTES = 1024 * 1024

_DISK_WORDS = ("disk i/o error", "database or disk is full", "no space left")
_ACCESS_WORDS = ("unable to open database file", "readonly database", "read-only", "permission denied",
                 "attempt to write a readonly")


def explain(path: Path, exc: BaseException) -> str:
    """A sentence saying why ``path`` cannot be opened or written, or "" when nothing specific is known."""
    text = str(exc).lower()
    code = getattr(exc, "errno", None)
    folder = path.parent
    if code == errno.ENOSPC or any(w in text for w in _DISK_WORDS) or _nearly_full(folder):
        if code == errno.ENOSPC or _nearly_full(folder) or "full" in text:
            return (f"The disk holding {folder} is full ({_free(folder)} free), so the library {path.name} "
                    "cannot be written. Free some space (or choose a library on another disk with --db) and try again.")
        return (f"The disk holding {path} reported an I/O error. The disk may be failing or was removed; "
                "check it, and restore the library from a backup copy if it does not open again.")
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or any(w in text for w in _ACCESS_WORDS):
        if not folder.exists():
            return f"The folder {folder} does not exist and cannot be created; choose another place for the library with --db."
        if path.exists() and not os.access(path, os.R_OK):
            return f"You are not allowed to read {path}; check its permissions (it should be yours, mode 600)."
        if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            return (f"The folder {folder} is read-only for you, so the library {path.name} cannot be created or "
                    "changed there. Choose a folder you can write to (--db or RETRO_DB), or fix its permissions.")
    return ""


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def _free(folder: Path) -> str:
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return "no space"
    return f"{free / 1024:.0f} KB" if free < 10 * 1024 * 1024 else f"{free / 2**20:.0f} MB"
