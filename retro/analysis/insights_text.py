"""Insights in words and as JSON: the same figures for ``retro insights``, the app and the PDF."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ..domain.lifecycle import format_timedelta
from .insights_figures import Basis, DurationFigure, Insights, ReportFigure


def span(value: timedelta | None) -> str:
    return format_timedelta(value) if value is not None else "—"


def _basis(b: Basis) -> dict[str, Any]:
    return {"incidents": b.incidents, "left_out": b.left_out, "left_out_because": dict(b.reasons), "text": b.text()}


def _seconds(value: timedelta | None) -> float | None:
    return None if value is None else value.total_seconds()


def _duration(d: DurationFigure) -> dict[str, Any]:
    return {
        "name": d.name, "median_seconds": _seconds(d.median), "basis": _basis(d.basis),
        "by_period": [{"period": p.period, "median_seconds": p.median.total_seconds(), "incidents": p.incidents}
                      for p in d.by_period],
        "per_incident": [{"incident_id": v.incident_id, "title": v.title, "seconds": v.value.total_seconds()}
                         for v in d.per_incident],
    }


def _report(r: ReportFigure) -> dict[str, Any]:
    return {"name": r.name, "goal_hours": r.goal.total_seconds() / 3600, "median_seconds": _seconds(r.median),
            "outcomes": {o.value: n for o, n in r.counts}, "basis": _basis(r.basis)}


def insights_json(ins: Insights) -> dict[str, Any]:
    """A JSON-ready dict of every figure (durations in seconds)."""
    return {
        "incidents": ins.incidents,
        "period": ins.period.value,
        "since": ins.since.isoformat() if ins.since else None,
        "service": ins.service,
        "time_to_detect": _duration(ins.detect),
        "time_to_mitigate": _duration(ins.mitigate),
        "time_to_resolve": _duration(ins.resolve),
        "by_severity": {"counts": dict(ins.by_severity.counts), "basis": _basis(ins.by_severity.basis)},
        "by_service": {"counts": dict(ins.by_service.counts), "basis": _basis(ins.by_service.basis)},
        "actions": {"outcomes": {o.value: n for o, n in ins.actions.counts}, "actions": ins.actions.actions,
                    "wont_do_reasons": dict(ins.actions.wont_do_reasons), "basis": _basis(ins.actions.basis)},
        "internal_report": _report(ins.internal_report),
        "public_report": _report(ins.public_report),
        "factors": {
            "top_recurring": [{"title": t.title, "category": t.category.value, "incidents": t.incidents}
                              for t in ins.factors.top_factors],
            "categories": [{"category": c.value, "factors": n, "incidents": i} for c, n, i in ins.factors.categories],
            "basis": _basis(ins.factors.basis),
        },
    }


def insights_lines(ins: Insights) -> list[str]:
    """The figures as plain text lines (the CLI's output)."""
    scope = []
    if ins.since:
        scope.append(f"since {ins.since.isoformat()}")
    if ins.service:
        scope.append(f"service {ins.service}")
    out = [f"Insights over {ins.incidents} incident{'s' if ins.incidents != 1 else ''}"
           + (f" ({', '.join(scope)})" if scope else ""), ""]
    for d in ins.durations:
        out.append(f"{d.name}: median {span(d.median)} — {d.basis.text()}")
        for p in d.by_period:
            out.append(f"  {p.period:<9} median {span(p.median):<12} ({p.incidents} incident{'s' if p.incidents != 1 else ''})")
    out.append("")
    for figure in (ins.by_severity, ins.by_service):
        out.append(f"{figure.name} — {figure.basis.text()}")
        width = max((len(name) for name, _ in figure.counts), default=0) + 2
        out += [f"  {name:<{width}} {n}" for name, n in figure.counts]
    out.append("")
    a = ins.actions
    out.append(f"Action items ({a.actions}) — {a.basis.text()}")
    out += [f"  {o.label:<20} {n}" for o, n in a.counts]
    if a.wont_do_reasons:
        out.append("  Won't do, because:")
        out += [f"    {n} × {reason}" for reason, n in a.wont_do_reasons]
    out.append("")
    for r in (ins.internal_report, ins.public_report):
        goal = int(r.goal.total_seconds() // 3600)
        median = f"median {span(r.median)}" if r.median is not None else "none shared yet"
        out.append(f"{r.name} (goal {goal} h after resolution): {median} — {r.basis.text()}")
        out += [f"  {o.label:<24} {n}" for o, n in r.counts]
    out.append("")
    f = ins.factors
    out.append(f"Contributing factors that come back — {f.basis.text()}")
    if f.top_factors:
        out += [f"  {t.incidents} incident{'' if t.incidents == 1 else 's'}  {t.category.label}: {t.title}" for t in f.top_factors]
    else:
        out.append("  No contributing factor appears in more than one incident.")
    out.append("  By category (factors / incidents):")
    out += [f"    {c.label:<28} {n} / {i}" for c, n, i in f.categories]
    return out
