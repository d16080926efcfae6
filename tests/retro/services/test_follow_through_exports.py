"""Action records across the library, exported as Jira/Linear CSV and as calendars, parsed back."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from retro.domain import ActionItem, ActionStatus, Edit, Priority
from retro.domain.follow_through import OPEN_STATUSES, DueState, GroupBy, due_state, group_records
from retro.io.actions_csv import CsvFormat, actions_csv, actions_csv_bytes
from retro.io.calendar_ics import ReportKind, calendar_ics, for_owner
from retro.services import RetroStore

from .builders import full_retro

TODAY = date(2026, 3, 25)


@pytest.fixture
def library(store: RetroStore) -> RetroStore:
    retro = full_retro()
    store.add_retro(retro, new_ids=False)
    other = full_retro("Login storm, \"retry\" = amplify")
    other.incident = replace(other.incident, id="inc-2", services=("auth",), resolved_at=None)
    other.actions = {
        "b-1": ActionItem("b-1", "=SUM(A1) looks like a formula", owner="  Sam ", due=date(2026, 3, 27),
                          priority=Priority.HIGH, factor_ids=("f-1",), description="Line one\nline, two"),
        "b-2": ActionItem("b-2", "Write the runbook", owner="Łukasz Żółć", status=ActionStatus.WONT_DO,
                          status_reason="Replaced by the platform team's runbook", due=date(2026, 3, 1)),
        "b-3": ActionItem("b-3", "Undated follow-up", owner="sam"),
    }
    store.add_retro(other, new_ids=False)
    return store


def test_records_carry_retro_details_and_factor_titles(library: RetroStore) -> None:
    records = {(r.incident_id, r.action.id): r for r in library.action_records()}
    assert len(records) == 5
    a1 = records[("inc-1", "a-1")]
    assert a1.factor_titles == ("No load test before launch", "Pool size left at default")
    assert a1.services == ("checkout", "payments") and a1.incident_title == "Checkout outage"
    open_only = library.action_records(statuses=frozenset(OPEN_STATUSES))
    assert {r.action.id for r in open_only} == {"a-1", "a-2", "b-1", "b-3"}


def test_due_states_and_grouping(library: RetroStore) -> None:
    records = library.action_records()
    states = {r.action.id: due_state(r.action, TODAY) for r in records}
    assert states == {"a-1": DueState.THIS_WEEK, "a-2": DueState.OVERDUE, "b-1": DueState.THIS_WEEK,
                      "b-2": DueState.CLOSED, "b-3": DueState.NO_DATE}
    by_owner = group_records(records, GroupBy.OWNER, TODAY)
    assert by_owner[0].title == "Dana"  # the owner with an overdue action comes first
    sam = next(g for g in by_owner if g.title.casefold() == "sam")
    assert [r.action.id for r in sam.records] == ["b-1", "a-1", "b-3"]  # "Sam", " Sam " and "sam" are one
    by_service = group_records(records, GroupBy.SERVICE, TODAY)
    assert [g.title for g in by_service][:2] == ["checkout", "payments"]
    assert [r.action.id for r in by_service[0].records] == ["a-2", "a-1"]
    by_state = group_records(records, GroupBy.DUE_STATE, TODAY)
    assert [g.title for g in by_state] == ["Overdue", "Due this week", "No due date", "Done or won't do"]


def test_jira_csv_parses_back(library: RetroStore) -> None:
    records = library.action_records()
    data = actions_csv_bytes(records, CsvFormat.JIRA)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:7] == ["Summary", "Issue Type", "Description", "Priority", "Assignee", "Due Date", "Status"]
    assert header.count("Labels") >= 5 and header[-1] == "Retro"
    by_title = {r[0]: dict(zip(header[:7], r[:7], strict=True)) | {"labels": [v for h, v in zip(header, r, strict=True) if h == "Labels" and v], "retro": r[-1]} for r in body}
    formula = by_title["'=SUM(A1) looks like a formula"]  # never run as a spreadsheet formula
    assert formula["Assignee"] == "Sam" and formula["Due Date"] == "2026-03-27" and formula["Priority"] == "High"
    assert "Line one\nline, two" in formula["Description"] and "- Pool size left at default" in formula["Description"]
    assert formula["retro"] == "retro://retro/inc-2?action=b-1"
    assert "auth" in formula["labels"] and "sev2" in formula["labels"]
    wont = by_title["Write the runbook"]
    assert wont["Status"] == "Won't Do" and "Replaced by the platform team's runbook" in wont["Description"]
    assert wont["Assignee"] == "Łukasz Żółć"
    assert by_title["Undated follow-up"]["Due Date"] == ""


def test_linear_csv_parses_back(library: RetroStore) -> None:
    text = actions_csv(library.action_records(), CsvFormat.LINEAR)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["Title", "Description", "Status", "Priority", "Assignee", "Labels", "Due Date"]
    by_title = {r["Title"]: r for r in rows}
    assert by_title["Add a pool saturation alert"]["Status"] == "In Progress"
    assert by_title["Write the runbook"]["Status"] == "Canceled"
    assert by_title["Size the pool from load"]["Labels"].split(",")[:3] == ["retro-action", "prevent", "fix-for-real"]
    assert by_title["Size the pool from load"]["Due Date"] == "2026-04-01"


def test_calendar_parses_back(library: RetroStore) -> None:
    records = library.action_records(statuses=frozenset(OPEN_STATUSES))
    deadlines = library.report_deadlines()
    assert [(d.incident_id, d.kind) for d in deadlines] == [("inc-1", ReportKind.INTERNAL), ("inc-1", ReportKind.PUBLIC)]
    data = calendar_ics(records, deadlines, now=datetime(2026, 3, 25, 12, tzinfo=UTC))
    cal = Calendar.from_ical(data)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 3 + 2  # b-3 has no due date
    a1 = events["action-inc-1-a-1@blameless-retro"]
    assert a1.decoded("dtstart") == date(2026, 4, 1) and a1.decoded("dtend") == date(2026, 4, 2)
    assert str(a1["summary"]) == "Due: Size the pool from load"
    assert "Owner: Sam" in str(a1["description"]) and "No load test before launch" in str(a1["description"])
    internal = events["report-internal-inc-1@blameless-retro"]
    resolved = full_retro().incident.resolved_at.replace(microsecond=0)
    assert internal.decoded("dtstart") == resolved + timedelta(hours=24)
    assert events["report-public-inc-1@blameless-retro"].decoded("dtstart") == resolved + timedelta(hours=72)
    assert [c.name for c in internal.subcomponents] == ["VALARM"]


def test_calendar_per_owner_and_shared_reports_leave(library: RetroStore) -> None:
    sams = for_owner(library.action_records(statuses=frozenset(OPEN_STATUSES)), "SAM")
    assert {r.action.id for r in sams} == {"a-1", "b-1", "b-3"}
    retro = library.load("inc-1")
    library.apply("inc-1", retro.incident.version, Edit(incident=replace(
        retro.incident, internal_report_shared_at=datetime(2026, 3, 5, tzinfo=UTC))))
    assert [d.kind for d in library.report_deadlines()] == [ReportKind.PUBLIC]
    assert len(library.report_deadlines(include_shared=True)) == 2
