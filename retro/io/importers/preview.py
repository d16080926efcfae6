"""The one entry point: read a file (or pasted text) into an :class:`ImportPreview`.

Nothing here changes a retrospective. The format is chosen from the extension and content
unless given; the file's size is checked before it is read; its encoding is detected; every
parser either returns a complete preview (with every skipped line and why) or raises
:class:`TimelineImportError` naming the file and the line or JSON path. Never a partial result.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from ...domain.entities import TimelineEvent
from .common import (
    FORMATS,
    MAX_IMPORT_BYTES,
    Cancelled,
    Candidate,
    ImportOptions,
    ImportPreview,
    PreviewRow,
    Progress,
    SkippedLine,
    TimelineImportError,
    build_rows,
    check_text_shape,
    without_cycle_collection,
)
from .delimited import guess_mapping, looks_tabular, parse_csv, sniff_delimiter
from .encoding import WINDOWS_1252, decode_text
from .json_events import load_json, parse_json_events
from .notes import parse_notes
from .pagerduty import looks_like_pagerduty, parse_pagerduty
from .slack import parse_slack
from .time_zones import TimeProblem
from .times import ClockReader

_EXTENSIONS = {
    ".zip": "slack", ".csv": "csv", ".tsv": "csv", ".txt": "text", ".md": "text", ".markdown": "text",
    ".json": "json", ".jsonl": "json", ".ndjson": "json",
}
_ZIP_MAGIC = b"PK\x03\x04"


@without_cycle_collection
def preview_import(
    source: str | os.PathLike[str] | bytes,
    options: ImportOptions | None = None,
    existing: Iterable[TimelineEvent] = (),
    *,
    source_name: str | None = None,
    progress: Progress | None = None,
    is_cancelled: Cancelled | None = None,
) -> ImportPreview:
    """Read ``source`` (a path, a Slack export folder, or the file's bytes) into a preview.

    ``existing`` are the timeline's events, so duplicates are marked (and unticked), not re-added.
    ``progress(done, total)`` is called now and then; ``is_cancelled()`` returning true stops
    the import with :class:`~retro.io.importers.common.ImportCancelled`.
    """
    options = options or ImportOptions()
    if options.format not in FORMATS:
        raise TimelineImportError(source_name or "", f"unknown format {options.format!r} (choose: {', '.join(FORMATS)})")
    path = None if isinstance(source, bytes) else Path(source)
    name = source_name or (path.name if path is not None else "imported file")
    reader = _reader(options, name)
    _check_window(options, name)
    if path is not None:
        if not path.exists():
            raise TimelineImportError(name, "does not exist")
        if path.is_dir():
            return _finish_slack(path, name, options, existing, progress, is_cancelled)
        size = path.stat().st_size
        _check_size(size, name)
        fmt = options.format if options.format != "auto" else _EXTENSIONS.get(path.suffix.lower(), "")
        with path.open("rb") as handle:
            head = handle.read(4)
        if fmt == "slack" or (fmt in ("", "auto") and head == _ZIP_MAGIC):
            return _finish_slack(path, name, options, existing, progress, is_cancelled)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TimelineImportError(name, f"cannot be read ({exc.strerror or exc})") from None
    else:
        data = source  # type: ignore[assignment]
        _check_size(len(data), name)
        fmt = options.format if options.format != "auto" else ""
        if fmt == "slack" or (not fmt and data[:4] == _ZIP_MAGIC):
            return _finish_slack(data, name, options, existing, progress, is_cancelled)
    if data[:4] == _ZIP_MAGIC:
        raise TimelineImportError(name, f"is a zip file, not {fmt or 'text'}; use the Slack format for a Slack export")
    text, encoding = decode_text(data, name)
    return _preview_text(text, name, fmt, encoding, options, reader, existing, progress, is_cancelled)


@without_cycle_collection
def preview_text(
    text: str,
    options: ImportOptions | None = None,
    existing: Iterable[TimelineEvent] = (),
    *,
    source_name: str = "pasted notes",
) -> ImportPreview:
    """Preview pasted text (notes, CSV or JSON as chosen, or detected from the content)."""
    options = options or ImportOptions()
    if options.format == "slack":
        raise TimelineImportError(source_name, "pasted text cannot be a Slack export; choose the zip or folder")
    fmt = "" if options.format == "auto" else options.format
    reader = _reader(options, source_name)
    _check_window(options, source_name)
    return _preview_text(text, source_name, fmt, "text", options, reader, existing, None, None)


def _reader(options: ImportOptions, name: str) -> ClockReader:
    try:
        return ClockReader(options.timezone, options.base_date)
    except TimeProblem as exc:
        raise TimelineImportError(name, str(exc)) from None


def _check_window(options: ImportOptions, name: str) -> None:
    for label, bound in (("since", options.since), ("until", options.until)):
        if bound is not None and (bound.tzinfo is None or bound.utcoffset() is None):
            raise TimelineImportError(name, f"the time window's “{label}” needs a timezone")


def _check_size(size: int, name: str) -> None:
    if size > MAX_IMPORT_BYTES:
        raise TimelineImportError(
            name, f"is {size / 2**20:.0f} MB; files over {MAX_IMPORT_BYTES // 2**20} MB are not imported "
            "(split it, or export a shorter time window)"
        )
    if size == 0:
        raise TimelineImportError(name, "is empty; there is nothing to import")


def detect_format(text: str) -> str:
    """``pagerduty``, ``json``, ``csv`` or ``text`` from what the content looks like."""
    return _detect(text)[0]


def _detect(text: str) -> tuple[str, str]:
    """The format, and a note when text that starts like JSON is not JSON (and is read as notes or CSV).

    A leading ``[`` or ``{`` is only a hint: pasted chat lines (``[10:00] alice: alert``) start
    that way too. JSON that does not parse (and is not JSON lines) falls through to CSV or text.
    """
    note = ""
    if text.lstrip()[:1] in ("[", "{"):
        try:
            document = load_json(text)
        except RecursionError:
            return "json", ""
        except json.JSONDecodeError as exc:
            if _is_json_lines(text):
                return "json", ""
            note = f"it starts like JSON but is not valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})"
        else:
            return ("pagerduty" if looks_like_pagerduty(document) else "json"), ""
    fmt = _sniff_table(text)
    return fmt, f"{note}; read as {'CSV' if fmt == 'csv' else 'notes'}" if note else ""


def _is_json_lines(text: str) -> bool:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        return isinstance(load_json(first), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def _sniff_table(text: str) -> str:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if first.lower().startswith("sep=") and len(first.strip()) == 5:
        return "csv"
    delimiter = sniff_delimiter(first)
    if delimiter and "time" in guess_mapping([c.strip().strip('"') for c in first.split(delimiter)]):
        return "csv"
    return "csv" if looks_tabular(text, delimiter) else "text"


def _rows(candidates: list[Candidate], existing: Iterable[TimelineEvent], options: ImportOptions,
          skipped: list[SkippedLine], name: str) -> list[PreviewRow]:
    try:
        return build_rows(candidates, existing, options, skipped)
    except TimelineImportError as exc:
        raise TimelineImportError(name, exc.reason, exc.where) from None


def _preview_text(
    text: str,
    name: str,
    fmt: str,
    encoding: str,
    options: ImportOptions,
    reader: ClockReader,
    existing: Iterable[TimelineEvent],
    progress: Progress | None,
    is_cancelled: Cancelled | None,
) -> ImportPreview:
    check_text_shape(text, name)
    notes: list[str] = []
    detect_note = ""
    if fmt in ("", "json"):
        detected, detect_note = _detect(text)
        if fmt == "":
            fmt = detected
        else:
            detect_note = ""
        if detected == "pagerduty":
            fmt = detected
    mapping: dict[str, str] | None = None
    candidates: list[Candidate]
    skipped: list[SkippedLine]
    if fmt == "text":
        candidates, skipped, more = parse_notes(text, name, reader, progress=progress, is_cancelled=is_cancelled)
        notes += more
    elif fmt == "csv":
        candidates, skipped, mapping, csv_notes = parse_csv(
            text, name, reader, mapping=options.csv_mapping, progress=progress, is_cancelled=is_cancelled
        )
        notes += csv_notes
    elif fmt == "pagerduty":
        candidates, skipped, more = parse_pagerduty(
            text, name, reader, skip_noise=options.skip_noise, progress=progress, is_cancelled=is_cancelled
        )
        notes += more
    else:
        candidates, skipped, more = parse_json_events(text, name, reader, progress=progress, is_cancelled=is_cancelled)
        notes += more
    if detect_note and not candidates:  # read as notes or CSV and nothing came of it: say why not JSON
        notes.insert(0, detect_note)
    if encoding == WINDOWS_1252:
        notes.insert(0, "the file is not UTF-8; it was read as Windows-1252 (check accented letters)")
    rows = _rows(candidates, existing, options, skipped, name)
    return ImportPreview(rows, skipped, reader.zone_name, fmt, name, mapping, (), encoding, notes)


def _finish_slack(
    source: Path | bytes,
    name: str,
    options: ImportOptions,
    existing: Iterable[TimelineEvent],
    progress: Progress | None,
    is_cancelled: Cancelled | None,
) -> ImportPreview:
    candidates, skipped, available = parse_slack(
        source, name, channels=options.channels, skip_noise=options.skip_noise,
        progress=progress, is_cancelled=is_cancelled,
    )
    rows = _rows(candidates, existing, options, skipped, name)
    notes = ["Slack times are exact (UTC); the timezone only changes how they are shown"]
    return ImportPreview(rows, skipped, options.timezone, "slack", name, None, available, "utf-8", notes)
