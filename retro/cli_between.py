"""Between meetings on the command line: ``retro actions --csv/--ics``, ``retro calendar``,
``retro insights``.

:mod:`retro.cli` calls :func:`add_actions_options` on its ``actions`` parser, :func:`add_parsers`
for the new commands, and hands ``actions`` with an export option to :func:`run_actions_export`.
Files are written atomically; ``-o -`` (the default) writes to stdout.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .domain import ActionStatus, RetroError

if TYPE_CHECKING:  # the store (SQLAlchemy) loads only when a command runs, not to parse arguments
    from .domain.follow_through import ActionRecord
    from .services import RetroStore


class BetweenCliError(RetroError):
    """A problem with what was asked on the command line."""


def add_actions_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--csv", choices=["jira", "linear"], metavar="{jira,linear}",
                   help="write the actions as CSV for Jira's or Linear's importer")
    p.add_argument("--ics", action="store_true",
                   help="write the actions' due dates (and report deadlines with --reports) as a calendar")
    p.add_argument("--owner", metavar="NAME", help="only this owner's actions")
    p.add_argument("--all", action="store_true", dest="all_statuses",
                   help="every action, also done and won't do (default: open and in progress)")
    p.add_argument("--reports", action="store_true", help="with --ics: add the postmortems' due times")
    p.add_argument("-o", "--output", default="-", metavar="OUT", help="file to write (default '-': stdout)")


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("calendar", help="a calendar (.ics) of action due dates and report deadlines")
    p.add_argument("--owner", metavar="NAME", help="only this owner's actions (and no report deadlines)")
    p.add_argument("--no-reports", action="store_true", help="leave out the internal (24 h) and public (72 h) "
                   "report deadlines")
    p.add_argument("-o", "--output", default="-", metavar="OUT", help="file to write (default '-': stdout)")
    from . import cli_insights

    cli_insights.add_parser(sub)


def wants_export(args: argparse.Namespace) -> bool:
    """Whether ``retro actions`` was asked for more than the plain list of open actions."""
    return bool(getattr(args, "csv", None) or getattr(args, "ics", False) or getattr(args, "owner", None)
                or getattr(args, "all_statuses", False))


def _records(store: RetroStore, *, owner: str | None, all_statuses: bool, overdue: bool = False) -> list[ActionRecord]:
    from .domain.follow_through import OPEN_STATUSES, DueState, due_state, follow_through_order
    from .io.calendar_ics import for_owner

    today = date.today()
    records = store.action_records(statuses=None if all_statuses else frozenset(OPEN_STATUSES))
    if owner is not None:
        records = for_owner(records, owner)
        if not records:
            print(f"retro: no {'' if all_statuses else 'open '}actions owned by {owner!r}", file=sys.stderr)
    if overdue:
        records = [r for r in records if due_state(r.action, today) is DueState.OVERDUE]
    return follow_through_order(records, today)


def _write(output: str, data: bytes) -> None:
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from .io.files import write_bytes_atomically

    write_bytes_atomically(Path(output), data)
    print(output, file=sys.stderr)


def run_actions_export(args: argparse.Namespace, store: RetroStore) -> int:
    if args.csv and args.ics:
        raise BetweenCliError("choose one of --csv and --ics")
    records = _records(store, owner=args.owner, all_statuses=args.all_statuses, overdue=args.overdue)
    if not args.csv and not args.ics:
        from .domain.follow_through import DueState, due_state

        today = date.today()
        for r in records:
            a = r.action
            mark = "OVERDUE " if due_state(a, today) is DueState.OVERDUE else ""
            due = a.due.isoformat() if a.due else "no due date"
            print(f"{r.incident_id}\t{mark}{due}\t{a.owner or '(no owner)'}\t{a.status.label}\t{a.title}"
                  f"\t[{r.incident_title}]")
        return 0
    if args.csv:
        from .io.actions_csv import CsvFormat, actions_csv_bytes

        _write(args.output, actions_csv_bytes(records, CsvFormat(args.csv)))
        return 0
    from .io.calendar_ics import calendar_ics

    deadlines = store.report_deadlines() if args.reports else []
    _write(args.output, calendar_ics(records, deadlines, name=_calendar_name(args.owner)))
    return 0


def _calendar_name(owner: str | None) -> str:
    return f"Retro actions: {' '.join(owner.split())}" if owner else "Retro follow-through"


def run_calendar(args: argparse.Namespace, store: RetroStore) -> int:
    from .io.calendar_ics import calendar_ics

    records = _records(store, owner=args.owner, all_statuses=False)
    deadlines = [] if args.no_reports or args.owner else store.report_deadlines()
    _write(args.output, calendar_ics(records, deadlines, name=_calendar_name(args.owner)))
    return 0


def run(args: argparse.Namespace, store: RetroStore) -> int:
    """Entry for the commands this module registers (``calendar``, ``insights``)."""
    if args.command == "calendar":
        return run_calendar(args, store)
    from . import cli_insights

    return cli_insights.run(args, store)


__all__ = ["ActionStatus", "add_actions_options", "add_parsers", "run", "run_actions_export", "wants_export"]
