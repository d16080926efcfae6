"""Is the retrospective ready to publish? Findings with plain-language reasons.

A *blocker* stops publishing; a *warning* is worth a look. Each finding names the stage where
it is fixed and, when there is one, the entity to select there.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from .accountability import NO_LEADER_REASON, leader_has_spoken
from .durations import format_duration
from .enums import ActionStatus, Horizon, Stage
from .incident_window import far_outside_events
from .lifecycle import lifecycle_problems, silent_gap_threshold, silent_gaps
from .retro import Retro
from .time_range import out_of_range_fields
from .wording_fields import wording_findings


class Level(StrEnum):
    BLOCKER = "blocker"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    level: Level
    message: str
    stage: Stage
    target_id: str = ""
    #: For a mention in public text (``public-name``): the key "fine to publish" stores.
    mention_key: str = ""

    @property
    def is_blocker(self) -> bool:
        return self.level is Level.BLOCKER


def reaches_impact(retro: Retro) -> dict[str, bool]:
    """For each factor: does a chain of "contributed to" arrows lead it to an impact?"""
    forward: dict[str, list[str]] = defaultdict(list)
    for link in retro.links.values():
        forward[link.cause_id].append(link.effect_id)
    result: dict[str, bool] = {}
    for factor_id in retro.factors:
        seen = {factor_id}
        stack = [factor_id]
        found = False
        while stack and not found:
            for nxt in forward[stack.pop()]:
                if nxt in retro.impacts:
                    found = True
                    break
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        result[factor_id] = found
    return result


def readiness(retro: Retro) -> list[Finding]:
    """Every finding, blockers first, in the order of the stages."""
    findings: list[Finding] = []
    add = findings.append
    inc = retro.incident
    B, W = Level.BLOCKER, Level.WARNING

    if not inc.summary.strip():
        add(Finding("no-summary", B, "Write a short summary of what happened.", Stage.SETUP))
    if not inc.customer_impact.strip():
        add(Finding("no-impact", W, "Describe the customer impact: who noticed what, for how long.", Stage.SETUP))
    if inc.detected_at is None:
        add(Finding("no-detected", B, "Set when the incident was detected, so time to detect can be given.", Stage.SETUP))
    if inc.resolved_at is None:
        add(Finding("no-resolved", B, "Set when the incident was resolved; the report due times follow from it.", Stage.SETUP))
    if inc.started_at is None:
        add(Finding("no-started", W, "Set when the incident started (often before anyone noticed).", Stage.SETUP))
    for field, message in lifecycle_problems(inc):
        add(Finding(f"order-{field}", B, f"{message}: check the lifecycle times.", Stage.SETUP))
    findings.extend(out_of_range_findings(retro))

    if not retro.events:
        add(Finding("no-events", B, "Reconstruct the timeline: no events are recorded yet.", Stage.TIMELINE))
    for gap in silent_gaps(list(retro.events.values()), threshold=silent_gap_threshold(retro.incident)):
        add(
            Finding(
                "silent-gap",
                W,
                f"Nothing is recorded for {format_duration(gap.length)} after “{_short(gap.after.text)}”. "
                "What was happening then?",
                Stage.TIMELINE,
                gap.after.id,
            )
        )
    for far in far_outside_events(retro.events.values(), inc):
        side = "before the incident started" if far.before else "after it was resolved"
        add(Finding("far-outside", W, f"“{_short(far.event.text)}” is {format_duration(abs(far.distance))} {side}: "
                    "check its date (a typed year, a wrong day or zone?).", Stage.TIMELINE, far.event.id))

    n_factors = len(retro.factors)
    if n_factors < 2:
        add(
            Finding(
                "few-factors",
                B,
                f"Only {n_factors} contributing factor{'s' if n_factors != 1 else ''}: incidents rarely have "
                "one cause. What else made this possible?",
                Stage.FACTORS,
            )
        )
    if not retro.impacts and retro.factors:
        add(Finding("no-impact-node", B, "The graph has no impact node for the factors to lead to.", Stage.FACTORS))
    reach = reaches_impact(retro)
    evidenced = {ev.factor_id for ev in retro.evidence.values()}
    # an action decided against ("won't do") addresses nothing
    addressed = {
        fid for action in retro.actions.values() if action.status is not ActionStatus.WONT_DO
        for fid in action.factor_ids
    }
    for factor in retro.factor_list():
        if not reach.get(factor.id, False):
            add(Finding("unreached", B, f"“{_short(factor.title)}” has no path to the impact: connect it or remove it.", Stage.FACTORS, factor.id))
        if factor.id not in evidenced:
            add(Finding("no-evidence", W, f"“{_short(factor.title)}” cites no timeline event as evidence.", Stage.FACTORS, factor.id))
        if factor.id not in addressed:
            add(Finding("unaddressed", W, f"No action addresses “{_short(factor.title)}”.", Stage.ACTIONS, factor.id))

    if not retro.leaders():
        add(Finding("no-leader", B, NO_LEADER_REASON, Stage.ACCOUNTABILITY))
    elif not leader_has_spoken(retro):
        add(Finding("leader-silent", B, "The manager / leader has not recorded their statement yet.", Stage.ACCOUNTABILITY))

    actions = retro.action_list()
    if not actions:
        add(Finding("no-actions", B, "Agree on at least one action item with an owner and a due date.", Stage.ACTIONS))
    for action in actions:
        if not action.owner.strip():
            add(Finding("no-owner", B, f"“{_short(action.title)}” has no owner: name exactly one person.", Stage.ACTIONS, action.id))
        if action.due is None:
            add(Finding("no-due", B, f"“{_short(action.title)}” has no due date.", Stage.ACTIONS, action.id))
    if actions and all(a.horizon is Horizon.FIX_FOR_NOW for a in actions):
        add(Finding("all-for-now", W, "Every action is a “fix for now”. What would fix this for real?", Stage.ACTIONS))

    for item in wording_findings(retro):  # one finding per phrase, in every field
        add(Finding("blame-wording", W, f"{item.field.label} says “{_short(item.finding.phrase)}”. "
                    f"{item.finding.question}", item.field.stage, item.field.target_id))

    findings.sort(key=lambda f: (f.level is not Level.BLOCKER, list(Stage).index(f.stage)))
    return findings


def out_of_range_findings(retro: Retro) -> list[Finding]:
    """A blocker for every time outside the range a retro holds (written by an older version)."""
    inc = retro.incident
    found: list[Finding] = []
    named = [(f, getattr(inc, f)) for f in ("started_at", "detected_at", "declared_at", "mitigated_at",
                                            "resolved_at", "internal_report_shared_at", "public_report_shared_at")]
    for field, problem in out_of_range_fields(named):
        label = field.removesuffix("_at").replace("_", " ").capitalize()
        found.append(Finding(f"range-{field}", Level.BLOCKER, f"{label} time: {problem}; correct it in Setup.",
                             Stage.SETUP))
    groups = (
        (Stage.TIMELINE, [(e.id, f"Timeline event “{_short(e.text)}”", [("time", e.at)]) for e in retro.events.values()]),
        (Stage.ACCOUNTABILITY, [(s.id, "A statement", [("recorded", s.recorded_at)]) for s in retro.statements.values()]),
        (Stage.ACTIONS, [(a.id, f"Action “{_short(a.title)}”",
                          [("due date", a.due), ("created", a.created_at), ("completed", a.completed_at)])
                         for a in retro.actions.values()]),
    )
    for stage, items in groups:
        for target, what, values in items:
            for field, problem in out_of_range_fields(values):  # type: ignore[arg-type]
                found.append(Finding(f"range-{field.replace(' ', '-')}", Level.BLOCKER,
                                     f"{what}, {field}: {problem}; correct it or remove it.", stage, target))
    return found


def blockers(retro: Retro) -> list[Finding]:
    return [f for f in readiness(retro) if f.is_blocker]


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
