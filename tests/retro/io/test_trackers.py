"""Tracker new-issue addresses: built for each tracker, parsed back, every field encoded."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retro.domain import ActionItem, ActionType, Factor, FactorCategory, Horizon, Incident, Retro, Severity
from retro.io.trackers import (
    MAX_URL_LENGTH,
    TicketFields,
    TrackerError,
    TrackerKind,
    TrackerSetting,
    new_ticket_url,
    parse_retro_link,
    retro_link,
    ticket_fields,
)

NASTY = "Pool & queue #1: 50% \"full\" + <b>?</b> = 東京/Zürich\nsecond line"


def _retro(title: str = NASTY, description: str = "Raise the pool size & alert at 80%.") -> tuple[Retro, ActionItem]:
    incident = Incident("inc-9f", "Checkout outage & refunds", Severity.SEV2, services=("checkout",))
    factor = Factor("f-1", "Pool size left at default (20)", FactorCategory.TECHNOLOGY)
    action = ActionItem("a-1", title, owner="Zoë Ångström", due=date(2026, 4, 1), description=description,
                        action_type=ActionType.DETECT, horizon=Horizon.FIX_FOR_NOW, factor_ids=("f-1",))
    return Retro.of(incident, [factor, action]), action


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def test_ticket_fields_name_the_factor_and_link_back() -> None:
    retro, action = _retro()
    t = ticket_fields(retro, action, ("incident", "team-payments"))
    assert t.title == " ".join(NASTY.split())
    assert "Pool size left at default (20) (Technology)" in t.description
    assert "retro://retro/inc-9f?action=a-1" in t.description
    assert "Checkout outage & refunds" in t.description and "Due: 2026-04-01" in t.description
    assert t.labels == ("incident", "team-payments", "retro-action", "detect", "fix-for-now")
    assert parse_retro_link(retro_link("inc-9f", "a-1")) == ("inc-9f", "a-1")


def test_github() -> None:
    retro, action = _retro()
    url = new_ticket_url(TrackerSetting(TrackerKind.GITHUB, "https://github.com/acme/pay/", labels=("sre",)),
                         ticket_fields(retro, action, ("sre",)))
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/acme/pay/issues/new")
    q = _query(url)
    assert q["title"] == [" ".join(NASTY.split())]
    assert "Raise the pool size & alert at 80%." in q["body"][0]
    assert q["labels"] == ["sre,retro-action,detect,fix-for-now"]
    assert " " not in url and "\n" not in url and "&alert" not in url


def test_gitlab_labels_ride_as_a_quick_action() -> None:
    retro, action = _retro()
    url = new_ticket_url(TrackerSetting(TrackerKind.GITLAB, "https://git.example.org/group/sub/pay/-/issues"),
                         ticket_fields(retro, action))
    assert urlsplit(url).path == "/group/sub/pay/-/issues/new"
    q = _query(url)
    assert q["issue[title]"] == [" ".join(NASTY.split())]
    assert q["issue[description]"][0].endswith('/label ~"retro-action" ~"detect" ~"fix-for-now"')


def test_jira_needs_project_id_and_repeats_labels() -> None:
    retro, action = _retro()
    with pytest.raises(TrackerError, match="Jira project id"):
        new_ticket_url(TrackerSetting(TrackerKind.JIRA, "https://acme.atlassian.net"), ticket_fields(retro, action))
    url = new_ticket_url(
        TrackerSetting(TrackerKind.JIRA, "https://acme.atlassian.net", project="10001", issue_type="10002"),
        ticket_fields(retro, action, ("on call",)),
    )
    assert urlsplit(url).path == "/secure/CreateIssueDetails!init.jspa"
    q = _query(url)
    assert q["pid"] == ["10001"] and q["issuetype"] == ["10002"]
    assert q["summary"] == [" ".join(NASTY.split())]
    assert q["labels"] == ["on-call", "retro-action", "detect", "fix-for-now"]
    assert "retro://retro/inc-9f?action=a-1" in q["description"][0]


def test_linear_by_team_key_or_address() -> None:
    retro, action = _retro()
    url = new_ticket_url(TrackerSetting(TrackerKind.LINEAR, "eng"), ticket_fields(retro, action))
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("linear.app", "/team/ENG/new")
    q = _query(url)
    assert q["title"] == [" ".join(NASTY.split())] and q["labels"] == ["retro-action,detect,fix-for-now"]
    url2 = new_ticket_url(TrackerSetting(TrackerKind.LINEAR, "https://linear.app/acme/team/OPS"),
                          ticket_fields(retro, action))
    assert urlsplit(url2).path == "/acme/team/OPS/new"


def test_own_template_encodes_each_field() -> None:
    retro, action = _retro()
    setting = TrackerSetting(TrackerKind.TEMPLATE, "https://t.example/new?t={title}&d={description}&l={labels}&who={owner}")
    url = new_ticket_url(setting, ticket_fields(retro, action))
    q = _query(url)
    assert set(q) == {"t", "d", "l", "who"}
    assert q["t"] == [" ".join(NASTY.split())] and q["who"] == ["Zoë Ångström"]


@pytest.mark.parametrize(("setting", "words"), [
    (TrackerSetting(TrackerKind.GITHUB, ""), "Tracker address"),
    (TrackerSetting(TrackerKind.GITHUB, "github.com/acme"), "not a web address"),
    (TrackerSetting(TrackerKind.GITHUB, "https://github.com/acme"), "owner and repository"),
    (TrackerSetting(TrackerKind.LINEAR, "my team!"), "not a Linear team key"),
    (TrackerSetting(TrackerKind.TEMPLATE, "https://t.example/new?x={titel}"), "unknown field"),
    (TrackerSetting(TrackerKind.JIRA, "https://a.atlassian.net", project="ABC"), "numeric id"),
])
def test_bad_settings_say_what_to_fix(setting: TrackerSetting, words: str) -> None:
    assert any(words in p for p in setting.problems())
    with pytest.raises(TrackerError, match=words):
        setting.check()


def test_a_huge_description_is_cut_but_keeps_title_and_link() -> None:
    retro, action = _retro(description="very long text " * 2000)
    url = new_ticket_url(TrackerSetting(TrackerKind.GITHUB, "https://github.com/a/b"), ticket_fields(retro, action))
    assert len(url) <= MAX_URL_LENGTH
    body = _query(url)["body"][0]
    assert "Cut to fit" in body and body.rstrip().endswith("(retro show inc-9f)")
    assert _query(url)["title"] == [" ".join(NASTY.split())]


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(lambda s: s.strip())


@settings(max_examples=40, deadline=None)
@given(title=_text, description=_text, label=_text)
def test_any_text_comes_back_exactly(title: str, description: str, label: str) -> None:
    t = TicketFields(" ".join(title.split()), description, (" ".join(label.replace(",", " ").split()),), "i", "a", "", "")
    for setting, keys in (
        (TrackerSetting(TrackerKind.GITHUB, "https://github.com/a/b"), ("title", "body")),
        (TrackerSetting(TrackerKind.LINEAR, "ENG"), ("title", "description")),
        (TrackerSetting(TrackerKind.JIRA, "https://x.atlassian.net", project="1"), ("summary", "description")),
        (TrackerSetting(TrackerKind.TEMPLATE, "https://t.example/?a={title}&b={description}"), ("a", "b")),
    ):
        q = _query(new_ticket_url(setting, t))
        assert q[keys[0]] == [t.title]
        assert q[keys[1]] == [description]
