"""The internal report names the trigger, tells the incident in three parts, and lists what was seen before."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from retro.domain import ActionItem, ActionStatus, Audience, Factor, FactorCategory, Incident, Retro
from retro.report import write_pdf
from retro.report.pdf_story import phases, trigger

from .conftest import pdf_text
from .fixtures import T0, canary_retro


def earlier_incident(title: str, status: ActionStatus) -> Retro:
    return Retro.of(
        Incident("inc-earlier", "Search slow in March", started_at=T0 - timedelta(days=200)),
        [
            Factor("f-old", title, FactorCategory.TECHNOLOGY),
            ActionItem("a-old", "Cap the index size", owner="Old Owner", status=status, factor_ids=("f-old",)),
        ],
    )


def test_trigger_and_phases_come_from_the_timeline() -> None:
    retro = canary_retro()
    assert trigger(retro).id == "e-pub"  # no deploy before detection: the first event
    names = [(name, [e.id for e in events]) for name, events, _, _ in phases(retro)]
    assert names == [("Lead-up", []), ("Response", ["e-pub", "e-int"]), ("Recovery", ["e-res"])]


def test_the_internal_pdf_tells_the_story_and_lists_related_incidents_with_open_actions(tmp_path: Path) -> None:
    retro = canary_retro()
    public_factor = retro.factors["f-pub"]
    earlier = earlier_incident(public_factor.title, ActionStatus.OPEN)
    text = pdf_text(write_pdf(retro, tmp_path / "r.pdf", Audience.INTERNAL, related=[earlier]))
    assert "What happened, in short" in text and "Trigger:" in text
    assert "Lead-up:" in text and "Response:" in text and "Recovery:" in text
    assert "Seen before: related incidents" in text and "Search slow in March" in text
    assert "Still open:" in text and "Cap the index size" in text
    closed = earlier_incident(public_factor.title, ActionStatus.DONE)
    text = pdf_text(write_pdf(retro, tmp_path / "c.pdf", Audience.INTERNAL, related=[closed]))
    assert "All its actions are closed." in text and "Still open:" not in text


def test_the_public_pdf_has_neither_story_nor_related_incidents(tmp_path: Path) -> None:
    retro = canary_retro()
    earlier = earlier_incident(retro.factors["f-pub"].title, ActionStatus.OPEN)
    text = pdf_text(write_pdf(retro, tmp_path / "p.pdf", Audience.PUBLIC, related=[earlier]))
    assert "Seen before" not in text and "Old Owner" not in text and "Trigger:" not in text


def test_a_deploy_before_detection_is_the_trigger() -> None:
    from retro.domain import EventKind, TimelineEvent

    retro = canary_retro()
    deploy = TimelineEvent("e-dep", T0 + timedelta(minutes=3), "Deployed search 4.2", EventKind.DEPLOY)
    retro.events[deploy.id] = deploy
    retro.incident = replace(retro.incident)
    assert trigger(retro).id == "e-dep"
