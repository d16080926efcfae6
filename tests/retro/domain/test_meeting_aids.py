"""Issue 11's pure rules: the parking lot, the agenda, stage progress and the retro's life."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from retro.demo import build_demo_retro
from retro.domain import (
    Factor,
    FactorCategory,
    Incident,
    IncidentStatus,
    ParkingItem,
    ParkingResolution,
    Retro,
    Stage,
    ValidationError,
    readiness,
)
from retro.domain.agenda import (
    DEFAULT_MINUTES,
    AgendaSlot,
    agenda_entries,
    minutes_for,
    next_stage,
    parse_agenda,
)
from retro.domain.parking_lot import into_action, into_factor, open_questions, outcome_title, park, resolve
from retro.domain.progress import StageState, next_step, stage_progress, status_for, with_status
from retro.domain.validation import validate_entity, validate_incident

NOW = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)


def _new_retro() -> Retro:
    return Retro(Incident("inc", "Brand-new retro", created_at=NOW))


# -- stage progress ------------------------------------------------------------------------------


def test_a_brand_new_retro_completes_no_stage_that_is_not() -> None:
    retro = _new_retro()
    progress = stage_progress(retro, readiness(retro))
    assert progress[Stage.GROUND_RULES].state is StageState.NOT_STARTED
    assert progress[Stage.REVIEW].state is StageState.BLOCKED
    assert progress[Stage.REVIEW].text.startswith("Waits on")
    assert not any(p.text.startswith("Complete") for p in progress.values())


def test_the_demo_shows_what_is_done_and_review_waits_for_the_reports() -> None:
    retro = build_demo_retro()
    findings = readiness(retro)
    progress = stage_progress(retro, findings)
    assert progress[Stage.GROUND_RULES].state is StageState.COMPLETE  # the room has moved on
    blocked = [s for s, p in progress.items() if p.state is StageState.BLOCKED]
    assert (Stage.REVIEW in blocked) == any(f.is_blocker for f in findings)
    shared = replace(retro.incident, internal_report_shared_at=NOW, public_report_shared_at=NOW)
    retro.incident = shared
    if not any(f.is_blocker for f in findings):
        assert stage_progress(retro, findings)[Stage.REVIEW].state is StageState.COMPLETE


def test_review_is_ready_then_complete_once_both_reports_are_shared() -> None:
    retro = _new_retro()
    retro.incident = replace(retro.incident, summary="x")
    assert stage_progress(retro, [])[Stage.REVIEW].state is StageState.READY
    retro.incident = replace(retro.incident, internal_report_shared_at=NOW)
    assert stage_progress(retro, [])[Stage.REVIEW].state is StageState.READY
    retro.incident = replace(retro.incident, public_report_shared_at=NOW)
    assert stage_progress(retro, [])[Stage.REVIEW].state is StageState.COMPLETE


def test_the_status_follows_the_retros_life() -> None:
    retro = _new_retro()
    findings = readiness(retro)
    assert status_for(retro.incident, findings) is IncidentStatus.DRAFT
    assert status_for(retro.incident, []) is IncidentStatus.IN_REVIEW  # nothing blocks any more
    one = replace(retro.incident, internal_report_shared_at=NOW)
    assert status_for(one, findings) is IncidentStatus.IN_REVIEW
    both = replace(one, public_report_shared_at=NOW)
    assert with_status(both, findings).status is IncidentStatus.PUBLISHED
    assert with_status(replace(both, status=IncidentStatus.PUBLISHED), findings) == replace(
        both, status=IncidentStatus.PUBLISHED)
    # un-sharing a report takes it back
    assert status_for(replace(both, public_report_shared_at=None, status=IncidentStatus.PUBLISHED),
                      []) is IncidentStatus.IN_REVIEW


def test_the_next_step_names_the_first_blocker_then_the_reports() -> None:
    retro = _new_retro()
    findings = readiness(retro)
    assert next_step(retro, findings).startswith(f"Next: {findings[0].stage.label}")
    assert "internal report" in next_step(retro, [])
    retro.incident = replace(retro.incident, internal_report_shared_at=NOW)
    assert "public report" in next_step(retro, [])
    retro.incident = replace(retro.incident, public_report_shared_at=NOW, status=IncidentStatus.PUBLISHED)
    assert next_step(retro, []).startswith("Done")


# -- the agenda ----------------------------------------------------------------------------------


def test_an_agenda_keeps_its_order_and_fills_in_the_missing_stages() -> None:
    slots = parse_agenda(("timeline:25", "setup:5"))
    assert slots[:2] == [AgendaSlot(Stage.TIMELINE, 25), AgendaSlot(Stage.SETUP, 5)]
    assert [s.stage for s in slots[2:]] == [s for s in Stage if s not in (Stage.TIMELINE, Stage.SETUP)]
    assert agenda_entries(slots)[:2] == ("timeline:25", "setup:5")
    assert minutes_for((), Stage.FACTORS) == DEFAULT_MINUTES[Stage.FACTORS]
    assert minutes_for(("factors:40",), Stage.FACTORS) == 40
    assert next_stage(("timeline:25", "setup:5"), Stage.TIMELINE) is Stage.SETUP
    assert next_stage((), Stage.REVIEW) is None
    assert sum(DEFAULT_MINUTES.values()) == 60


@pytest.mark.parametrize("bad, where", [
    (("lunch:10",), "agenda[0]"), (("setup",), "agenda[0]"), (("setup:-1",), "agenda[0]"),
    (("setup:481",), "agenda[0]"), (("setup:5", "setup:6"), "agenda[1]"), (("setup:5x",), "agenda[0]"),
])
def test_a_malformed_agenda_is_refused_naming_the_entry(bad: tuple[str, ...], where: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_incident(Incident("inc", "t", agenda=bad))
    assert caught.value.field == where


# -- the parking lot -----------------------------------------------------------------------------


def test_parking_and_turning_into_an_action_a_factor_or_a_question() -> None:
    edit = park("  Who owns the proxy budget?  ", Stage.FACTORS)
    (item,) = edit.upsert
    assert isinstance(item, ParkingItem) and item.text == "Who owns the proxy budget?"
    assert item.stage is Stage.FACTORS and item.resolution is ParkingResolution.OPEN

    turn, action = into_action(item, owner="Priya")
    assert {type(e).__name__ for e in turn.upsert} == {"ActionItem", "ParkingItem"}
    marked = next(e for e in turn.upsert if isinstance(e, ParkingItem))
    assert (marked.resolution, marked.outcome_id) == (ParkingResolution.ACTION, action.id)
    assert action.title == item.text and action.owner == "Priya"

    turn, factor = into_factor(item, FactorCategory.ORGANISATION)
    assert isinstance(factor, Factor) and factor.category is FactorCategory.ORGANISATION

    retro = _new_retro()
    question = resolve(item, ParkingResolution.QUESTION).upsert[0]
    retro.parking_lot[item.id] = question  # type: ignore[assignment]
    assert open_questions(retro) == [question]
    assert outcome_title(retro, question) == "Open question"
    retro.parking_lot[item.id] = marked
    assert outcome_title(retro, marked) == "Turned into an action (since removed)"


def test_a_parked_topic_needs_words() -> None:
    with pytest.raises(ValidationError):
        validate_entity(ParkingItem("pk", "   "), _new_retro())
    validate_entity(ParkingItem("pk", "x" * 1200), _new_retro())
    with pytest.raises(ValidationError):
        validate_entity(ParkingItem("pk", "x" * 1201), _new_retro())
