"""The app's log: configured once, a rotating file in the platform's log folder, native crashes too.

``configure(level)`` (called by the ``retro`` launcher for the app and the CLI alike) sends every
record at ``level`` or above to ``retro.log`` in the user's log folder (``platformdirs``:
``~/.local/state/blameless-retro/log`` on Linux, ``~/Library/Logs/blameless-retro`` on macOS,
``%LOCALAPPDATA%\\blameless-retro\\Logs`` on Windows; ``RETRO_LOG_DIR`` overrides it). The level
comes from ``--log-level``, else ``RETRO_LOG``, else INFO. The file rotates at 1 MB, keeping three
old ones. ``faulthandler`` writes a native crash (a segfault in Qt, say) to ``native-crash.log``
beside it. The folder is 0700 and the files 0600: a log names databases and retros.

Passwords never reach the file: every record passes :func:`mask_passwords` (a database URL's
password, ``password=`` parameters). No Qt here; the app's crash dialog lives in ``ui``.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import re
import sys
import threading
from pathlib import Path
from typing import IO, Any, NamedTuple

# Every ``retro`` command configures this first, so it imports only what writing the log needs:
# not logging.handlers (sockets, pickle, queues: ~10 ms), dataclasses (inspect) or tempfile.

APP_DIR_NAME = "blameless-retro"
LOG_FILE = "retro.log"
NATIVE_CRASH_FILE = "native-crash.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
FORMAT = "%(asctime)s %(levelname)-8s %(process)d %(threadName)s %(name)s: %(message)s"

#: ``scheme://user:password@`` — the password runs to the last ``@`` before the host's path.
_URL_PASSWORD = r"(?P<head>\b[a-zA-Z][\w+.-]*://[^\s:/@?#]*):(?P<pw>[^\s@/]*(?:@[^\s@/]*)*)@(?=[^\s@/?]+)"
#: ``password=…`` / ``PGPASSWORD=…`` in a query string, a libpq DSN or an environment dump.
_PARAM_PASSWORD = r"(?P<key>\b(?:pg)?pass(?:word)?\s*[=:]\s*)(?P<pw>'[^']*'|\"[^\"]*\"|[^\s&;,'\"]+)"
_patterns: tuple[re.Pattern[str], re.Pattern[str]] | None = None


def mask_passwords(text: str) -> str:
    """``text`` with every password we can recognise replaced by ``***``.

    ``postgresql+psycopg://sam:s3cr3t@db/retro`` → ``postgresql+psycopg://sam:***@db/retro``;
    ``…?password=s3cr3t`` and ``password='s3cr3t'`` (libpq) → ``password=***``.
    """
    global _patterns
    if "://" not in text and "pass" not in text.casefold():  # neither pattern can match: most records
        return text
    if _patterns is None:  # compiled on the first record that may hold one, not at every start
        _patterns = re.compile(_URL_PASSWORD), re.compile(_PARAM_PASSWORD, re.IGNORECASE)
    url, param = _patterns
    text = url.sub(lambda m: f"{m.group('head')}:***@", text)
    return param.sub(lambda m: f"{m.group('key')}***", text)


# -- private folders and files --------------------------------------------------------------------

def private_folder(path: Path) -> Path:
    """``path`` as a folder only its owner can open (0700), created with its parents if missing."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        try:
            if path.stat().st_uid == os.getuid():
                path.chmod(0o700)
        except OSError:  # pragma: no cover - a folder we cannot chmod is still usable
            pass
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` (if missing) readable and writable by its owner only (0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(fd)
    if os.name == "posix":
        with contextlib.suppress(OSError):
            path.chmod(0o600)
    return path


# -- where the log is ------------------------------------------------------------------------------

def log_folder() -> Path:
    """The folder the log goes to: ``RETRO_LOG_DIR``, else the platform's user log folder.

    Under the tests (``RETRO_TESTING``) without ``RETRO_LOG_DIR``, a throw-away folder, so a
    developer's own log is untouched.
    """
    override = os.environ.get("RETRO_LOG_DIR", "").strip()
    if override:
        return Path(override).expanduser()
    if os.environ.get("RETRO_TESTING"):
        import tempfile

        return Path(tempfile.gettempdir()) / f"retro-test-logs-{os.getuid() if os.name == 'posix' else 0}"
    from platformdirs import user_log_path

    return user_log_path(APP_DIR_NAME, appauthor=False)


def level_from(value: str | None) -> int | None:
    """A level name (``debug``, ``INFO``…) or number as a logging level; None when it is not one."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip().upper()
    if text.isdigit():
        return int(text)
    if text == "WARN":
        text = "WARNING"
    return getattr(logging, text) if text in LEVELS else None


class LogSetup(NamedTuple):
    """Where this run logs, and at which level."""

    folder: Path
    file: Path | None
    native_crash_file: Path | None
    level: int
    problem: str = ""  # why the file could not be opened ("" when it was)


class _PrivateRotatingHandler(logging.FileHandler):
    """A log that rotates at ``max_bytes``, keeping ``backups`` old files, each of them 0600.

    What :class:`logging.handlers.RotatingFileHandler` does (``retro.log`` → ``retro.log.1`` …),
    without importing :mod:`logging.handlers` on every command's start.
    """

    def __init__(self, path: Path, *, max_bytes: int, backups: int) -> None:
        self.max_bytes, self.backups = max_bytes, backups
        super().__init__(path, mode="a", encoding="utf-8")

    def _open(self) -> IO[Any]:
        private_file(Path(self.baseFilename))
        return super()._open()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._should_roll_over(record):
                self._roll_over()
            super().emit(record)
        except Exception:  # as logging's own handlers do: a broken log never stops the app
            self.handleError(record)

    def _should_roll_over(self, record: logging.LogRecord) -> bool:
        base = self.baseFilename
        if self.max_bytes <= 0 or (os.path.exists(base) and not os.path.isfile(base)):  # a FIFO, /dev/null…
            return False
        stream: IO[Any] = self.stream if self.stream is not None else self._reopen()
        stream.seek(0, 2)  # as logging.handlers does: Windows may not start a file opened "a" at its end
        return stream.tell() + len(self.format(record)) + 1 >= self.max_bytes

    def _reopen(self) -> IO[Any]:
        stream = self._open()
        self.stream = stream  # type: ignore[assignment]  # typeshed: a TextIOWrapper; _open gives IO
        return stream

    def _roll_over(self) -> None:
        if self.stream:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        for i in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{i}"):
                os.replace(f"{base}.{i}", f"{base}.{i + 1}")
        if self.backups > 0 and os.path.exists(base):
            os.replace(base, f"{base}.1")
        self._reopen()


class _MaskPasswords(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_passwords(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class _MaskingFormatter(logging.Formatter):
    """Masks passwords in the whole formatted record, tracebacks included."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_passwords(super().format(record))


_lock = threading.Lock()
_setup: LogSetup | None = None
_native_stream: IO[str] | None = None
_faulthandler_before = False


def current() -> LogSetup | None:
    """What :func:`configure` set up, or None before it ran."""
    return _setup


def configure(level: str | int | None = None, *, stderr: bool | None = None) -> LogSetup:
    """Configure logging for this process once; later calls return the first set-up unchanged.

    ``level``: ``--log-level`` (a name or number), else ``RETRO_LOG``, else INFO. ``stderr``:
    also echo records to stderr (default: only when a level was asked for explicitly). When the
    log folder cannot be written, the run goes on without a file and ``problem`` says why.
    """
    global _setup, _native_stream, _faulthandler_before
    with _lock:
        if _setup is not None:
            return _setup
        _faulthandler_before = faulthandler.is_enabled()
        explicit = level_from(level) if isinstance(level, str) else level
        if explicit is None:
            explicit = level_from(os.environ.get("RETRO_LOG"))
        resolved = explicit if explicit is not None else logging.INFO
        root = logging.getLogger()
        root.setLevel(resolved)
        logging.getLogger("alembic.runtime.plugins").setLevel(max(resolved, logging.WARNING))  # start-up chatter
        folder = log_folder()
        file: Path | None = None
        native: Path | None = None
        problem = ""
        try:
            private_folder(folder)
            file = folder / LOG_FILE
            handler = _PrivateRotatingHandler(file, max_bytes=MAX_BYTES, backups=BACKUPS)
            handler.setFormatter(_MaskingFormatter(FORMAT))
            handler.addFilter(_MaskPasswords())
            handler.setLevel(resolved)
            root.addHandler(handler)
            native = private_file(folder / NATIVE_CRASH_FILE)
            _native_stream = native.open("a", encoding="utf-8")
            faulthandler.enable(file=_native_stream, all_threads=True)
        except OSError as exc:
            problem = f"cannot write the log in {folder}: {exc.strerror or exc}"
            file = native = None
            faulthandler.enable()  # native crashes still go to stderr
        if stderr if stderr is not None else explicit is not None:
            echo = logging.StreamHandler(sys.stderr)
            echo.setFormatter(_MaskingFormatter("%(levelname)s %(name)s: %(message)s"))
            echo.setLevel(resolved)
            root.addHandler(echo)
        _setup = LogSetup(folder, file, native, resolved, problem)
        _log_uncaught()
        log = logging.getLogger("retro")
        from . import __version__

        log.info("Blameless Retro %s starting (Python %s, %s, pid %d, frozen=%s)", __version__,
                 sys.version.split()[0], sys.platform, os.getpid(), bool(getattr(sys, "frozen", False)))
        if problem:
            log.warning("%s", problem)
        return _setup


def _log_uncaught() -> None:
    """An exception nobody caught goes to the log too, then wherever it went before (stderr)."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
        if not issubclass(exc_type, KeyboardInterrupt):
            logging.getLogger("retro").critical("Unhandled error", exc_info=(exc_type, exc, tb))
        previous(exc_type, exc, tb)

    hook.retro_previous = previous  # type: ignore[attr-defined]
    sys.excepthook = hook


def reset_for_tests() -> None:
    """Undo :func:`configure` (tests only): remove our handlers, close the native crash file."""
    global _setup, _native_stream
    with _lock:
        previous = getattr(sys.excepthook, "retro_previous", None)
        if previous is not None:
            sys.excepthook = previous
        root = logging.getLogger()
        for handler in list(root.handlers):
            if isinstance(handler, _PrivateRotatingHandler) or (
                    isinstance(handler, logging.StreamHandler) and isinstance(handler.formatter, _MaskingFormatter)):
                root.removeHandler(handler)
                handler.close()
        if _native_stream is not None:
            faulthandler.disable()
            _native_stream.close()
            _native_stream = None
            if _faulthandler_before:  # pytest's own, to stderr
                faulthandler.enable(file=sys.__stderr__ or sys.stderr)
        _setup = None
