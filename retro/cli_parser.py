"""The ``retro`` command line's words: the commands, their options and help, and which one argv names.

:func:`build_parser` builds every command or (for the commands of :data:`ALONE`) just the one
asked for, so ``retro list`` does not build (or import) the other commands' options;
:mod:`retro.cli` runs what was parsed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``retro`` parser: every command, or (``only``) just that one of :data:`ALONE`.

    A parser with one command parses that command's words exactly as the whole one does (the
    usage line names ``COMMAND``, not the list), so :func:`main` builds only the command asked
    for: ``retro list`` does not build (or import) the timeline importers' and insights' options.
    """
    parser = argparse.ArgumentParser(
        prog="retro",
        description="Blameless Retro: run blameless incident retrospectives. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--log-level", metavar="LEVEL", help="debug, info (default: $RETRO_LOG, else info), "
                        "warning or error; the log file is in your log folder (see Help > About)")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database: a SQLAlchemy URL (sqlite:///file, postgresql+psycopg://…) or a file path "
        "(default: $RETRO_DB, else the SQLite file in your data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if only in ALONE:
        _ADD[only](sub)
        _options_after_the_command(sub)
        return parser
    for name, add in _ADD.items():  # `retro --help` lists them in this order
        add(sub)
        if name == "actions":
            from . import cli_between

            cli_between.add_parsers(sub)
    from . import cli_timeline  # its importers load only when `timeline import` runs

    cli_timeline.add_parser(sub)
    from . import cli_wording  # small, and it imports the coach only when run

    cli_wording.add_parser(sub)
    _options_after_the_command(sub)
    return parser


def _options_after_the_command(sub: _Subparsers) -> None:
    """``retro list --db URL`` as well as ``retro --db URL list`` (people write it either way).

    The default is left out (``SUPPRESS``), so a ``--db`` given before the command is kept.
    """
    for command in sub.choices.values():
        command.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                             help="the database, as `retro --db URL COMMAND` takes it")


class _VersionAction(argparse.Action):
    """``--version``: :class:`retro.about.VersionAction`, imported (platform, dataclasses…) only when asked."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=VERSION_HELP)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        from .about import VersionAction

        VersionAction(list(self.option_strings))(parser, namespace, values, option_string)


#: The same words as :class:`retro.about.VersionAction`'s (a test holds them equal).
VERSION_HELP = "show the version of the app and of the libraries it runs on, then exit"

_Subparsers = Any  # argparse._SubParsersAction[argparse.ArgumentParser], private to argparse


def _add_list(sub: _Subparsers) -> None:
    p = sub.add_parser("list", help="one retro per line, id first")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--all", action="store_true", help="include archived retros")
    p.add_argument("--search", metavar="TEXT", default="", help="full-text search")


def _add_show(sub: _Subparsers) -> None:
    p = sub.add_parser("show", help="one retro in brief")
    p.add_argument("id", help="retro id (or a unique prefix of it)")
    p.add_argument("--json", action="store_true", help="the full JSON document instead")


def _add_load(sub: _Subparsers) -> None:
    p = sub.add_parser("load", help="add a retro from a JSON document; prints the new id")
    p.add_argument("file", type=Path)


def _add_export(sub: _Subparsers) -> None:
    p = sub.add_parser("export", help="write a retro as JSON, Markdown or PDF")
    p.add_argument("id")
    p.add_argument("--format", choices=["json", "markdown", "pdf"], default="json")
    p.add_argument("--audience", choices=["internal", "public"], default="internal")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write ('-' for stdout, text formats)")


def _add_check(sub: _Subparsers) -> None:
    p = sub.add_parser("check", help="readiness findings; exit status 1 when anything blocks publishing")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")


def _add_demo(sub: _Subparsers) -> None:
    sub.add_parser("demo", help="add the demo retro; prints its id")


def _add_actions(sub: _Subparsers) -> None:
    p = sub.add_parser("actions", help="follow-through: every open action across retros")
    p.add_argument("--overdue", action="store_true", help="only overdue ones")
    from . import cli_between

    cli_between.add_actions_options(p)


def _add_recurring(sub: _Subparsers) -> None:
    p = sub.add_parser("recurring", help="contributing factors that keep coming back across retros")
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="include archived retros")


def _add_db(sub: _Subparsers) -> None:
    p = sub.add_parser("db", help="database maintenance")
    db_sub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_sub.add_parser("upgrade", help="upgrade the schema to this version (backs up SQLite first)")
    db_sub.add_parser("status", help="say which schema version the database has")


#: The commands this module builds, in ``retro --help``'s order (``calendar`` and ``insights``
#: come after ``actions``; ``timeline`` and ``wording`` last, from their own modules).
_ADD: dict[str, Callable[[_Subparsers], None]] = {
    "list": _add_list, "show": _add_show, "load": _add_load, "export": _add_export, "check": _add_check,
    "demo": _add_demo, "actions": _add_actions, "recurring": _add_recurring, "db": _add_db,
}
#: The commands :func:`main` parses with a parser of their own (every one this module builds).
ALONE = frozenset(_ADD)
#: Options of ``retro`` itself that take a value (``--db URL``), as :func:`command_named` skips them.
_VALUED = ("--db", "--log-level")


def command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names, when nothing before it but ``--db``/``--log-level`` and their values.

    None for anything else (``-h``, ``--version``, an abbreviated or unknown option, no command):
    then the whole parser reads it and says what it says today.
    """
    i = 0
    while i < len(argv):
        word = argv[i]
        if word in _VALUED:
            i += 2
        elif word.startswith(tuple(f"{option}=" for option in _VALUED)):
            i += 1
        elif word.startswith("-"):
            return None
        else:
            return word
    return None
