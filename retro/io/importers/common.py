"""What every timeline importer shares: options, the preview, skipped lines, errors, duplicates.

An importer never changes a retrospective. It reads a file into an :class:`ImportPreview`: every
event it understood (as a :class:`PreviewRow`, ticked or not), every line it could not use (as a
:class:`SkippedLine` with where and why), and the assumptions it made (timezone, encoding).
The facilitator unticks rows or fixes times, then :func:`selected_events` gives the events to
store as one edit, so the whole import is one transaction and one undo step.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import ParamSpec, TypeVar

from ...cycle_collection import cycle_collection_paused
from ...domain.entities import TimelineEvent
from ...domain.enums import Audience, EventKind
from ...domain.errors import RetroError, ValidationError
from ...domain.time_range import RANGE_TEXT, time_in_range, time_problem
from ...domain.validation import MAX_LONG_TEXT, MAX_SHORT_TEXT, check_text, check_url
from .kinds import suggest_kind

#: Files larger than this are refused before they are read (50 MB).
MAX_IMPORT_BYTES = 50 * 1024 * 1024
#: A zip may hold at most this much once unpacked (guards against zip bombs): checked on the
#: sizes the zip declares, and again on the bytes actually unpacked, while unpacking.
MAX_UNPACKED_BYTES = MAX_IMPORT_BYTES
#: One JSON file of a Slack export may unpack to at most this much (a day of one channel).
MAX_UNPACKED_FILE_BYTES = 20 * 1024 * 1024
#: At most this many events (lines, rows, messages, elements) in one import.
MAX_ROWS = 100_000
#: At most this many columns in a CSV file, and characters in one line of any text file.
MAX_COLUMNS = 200
MAX_LINE_CHARS = 100_000
#: At most this many lines in a text file (blank lines, headings and skipped lines included).
MAX_LINES = 5 * MAX_ROWS

FORMATS: tuple[str, ...] = ("auto", "slack", "pagerduty", "csv", "text", "json")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

P = ParamSpec("P")
R = TypeVar("R")


def without_cycle_collection(read: Callable[P, R]) -> Callable[P, R]:
    """Run ``read`` with Python's cycle collector paused (:mod:`retro.cycle_collection`): reading
    100,000 lines makes ~500,000 small cycle-free objects, and each full pass over them cost about
    a quarter of the parse."""
    @functools.wraps(read)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with cycle_collection_paused():
            return read(*args, **kwargs)

    return paused


class TimelineImportError(RetroError):
    """A file that cannot be imported; the message names the file and the line or JSON path."""

    def __init__(self, source_name: str, message: str, where: str = "") -> None:
        place = f"{source_name}, {where}" if where else source_name
        super().__init__(f"{place}: {message}" if place else message)
        self.source_name = source_name
        self.where = where
        self.reason = message


class ImportCancelled(TimelineImportError):
    """The person cancelled a long import; nothing was imported."""

    def __init__(self, source_name: str) -> None:
        super().__init__(source_name, "import cancelled; nothing was imported")


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What the facilitator chose before (or while) previewing an import.

    ``timezone`` applies to times that name no zone; ``base_date`` to clock times that give no
    date (a heading's date wins below that heading). ``channels`` picks Slack channels (empty:
    all). ``since``/``until`` keep only events in that window. ``csv_mapping`` maps the roles
    ``time``, ``date``, ``text``, ``kind``, ``source``, ``evidence`` to CSV column names.
    """

    format: str = "auto"
    timezone: str = "UTC"
    base_date: date | None = None
    channels: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    skip_noise: bool = True
    csv_mapping: dict[str, str] | None = None


@dataclass(frozen=True, slots=True)
class SkippedLine:
    """A line, message or JSON element that did not become an event, and why."""

    where: str
    reason: str


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One event the file would add, ticked (``selected``) or not, with where it came from."""

    event: TimelineEvent
    where: str
    line: int | None = None
    selected: bool = True
    duplicate_of: str | None = None
    note: str = ""


@dataclass(slots=True)
class ImportPreview:
    """Everything an import would do, shown before anything changes."""

    rows: list[PreviewRow]
    skipped: list[SkippedLine]
    timezone: str
    format: str
    source_name: str
    csv_mapping: dict[str, str] | None = None
    channels_available: tuple[str, ...] = ()
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)

    def set_selected(self, index: int, selected: bool) -> None:
        """Tick or untick one row."""
        self.rows[index] = replace(self.rows[index], selected=selected)

    def set_time(self, index: int, at: datetime) -> None:
        """Fix the time of one row (``at`` must be timezone-aware)."""
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValidationError("time", "needs a timezone (times are stored in UTC)")
        if not time_in_range(at):
            raise ValidationError("time", time_problem(at) or f"must be {RANGE_TEXT}")
        utc = _to_utc(at)
        row = self.rows[index]
        self.rows[index] = replace(row, event=replace(row.event, at=utc))

    def set_kind(self, index: int, kind: EventKind) -> None:
        """Change the suggested kind of one row."""
        row = self.rows[index]
        self.rows[index] = replace(row, event=replace(row.event, kind=kind))

    @property
    def selected_count(self) -> int:
        return sum(1 for r in self.rows if r.selected)

    @property
    def duplicate_count(self) -> int:
        return sum(1 for r in self.rows if r.duplicate_of)


def selected_events(preview: ImportPreview) -> list[TimelineEvent]:
    """The ticked rows' events, in time order, ready to store as one edit."""
    return sorted((r.event for r in preview.rows if r.selected), key=lambda e: e.sort_key)


# -- building rows ------------------------------------------------------------------------------


@dataclass(slots=True)
class Candidate:
    """An event an importer read, before duplicates are found and rows are built."""

    at: datetime
    text: str
    where: str
    line: int | None = None
    kind: EventKind | None = None
    source: str = ""
    evidence_url: str = ""
    selected: bool = True
    note: str = ""


def _to_utc(at: datetime) -> datetime:
    return at.astimezone(UTC)


#: Characters no database stores faithfully: NUL and unpaired surrogates (as in ``check_text``).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
#: A run of anything but letters, digits and ``_``: punctuation and spacing, compared as one space.
_NOT_WORD = re.compile(r"\W+")


def normalised_text(text: str) -> str:
    """Text as compared for duplicates: case, accents' form, punctuation and spacing ignored."""
    if text.isascii():  # NFKC changes no ASCII text, and casefold is lower there: the common case
        return _NOT_WORD.sub(" ", text.lower()).strip()
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def duplicate_key(at: datetime, text: str) -> tuple[datetime, str]:
    """Same minute (in UTC) and same normalised text means the same event."""
    minute = _to_utc(at).replace(second=0, microsecond=0)
    return (minute, normalised_text(text))


def in_window(at: datetime, options: ImportOptions) -> bool:
    if options.since is not None and at < options.since:
        return False
    return not (options.until is not None and at > options.until)


def build_rows(
    candidates: Iterable[Candidate],
    existing: Iterable[TimelineEvent],
    options: ImportOptions,
    skipped: list[SkippedLine],
) -> list[PreviewRow]:
    """Turn candidates into preview rows: validate, suggest kinds, mark duplicates, apply the window.

    A candidate that cannot be stored (empty or over-long text, bad characters) is added to
    ``skipped`` with the reason, never dropped silently.
    """
    candidates = candidates if isinstance(candidates, list) else list(candidates)
    if len(candidates) > MAX_ROWS:
        raise TimelineImportError("", f"holds {len(candidates):,} events; the limit is {MAX_ROWS:,} per import "
                                  "(split the file or export a shorter time window)")
    known: dict[tuple[datetime, str], str] = {}
    for event in existing:
        known.setdefault(duplicate_key(event.at, event.text), event.id)
    in_file: dict[tuple[datetime, str], str] = {}  # key → where the first such row is in this file
    rows: list[PreviewRow] = []
    windowed = options.since is not None or options.until is not None
    unstorable = _UNSTORABLE.search
    for c in candidates:
        text = c.text.strip()
        at = c.at if c.at.tzinfo is UTC else c.at.astimezone(UTC)
        why = ""
        if not text:
            why = "no text"
        elif not time_in_range(at):
            why = time_problem(c.at) or f"the time is outside what a retro can hold ({RANGE_TEXT})"
        elif windowed and not in_window(c.at, options):
            why = "outside the chosen time window"
        elif len(text) > MAX_LONG_TEXT or unstorable(text):  # fast path; the rule is check_text's
            try:
                check_text("text", text, required=True, limit=MAX_LONG_TEXT)
            except ValidationError as exc:
                why = f"the text {exc.message}"
        if why:
            skipped.append(SkippedLine(c.where, f"{why} ({c.note})" if c.note else why))
            continue
        notes = [c.note] if c.note else []
        url = c.evidence_url.strip() if c.evidence_url else ""
        if url:
            try:
                check_url("evidence link", url)
            except ValidationError:
                notes.append(f"evidence {url[:60]!r} is not a link; left out")
                url = ""
        event = TimelineEvent(_fresh_id(), at, text, c.kind or suggest_kind(text), _clean_source(c.source), url,
                              Audience.INTERNAL)
        key = (at.replace(second=0, microsecond=0), normalised_text(text))  # duplicate_key, inlined
        duplicate_of = known.get(key)
        selected = c.selected
        if duplicate_of is not None:
            selected = False
            earlier = in_file.get(key)
            same_as = "an event already there" if earlier is None else f"{earlier or 'an earlier row'} of this file"
            notes.append(f"duplicate: same minute and text as {same_as}")
        else:
            known[key] = event.id
            in_file[key] = c.where
        rows.append(PreviewRow(event, c.where, c.line, selected, duplicate_of, "; ".join(notes) if notes else ""))
    return rows


def _fresh_id() -> str:
    """An id like :func:`~retro.domain.entities.new_id` makes (random, 32 hex digits), cheaply."""
    return os.urandom(16).hex()


def _clean_source(source: str) -> str:
    if len(source) <= MAX_SHORT_TEXT and source.isascii() and "\x00" not in source:
        return source
    return _UNSTORABLE.sub("", source)[:MAX_SHORT_TEXT]


def too_many_rows(source_name: str, where: str, what: str = "events") -> TimelineImportError:
    """The refusal when an import passes :data:`MAX_ROWS` (reading stops there)."""
    return TimelineImportError(
        source_name, f"holds more than {MAX_ROWS:,} {what} (reading stopped at {MAX_ROWS + 1:,}); the limit is "
        f"{MAX_ROWS:,} per import: split the file or export a shorter time window", where)


def check_text_shape(text: str, source_name: str) -> None:
    """Refuse text with more than :data:`MAX_LINES` lines or a line longer than :data:`MAX_LINE_CHARS`."""
    if len(text) <= MAX_LINE_CHARS:
        return
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise TimelineImportError(source_name, f"has {lines:,} lines; the limit is {MAX_LINES:,} lines per import "
                                  "(split the file or export a shorter time window)")
    start = 0
    number = 1
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > MAX_LINE_CHARS:
            raise TimelineImportError(source_name, f"has a line of {end - start:,} characters; the limit is "
                                      f"{MAX_LINE_CHARS:,} per line", f"line {number}")
        start = end + 1
        number += 1


def check_cancel(is_cancelled: Cancelled | None, source_name: str) -> None:
    if is_cancelled is not None and is_cancelled():
        raise ImportCancelled(source_name)


def report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)

