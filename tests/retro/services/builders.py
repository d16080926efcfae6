"""Retros to test with: one with every kind of entity, and comparisons that ignore the version."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from retro.domain import (
    AccountabilityStatement,
    ActionItem,
    ActionStatus,
    Factor,
    FactorCategory,
    FactorEvidence,
    FactorLink,
    Impact,
    Incident,
    ParkingItem,
    ParkingResolution,
    Participant,
    PrivateNote,
    Retro,
    ReviewAnswer,
    Role,
    Severity,
    Stage,
    TimelineEvent,
)

T0 = datetime(2026, 3, 4, 9, 15, 30, 123456, tzinfo=UTC)


def full_retro(title: str = "Checkout outage") -> Retro:
    """A retro holding at least one of everything, with the leader having spoken first."""
    incident = Incident(
        id="inc-1", title=title, severity=Severity.SEV2, summary="Payments failed for 40 minutes.",
        services=("checkout", "payments"), tags=("database",), customer_impact="Orders failed.",
        timezone="Europe/Berlin", started_at=T0, detected_at=T0 + timedelta(minutes=5),
        resolved_at=T0 + timedelta(minutes=40), created_at=T0 + timedelta(days=1),
    )
    lead = Participant("p-lead", "Dana Leader", frozenset({Role.LEADER}), 0)
    resp = Participant("p-resp", "Sam Responder", frozenset({Role.RESPONDER, Role.INCIDENT_COMMANDER}), 1)
    events = [
        TimelineEvent("e-1", T0, "Connection pool exhausted alert"),
        TimelineEvent("e-2", T0 + timedelta(minutes=5), "On-call paged", source="PagerDuty",
                      evidence_url="https://example.com/page/1"),
        TimelineEvent("e-3", T0 + timedelta(minutes=40), "Rollback finished"),
    ]
    impact = Impact("i-1", "Customers could not pay")
    f1 = Factor("f-1", "Pool size left at default", FactorCategory.TECHNOLOGY, x=10.5, y=-3.25)
    f2 = Factor("f-2", "No load test before launch", FactorCategory.PROCESS)
    links = [FactorLink("l-1", "f-1", "i-1"), FactorLink("l-2", "f-2", "f-1", note="made likely")]
    evidence = [FactorEvidence("f-1", "e-1"), FactorEvidence("f-2", "e-2")]
    statements = [
        AccountabilityStatement("s-1", "p-lead", "I approved the launch date.", 1, T0 + timedelta(days=1)),
        AccountabilityStatement("s-2", "p-resp", "I skipped the runbook step.", 2, T0 + timedelta(days=1, minutes=5)),
    ]
    note = PrivateNote("n-1", "Sam seemed tense; check in after.", "p-resp", T0)
    actions = [
        ActionItem("a-1", "Size the pool from load", owner="Sam", due=date(2026, 4, 1),
                   factor_ids=("f-2", "f-1"), created_at=T0),
        ActionItem("a-2", "Add a pool saturation alert", owner="Dana", due=date(2026, 3, 20),
                   factor_ids=("f-1",), created_at=T0, status=ActionStatus.IN_PROGRESS),
    ]
    answer = ReviewAnswer("detection", "Alerts fired within 5 minutes.")
    parked = [
        ParkingItem("pk-1", "Who owns the pool settings?", Stage.FACTORS, T0, ParkingResolution.ACTION, "a-1"),
        ParkingItem("pk-2", "Does the vendor retry on 503?", Stage.TIMELINE, T0 + timedelta(minutes=1),
                    ParkingResolution.QUESTION),
    ]
    return Retro.of(incident, [lead, resp, *events, impact, f1, f2, *links, *evidence, *statements,
                               note, *actions, answer, *parked])


def snapshot(retro: Retro) -> tuple[Incident, dict[str, dict[str, object]]]:
    """Everything in ``retro`` except the version counter, for equality checks."""
    from retro.storage.mapping import TABLES

    return replace(retro.incident, version=0), {k: dict(retro.collection(k)) for k in TABLES}
