"""``retro actions --csv/--ics`` and ``retro calendar`` (in process: the parser and handlers)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from icalendar import Calendar

from retro.cli import main
from retro.services import RetroStore

from .services.builders import full_retro


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'between.sqlite3'}"
    store = RetroStore(url)
    store.add_retro(full_retro(), new_ids=False)
    store.close()
    return url


def test_actions_csv_for_jira_to_a_file(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "actions.csv"
    assert main(["--db", db, "actions", "--csv", "jira", "-o", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert rows[0][0] == "Summary" and {r[0] for r in rows[1:]} == {"Size the pool from load", "Add a pool saturation alert"}


def test_actions_csv_for_linear_to_stdout(db: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["--db", db, "actions", "--csv", "linear", "--owner", "dana"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsysbinary.readouterr().out.decode("utf-8-sig"))))
    assert [r["Title"] for r in rows] == ["Add a pool saturation alert"]


def test_actions_ics_and_calendar(db: str, tmp_path: Path) -> None:
    out = tmp_path / "due.ics"
    assert main(["--db", db, "actions", "--ics", "--owner", "Sam", "-o", str(out)]) == 0
    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Due: Size the pool from load"]
    assert main(["--db", db, "calendar", "-o", str(out)]) == 0
    summaries = sorted(str(e["summary"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert summaries == ["Due: Add a pool saturation alert", "Due: Size the pool from load",
                         "Internal postmortem due: Checkout outage", "Public postmortem due: Checkout outage"]


def test_plain_actions_by_owner_and_bad_requests(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "actions", "--owner", "SAM"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and "Size the pool from load" in lines[0]
    assert main(["--db", db, "actions", "--csv", "jira", "--ics"]) == 2
    assert "choose one of --csv and --ics" in capsys.readouterr().err
    assert main(["--db", db, "actions", "--csv", "jira", "-o", "/nonexistent-dir/x.csv"]) == 2


def test_insights_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from .analysis.insights_library import known_library

    url = f"sqlite:///{tmp_path / 'insights.sqlite3'}"
    store = RetroStore(url)
    for retro in known_library():
        store.add_retro(retro, new_ids=False)
    store.close()
    assert main(["--db", url, "insights", "--json", "--service", "payments"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["incidents"] == 2 and data["service"] == "payments"
    assert data["time_to_detect"]["median_seconds"] == 12.5 * 60
    assert data["time_to_detect"]["basis"]["incidents"] == 2
    assert data["actions"]["wont_do_reasons"] == {"Replaced by platform work": 2}
    pdf = tmp_path / "review.pdf"
    assert main(["--db", url, "insights", "--pdf", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF") and "Insights over 6 incidents" in capsys.readouterr().out
    assert main(["--db", url, "insights", "--since", "2026-03-01", "--by", "month"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Insights over 4 incidents (since 2026-03-01)")
    assert "Time to detect: median 5 min — rests on 1 incident; 3 left out" in text
    with pytest.raises(SystemExit) as refused:
        main(["--db", url, "insights", "--since", "March"])
    assert refused.value.code == 2
    assert "is not a date" in capsys.readouterr().err
