"""Pasted notes and postmortem drafts (plain text or Markdown): one event per line or bullet.

A line becomes an event when it starts with a time (after any bullet, heading marks, checkbox,
bold/italic/code marks or brackets): ``- **16:58 UTC** — paged the DB on-call``. A heading or a
line holding only a date sets the date for the clock times below it; a heading such as
``Timeline (all times PST)`` sets the zone. Indented lines after an event continue its text.
Markdown tables are read row by row, taking the first cell that is a time. Every other line is
reported as skipped with its line number and the reason.
"""

from __future__ import annotations

import re

from .common import MAX_ROWS, Cancelled, Candidate, Progress, SkippedLine, check_cancel, report, too_many_rows
from .time_zones import TimeProblem
from .times import ClockReader
from .written_times import DATE_RE, Stamp, find_date, find_stamp, find_zone_hint

_LEAD = re.compile(
    r"^\s*(?P<heading>#{1,6}\s+)?(?:(?:[-*+•‣◦>]|\d{1,3}[.)])\s+)?(?:\[[ xX]\]\s+)?"
    r"(?P<open>(?:\*\*|__|[*_`\[(])*)\s*(?:at\s+)?",
    re.IGNORECASE,
)
_CLOSE = re.compile(r"\s*(?:\*\*|__|[*_`\])])*\s*(?:[-–—:|>,]+\s*)?")
_TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•‣◦]|\d{1,3}[.)])\s+")
_DECORATION = " \t*_#:-–—[]()`>"


def parse_notes(
    text: str,
    source_name: str,
    reader: ClockReader,
    *,
    progress: Progress | None = None,
    is_cancelled: Cancelled | None = None,
) -> tuple[list[Candidate], list[SkippedLine], list[str]]:
    """Events, skipped lines and notes (zone or date assumptions) read from ``text``."""
    candidates: list[Candidate] = []
    skipped: list[SkippedLine] = []
    notes: list[str] = []
    lines = text.splitlines()
    total = len(lines)
    last: Candidate | None = None
    in_fence = False
    for number, line in enumerate(lines, 1):
        if number % 1000 == 0:
            check_cancel(is_cancelled, source_name)
            report(progress, number, total)
        stripped = line.lstrip()
        if not stripped:
            last = None
            continue
        if stripped[:3] in ("```", "~~~"):  # a code fence: ``` or ~~~ after any indentation
            in_fence = not in_fence
            skipped.append(SkippedLine(f"line {number}", "code fence"))
            continue
        where = f"line {number}"
        if stripped[0] == "|":
            last = None
            _table_row(line, number, source_name, reader, candidates, skipped)
            continue
        lead = _LEAD.match(line)
        start = lead.end() if lead else 0
        stamp = find_stamp(line, start)
        if stamp is not None:
            if len(candidates) >= MAX_ROWS:
                raise too_many_rows(source_name, where)
            last = _event_line(line, stamp, number, source_name, reader, candidates, skipped)
            continue
        if last is not None and line[:1].isspace() and not _BULLET.match(line):
            last.text = f"{last.text} {line.strip()}"
            last.note = _join(last.note, f"continued on line {number}")
            continue
        last = None
        is_heading = bool(lead and lead.group("heading"))
        hint = find_zone_hint(line)
        if hint:
            try:
                reader.set_zone(hint)
            except TimeProblem as exc:
                skipped.append(SkippedLine(where, str(exc)))
                continue
            notes.append(f"line {number}: times below are read in {hint}")
        date_only = _date_only(line)
        if is_heading or date_only:
            found = find_date(line)
            if found is not None:
                try:
                    day = reader.set_date(*found)
                except TimeProblem as exc:
                    skipped.append(SkippedLine(where, f"heading: {exc}"))
                    continue
                skipped.append(SkippedLine(where, f"heading: sets the date to {day.isoformat()} for the lines below"))
                continue
        if hint:
            skipped.append(SkippedLine(where, f"sets the timezone to {hint} for the lines below"))
        elif is_heading:
            skipped.append(SkippedLine(where, "heading without a date"))
        else:
            skipped.append(SkippedLine(where, "no time at the start of the line"))
    report(progress, total, total)
    return candidates, skipped, notes


def _event_line(
    line: str,
    stamp: Stamp,
    number: int,
    source_name: str,
    reader: ClockReader,
    candidates: list[Candidate],
    skipped: list[SkippedLine],
) -> Candidate | None:
    where = f"line {number}"
    close = _CLOSE.match(line, stamp.end)
    rest = line[close.end() if close else stamp.end:].strip()
    rest = _strip_trailing_marks(rest)
    if not rest:
        skipped.append(SkippedLine(where, "a time but no text"))
        return None
    try:
        at, note = reader.resolve(stamp)
    except TimeProblem as exc:
        skipped.append(SkippedLine(where, str(exc)))
        return None
    candidate = Candidate(at, rest, where, number, source=f"{source_name} line {number}", note=note)
    candidates.append(candidate)
    return candidate


def _table_row(
    line: str,
    number: int,
    source_name: str,
    reader: ClockReader,
    candidates: list[Candidate],
    skipped: list[SkippedLine],
) -> None:
    where = f"line {number}"
    if _TABLE_RULE.match(line):
        skipped.append(SkippedLine(where, "table rule"))
        return
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    for i, cell in enumerate(cells):
        bare = cell.strip(_DECORATION)
        stamp = find_stamp(bare)
        if stamp is None or bare[stamp.end:].strip():
            continue
        text = " — ".join(c for j, c in enumerate(cells) if j != i and c)
        if not text:
            skipped.append(SkippedLine(where, "a time but no text"))
            return
        try:
            at, note = reader.resolve(stamp)
        except TimeProblem as exc:
            skipped.append(SkippedLine(where, str(exc)))
            return
        candidates.append(Candidate(at, text, where, number, source=f"{source_name} line {number}", note=note))
        return
    skipped.append(SkippedLine(where, "table row without a time (a header?)"))


def _date_only(line: str) -> bool:
    bare = line.strip(_DECORATION)
    m = DATE_RE.match(bare)
    return m is not None and not bare[m.end():].strip(_DECORATION + ",.")


def _strip_trailing_marks(text: str) -> str:
    return text[:-2].rstrip() if text.endswith("**") and text.count("**") % 2 else text


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a else b
