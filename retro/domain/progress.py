"""Where the retro stands, stage by stage, and in its life (issue 11, "truthful state").

A stage is complete only when it is: a stage with a blocker is blocked, a stage whose work has
not begun says so, and Review is complete only when nothing blocks publishing *and* both reports
are marked shared. The retro's status follows the same facts: Draft → In review (nothing blocks,
or a report is out) → Published (both reports shared). Derived from the readiness findings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from .entities import Incident
from .enums import IncidentStatus, Stage
from .readiness import Finding
from .retro import Retro


class StageState(StrEnum):
    NOT_STARTED = "not_started"
    BLOCKED = "blocked"
    COMPLETE = "complete"
    READY = "ready"  # Review only: nothing blocks, the reports are not all shared yet


@dataclass(frozen=True, slots=True)
class StageProgress:
    state: StageState
    #: The navigator's status line ("Complete", "2 blockers · 1 warning", "Not started").
    text: str


def _counts(findings: list[Finding]) -> str:
    blockers = sum(1 for f in findings if f.is_blocker)
    warnings = len(findings) - blockers
    parts = []
    if blockers:
        parts.append(f"{blockers} blocker{'s' if blockers != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return " · ".join(parts)


def room_has_started(retro: Retro) -> bool:
    """Whether the room has moved past the ground rules (anything recorded after them)."""
    return bool(retro.events or retro.factors or retro.statements or retro.actions or retro.review_answers)


def both_shared(incident: Incident) -> bool:
    return incident.internal_report_shared_at is not None and incident.public_report_shared_at is not None


def stage_progress(retro: Retro, findings: list[Finding]) -> dict[Stage, StageProgress]:
    """Each stage's state and status line, from ``readiness(retro)``'s findings."""
    by_stage: dict[Stage, list[Finding]] = {stage: [] for stage in Stage}
    for finding in findings:
        by_stage[finding.stage].append(finding)
    out: dict[Stage, StageProgress] = {}
    for stage in Stage:
        own = by_stage[stage]
        counts = _counts(own)
        if any(f.is_blocker for f in own):
            out[stage] = StageProgress(StageState.BLOCKED, counts)
        elif stage is Stage.GROUND_RULES and not room_has_started(retro):
            out[stage] = StageProgress(StageState.NOT_STARTED, "Not started")
        elif stage is Stage.REVIEW:
            blocked = sum(1 for f in findings if f.is_blocker)
            if blocked:
                text = f"Waits on {blocked} blocker{'s' if blocked != 1 else ''}"
                out[stage] = StageProgress(StageState.BLOCKED, text)
            elif both_shared(retro.incident):
                out[stage] = StageProgress(StageState.COMPLETE, "Complete: both reports shared"
                                           + (f" · {counts}" if counts else ""))
            else:
                out[stage] = StageProgress(StageState.READY, "Ready: share the reports"
                                           + (f" · {counts}" if counts else ""))
        else:
            out[stage] = StageProgress(StageState.COMPLETE, "Complete" + (f" · {counts}" if counts else ""))
    return out


def status_for(incident: Incident, findings: list[Finding]) -> IncidentStatus:
    """The status the retro's life says it has: Draft → In review → Published."""
    if both_shared(incident):
        return IncidentStatus.PUBLISHED
    shared = incident.internal_report_shared_at is not None or incident.public_report_shared_at is not None
    if shared or not any(f.is_blocker for f in findings):
        # "Reviewed" is the facilitator's own word for a signed-off retro: kept while it is true
        return IncidentStatus.REVIEWED if incident.status is IncidentStatus.REVIEWED else IncidentStatus.IN_REVIEW
    return IncidentStatus.DRAFT


def with_status(incident: Incident, findings: list[Finding]) -> Incident:
    """``incident`` with the status its life says (itself when it already has it)."""
    status = status_for(incident, findings)
    return incident if status is incident.status else replace(incident, status=status)


def next_step(retro: Retro, findings: list[Finding]) -> str:
    """What the facilitator should do next, in one sentence, for the Review stage."""
    blockers = [f for f in findings if f.is_blocker]
    incident = retro.incident
    if blockers:
        first = blockers[0]
        more = f" ({len(blockers) - 1} more after it)" if len(blockers) > 1 else ""
        return f"Next: {first.stage.label} — {first.message}{more}"
    if incident.internal_report_shared_at is None:
        return "Next: export the internal report (PDF or Markdown), share it with the team, then mark it shared."
    if incident.public_report_shared_at is None:
        return "Next: export the public report, check it reads without names, publish it, then mark it shared."
    if incident.status is not IncidentStatus.PUBLISHED:
        return "Both reports are shared: the retro can be marked Published."
    return "Done: both reports are shared. Follow the actions through in the library's Follow-up tab."
