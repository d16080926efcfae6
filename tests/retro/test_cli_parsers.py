"""`retro <command>` builds only that command's parser: it must read every command line exactly as
the whole parser does (the same values, the same errors, the same help)."""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest

from retro import cli_parser as cli

#: Command lines for the commands parsed alone, good and bad ones.
LINES = [
    ["list"], ["list", "--json"], ["list", "--all", "--search", "checkout"], ["list", "--search=-x"],
    ["--db", "lib.sqlite3", "list"], ["--db=sqlite:///x", "--log-level", "debug", "list", "--all"],
    ["--log-level=info", "list", "--json"], ["list", "--bogus"], ["list", "--search"], ["list", "extra"],
    ["list", "--help"], ["list", "--sea", "x"], ["--db", "-x", "list"], ["--db", "x", "list", "--db", "y"],
    ["show", "abc"], ["show"], ["show", "abc", "--json"], ["show", "-h"],
    ["load", "doc.json"], ["load"], ["export", "abc", "-o", "-"], ["export", "abc"],
    ["export", "abc", "--format", "html", "-o", "x"], ["export", "abc", "--format", "pdf", "--audience", "public",
                                                        "-o", "x.pdf"],
    ["check", "abc"], ["check", "abc", "--json"], ["demo"], ["demo", "x"],
    ["actions"], ["actions", "--overdue", "--csv", "jira", "-o", "out.csv"], ["actions", "--csv", "asana"],
    ["actions", "--owner", "Łukasz", "--all", "--ics", "--reports"],
    ["recurring"], ["recurring", "--json", "--all"], ["db", "upgrade"], ["db", "status"], ["db"], ["db", "down"],
    ["db", "--help"], ["--version", "list"],
]


def _parse(parser: argparse.ArgumentParser, words: list[str]) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = vars(parser.parse_args(words))
        except SystemExit as exc:
            result = ("exit", exc.code)
    return result, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("words", LINES, ids=" ".join)
def test_a_command_alone_parses_as_the_whole_parser_does(words: list[str], monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps help to the terminal
    monkeypatch.setattr("retro.about.version_text", lambda: "retro 0.1.0 (versions)")
    named = cli.command_named(words)
    whole = _parse(cli.build_parser(), words)
    if named is None:
        assert words[0].startswith("--version")
        return
    assert named in cli.ALONE
    assert _parse(cli.build_parser(only=named), words) == whole


def test_the_command_is_the_first_word_that_is_no_top_level_option_or_its_value() -> None:
    assert cli.command_named(["list"]) == "list"
    assert cli.command_named(["--db", "list", "show", "x"]) == "show"  # as argparse: "list" is the URL
    assert cli.command_named(["--db=x", "--log-level", "warn", "recurring"]) == "recurring"
    assert cli.command_named(["timeline", "import", "x", "f"]) == "timeline"  # built with everything
    for words in ([], ["-h"], ["--help"], ["--version"], ["--d", "x", "list"], ["--", "list"], ["--db"],
                  ["--log-level", "debug"]):
        assert cli.command_named(words) is None, words


def test_the_other_commands_and_help_use_the_whole_parser(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    whole = cli.build_parser()
    for name in ("calendar", "insights", "timeline", "wording", "nonsense"):
        assert name not in cli.ALONE
        assert cli.build_parser(only=name).format_help() == whole.format_help()
    text = whole.format_help()
    order = ["list", "show", "load", "export", "check", "demo", "actions", "calendar", "insights", "recurring",
             "db", "timeline", "wording"]
    positions = [text.index(f"\n    {name} ") for name in order]
    assert positions == sorted(positions)  # every command, with its one-line help, in the old order
    assert cli.command_named(["lst"]) == "lst" and "lst" not in cli.ALONE  # a typo: the whole parser says


def test_the_version_option_says_what_the_about_module_does() -> None:
    from retro.about import VersionAction

    assert VersionAction(["--version"]).help == cli.VERSION_HELP


@pytest.mark.parametrize("words", [["list", "--db", "x.sqlite3"], ["--db", "x.sqlite3", "list"],
                                   ["show", "abc", "--db=x.sqlite3"], ["--db", "y", "list", "--db", "x.sqlite3"]])
def test_the_database_may_be_named_before_or_after_the_command(words: list[str]) -> None:
    """People write `retro list --db URL` as often as `retro --db URL list`; the last one said wins."""
    for parser in (cli.build_parser(), cli.build_parser(only=cli.command_named(words))):
        assert parser.parse_args(words).db == "x.sqlite3"
    assert cli.build_parser().parse_args(["list"]).db is None  # none given: the default applies
