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

from .audience import Mention, for_audience, public_findings, public_retro, public_text_mentions
from .errors import ReportCancelled, ReportError
from .markdown import render_markdown, write_markdown
from .pdf import render_pdf, write_pdf

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
