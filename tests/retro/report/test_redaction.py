"""The public report's guarantee: no names, internal-only events or factors, statements or private notes.

A unique marker is planted in every internal-only and private place of the canary retro. Each
must be absent from the public PDF's extracted text and the public Markdown, and present in the
internal ones (so this test fails if a marker could never have appeared); private notes appear in
neither.
"""

from __future__ import annotations

import pytest

from retro.domain import Audience, Retro
from retro.report import public_retro
from retro.report.audience import NAME_REMOVED, for_audience

from .fixtures import INTERNAL_MARKERS, PARKED_MARKERS, PRIVATE_MARKERS, PUBLIC_MARKERS


def squash(text: str) -> str:
    """Extracted PDF text without whitespace (a long word may wrap inside a table cell)."""
    return "".join(text.split()).casefold()


@pytest.mark.parametrize("fmt", ["pdf", "md"])
@pytest.mark.parametrize("place", sorted(INTERNAL_MARKERS))
def test_internal_only_text_never_reaches_the_public_report(canary_reports: dict[str, str], fmt: str, place: str) -> None:
    marker = INTERNAL_MARKERS[place].casefold()
    assert marker in squash(canary_reports[f"internal.{fmt}"]), f"{place} should be in the internal report"
    assert marker not in squash(canary_reports[f"public.{fmt}"]), f"{place} leaked into the public report"


@pytest.mark.parametrize("fmt", ["pdf", "md"])
@pytest.mark.parametrize("place", sorted(PRIVATE_MARKERS))
def test_private_notes_appear_in_no_report(canary_reports: dict[str, str], fmt: str, place: str) -> None:
    marker = PRIVATE_MARKERS[place].casefold()
    for audience in Audience:
        assert marker not in squash(canary_reports[f"{audience.value}.{fmt}"])


@pytest.mark.parametrize("fmt", ["pdf", "md"])
@pytest.mark.parametrize("place", sorted(PARKED_MARKERS))
def test_parked_topics_not_left_as_questions_appear_in_no_report(canary_reports: dict[str, str], fmt: str,
                                                                 place: str) -> None:
    marker = PARKED_MARKERS[place].casefold()
    for audience in Audience:
        assert marker not in squash(canary_reports[f"{audience.value}.{fmt}"])
    assert "openquestions" in squash(canary_reports[f"internal.{fmt}"])  # the section is there
    assert "openquestions" not in squash(canary_reports[f"public.{fmt}"])


@pytest.mark.parametrize("fmt", ["pdf", "md"])
@pytest.mark.parametrize("place", sorted(PUBLIC_MARKERS))
def test_public_text_appears_in_both_reports(canary_reports: dict[str, str], fmt: str, place: str) -> None:
    marker = PUBLIC_MARKERS[place].casefold()
    for audience in Audience:
        assert marker in squash(canary_reports[f"{audience.value}.{fmt}"]), f"{place} missing for {audience}"


def test_public_report_is_marked_public_and_not_internal(canary_reports: dict[str, str]) -> None:
    assert "Public" in canary_reports["public.pdf"]
    assert "Internal" not in canary_reports["public.pdf"]
    assert "do not distribute" in canary_reports["internal.pdf"]


def test_public_report_does_not_say_owner_or_accountability(canary_reports: dict[str, str]) -> None:
    for fmt in ("pdf", "md"):
        text = canary_reports[f"public.{fmt}"].casefold()
        for word in ("owner", "accountability", "participants", "private"):
            assert word not in text, word


def test_public_retro_keeps_only_public_things(canary: Retro) -> None:
    public = public_retro(canary)
    assert not public.participants and not public.statements and not public.private_notes
    assert not public.review_answers
    assert set(public.events) == {"e-pub", "e-res"}
    assert set(public.factors) == {"f-pub"}
    assert all(not a.owner and not a.ticket_url and not a.description for a in public.actions.values())
    assert set(public.actions) == {"a-1"}  # the action for the internal factor is left out
    assert all(not e.source and not e.evidence_url and e.actor_role is None for e in public.events.values())
    assert public.incident.tags == () and not public.incident.lessons_learned


def test_a_chain_through_an_internal_factor_becomes_one_arrow(canary: Retro) -> None:
    public = public_retro(canary)
    assert [(li.cause_id, li.effect_id, li.note) for li in public.links.values()] == [("f-pub", "i-1", "")]
    # positions were dropped so the public graph is laid out without holes
    assert all(f.x is None for f in public.factors.values())


def test_names_typed_into_public_text_are_removed(canary: Retro) -> None:
    leader_surname = INTERNAL_MARKERS["leader name"]
    event = canary.events["e-pub"]
    canary = Retro.of(canary.incident, [e for e in canary.entities() if e is not event])
    from dataclasses import replace

    canary.events["e-pub"] = replace(event, text=f"{leader_surname} saw the alert")
    public = public_retro(canary)
    assert public.events["e-pub"].text == "A manager saw the alert"  # the leader, by role


def test_internal_report_drops_private_notes_only(canary: Retro) -> None:
    internal = for_audience(canary, Audience.INTERNAL)
    assert not internal.private_notes
    assert len(internal.statements) == len(canary.statements)
    assert canary.private_notes, "the redaction must not change the retro it was given"


def test_the_public_pdf_metadata_and_services_carry_no_name(canary: Retro, tmp_path) -> None:
    from pypdf import PdfReader

    from retro.report import write_pdf

    for audience in Audience:
        path = write_pdf(canary, tmp_path / f"{audience.value}.pdf", audience)
        meta = " ".join(str(v) for v in (PdfReader(path).metadata or {}).values()).casefold()
        leader = INTERNAL_MARKERS["leader name"].casefold()
        if audience is Audience.PUBLIC:
            assert leader not in meta and "search" in meta
            assert public_retro(canary).incident.services == ("search", f"{NAME_REMOVED}-sync")
        else:
            assert leader in meta  # the internal keywords keep the service as written


def test_the_public_report_says_when_it_was_published_and_updated(canary: Retro) -> None:
    from dataclasses import replace
    from datetime import UTC, datetime

    from retro.report import content

    now = datetime(2026, 6, 3, 12, 0, tzinfo=UTC)
    assert content.published_facts(canary, now) == [("Published", "3 June 2026")]
    canary.incident = replace(canary.incident, timezone="UTC",
                              public_report_shared_at=datetime(2026, 6, 1, 8, 0, tzinfo=UTC))
    assert content.published_facts(canary, now) == [("Published", "1 June 2026"), ("Updated", "3 June 2026")]
    labels = [label for label, _ in content.cover_facts(public_retro(canary), Audience.PUBLIC)]
    assert "Published" in labels
    assert "Published" not in [label for label, _ in content.cover_facts(canary, Audience.INTERNAL)]
