"""Postmortem reports: the internal and public PDFs and the Markdown export.

Callers (the CLI and the app's export worker) use exactly these::

    write_pdf(retro, path, audience, progress=..., is_cancelled=...) -> Path
    render_markdown(retro, audience) -> str
    write_markdown(retro, path, audience) -> Path
    public_findings(retro) -> list[Finding]   # warnings about the public report, for the app
    public_text_mentions(retro) -> list[Mention]  # public text that names a participant

Both formats render the retro returned by :func:`retro.report.audience.for_audience`, so the
public report can only show what that one redaction step keeps. Writes are atomic; failures
raise :class:`ReportError`, a cancelled export :class:`ReportCancelled`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .audience import for_audience, public_retro
    from .errors import ReportCancelled, ReportError
    from .markdown import render_markdown, write_markdown
    from .pdf import render_pdf, write_pdf
    from .public_checks import Mention, public_findings, public_text_mentions

# Imported on first use (PEP 562): the findings about the public report need no reportlab, which
# costs about 100 ms to import, so the Review stage and `retro show` do not pay for it.
_HOMES = {
    "Mention": ".public_checks",
    "for_audience": ".audience",
    "public_findings": ".public_checks",
    "public_retro": ".audience",
    "public_text_mentions": ".public_checks",
    "ReportCancelled": ".errors",
    "ReportError": ".errors",
    "render_markdown": ".markdown",
    "write_markdown": ".markdown",
    "render_pdf": ".pdf",
    "write_pdf": ".pdf",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home, __name__), name)


__all__ = [
    "Mention",
    "ReportCancelled",
    "ReportError",
    "for_audience",
    "public_findings",
    "public_retro",
    "public_text_mentions",
    "render_markdown",
    "render_pdf",
    "write_markdown",
    "write_pdf",
]
