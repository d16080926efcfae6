"""Writing a file so that its destination holds either the whole new file or nothing new.

The one atomic writer of the app: JSON exports (here) and reports (:mod:`retro.report.atomic`)
both use :func:`write_file_atomically`. The bytes go to a temporary file in the destination
folder (with the permissions any saved file gets, not :func:`tempfile.mkstemp`'s owner-only
ones), are flushed to disk (fsync) and moved over the destination with :func:`os.replace`, which
keeps the old file's permissions; then the folder is synced so the rename survives a power cut.
On any failure the temporary file is removed and the caller's error names the path and the reason.

Only regular files are written. A device (``/dev/full``), a FIFO, a socket or a folder at the
destination is refused with what it is, never replaced by a file. A symlink is followed: the file
it points to is replaced (atomically, in *that* file's folder) and the link stays a link, as
editors do when saving; a link to anything but a regular file (or to nowhere in a missing
folder) is refused like the thing itself.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from ..domain.errors import RetroError

#: Builds the caller's error from the destination and the reason, in a person's words.
Failure = Callable[[Path, str], RetroError]


class ExportError(RetroError):
    """A file could not be written; the message names the path and the reason."""


def write_bytes_atomically(path: Path, data: bytes) -> Path:
    """Write an export to ``path`` atomically; raise :class:`ExportError` naming it when that fails."""
    return write_file_atomically(path, data, lambda where, why: ExportError(f"Cannot write {where}: {why}."))


def write_text_atomically(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically (see :func:`write_bytes_atomically`)."""
    return write_bytes_atomically(path, text.encode("utf-8"))


def write_file_atomically(path: Path, data: bytes, failure: Failure) -> Path:
    """Write ``data`` to ``path`` atomically; return the absolute path written.

    Raises ``failure(path, reason)`` when the file cannot be written; nothing new is left behind.
    """
    path = Path(path).expanduser().absolute()
    asked = path
    if path.is_symlink():
        try:
            path = path.resolve(strict=False)
        except (OSError, RuntimeError):  # a loop of links
            raise failure(asked, "it is a symbolic link that leads nowhere (a loop); remove it or choose another name") from None
    folder = path.parent
    kind = _not_a_regular_file(path)
    if kind:
        shown = asked if asked == path else f"{asked} (a link to {path})"
        raise failure(Path(shown), f"that is {kind}, not a regular file; give a file name")
    if not folder.is_dir():
        raise failure(path, f"the folder {folder} does not exist")
    temp_name = ""
    try:
        fd, temp_name = create_temporary(folder, path.name)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():  # keep the permissions the old file had
            os.chmod(temp_name, stat.S_IMODE(path.stat().st_mode))
        os.replace(temp_name, path)
        temp_name = ""
        _sync_folder(folder)
    except OSError as exc:
        raise failure(path, _reason(exc)) from exc
    finally:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    return path


def _not_a_regular_file(path: Path) -> str:
    """What ``path`` is when it exists and is not a regular file ("" otherwise)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return ""
    except OSError:
        return ""  # the write itself will say why (permission denied, …)
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def create_temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new, exclusive temporary file next to the destination, with the usual permissions.

    (Unlike :func:`tempfile.mkstemp`, whose files are private to the owner, the mode here is
    ``0o666`` less the umask, like any file the person saves.)
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        candidate = folder / f".{name}.{secrets.token_hex(4)}.part"
        try:
            return os.open(candidate, flags, 0o666), str(candidate)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "could not create a temporary file", str(folder))


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
