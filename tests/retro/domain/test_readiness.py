"""Readiness findings: what blocks publishing, in plain language, pointing at the stage."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from retro.domain import (
    AccountabilityStatement,
    ActionItem,
    Factor,
    FactorCategory,
    FactorEvidence,
    FactorLink,
    Horizon,
    Impact,
    Incident,
    Level,
    Participant,
    Retro,
    Role,
    Stage,
    TimelineEvent,
    readiness,
)

T0 = datetime(2026, 10, 14, 13, 0, tzinfo=UTC)


def ready_retro() -> Retro:
    incident = Incident(
        "i",
        "Checkout errors",
        summary="Checkout failed for some customers.",
        customer_impact="About 8% of checkouts failed for 40 minutes.",
        started_at=T0,
        detected_at=T0 + timedelta(minutes=5),
        resolved_at=T0 + timedelta(minutes=50),
    )
    entities = [
        Participant("lead", "Dana", frozenset({Role.LEADER})),
        TimelineEvent("e1", T0 + timedelta(minutes=5), "Alert fired"),
        TimelineEvent("e2", T0 + timedelta(minutes=25), "Rolled back"),
        TimelineEvent("e3", T0 + timedelta(minutes=50), "Resolved"),
        Impact("imp"),
        Factor("f1", "Pool limit too low for peak", FactorCategory.TECHNOLOGY),
        Factor("f2", "Runbook did not cover pool exhaustion", FactorCategory.PROCESS),
        FactorLink("l1", "f1", "imp"),
        FactorLink("l2", "f2", "imp"),
        FactorEvidence("f1", "e1"),
        FactorEvidence("f2", "e2"),
        AccountabilityStatement("s1", "lead", "I set a deadline that skipped load tests.", order=1),
        ActionItem("a1", "Raise pool limit", owner="Sam", due=date(2026, 11, 1), factor_ids=("f1",),
                   horizon=Horizon.FIX_FOR_NOW),
        ActionItem("a2", "Rewrite runbook", owner="Dana", due=date(2026, 11, 20), factor_ids=("f2",)),
    ]
    return Retro.of(incident, entities)


def test_a_complete_retro_is_clean() -> None:
    assert readiness(ready_retro()) == []


def test_empty_retro_lists_blockers_first_with_stages() -> None:
    findings = readiness(Retro(Incident("i", "New")))
    levels = [f.level for f in findings]
    assert levels == sorted(levels, key=lambda level: level is not Level.BLOCKER)
    codes = {f.code for f in findings}
    assert {"no-summary", "no-detected", "no-resolved", "no-events", "few-factors", "no-leader",
            "no-actions"} <= codes
    assert {f.stage for f in findings if f.code == "no-leader"} == {Stage.ACCOUNTABILITY}


def test_graph_findings_target_the_factor() -> None:
    retro = ready_retro()
    retro.factors["f3"] = Factor("f3", "On-call engineer failed to notice", FactorCategory.HUMAN_FACTORS)
    by_code = {f.code: f for f in readiness(retro)}
    assert by_code["unreached"].target_id == "f3" and by_code["unreached"].is_blocker
    assert by_code["no-evidence"].target_id == "f3"
    assert by_code["unaddressed"].stage is Stage.ACTIONS
    assert "failed to" in by_code["blame-wording"].message


def test_leader_must_speak_and_actions_need_owner_and_due() -> None:
    retro = ready_retro()
    del retro.statements["s1"]
    retro.actions["a3"] = ActionItem("a3", "Add alert")
    codes = {f.code for f in readiness(retro) if f.is_blocker}
    assert {"leader-silent", "no-owner", "no-due"} <= codes


def test_all_fix_for_now_is_a_warning() -> None:
    retro = ready_retro()
    retro.actions["a2"] = ActionItem("a2", "Rewrite runbook", owner="Dana", due=date(2026, 11, 20),
                                     factor_ids=("f2",), horizon=Horizon.FIX_FOR_NOW)
    [finding] = readiness(retro)
    assert finding.code == "all-for-now" and finding.level is Level.WARNING


def test_out_of_order_times_block_and_gaps_warn() -> None:
    retro = ready_retro()
    from dataclasses import replace

    retro.incident = replace(retro.incident, detected_at=T0 - timedelta(minutes=1))
    retro.events["late"] = TimelineEvent("late", T0 + timedelta(hours=9), "Follow-up")
    codes = {f.code: f for f in readiness(retro)}
    assert codes["order-detected_at"].is_blocker
    assert codes["silent-gap"].target_id == "e3"


def test_an_action_decided_against_addresses_nothing() -> None:
    from retro.domain import ActionStatus

    retro = ready_retro()
    retro.actions["a2"] = ActionItem("a2", "Rewrite runbook", owner="Dana", due=date(2026, 11, 20),
                                     factor_ids=("f2",), status=ActionStatus.WONT_DO, status_reason="Retiring it")
    unaddressed = [f for f in readiness(retro) if f.code == "unaddressed"]
    assert [f.target_id for f in unaddressed] == ["f2"]


def test_wording_findings_cover_every_field_each_its_own_finding() -> None:
    from dataclasses import replace

    from retro.domain import ReviewAnswer

    retro = ready_retro()
    retro.events["e2"] = replace(retro.events["e2"], text="Dana ignored the second page.")
    retro.statements["s1"] = replace(retro.statements["s1"],
                                     text="I set the deadline. The on-call engineer should have escalated.")
    retro.actions["a2"] = replace(retro.actions["a2"], description="Remind everyone to be more careful.")
    retro.review_answers["detection"] = ReviewAnswer("detection", "Who approved the alert change?")
    retro.incident = replace(retro.incident, lessons_learned="The outage came down to human error.")
    wording = [f for f in readiness(retro) if f.code == "blame-wording"]
    where = {(f.stage, f.target_id) for f in wording}
    assert (Stage.TIMELINE, "e2") in where and (Stage.ACCOUNTABILITY, "s1") in where
    assert (Stage.ACTIONS, "a2") in where and (Stage.REVIEW, "detection") in where and (Stage.SETUP, "") in where
    assert len(wording) >= 6  # "be more careful" and "Remind everyone" are two findings
    assert all(not f.is_blocker for f in wording)
    statement = next(f for f in wording if f.stage is Stage.ACCOUNTABILITY)
    assert "should have escalated" in statement.message and "I set" not in statement.message
