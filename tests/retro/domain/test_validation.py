"""Single-entity checks: each refusal names the field and says what is wrong."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from retro.domain import (
    ActionItem,
    ActionStatus,
    Factor,
    FactorEvidence,
    FactorLink,
    Impact,
    Incident,
    Participant,
    Retro,
    ReviewAnswer,
    TimelineEvent,
    ValidationError,
)
from retro.domain.validation import validate_entity, validate_incident

NOW = datetime(2026, 10, 14, 12, 0, tzinfo=UTC)


@pytest.fixture
def retro() -> Retro:
    return Retro.of(
        Incident("i", "Outage"),
        [
            Factor("f1", "Pool limit"),
            Factor("f2", "Stale runbook"),
            Impact("imp"),
            TimelineEvent("e1", NOW, "alert fired"),
            Participant("p1", "Dana"),
        ],
    )


@pytest.mark.parametrize(
    ("entity", "field", "words"),
    [
        (Participant("p", "  "), "name", "required"),
        (TimelineEvent("e", datetime(2026, 1, 1), "naive"), "time", "timezone"),
        (TimelineEvent("e", NOW, "x", evidence_url="grafana dashboard"), "evidence link", "not a link"),
        (TimelineEvent("e", NOW, "nul\x00byte"), "text", "NUL"),
        (Factor("f", "x" * 301), "title", "too long"),
        (FactorLink("l", "f1", "f1"), "effect", "itself"),
        (FactorLink("l", "imp", "f1"), "cause", "contributing factor"),
        (FactorLink("l", "f1", "nowhere"), "effect", "impact"),
        (FactorEvidence("f1", "missing"), "event", "does not exist"),
        (ActionItem("a", "Fix", owner="Dana and Sam"), "owner", "exactly one owner"),
        (ActionItem("a", "Fix", owner="Dana, Sam"), "owner", "exactly one owner"),
        (ActionItem("a", "Fix", status=ActionStatus.WONT_DO), "status", "needs a reason"),
        (ActionItem("a", "Fix", factor_ids=("gone",)), "factors", "does not exist"),
        (ReviewAnswer("colour", "blue"), "question", "not a review question"),
    ],
)
def test_refusals_name_the_field(retro: Retro, entity: object, field: str, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_entity(entity, retro)  # type: ignore[arg-type]
    assert info.value.field == field
    assert words in info.value.message


def test_duplicate_links_are_refused(retro: Retro) -> None:
    retro.links["l1"] = FactorLink("l1", "f1", "imp")
    with pytest.raises(ValidationError, match="already connected"):
        validate_entity(FactorLink("l2", "f1", "imp"), retro)
    validate_entity(replace(retro.links["l1"], note="edited"), retro)


def test_markup_and_unicode_are_plain_content(retro: Retro) -> None:
    for text in ("<b>AT&T</b>", "Ünïcødé — 東京 — Ελλάδα — Москва 😀", "line one\nline two"):
        validate_entity(TimelineEvent("e", NOW, text), retro)


def test_incident_checks() -> None:
    validate_incident(Incident("i", "Fine", timezone="Europe/Berlin"))
    with pytest.raises(ValidationError, match="timezone"):
        validate_incident(Incident("i", "Fine", timezone="Mars/Olympus"))
    with pytest.raises(ValidationError, match="title: is required"):
        validate_incident(Incident("i", ""))
    with pytest.raises(ValidationError, match="services"):
        validate_incident(Incident("i", "x", services=("",)))


@pytest.mark.parametrize("name", ["a" * 400, "Europe/" + "x" * 300, "../UTC", "UTC\x00", ""])
def test_a_timezone_no_file_system_can_open_is_refused_as_invalid(name: str) -> None:
    with pytest.raises(ValidationError, match=r"timezone: .* is not a known timezone"):
        validate_incident(Incident("i", "Fine", timezone=name))


@pytest.mark.parametrize("field", ["public_apology", "public_contact", "summary"])
def test_every_incident_text_field_refuses_a_lone_surrogate_by_name(field: str) -> None:
    incident = replace(Incident(id="i1", title="Checkout outage", started_at=NOW), **{field: "sorry \ud800"})
    with pytest.raises(ValidationError) as refused:
        validate_incident(incident)
    assert refused.value.field == field
    assert "surrogate" in refused.value.message


def test_a_list_of_text_names_the_item() -> None:
    incident = Incident(id="i1", title="Checkout outage", public_mentions=("Acme", "nul\x00"))
    with pytest.raises(ValidationError) as refused:
        validate_incident(incident)
    assert refused.value.field == "public_mentions[1]"
