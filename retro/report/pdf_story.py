"""The internal report's story: the trigger, what happened in three parts, and incidents seen before.

* The **trigger** is the first deploy on the timeline before detection, else the first event.
* The **narrative** is built from the retro's own fields: the lead-up (start → detection), the
  response (detection → mitigation) and the recovery (mitigation → resolution), each naming its
  time span and its first and last events.
* **Related past incidents** are the caller's library retros that share contributing factors
  (:func:`retro.analysis.recurrence.related_incidents`), each with the factors it shares and
  its actions still open: a recurring factor with an open action is the first thing to chase.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.platypus import Flowable

from retro.analysis.recurrence import related_incidents
from retro.domain import EventKind, Retro, TimelineEvent

from . import content
from .code_text import shorten
from .content import Section
from .paragraphs import Paragraph
from .pdf_blocks import muted, section_heading
from .styles import styles
from .text import escape, inline

STORY = Section("story", "What happened, in short")
RELATED = Section("related", "Seen before: related incidents")


def trigger(retro: Retro) -> TimelineEvent | None:
    """The event that set the incident off: the first deploy before detection, else the first event."""
    events = retro.timeline()
    if not events:
        return None
    detected = retro.incident.detected_at
    for event in events:
        if detected is not None and event.at > detected:
            break
        if event.kind is EventKind.DEPLOY:
            return event
    return events[0]


def phases(retro: Retro) -> list[tuple[str, list[TimelineEvent], datetime | None, datetime | None]]:
    """``(name, events, from, to)`` for the lead-up, the response and the recovery."""
    inc = retro.incident
    events = retro.timeline()
    start = inc.started_at or (events[0].at if events else None)
    bounds = [("Lead-up", start, inc.detected_at), ("Response", inc.detected_at, inc.mitigated_at), ("Recovery", inc.mitigated_at, inc.resolved_at)]
    out = []
    for name, low, high in bounds:
        chosen = [e for e in events if (low is None or e.at >= low) and (high is None or e.at < high or (name == "Recovery" and e.at <= high))]
        if name == "Lead-up" and low is None and high is None:
            chosen = []
        out.append((name, chosen, low, high))
    return out


def story(retro: Retro) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [*section_heading(STORY)]
    first = trigger(retro)
    if first is not None:
        text, _ = shorten(first.text, 200)
        out.append(Paragraph(f"<b>Trigger:</b> {inline(text)} {muted('(' + escape(content.local_time(retro, first.at)) + ', ' + escape(first.kind.label.lower()) + ')')}", s.para))
    for name, events, low, high in phases(retro):
        span = ""
        if low is not None and high is not None:
            minutes = int((high - low).total_seconds() // 60)
            span = f"{content.local_time(retro, low)} → {content.local_time(retro, high, with_date=False)} ({minutes // 60} h {minutes % 60:02d} min)" if minutes >= 60 else f"{content.local_time(retro, low)} → {content.local_time(retro, high, with_date=False)} ({minutes} min)"
        if not events:
            line = f"<b>{name}:</b> {escape(span) + ' — ' if span else ''}no events recorded."
        else:
            head, _ = shorten(events[0].text, 120)
            line = f"<b>{name}:</b> {escape(span) + ' — ' if span else ''}{len(events)} event{'s' if len(events) != 1 else ''}, from “{inline(head)}”"
            if len(events) > 1:
                tail, _ = shorten(events[-1].text, 120)
                line += f" to “{inline(tail)}”"
            kinds = sorted({e.kind.label.lower() for e in events if e.kind in (EventKind.DECISION, EventKind.ESCALATION, EventKind.MITIGATION, EventKind.COMMUNICATION)})
            if kinds:
                line += muted(f" (includes {', '.join(kinds)})")
            line += "."
        out.append(Paragraph(line, s.para))
    return out


def related(retro: Retro, library: Sequence[Retro]) -> list[Flowable]:
    """The related past incidents with their shared factors and open actions (empty when none)."""
    found = related_incidents(retro, library)
    if not found:
        return []
    s = styles()
    by_id = {r.incident.id: r for r in library}
    numbers = {f.id: f"F{i}" for i, f in enumerate(retro.factor_list(), start=1)}
    out: list[Flowable] = [*section_heading(RELATED)]
    out.append(Paragraph("Earlier incidents in the library that share contributing factors with this one.", s.note))
    for item in found[:10]:
        earlier = by_id.get(item.incident_id)
        out.append(Paragraph(inline(item.incident_title), s.h3))
        for match in item.matches:
            mine = retro.factors.get(match.factor_id)
            out.append(Paragraph(
                f"{escape(numbers.get(match.factor_id, ''))} {inline(mine.title if mine else '')} {muted('— seen then as')} “{inline(match.earlier.title)}”",
                s.bullet, bulletText="•",
            ))
        open_actions = [a for a in earlier.action_list() if not a.status.is_closed] if earlier else []
        if open_actions:
            for action in open_actions:
                owner = action.owner or "no owner"
                out.append(Paragraph(
                    f"<b>Still open:</b> {inline(action.title)} {muted('— ' + inline(owner) + ', due ' + content.due_text(action))}",
                    s.bullet, bulletText="•",
                ))
        elif earlier is not None:
            out.append(Paragraph(muted("All its actions are closed."), s.bullet, bulletText="•"))
    return out
