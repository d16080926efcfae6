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
