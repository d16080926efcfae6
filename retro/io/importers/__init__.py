"""Timeline importers: Slack exports, PagerDuty log entries, CSV, pasted notes, JSON.

Pure Python, no Qt. :func:`preview_import` reads a file into an :class:`ImportPreview` without
changing anything; :func:`selected_events` gives the ticked events, which the caller stores as
one :class:`~retro.domain.Edit` (one transaction, one undo step).
"""

from .common import (
    FORMATS,
    MAX_IMPORT_BYTES,
    ImportCancelled,
    ImportOptions,
    ImportPreview,
    PreviewRow,
    SkippedLine,
    TimelineImportError,
    selected_events,
)
from .kinds import suggest_kind
from .preview import detect_format, preview_import, preview_text

__all__ = [
    "FORMATS",
    "MAX_IMPORT_BYTES",
    "ImportCancelled",
    "ImportOptions",
    "ImportPreview",
    "PreviewRow",
    "SkippedLine",
    "TimelineImportError",
    "detect_format",
    "preview_import",
    "preview_text",
    "selected_events",
    "suggest_kind",
]
