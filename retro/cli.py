"""The ``retro`` command line: list, show, load, export, check, demo, timeline import, db upgrade.

Scripts can rely on it: results go to stdout (``list``/``show`` also as ``--json``; ``load`` and
``demo`` print the new id alone), errors go to stderr with a non-zero exit status:
0 success, 1 ``check`` found blockers, 2 an error (bad input, unknown id, database trouble),
141 the reader of stdout went away (``retro list | head -1``: quietly, as other tools do).
``retro`` with no command opens the app (see :mod:`ui.launch`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cli_lookup import CliError, find_retro_id
from .cli_parser import build_parser, command_named
from .domain.errors import RetroError

if TYPE_CHECKING:  # SQLAlchemy is imported only by the commands that open the store
    from .services import RetroStore, RetroSummary

EXIT_OK, EXIT_BLOCKERS, EXIT_ERROR = 0, 1, 2
#: 128 + SIGPIPE, as a shell reports a command whose reader went away (like 130 for Ctrl+C).
EXIT_BROKEN_PIPE = 141


def main(argv: Sequence[str] | None = None) -> int:
    from .cli_args import join_dash_values  # `--search -checkout` searches for "-checkout"

    words = join_dash_values(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=command_named(words))
    args = parser.parse_args(words)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        code = _dispatch(args)
        if sys.stdout is not None:  # None in a windowed frozen build
            sys.stdout.flush()  # a reader gone away shows here, not as "Exception ignored" at exit
        return code
    except BrokenPipeError:  # `retro list | head -1`: the reader has what it wanted
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except RetroError as exc:
        print(f"retro: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"retro: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _quiet_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush at exit cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real stdout (a test's capture): nothing will flush to the pipe
        pass


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "wording":  # needs no database
        from . import cli_wording

        return cli_wording.run(args)
    from .startup import resolve_url

    _check_library_named(args)
    if args.command == "db":
        from .storage.schema import schema_status, upgrade

        url = resolve_url(args.db)
        status = upgrade(url) if args.db_command == "upgrade" else schema_status(url)
        print(status.describe())
        return EXIT_OK

    if args.command == "list" and not args.search and not args.json:  # the everyday read: one stdlib query
        from .services.quick_lines import list_text

        text = list_text(resolve_url(args.db), include_archived=args.all)
        if text is not None:
            sys.stdout.write(text)  # one write for the whole library (main() flushes it)
            return EXIT_OK
    if args.command == "list" and not args.search:  # --json: stdlib sqlite3 too, no SQLAlchemy
        from .services.quick_library import quick_library

        quick = quick_library(resolve_url(args.db))
        if quick is not None:
            return _print_list(args, [s for s in quick if args.all or not s.archived])

    from .startup import open_store

    store = open_store(args.db)
    store.waiting = lambda message: print(f"retro: {message}", file=sys.stderr, flush=True)
    try:
        handler = _HANDLERS.get(args.command)
        if args.command in ("calendar", "insights") or (args.command == "actions" and _exports(args)):
            from . import cli_between

            return cli_between.run(args, store) if args.command != "actions" else cli_between.run_actions_export(args, store)
        if handler is None:
            from . import cli_timeline

            return cli_timeline.run_timeline(args, store)
        return handler(args, store)
    finally:
        store.close()


#: The commands that may make a new library: the others read (or edit) one that must exist.
_CREATES = frozenset({"load", "demo"})


def _check_library_named(args: argparse.Namespace) -> None:
    """Refuse an empty ``--db``, and a library file that does not exist for a command that does not
    create one: a mistyped path must not silently become new folders and an empty library."""
    import os

    from .startup import resolve_url
    from .storage.location import sqlite_path

    if args.db is not None and not args.db.strip():
        raise CliError("--db is empty: give a file path, sqlite:///path or postgresql://…")
    named = args.db if args.db is not None else os.environ.get("RETRO_DB", "").strip() or None
    if named is None or args.command in _CREATES or (args.command == "db" and args.db_command == "upgrade"):
        return  # the default library is made on first use; these commands may make the named one
    path = sqlite_path(resolve_url(named))
    if path is not None and not path.is_file():
        raise CliError(f"no library at {path} (check the path; `retro demo --db {named}` or "
                       f"`retro load FILE --db {named}` makes a new one)")


def _exports(args: argparse.Namespace) -> bool:
    from .cli_between import wants_export

    return wants_export(args)


def _summary_json(s: RetroSummary) -> dict[str, Any]:
    def iso(value: Any) -> Any:
        return value.isoformat() if value is not None else None

    return {
        "id": s.id,
        "title": s.title,
        "severity": s.severity.value,
        "status": s.status.value,
        "started_at": iso(s.started_at),
        "resolved_at": iso(s.resolved_at),
        "internal_report": s.internal_report.value,
        "public_report": s.public_report.value,
        "open_actions": s.open_actions,
        "overdue_actions": s.overdue_actions,
        "archived": s.archived,
        "version": s.version,
    }


def _cmd_list(args: argparse.Namespace, store: RetroStore) -> int:
    return _print_list(args, store.list_retros(text=args.search, include_archived=args.all))


def _print_list(args: argparse.Namespace, summaries: Sequence[RetroSummary]) -> int:
    if args.json:
        import json

        print(json.dumps([_summary_json(s) for s in summaries], ensure_ascii=False, indent=2))
        return EXIT_OK
    for s in summaries:
        when = s.started_at.date().isoformat() if s.started_at else "-"
        flags = " (archived)" if s.archived else ""
        print(f"{s.id}\t{s.severity.label}\t{s.status.label}\t{when}\t{s.open_actions} open\t{s.title}{flags}")
    return EXIT_OK


def _cmd_show(args: argparse.Namespace, store: RetroStore) -> int:
    retro = store.load(find_retro_id(store, args.id))
    if args.json:
        from .io.document import dumps

        print(dumps(retro))
        return EXIT_OK
    inc = retro.incident
    print(f"{inc.title}")
    print(f"  id:        {inc.id}")
    print(f"  severity:  {inc.severity.label} — {inc.severity.description}")
    print(f"  status:    {inc.status.label}")
    if inc.services:
        print(f"  services:  {', '.join(inc.services)}")
    from .domain.lifecycle import internal_report_due, key_durations, public_report_due
    from .report.local_times import local_time  # as the reports and the app show times

    for duration in key_durations(inc):
        print(f"  {duration.name.lower() + ':':<21}{duration.text()}")
    for name, due in (("internal report", internal_report_due(inc)), ("public report", public_report_due(inc))):
        print(f"  {name + ' due:':<21}{local_time(retro, due) if due else 'when resolved'}")
    print(
        f"  {len(retro.participants)} participants, {len(retro.events)} timeline events, "
        f"{len(retro.factors)} contributing factors, {len(retro.statements)} statements, "
        f"{len(retro.actions)} actions"
    )
    from .checks import all_findings

    findings = all_findings(retro)  # the same list as `retro check` and the Review stage
    blockers = sum(f.is_blocker for f in findings)
    print(f"  readiness: {blockers} blocker(s), {len(findings) - blockers} warning(s)")
    return EXIT_OK


def _cmd_load(args: argparse.Namespace, store: RetroStore) -> int:
    from .io.document import load_document

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror}") from None
    retro = load_document(data)
    print(store.add_retro(retro))
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, store: RetroStore) -> int:
    retro = store.load(find_retro_id(store, args.id))
    from .domain import Audience

    audience = Audience(args.audience)
    out = args.output
    if args.format == "pdf":
        if out == "-":
            raise CliError("a PDF cannot go to stdout; give a file with -o")
        from .report import write_pdf

        related = []
        if audience is Audience.INTERNAL:  # incidents that share factors, with their open actions
            related = store.related_retros(retro)
        path = write_pdf(retro, Path(out), audience, related=related)
        print(path, file=sys.stderr)
        return EXIT_OK
    if args.format == "markdown":
        from .report import render_markdown, write_markdown

        if out == "-":
            sys.stdout.write(render_markdown(retro, audience))
            return EXIT_OK
        write_markdown(retro, Path(out), audience)
        return EXIT_OK
    if audience is Audience.PUBLIC:
        raise CliError("the JSON document is the full internal record; use --format pdf or markdown "
                       "for a public report")
    from .io.document import dumps
    from .io.files import write_text_atomically

    text = dumps(retro)
    if out == "-":
        sys.stdout.write(text + "\n")
    else:
        write_text_atomically(Path(out), text + "\n")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace, store: RetroStore) -> int:
    import json

    from .checks import all_findings

    retro = store.load(find_retro_id(store, args.id))
    findings = all_findings(retro)
    if args.json:
        print(json.dumps(
            [{"code": f.code, "level": f.level.value, "stage": f.stage.value, "message": f.message,
              "target": f.target_id} for f in findings],
            ensure_ascii=False, indent=2,
        ))
    else:
        for f in findings:
            print(f"{f.level.value:<8} {f.stage.label:<22} {f.message}")
        blockers = sum(f.is_blocker for f in findings)
        print(f"{blockers} blocker(s), {len(findings) - blockers} warning(s)")
    return EXIT_BLOCKERS if any(f.is_blocker for f in findings) else EXIT_OK


def _cmd_demo(args: argparse.Namespace, store: RetroStore) -> int:
    from .demo import build_demo_retro

    print(store.add_retro(build_demo_retro()))
    return EXIT_OK


def _cmd_actions(args: argparse.Namespace, store: RetroStore) -> int:
    for item in store.open_actions():
        if args.overdue and not item.overdue:
            continue
        a = item.action
        due = a.due.isoformat() if a.due else "no due date"
        mark = "OVERDUE " if item.overdue else ""
        print(f"{item.incident_id}\t{mark}{due}\t{a.owner or '(no owner)'}\t{a.status.label}\t{a.title}"
              f"\t[{item.incident_title}]")
    return EXIT_OK


def _cmd_recurring(args: argparse.Namespace, store: RetroStore) -> int:
    groups = store.recurring_factors(include_archived=args.all)
    if args.json:
        import json

        print(json.dumps(
            [{"title": g.title, "category": g.category.value, "incidents": list(g.incident_ids),
              "sightings": [{"incident_id": s.incident_id, "incident_title": s.incident_title,
                             "factor_id": s.factor_id, "title": s.title} for s in g.sightings]}
             for g in groups],
            ensure_ascii=False, indent=2,
        ))
        return EXIT_OK
    for g in groups:
        print(f"{len(g.incident_ids)} incidents\t{g.category.label}\t{g.title}")
        for s in g.sightings:
            print(f"  {s.incident_id}\t{s.incident_title}\t“{s.title}”")
    if not groups:
        print("No contributing factor appears in more than one retro yet.")
    return EXIT_OK


_HANDLERS = {
    "list": _cmd_list,
    "show": _cmd_show,
    "load": _cmd_load,
    "export": _cmd_export,
    "check": _cmd_check,
    "demo": _cmd_demo,
    "actions": _cmd_actions,
    "recurring": _cmd_recurring,
}


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
