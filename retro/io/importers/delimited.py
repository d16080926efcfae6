"""CSV (or semicolon-, tab- or pipe-separated) files with a header row.

The delimiter is read from the header line. Columns are mapped to the roles ``time`` (required),
``date`` (optional, when the date is in its own column), ``text`` (required), ``kind``, ``source``
and ``evidence``; the mapping is guessed from the header names and can be given instead
(``ImportOptions.csv_mapping``). When the header names say nothing (``Zeit;Text``), the columns
are guessed from the first rows instead: the first column whose cells are times is the time, the
one with the longest text is the text. Quoted fields may span lines; a row's line number is the
line where it starts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from itertools import chain, islice

from ...domain.enums import EventKind
from .common import (
    MAX_COLUMNS,
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
from .written_times import is_date, time_shape

DELIMITERS = (",", ";", "\t", "|")
#: How many rows the column guess and the format detection look at.
SAMPLE_ROWS = 20
ROLES = ("time", "date", "text", "kind", "source", "evidence")
_GUESSES: dict[str, tuple[str, ...]] = {
    "time": ("time", "timestamp", "datetime", "date/time", "date time", "at", "when", "time (utc)",
             "created_at", "created", "occurred_at", "start", "time utc"),
    "date": ("date", "day"),
    "text": ("text", "event", "message", "description", "what", "what happened", "summary", "note",
             "notes", "details", "title", "activity"),
    "kind": ("kind", "type", "category", "event type", "event_type"),
    "source": ("source", "who", "author", "by", "channel", "system", "actor", "origin"),
    "evidence": ("evidence", "evidence_url", "link", "url", "evidence link", "ticket"),
}


def sniff_delimiter(header_line: str) -> str:
    """The delimiter that occurs most in the header line (outside quotes)."""
    counts = {d: _count_outside_quotes(header_line, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ""


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def guess_mapping(header: list[str], sample: Sequence[list[str]] = ()) -> dict[str, str]:
    """Role → column name, guessed from the header; the time column falls back to the date column.

    When the names give no time or no text column, ``sample`` (the first rows) decides by position:
    the first column whose cells are times is the time, the longest text column is the text.
    """
    lowered = {h.strip().lower(): h for h in header}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for role in ("time", "text", "kind", "source", "evidence", "date"):
        for name in _GUESSES[role]:
            if name in lowered and lowered[name] not in used:
                mapping[role] = lowered[name]
                used.add(lowered[name])
                break
    if "time" not in mapping and "date" in mapping:
        mapping["time"] = mapping.pop("date")
    if sample and ("time" not in mapping or "text" not in mapping):
        _guess_from_cells(header, sample, mapping)
    return mapping


def _column(sample: Sequence[list[str]], i: int) -> list[str]:
    return [row[i].strip() for row in sample if i < len(row) and row[i].strip()]


def _guess_from_cells(header: list[str], sample: Sequence[list[str]], mapping: dict[str, str]) -> None:
    """Fill the time (and date) and text roles from what the first rows hold."""
    free = [i for i, name in enumerate(header) if name not in mapping.values() and name not in header[:i]]
    if "time" not in mapping:
        for i in free:
            shapes = [time_shape(cell) for cell in _column(sample, i)]
            if shapes and all(shapes):
                mapping["time"] = header[i]
                free.remove(i)
                if "date" not in mapping and set(shapes) == {"clock"}:
                    dates = [i2 for i2 in free if (cells := _column(sample, i2)) and all(map(is_date, cells))]
                    if dates:
                        mapping["date"] = header[dates[0]]
                        free.remove(dates[0])
                break
    if "text" not in mapping and "time" in mapping:
        lengths = {i: sum(map(len, cells)) / len(cells) for i in free if (cells := _column(sample, i))}
        if lengths:
            mapping["text"] = header[max(lengths, key=lambda i: (lengths[i], -i))]


def looks_tabular(text: str, delimiter: str) -> bool:
    """Whether ``text`` is a table with a header whatever its column names are.

    The first line splits into two or more columns by ``delimiter``, the next rows split the
    same way, no header cell is a time (so it is a header, not notes), and a row holds a time.
    """
    if not delimiter:
        return False
    head = text[:65536]
    if len(head) < len(text) and "\n" in head:
        head = head[: head.rindex("\n")]
    records: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(head, newline=""), delimiter=delimiter):
            if any(cell.strip() for cell in row):
                records.append(row)
            if len(records) > SAMPLE_ROWS:
                break
    except csv.Error:
        pass
    if len(records) < 2 or len(records[0]) < 2:
        return False
    header, rows = records[0], records[1:]
    if any(time_shape(cell) for cell in header) or any(len(row) != len(header) for row in rows):
        return False
    return any(time_shape(cell) for row in rows for cell in row)


def parse_csv(
    text: str,
    source_name: str,
    reader: ClockReader,
    *,
    mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
    is_cancelled: Cancelled | None = None,
) -> tuple[list[Candidate], list[SkippedLine], dict[str, str], list[str]]:
    """Events, skipped rows, the column mapping used and notes (a mapping guessed from the rows)."""
    header_line = next((ln for ln in text.splitlines() if ln.strip()), "")
    if not header_line:
        raise TimelineImportError(source_name, "is empty; there is nothing to import")
    skip_first = 0
    if header_line.lower().startswith("sep=") and len(header_line.strip()) == 5:  # Excel's delimiter line
        delimiter = header_line.strip()[4]
        end = text.index(header_line) + len(header_line)
        end += 2 if text.startswith("\r\n", end) else 1
        skip_first = text[:end].count("\n")
        text = text[end:]
    else:
        delimiter = sniff_delimiter(header_line)
    if not delimiter:
        raise TimelineImportError(
            source_name, "has no column separator in its header (expected , ; tab or |)", "line 1"
        )
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(rows)
        while not header:
            header = next(rows)
    except csv.Error as exc:
        raise TimelineImportError(source_name, f"is not valid CSV ({exc})", f"line {rows.line_num}") from None
    if len(header) > MAX_COLUMNS:
        raise TimelineImportError(source_name, f"has {len(header):,} columns; the limit is {MAX_COLUMNS:,}",
                                  f"line {rows.line_num + skip_first}")
    records = _records(rows, rows.line_num + 1 + skip_first, skip_first, source_name)
    first = list(islice(records, SAMPLE_ROWS))
    notes: list[str] = []
    if mapping:
        used = dict(mapping)
    else:
        by_name = guess_mapping(header)
        used = guess_mapping(header, [row for _, row in first])
        if used != by_name and {"time", "text"} <= used.keys():
            chosen = ", ".join(f"{role} = {used[role]!r}" for role in ("time", "date", "text") if role in used)
            notes.append(f"the column names were not recognised; guessed from the rows: {chosen} (check the mapping)")
    index = _column_index(header, used, source_name)
    total = max(text.count("\n"), 1)
    candidates: list[Candidate] = []
    skipped: list[SkippedLine] = []
    for seen, (number, row) in enumerate(chain(first, records), 1):
        if seen % 1000 == 0:
            check_cancel(is_cancelled, source_name)
            report(progress, number, total)
        if seen > MAX_ROWS:
            raise too_many_rows(source_name, f"line {number}", "rows")
        if len(row) > MAX_COLUMNS:
            raise TimelineImportError(source_name, f"has a row of {len(row):,} columns; the limit is {MAX_COLUMNS:,}",
                                      f"line {number}")
        if not any(cell.strip() for cell in row):
            continue
        _read_row(row, number, index, source_name, reader, candidates, skipped)
    report(progress, total, total)
    return candidates, skipped, used, notes


def _records(rows: Iterator[list[str]], start: int, skip_first: int, source_name: str) -> Iterator[tuple[int, list[str]]]:
    """``(line number where the row starts, row)`` for each row after the header."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            raise TimelineImportError(source_name, f"is not valid CSV ({exc})", f"line {start}") from None
        number, start = start, rows.line_num + 1 + skip_first  # type: ignore[attr-defined]
        yield number, row


def _column_index(header: list[str], mapping: dict[str, str], source_name: str) -> dict[str, int]:
    positions = {name: i for i, name in enumerate(header)}
    stripped = {name.strip().lower(): i for i, name in enumerate(header)}
    index: dict[str, int] = {}
    for role, column in mapping.items():
        if role not in ROLES:
            raise TimelineImportError(source_name, f"{role!r} is not a column role (roles: {', '.join(ROLES)})")
        if column in positions:
            index[role] = positions[column]
        elif column.strip().lower() in stripped:
            index[role] = stripped[column.strip().lower()]
        else:
            raise TimelineImportError(
                source_name, f"has no column {column!r} (its columns: {', '.join(header)})", "line 1"
            )
    for role in ("time", "text"):
        if role not in index:
            raise TimelineImportError(
                source_name,
                f"has no column for the {role} (columns: {', '.join(header)}); choose one in the column mapping",
                "line 1",
            )
    return index


def _read_row(
    row: list[str],
    number: int,
    index: dict[str, int],
    source_name: str,
    reader: ClockReader,
    candidates: list[Candidate],
    skipped: list[SkippedLine],
) -> None:
    where = f"line {number}"
    width = len(row)

    def cell(role: str) -> str:
        i = index.get(role)
        return row[i].strip() if i is not None and i < width else ""

    value = cell("time")
    if "date" in index:
        day = cell("date")
        if day:
            value = f"{day} {value}".strip()
    try:
        at, note = reader.read_value(value)
    except TimeProblem as exc:
        skipped.append(SkippedLine(where, str(exc)))
        return
    text = cell("text")
    if not text:
        skipped.append(SkippedLine(where, "no text"))
        return
    kind = None
    notes = [note] if note else []
    written_kind = cell("kind") if "kind" in index else ""
    if written_kind:
        try:
            kind = EventKind(EventKind.parse(written_kind))
        except ValueError:
            notes.append(f"kind {written_kind[:40]!r} unknown; suggested from the text")
    candidates.append(Candidate(
        at, text, where, number, kind=kind,
        source=(cell("source") if "source" in index else "") or f"{source_name} line {number}",
        evidence_url=cell("evidence") if "evidence" in index else "", note="; ".join(notes) if notes else "",
    ))
