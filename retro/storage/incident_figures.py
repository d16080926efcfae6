"""Each retro's insight figures, kept in ``incident_figures`` in the transaction that saves it.

The insights of a library (:mod:`retro.services.insights`) read one narrow row per retro from
this table instead of scanning the incidents, every action item and every factor. The row is
worked out here from what is stored (the incident row, its action items and factors, read back
by the retro's id), so it can never say other than the retro: :func:`refresh` is called by the
two writers of a retro (``apply_edit`` through :func:`follow_edit`, and ``add_retro``) in their
own transaction; deleting a retro deletes its row (``ON DELETE CASCADE``). Revision 0012 fills
the table for the retros already stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from ..domain import ActionStatus, EntityRef
from . import models as m

_CHUNK = 400
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)
#: What ``*_gap`` says of a duration: it can be used, or why not.
USABLE, NO_START, NO_END, NO_TIMES, OUT_OF_ORDER = 0, 1, 2, 3, 4
#: (duration, its start, its end), as the figures name them.
DURATIONS = (("detect", "started_at", "detected_at"), ("mitigate", "started_at", "mitigated_at"),
             ("resolve", "started_at", "resolved_at"))
#: The kinds whose edits change a retro's figures (with the incident itself).
_COUNTED = frozenset({"ActionItem", "Factor"})
_DONE, _WONT = ActionStatus.DONE.value, ActionStatus.WONT_DO.value


def _micros(value: datetime) -> int:
    return (value - _EPOCH) // _MICRO


def _duration(start: datetime | None, end: datetime | None) -> tuple[int | None, int]:
    if start is None or end is None:
        return None, (NO_START if start is None else 0) | (NO_END if end is None else 0)
    if end < start:
        return None, OUT_OF_ORDER
    return (end - start) // _MICRO, USABLE


def figures_row(incident: Mapping[Any, Any], actions: Iterable[Mapping[Any, Any]],
                factor_categories: Iterable[str]) -> dict[str, Any]:
    """The ``incident_figures`` row of one retro from its stored incident row, action rows
    (status, due, completed_at, status_reason) and its factors' categories."""
    started, resolved = incident["started_at"], incident["resolved_at"]
    when = started or incident["detected_at"] or resolved or incident["created_at"]
    row: dict[str, Any] = {
        "incident_id": incident["id"], "archived": bool(incident["archived"]), "title": incident["title"],
        "severity": incident["severity"], "services": tuple(incident["services"] or ()),
        "happened_on": when.astimezone(UTC).date() if when is not None else None,
        "started_month": started.astimezone(UTC).strftime("%Y-%m") if started is not None else None,
        "resolved_us": _micros(resolved) if resolved is not None else None,
    }
    for name, start, end in DURATIONS:
        row[f"{name}_us"], row[f"{name}_gap"] = _duration(incident[start], incident[end])
    for name in ("internal", "public"):
        shared = incident[f"{name}_report_shared_at"]
        row[f"{name}_delay_us"] = (shared - resolved) // _MICRO if shared is not None and resolved is not None else None
    counts = dict.fromkeys(("done_on_time", "done_late", "done_undated", "wont_do", "open_undated"), 0)
    dues: list[str] = []
    reasons: list[str] = []
    for a in actions:
        status, due, completed = a["status"], a["due"], a["completed_at"]
        if status == _WONT:
            counts["wont_do"] += 1
            reasons.append(a["status_reason"] or "")
        elif status == _DONE:
            if due is None or completed is None:
                counts["done_undated"] += 1
            else:
                counts["done_on_time" if completed.astimezone(UTC).date() <= due else "done_late"] += 1
        elif due is None:
            counts["open_undated"] += 1
        else:
            dues.append(due.isoformat())
    row.update(counts, open_due=" ".join(sorted(dues)), wont_do_reasons=tuple(reasons),
               factor_categories=" ".join(sorted(factor_categories)))
    return row


def compute(conn: Connection, incident_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The figures rows of the named retros, worked out from what is stored now."""
    inc, act, fac = m.incidents, m.action_items, m.factors
    out: list[dict[str, Any]] = []
    for start in range(0, len(incident_ids), _CHUNK):
        chunk = list(incident_ids[start : start + _CHUNK])
        actions: dict[str, list[Mapping[Any, Any]]] = defaultdict(list)
        for a in conn.execute(select(act.c.incident_id, act.c.status, act.c.due, act.c.completed_at,
                                     act.c.status_reason).where(act.c.incident_id.in_(chunk))).mappings():
            actions[a["incident_id"]].append(a)
        categories: dict[str, list[str]] = defaultdict(list)
        for incident_id, category in conn.execute(select(fac.c.incident_id, fac.c.category)
                                                  .where(fac.c.incident_id.in_(chunk))):
            categories[incident_id].append(category)
        for incident in conn.execute(select(inc).where(inc.c.id.in_(chunk))).mappings():
            out.append(figures_row(incident, actions[incident["id"]], categories[incident["id"]]))
    return out


def refresh(conn: Connection, incident_ids: Iterable[str]) -> None:
    """Rewrite the figures rows of the named retros from what is stored (a retro no longer
    stored keeps no row)."""
    ids = sorted(set(incident_ids))
    fig = m.incident_figures
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        conn.execute(delete(fig).where(fig.c.incident_id.in_(chunk)))
        rows = compute(conn, chunk)
        if rows:
            conn.execute(insert(fig), rows)


def follow_edit(conn: Connection, incident_id: str, incident_changed: bool, touched: Iterable[object],
                removed: Iterable[EntityRef]) -> None:
    """After an edit of one retro: rewrite its figures when the edit changed the incident, an
    action item or a contributing factor (nothing else enters them)."""
    if (incident_changed or any(type(e).__name__ in _COUNTED for e in touched)
            or any(r.kind in _COUNTED for r in removed)):
        refresh(conn, [incident_id])

