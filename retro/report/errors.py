"""Errors a report export raises. Messages say what went wrong and where."""

from __future__ import annotations

from retro.domain.errors import RetroError


class ReportError(RetroError):
    """The report could not be written (unwritable folder, full disk, missing font …).

    Nothing is left at the destination path when this is raised.
    """


class ReportCancelled(ReportError):
    """The person cancelled the export; nothing was written."""
