"""The text of a crash report: what happened, where, on which versions — and nothing private.

A person copies it into a bug report or a chat with whoever looks after the app, so it must be
safe to paste anywhere: passwords are masked (database URLs, ``password=`` parameters), the
facilitator's private notes and anything else the caller names as private (``private``) are
replaced by ``[private text removed]``, and the home folder shows as ``~``. Local variables are
never included; the exception's message is, after those masks.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from .about import component_versions
from .logs import mask_passwords

REMOVED = "[private text removed]"
#: Shorter private texts are not masked: they would garble ordinary words ("ok", "Sam").
MIN_PRIVATE_LENGTH = 4


def scrub(text: str, private: Iterable[str] = ()) -> str:
    """``text`` with passwords masked, each private text removed and the home folder as ``~``."""
    secrets = sorted({p for p in private if p and len(p.strip()) >= MIN_PRIVATE_LENGTH}, key=len, reverse=True)
    for secret in secrets:  # longest first, so a note containing another is removed whole
        text = text.replace(secret, REMOVED)
        for line in secret.splitlines():  # a note quoted one line at a time
            if len(line.strip()) >= MIN_PRIVATE_LENGTH * 2:
                text = text.replace(line, REMOVED)
    text = mask_passwords(text)
    home = str(Path.home())
    if len(home) > 1:
        text = text.replace(home + os.sep, "~" + os.sep)
    return text


def summary_line(exc_type: type[BaseException], exc: BaseException | None, private: Iterable[str] = ()) -> str:
    """``ValueError: the message`` (masked), the one line a person reads first."""
    message = str(exc) if exc is not None else ""
    name = exc_type.__qualname__
    return scrub(f"{name}: {message}" if message else name, private)


def crash_report(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None, *,
                 log_file: Path | None = None, context: Iterable[tuple[str, str]] = (),
                 private: Iterable[str] = (), versions: Iterable[tuple[str, str]] = ()) -> str:
    """The whole report as plain text, safe to paste (see the module's docstring).

    ``context``: (name, value) pairs about the moment (the stage shown, the database kind);
    ``versions``: extra components (Qt's version, from the app).
    """
    private = list(private)
    when = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    lines = ["Blameless Retro crash report", f"When: {when}", ""]
    lines.append("What happened: " + summary_line(exc_type, exc, private))
    lines.append("")
    lines.append("Versions:")
    lines.extend(f"  {name}: {version}" for name, version in component_versions(*versions))
    context = list(context)
    if context:
        lines.append("")
        lines.append("Context:")
        lines.extend(f"  {name}: {value}" for name, value in context)
    if log_file is not None:
        lines.append("")
        lines.append(f"Log file: {log_file}")
    lines.append("")
    lines.append("Details (local values are never included):")
    trace = traceback.TracebackException(exc_type, exc if exc is not None else exc_type(), tb,
                                         capture_locals=False, compact=True)
    lines.extend(line.rstrip("\n") for line in trace.format())
    return scrub("\n".join(lines), private) + "\n"
