"""JSON arrays and JSON lines of events: ``{"time": …, "text": …, "kind": …, "source": …}``.

Accepted shapes: an array of objects, an object holding such an array under ``events``,
``timeline``, ``items`` or ``entries``, or JSON lines (one object per line). Field names are
matched loosely (``time``/``timestamp``/``at``/``created_at``…, ``text``/``message``/``summary``…).
An element that cannot be used is skipped with its JSON path (``$[3].time``) or line number.
"""

from __future__ import annotations

import json
from typing import Any

from ...domain.enums import EventKind
from .common import (
    MAX_ROWS,
    Cancelled,
    Candidate,
    Progress,
    SkippedLine,
    TimelineImportError,
    check_cancel,
    report,
    too_many_rows,
)
from .time_zones import TimeProblem
from .times import ClockReader

TIME_KEYS = ("time", "timestamp", "at", "when", "datetime", "date", "created_at", "occurred_at", "ts")
TEXT_KEYS = ("text", "message", "summary", "description", "event", "title", "body", "note")
KIND_KEYS = ("kind", "type", "category", "event_type")
SOURCE_KEYS = ("source", "author", "who", "channel", "system")
EVIDENCE_KEYS = ("evidence_url", "evidence", "url", "link", "html_url")
WRAPPER_KEYS = ("events", "timeline", "items", "entries", "records")
#: Whole numbers longer than this are kept as their digits (Python refuses to convert > 4,300).
MAX_NUMBER_DIGITS = 40


class LongNumber(str):
    """A JSON whole number too long to be a time or anything else an event holds."""

    def describe(self) -> str:
        return f"a number of {len(self.lstrip('-')):,} digits"


def _whole_number(text: str) -> int | LongNumber:
    return int(text) if len(text) <= MAX_NUMBER_DIGITS else LongNumber(text)


def load_json(text: str) -> Any:
    """``json.loads``, with whole numbers too long for Python kept as :class:`LongNumber`."""
    return json.loads(text, parse_int=_whole_number)


def load_json_document(text: str, source_name: str) -> tuple[list[tuple[str, int | None, Any]], list[SkippedLine]]:
    """``[(path or line, line number, value)]`` for each element, plus lines that were not JSON.

    Raises :class:`TimelineImportError` when the text is neither JSON nor JSON lines.
    """
    stripped = text.strip()
    if not stripped:
        raise TimelineImportError(source_name, "is empty; there is nothing to import")
    try:
        document = load_json(text)
    except json.JSONDecodeError as whole_error:
        return _json_lines(text, source_name, whole_error)
    except RecursionError:
        raise TimelineImportError(source_name, "is nested too deeply to be a timeline") from None
    if isinstance(document, list) and len(document) > MAX_ROWS:
        raise TimelineImportError(source_name, f"holds {len(document):,} elements; the limit is {MAX_ROWS:,} per import", "$")
    if isinstance(document, list):
        return [(f"$[{i}]", None, item) for i, item in enumerate(document)], []
    if isinstance(document, dict):
        for key in WRAPPER_KEYS:
            if isinstance(document.get(key), list):
                return [(f"$.{key}[{i}]", None, item) for i, item in enumerate(document[key])], []
        return [("$", None, document)], []
    raise TimelineImportError(source_name, "holds a single JSON value, not events (expected an array of objects)", "$")


def _json_lines(text: str, source_name: str, whole_error: json.JSONDecodeError) -> tuple[
        list[tuple[str, int | None, Any]], list[SkippedLine]]:
    items: list[tuple[str, int | None, Any]] = []
    skipped: list[SkippedLine] = []
    lines = text.splitlines()
    non_blank = [ln for ln in lines if ln.strip()]
    if len(non_blank) < 2 or not non_blank[0].lstrip().startswith("{"):
        raise TimelineImportError(
            source_name, f"is not valid JSON ({whole_error.msg})",
            f"line {whole_error.lineno} column {whole_error.colno}",
        )
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if len(items) >= MAX_ROWS:
            raise too_many_rows(source_name, f"line {number}", "JSON lines")
        try:
            items.append((f"line {number}", number, load_json(line)))
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            skipped.append(SkippedLine(f"line {number}", f"not valid JSON ({reason})"))
    if not items:
        raise TimelineImportError(source_name, "is neither JSON nor JSON lines", "line 1")
    return items, skipped


def _first(item: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, Any] | None:
    lowered = {str(k).lower(): k for k in item}
    for key in keys:
        if key in lowered and item[lowered[key]] not in (None, ""):
            return lowered[key], item[lowered[key]]
    return None


def parse_json_events(
    text: str,
    source_name: str,
    reader: ClockReader,
    *,
    progress: Progress | None = None,
    is_cancelled: Cancelled | None = None,
) -> tuple[list[Candidate], list[SkippedLine], list[str]]:
    """Events and skipped elements read from JSON or JSON lines ``text``."""
    items, skipped = load_json_document(text, source_name)
    candidates: list[Candidate] = []
    for index, (path, line, item) in enumerate(items):
        if index % 1000 == 0:
            check_cancel(is_cancelled, source_name)
            report(progress, index, len(items))
        if not isinstance(item, dict):
            skipped.append(SkippedLine(path, f"not an object (found {type(item).__name__})"))
            continue
        time_field = _first(item, TIME_KEYS)
        if time_field is None:
            skipped.append(SkippedLine(path, f"no time (expected one of: {', '.join(TIME_KEYS)})"))
            continue
        key, value = time_field
        field_path = f"{path}.{key}" if line is None else f"{path} {key}"
        try:
            if isinstance(value, LongNumber):
                raise TimeProblem(f"{value.describe()} is not a time")
            at, note = reader.read_value(value)
        except TimeProblem as exc:
            skipped.append(SkippedLine(field_path, str(exc)))
            continue
        text_field = _first(item, TEXT_KEYS)
        if text_field is None or not isinstance(text_field[1], str):
            skipped.append(SkippedLine(path, f"no text (expected one of: {', '.join(TEXT_KEYS)})"))
            continue
        notes = [note] if note else []
        kind = None
        kind_field = _first(item, KIND_KEYS)
        if kind_field is not None:
            try:
                kind = EventKind(EventKind.parse(str(kind_field[1])))
            except ValueError:
                notes.append(f"kind {str(kind_field[1])[:40]!r} unknown; suggested from the text")
        source_field = _first(item, SOURCE_KEYS)
        evidence_field = _first(item, EVIDENCE_KEYS)
        source = str(source_field[1]) if source_field else f"{source_name} {path}"
        candidates.append(Candidate(
            at, text_field[1], path, line, kind=kind, source=source,
            evidence_url=str(evidence_field[1]) if evidence_field else "", note="; ".join(notes),
        ))
    report(progress, len(items), len(items))
    return candidates, skipped, []
