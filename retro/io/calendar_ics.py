"""Calendars (iCalendar, RFC 5545, written with ``icalendar``): action due dates and report deadlines.

* An action item's due date is an all-day event on that date ("Due: <title>"), with the owner,
  the retro and the contributing factors it addresses in the description.
* An unshared postmortem's deadline is a 30-minute event at the moment it falls due —
  the internal report 24 hours after resolution, the public one 72 hours after — with a
  reminder two hours before.

Every event has a stable ``UID``, so importing the file again (or subscribing to it) updates
events instead of doubling them. The calendar holds the internal record (owners' names): it is
for the team, never a public export.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from ..domain.follow_through import ActionRecord
from ..domain.report_deadlines import INTERNAL_REPORT_DUE, PUBLIC_REPORT_DUE
from ..domain.time_range import shifted, shifted_date
from .trackers import retro_link

PRODID = "-//Blameless Retro//Follow-through//EN"
UID_DOMAIN = "blameless-retro"


class ReportKind(StrEnum):
    INTERNAL = "internal"
    PUBLIC = "public"

    @property
    def label(self) -> str:
        return "Internal postmortem" if self is ReportKind.INTERNAL else "Public postmortem"

    @property
    def goal(self) -> timedelta:
        return INTERNAL_REPORT_DUE if self is ReportKind.INTERNAL else PUBLIC_REPORT_DUE


@dataclass(frozen=True, slots=True)
class ReportDeadline:
    """A postmortem that is due: the incident, which report, and when (resolution + goal)."""

    incident_id: str
    incident_title: str
    kind: ReportKind
    resolved_at: datetime

    @property
    def due(self) -> datetime:
        return self.resolved_at + self.kind.goal


def _stamp(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)


def calendar_ics(actions: Sequence[ActionRecord] = (), deadlines: Sequence[ReportDeadline] = (), *,
                 name: str = "Retro follow-through", now: datetime | None = None) -> bytes:
    """The ``.ics`` file's bytes: one event per dated action in ``actions`` (undated ones are
    left out), one per deadline in ``deadlines``."""
    from icalendar import Alarm, Calendar, Event

    stamp = _stamp(now)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for record in actions:
        a = record.action
        if a.due is None:
            continue
        event = Event()
        event.add("uid", f"action-{record.incident_id}-{a.id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", a.due)
        end_day = shifted_date(a.due, timedelta(days=1))  # None on the calendar's last day
        if end_day is not None:
            event.add("dtend", end_day)
        event.add("summary", f"Due: {' '.join(a.title.split())}")
        event.add("description", _action_description(record))
        event.add("categories", ["Retro action", a.action_type.label])
        event.add("transp", "TRANSPARENT")  # a due date does not make anyone busy
        event.add("url", retro_link(record.incident_id, a.id))
        event.add("status", "CONFIRMED" if record.is_open else "CANCELLED")
        cal.add_component(event)
    for d in deadlines:
        event = Event()
        event.add("uid", f"report-{d.kind.value}-{d.incident_id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        due = d.due.astimezone(UTC).replace(microsecond=0)  # iCalendar counts whole seconds
        event.add("dtstart", due)
        end = shifted(due, timedelta(minutes=30))
        if end is not None:
            event.add("dtend", end)
        event.add("summary", f"{d.kind.label} due: {' '.join(d.incident_title.split())}")
        hours = int(d.kind.goal.total_seconds() // 3600)
        event.add("description", f"The {d.kind.label.lower()} of “{d.incident_title}” is due {hours} hours "
                  f"after the incident was resolved ({d.resolved_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC).\n"
                  f"Retro: {retro_link(d.incident_id)}")
        event.add("categories", ["Retro report"])
        event.add("url", retro_link(d.incident_id))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{d.kind.label} due in 2 hours")
        alarm.add("trigger", timedelta(hours=-2))
        event.add_component(alarm)
        cal.add_component(event)
    ical: bytes = cal.to_ical()  # icalendar's to_ical() is untyped
    return ical


def _action_description(record: ActionRecord) -> str:
    a = record.action
    lines = [f"Owner: {a.owner.strip() or '(no owner)'}", f"Status: {a.status.label}",
             f"Retro: “{record.incident_title}” ({record.severity.label})"]
    if a.description.strip():
        lines += ["", a.description.strip()]
    if record.factor_titles:
        lines += ["", "Contributing factors this addresses:", *(f"- {t}" for t in record.factor_titles)]
    if a.ticket_url:
        lines += ["", f"Ticket: {a.ticket_url}"]
    lines += ["", f"Link: {retro_link(record.incident_id, a.id)}"]
    return "\n".join(lines)


def for_owner(records: Iterable[ActionRecord], owner: str) -> list[ActionRecord]:
    """The actions whose owner is ``owner`` (case, accents as typed, spacing ignored)."""
    wanted = " ".join(owner.split()).casefold()
    return [r for r in records if " ".join(r.action.owner.split()).casefold() == wanted]
