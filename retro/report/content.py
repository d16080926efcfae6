"""What both report formats say, computed once: section titles, times, cover facts, action summaries.

The PDF and Markdown writers render these values; neither decides on its own what to show.
Everything here works on a retro already passed through :func:`retro.report.audience.for_audience`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

from retro.domain import ActionItem, ActionStatus, Audience, Retro, Role, key_durations
from retro.domain.lifecycle import LIFECYCLE_FIELDS, internal_report_due, public_report_due
from retro.domain.parking_lot import open_questions
from retro.domain.readiness import Finding, readiness
from retro.domain.time_range import in_zone, strftime

# Part of what the writers read from here (content.local_time …); defined apart so audience can use them.
from .local_times import incident_zone as incident_zone
from .local_times import local_time as local_time
from .public_checks import public_findings

MARKING = {Audience.INTERNAL: "Internal — do not distribute", Audience.PUBLIC: "Public"}
PUBLIC_FIELDS_NOTE = (
    "The summary and the customer impact appear word for word in the public postmortem: "
    "write them for customers."
)
DOC_KIND = {Audience.INTERNAL: "Internal postmortem", Audience.PUBLIC: "Public postmortem"}


@dataclass(frozen=True, slots=True)
class Section:
    """A top-level section: its bookmark key and title."""

    key: str
    title: str


SUMMARY = Section("summary", "Summary")
IMPACT = Section("impact", "Customer impact")
PARTICIPANTS = Section("participants", "Participants and roles")
TIMELINE = Section("timeline", "Timeline")
FACTORS = Section("factors", "Contributing factors")
ACCOUNTABILITY = Section("accountability", "Accountability")
ACTIONS = Section("actions", "Actions")
PUBLIC_ACTIONS = Section("actions", "What we are doing about it")
REVIEW = Section("review", "Review")
LESSONS = Section("lessons", "Lessons learned")
FINDINGS = Section("findings", "Open readiness findings")
#: Topics parked in the meeting and left as open questions (issue 11): internal report only.
OPEN_QUESTIONS = Section("open-questions", "Open questions")


def sections(retro: Retro, audience: Audience, findings: list[Finding] | None = None) -> list[Section]:
    """The top-level sections of the report, in order (the table of contents).

    ``findings`` are the retro's :func:`open_findings` when the caller has them already.
    """
    if audience is Audience.PUBLIC:
        return [SUMMARY, IMPACT, TIMELINE, FACTORS, PUBLIC_ACTIONS]
    out = [SUMMARY, IMPACT, PARTICIPANTS, TIMELINE, FACTORS, ACCOUNTABILITY, ACTIONS, REVIEW, LESSONS]
    if open_questions(retro):
        out.append(OPEN_QUESTIONS)
    if open_findings(retro) if findings is None else findings:
        out.append(FINDINGS)
    return out


def zone_is_utc(retro: Retro) -> bool:
    zone = incident_zone(retro)
    return zone is UTC or getattr(zone, "key", "") in ("UTC", "Etc/UTC")


def utc_time(at: datetime | None, *, with_date: bool = True) -> str:
    if at is None:
        return "—"
    return strftime(at.astimezone(UTC), "%Y-%m-%d %H:%M UTC" if with_date else "%H:%M UTC")


def both_times(retro: Retro, at: datetime | None) -> str:
    """Local time and, when the incident is not in UTC, the UTC time too."""
    if at is None or zone_is_utc(retro):
        return utc_time(at)
    return f"{local_time(retro, at)} ({utc_time(at, with_date=False)})"


def cover_facts(retro: Retro, audience: Audience) -> list[tuple[str, str]]:
    """The label/value pairs on the cover: severity, status, services, times, durations, due dates."""
    inc = retro.incident
    facts = [("Severity", f"{inc.severity.label} — {inc.severity.description}")]
    if audience is Audience.INTERNAL:
        facts.append(("Status", inc.status.label))
    if inc.services:
        facts.append(("Services", ", ".join(inc.services)))
    if audience is Audience.INTERNAL and inc.tags:
        facts.append(("Tags", ", ".join(inc.tags)))
    facts.append(("Timezone", inc.timezone or "UTC"))
    for field, label in LIFECYCLE_FIELDS:
        facts.append((label, both_times(retro, getattr(inc, field))))
    for duration in key_durations(inc):
        facts.append((duration.name, duration.text()))
    if audience is Audience.INTERNAL:
        facts.append(("Internal report due", both_times(retro, internal_report_due(inc))))
        facts.append(("Public report due", both_times(retro, public_report_due(inc))))
    else:
        facts += published_facts(retro)
    return facts


def published_facts(retro: Retro, now: datetime | None = None) -> list[tuple[str, str]]:
    """"Published" (and "Updated") for the public report, as dates in the incident's timezone.

    Published is when the public report was marked shared, or — not shared yet — the day this
    copy is written (the copy being published). Updated is the day this copy is written, when
    that is later than the published day.
    """
    zone = incident_zone(retro)
    today = in_zone(now or datetime.now(UTC), zone).date()
    shared = retro.incident.public_report_shared_at
    published = in_zone(shared, zone).date() if shared is not None else today
    facts = [("Published", _day(published))]
    if today > published:
        facts.append(("Updated", _day(today)))
    return facts


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def open_findings(retro: Retro) -> list[Finding]:
    """The readiness findings, then the warnings about the public report (names, left-out actions)."""
    from .coverage import glyph_findings

    return readiness(retro) + public_findings(retro) + glyph_findings(retro)


def action_counts(actions: list[ActionItem]) -> str:
    """``3 actions (2 prevent, 1 detect); 1 completed so far.`` — the public summary line.

    Only done actions count as completed; ones the team decided against are said as such.
    """
    if not actions:
        return "No follow-up actions are listed."
    by_type = Counter(a.action_type.label.lower() for a in actions)
    done = sum(1 for a in actions if a.status is ActionStatus.DONE)
    dropped = sum(1 for a in actions if a.status is ActionStatus.WONT_DO)
    parts = ", ".join(f"{n} {kind}" for kind, n in sorted(by_type.items()))
    noun = "action" if len(actions) == 1 else "actions"
    line = f"{len(actions)} {noun} ({parts}); {done} completed so far"
    return line + (f", {dropped} decided against." if dropped else ".")


def factor_numbers(retro: Retro) -> dict[str, str]:
    """F1, F2 … in the order of the factor list; the public view keeps the internal numbers."""
    kept: dict[str, str] | None = getattr(retro, "numbers", None)
    if kept:
        return dict(kept)
    return {f.id: f"F{i}" for i, f in enumerate(retro.factor_list(), start=1)}


def factor_titles(retro: Retro, ids: tuple[str, ...]) -> list[str]:
    return [retro.factors[i].title for i in ids if i in retro.factors]


def roles_text(roles: list[Role]) -> str:
    return ", ".join(r.label for r in roles) or "—"


def due_text(action: ActionItem) -> str:
    return action.due.isoformat() if action.due else "—"
