"""Errors a report export raises. Messages say what went wrong and where."""

from __future__ import annotations

from retro.domain.errors import RetroError


class ReportError(RetroError):
    """The report could not be written (unwritable folder, full disk, missing font …).

    Nothing is left at the destination path when this is raised.
    """


class ReportCancelled(ReportError):
    """The person cancelled the export; nothing was written."""


class ReportLayoutError(ReportError):
    """reportlab could not lay the PDF out; ``reason`` says why in plain words.

    :func:`retro.report.write_pdf` turns it into a :class:`ReportError` naming the file.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(f"The PDF could not be laid out: {reason}.")
        self.reason = reason
