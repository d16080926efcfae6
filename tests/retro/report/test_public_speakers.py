"""A chat line's speaker kept in a public event's text is removed, listed as a participant or not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from retro.demo import build_demo_retro
from retro.domain import Audience
from retro.domain.chat_speakers import chat_speaker
from retro.report.audience import public_retro
from retro.report.markdown import render_markdown


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("alice.w: restarted the pod", "alice.w"),
        ("Bob Jones: rolled back", "Bob Jones"),
        ("<carol> paged the db team", "carol"),
        ("U123ABC: on it", "U123ABC"),
        ("@dave: on it", "@dave"),
        ("Update: rolled back", None),
        ("Status page: posted", None),
        ("Customer impact: none", None),
        ("Mitigation: failed over", None),
        ("ETA: 10 min", None),
        ("Decision: roll back", None),
        ("Postgres: failover done", None),
        ("The cache: full", None),
        ("10:00 the alert fired", None),
        ("<script>alert('x')</script>", None),
        ("<b> bold </b> text", None),
    ],
)
def test_the_speaker_opening_a_chat_line(text: str, speaker: str | None) -> None:
    found = chat_speaker(text)
    assert (text[found[0]:found[1]] if found else None) == speaker


def test_a_public_event_keeps_no_speaker_in_any_public_output() -> None:
    retro = build_demo_retro()
    lines = {"alice.w: restarted the pod", "<zqcarol> paged the db team", "Bob Qxjones: rolled back the deploy",
             "checkout: returned 500s"}
    events = dict(retro.events)
    for event, text in zip(list(events.values()), sorted(lines), strict=False):
        events[event.id] = replace(event, text=text, audience=Audience.PUBLIC)
    retro = replace(retro, events=events, incident=replace(retro.incident, services=("checkout",)))
    public = public_retro(retro)
    texts = " | ".join(e.text for e in public.events.values())
    markdown = render_markdown(retro, Audience.PUBLIC)
    for gone in ("alice", "zqcarol", "Qxjones"):
        assert gone not in texts and gone not in markdown
    assert "checkout: returned 500s" in texts  # a service is no speaker
    assert "[name removed]: restarted the pod" in texts


@pytest.mark.parametrize("label", [
    "Stripe", "Okta", "Twilio", "Heroku", "Hotfix", "Postmortem", "Edit", "Paged", "Prod", "Staging", "Ops",
    "Oncall", "Europe", "London", "Mitigated", "Confirmed", "Ack", "Bridge", "Retro", "Re", "Fwd",
    "prod", "staging", "ops", "re", "fwd",
])
def test_a_neutral_label_opening_a_line_is_no_speaker(label: str) -> None:
    assert chat_speaker(f"{label}: webhook delays") is None


@pytest.mark.parametrize(("text", "speaker"), [
    ("[10:02] alice.w: restarted the pod", "alice.w"),
    ("10:02 <carol> paged the db team", "carol"),
    ("- bob_j: rolled back", "bob_j"),
    ("> carol: on it", "carol"),
    ("alice.w (IC): declared the incident", "alice.w"),
    ("[10:02:33] Bob Jones: rolled back", "Bob Jones"),
])
def test_a_speaker_after_a_time_bullet_or_quote_or_before_a_role(text: str, speaker: str) -> None:
    found = chat_speaker(text)
    assert found is not None and text[found[0]:found[1]] == speaker


def test_a_removed_speaker_is_listed_as_a_finding_and_can_be_approved() -> None:
    from retro.report.public_checks import public_text_mentions

    retro = build_demo_retro()
    event = next(iter(retro.events.values()))
    events = dict(retro.events)
    events[event.id] = replace(event, text="[10:02] zq.alice: restarted the pod", audience=Audience.PUBLIC)
    retro = replace(retro, events=events)
    listed = [m for m in public_text_mentions(retro) if m.found == "zq.alice"]
    assert len(listed) == 1
    assert "zq.alice" not in " ".join(e.text for e in public_retro(retro).events.values())
    approved = replace(retro, incident=replace(retro.incident, public_mentions=(listed[0].key,)))
    assert not [m for m in public_text_mentions(approved) if m.found == "zq.alice"]
    assert any("zq.alice" in e.text for e in public_retro(approved).events.values())
