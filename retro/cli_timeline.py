"""``retro timeline import ID FILE``: import a timeline from a file, printing what was added and skipped.

The main CLI (:mod:`retro.cli`) calls :func:`add_parser` to register the ``timeline`` command
and dispatches to :func:`run_timeline`. The import is one edit (one transaction); ``--dry-run``
prints the same report and writes nothing. Like every ``retro`` command, the id may be a unique
prefix, errors go to stderr as ``retro: error: …`` with exit status 2 — also when not one line of
the file could be read.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from .cli_lookup import find_retro_id
from .domain.errors import RetroError

if TYPE_CHECKING:
    from .io.importers import ImportPreview

# The importers load when an import runs, not to parse `retro list`; a test keeps this equal to
# retro.io.importers.FORMATS.
FORMATS: tuple[str, ...] = ("auto", "slack", "pagerduty", "csv", "text", "json")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Register ``timeline import …`` on the main CLI's subparsers; returns the ``timeline`` parser."""
    timeline: argparse.ArgumentParser = subparsers.add_parser("timeline", help="work with a retro's timeline")
    commands = timeline.add_subparsers(dest="timeline_command", metavar="COMMAND", required=True)
    imp = commands.add_parser(
        "import",
        help="import events from a Slack export, PagerDuty log, CSV, notes or JSON",
        description="Import timeline events. Prints every event added and every line skipped (and why).",
    )
    imp.add_argument("id", metavar="ID", help="the retro's id (or a unique prefix of it)")
    imp.add_argument("file", metavar="FILE", help="the file (or Slack export folder) to import")
    imp.add_argument("--format", choices=FORMATS, default="auto", help="the file's format (default: from the file)")
    imp.add_argument("--tz", metavar="ZONE", default=None,
                     help="timezone for times that name none (default: the incident's timezone)")
    imp.add_argument("--date", metavar="YYYY-MM-DD", type=_date, default=None,
                     help="the date for lines that give only a clock time")
    imp.add_argument("--channel", metavar="NAME", action="append", default=[],
                     help="Slack channel to import (repeatable; default: every channel)")
    imp.add_argument("--all", action="store_true", dest="include_unticked",
                     help="also import rows that are not pre-selected (bot messages, Slack messages nobody "
                          "pinned or reacted to); duplicates are never added again")
    imp.add_argument("--dry-run", action="store_true", help="show what would be imported; write nothing")
    imp.set_defaults(handler=run_timeline)
    return timeline


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-10-14") from None


ERROR = "retro: error:"


def run_timeline(args: argparse.Namespace, store: Any, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run ``timeline import``; returns the exit status (0 done, 2 refused with the reason on stderr).

    Refused (2) also when the file held nothing that could be read: every line skipped, no event
    found. The skipped lines and why are printed to stderr then, so the person can fix the file.
    """
    from .io.importers import ImportOptions, preview_import, selected_events
    from .io.importers.times import TimeProblem, zone_of

    out = out or sys.stdout
    err = err or sys.stderr
    if getattr(args, "timeline_command", "import") != "import":
        print(f"{ERROR} unknown timeline command {args.timeline_command!r}", file=err)
        return 2
    try:
        retro = store.load(find_retro_id(store, args.id))
        zone_name = args.tz or retro.incident.timezone or "UTC"
        try:
            zone_of(zone_name)
        except TimeProblem as exc:
            print(f"{ERROR} --tz: {exc}", file=err)
            return 2
        options = ImportOptions(
            format=args.format, timezone=zone_name, base_date=args.date, channels=tuple(args.channel),
        )
        preview = preview_import(args.file, options, retro.events.values())
        if not preview.rows:
            _print_nothing_read(preview, err)
            return 2
        if getattr(args, "include_unticked", False):
            for index, row in enumerate(preview.rows):
                if row.duplicate_of is None:
                    preview.set_selected(index, True)
        events = selected_events(preview)
        if events and not args.dry_run:
            from .domain import Edit

            store.apply(retro.incident.id, retro.incident.version, Edit(upsert=tuple(events)))
    except RetroError as exc:
        print(f"{ERROR} {exc}", file=err)
        return 2
    _print_report(preview, len(events), args.dry_run, retro.incident.title, out)
    return 0


def _print_nothing_read(preview: ImportPreview, err: TextIO) -> None:
    """Why an import found no event at all: the reason, then every skipped line and note."""
    print(
        f"{ERROR} {preview.source_name}: no event could be read ({preview.format}; "
        f"{len(preview.skipped)} line{'s' if len(preview.skipped) != 1 else ''} skipped); "
        "nothing was imported. Check --format, --date and --tz",
        file=err,
    )
    for skip in preview.skipped:
        print(f"skipped    {skip.where}: {skip.reason}", file=err)
    for note in preview.notes:
        print(f"note       {note}", file=err)


def _print_report(preview: ImportPreview, added: int, dry_run: bool, title: str, out: TextIO) -> None:
    shown = _display_zone(preview.timezone)
    verb = "would add" if dry_run else "added"
    for row in sorted(preview.rows, key=lambda r: r.event.sort_key):
        event = row.event
        when = event.at.astimezone(shown).strftime("%Y-%m-%d %H:%M:%S %Z")
        if row.selected:
            status = verb
        elif row.duplicate_of:
            status = "duplicate"
        else:
            status = "unticked"
        note = f"  ({row.note})" if row.note else ""
        text = event.text.replace("\n", " ")
        print(f"{status:<9}  {when}  {event.kind.value:<15}  {text}{note}", file=out)
    for skip in preview.skipped:
        print(f"skipped    {skip.where}: {skip.reason}", file=out)
    for note in preview.notes:
        print(f"note       {note}", file=out)
    left_out = len(preview.rows) - added
    summary = (
        f"{'Dry run: would add' if dry_run else 'Added'} {added} event{'s' if added != 1 else ''} to “{title}” "
        f"from {preview.source_name} ({preview.format}); {left_out} left out "
        f"({preview.duplicate_count} duplicate{'s' if preview.duplicate_count != 1 else ''}); "
        f"{len(preview.skipped)} skipped; times without a zone read in {preview.timezone}; "
        "every event is internal only until you mark it public"
    )
    if dry_run:
        summary += "; nothing was written"
    print(summary, file=out)


def _display_zone(name: str) -> Any:
    from zoneinfo import ZoneInfo  # only when a timeline is shown: `retro list` starts without it

    from .io.importers.times import TimeProblem, zone_of

    try:
        return zone_of(name)
    except TimeProblem:
        return ZoneInfo("UTC")


__all__ = ["add_parser", "run_timeline"]

