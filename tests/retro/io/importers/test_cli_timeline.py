"""``retro timeline import``: argparse wiring, and run_timeline against a real RetroStore (SQLite).

(Lives here rather than beside a ``tests/retro/test_cli*.py`` because this folder is the one the
importer work owns.)
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from retro.cli_timeline import add_parser, run_timeline
from retro.services import RetroStore


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="retro")
    add_parser(parser.add_subparsers(dest="command", required=True))
    return parser


@pytest.fixture
def store(sqlite_url: str) -> Iterator[RetroStore]:
    opened = RetroStore(sqlite_url)
    yield opened
    opened.close()


def _run(store: RetroStore, *argv: str) -> tuple[int, str, str]:
    args = _parser().parse_args(["timeline", "import", *argv])
    out, err = io.StringIO(), io.StringIO()
    status = args.handler(args, store, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_parser_wiring() -> None:
    args = _parser().parse_args([
        "timeline", "import", "abc", "notes.md", "--format", "text", "--tz", "Europe/Berlin",
        "--date", "2026-10-14", "--channel", "inc-payments", "--channel", "general", "--dry-run",
    ])
    assert not args.include_unticked
    assert (args.command, args.timeline_command, args.id, args.file) == ("timeline", "import", "abc", "notes.md")
    assert (args.format, args.tz, args.date.isoformat(), args.channel, args.dry_run) == (
        "text", "Europe/Berlin", "2026-10-14", ["inc-payments", "general"], True,
    )
    assert args.handler is run_timeline
    with pytest.raises(SystemExit):
        _parser().parse_args(["timeline", "import", "abc", "f", "--date", "14/10/2026"])
    with pytest.raises(SystemExit):
        _parser().parse_args(["timeline", "import", "abc", "f", "--format", "xml"])


def test_dry_run_writes_nothing(store: RetroStore, fixtures: Path) -> None:
    retro = store.create_retro("Checkout outage")
    status, out, err = _run(store, retro.incident.id, str(fixtures / "pagerduty_log_entries.json"), "--dry-run")
    assert (status, err) == (0, "")
    assert "would add" in out and "skipped    $.log_entries[1]: notify (noise)" in out
    assert out.strip().splitlines()[-1].startswith("Dry run: would add 6 events")
    assert store.load(retro.incident.id).events == {}


def test_import_is_one_edit_and_duplicates_are_not_readded(store: RetroStore, fixtures: Path) -> None:
    retro = store.create_retro("Checkout outage", timezone="Europe/Berlin")
    status, out, _ = _run(store, retro.incident.id, str(fixtures / "postmortem.md"))
    assert status == 0
    after = store.load(retro.incident.id)
    assert len(after.events) == 7
    assert after.incident.version == retro.incident.version + 1  # one transaction, one undo step
    assert "added      2026-10-14 18:58:00 CEST  alert" in out
    assert "skipped    line 5: no time at the start of the line" in out
    status, out, _ = _run(store, retro.incident.id, str(fixtures / "postmortem.md"))
    assert status == 0 and len(store.load(retro.incident.id).events) == 7
    assert "Added 0 events" in out and "7 duplicates" in out


def test_slack_import_takes_the_preselected_rows_or_all(store: RetroStore, fixtures: Path) -> None:
    retro = store.create_retro("Checkout outage")
    export = str(fixtures / "slack_export")
    status, out, _ = _run(store, retro.incident.id, export, "--channel", "inc-payments")
    assert status == 0 and "unticked" in out
    assert len(store.load(retro.incident.id).events) == 4  # the pinned and reacted-to messages
    status, out, _ = _run(store, retro.incident.id, export, "--channel", "inc-payments", "--all")
    assert status == 0 and "Added 5 events" in out and "4 duplicates" in out
    assert len(store.load(retro.incident.id).events) == 9


def test_incident_timezone_and_date_apply_to_clock_times(store: RetroStore, tmp_path: Path) -> None:
    retro = store.create_retro("Checkout outage", timezone="America/New_York")
    notes = tmp_path / "notes.txt"
    notes.write_text("22:58 alert fired\n00:10 resolved\n")
    status, out, _ = _run(store, retro.incident.id, str(notes), "--date", "2026-10-14")
    assert status == 0 and "read in America/New_York" in out
    times = sorted(e.at.isoformat() for e in store.load(retro.incident.id).events.values())
    assert times == ["2026-10-15T02:58:00+00:00", "2026-10-15T04:10:00+00:00"]
    other = store.create_retro("Other")
    _run(store, other.incident.id, str(notes), "--date", "2026-10-14", "--tz", "UTC")
    assert sorted(e.at.hour for e in store.load(other.incident.id).events.values()) == [0, 22]


def test_errors_go_to_stderr_with_status_2(store: RetroStore, tmp_path: Path) -> None:
    retro = store.create_retro("Checkout outage")
    broken = tmp_path / "broken.json"
    broken.write_text('[{"time": ')
    status, out, err = _run(store, retro.incident.id, str(broken))
    assert (status, out) == (2, "") and err.startswith("retro: error: broken.json, line 1 column")
    status, _, err = _run(store, "no-such-retro", str(broken))
    assert status == 2 and err.startswith("retro: error: no retro with id 'no-such-retro'")
    status, _, err = _run(store, retro.incident.id, str(broken), "--tz", "Mars/Olympus")
    assert status == 2 and "not a known timezone" in err
    assert store.load(retro.incident.id).events == {}


def test_id_prefix_is_accepted_like_every_other_command(store: RetroStore, tmp_path: Path) -> None:
    retro = store.create_retro("Checkout outage")
    notes = tmp_path / "notes.txt"
    notes.write_text("10:00 alert fired\n")
    status, out, err = _run(store, retro.incident.id[:8], str(notes), "--date", "2026-10-14")
    assert (status, err) == (0, "") and "Added 1 event to “Checkout outage”" in out
    assert len(store.load(retro.incident.id).events) == 1


def test_a_file_with_nothing_readable_is_refused_with_status_2(store: RetroStore, tmp_path: Path) -> None:
    retro = store.create_retro("Checkout outage")
    notes = tmp_path / "notes.txt"
    notes.write_text("we restarted things\n10:00 alert fired\n")  # no --date: the clock time has no day
    status, out, err = _run(store, retro.incident.id, str(notes))
    assert (status, out) == (2, "")
    assert err.startswith("retro: error: notes.txt: no event could be read (text; 2 lines skipped)")
    assert "skipped    line 1: no time at the start of the line" in err
    assert "skipped    line 2: only a clock time and no date is known" in err
    assert store.load(retro.incident.id).events == {}
