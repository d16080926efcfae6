"""Insight figures per retro: the library's insights read one narrow row per retro.

Revision ID: 0012_insight_figures
Revises: 0011_search_ranking

The insights of a library of 10,000 retros read every incident's times, every action item and
every factor: three full scans, which on a loaded PostgreSQL took longer than the 200 ms the
figures may take. ``incident_figures`` keeps, for each retro, what those figures need, worked out
when the retro is saved (``retro.storage.incident_figures``, in the save's transaction): times
to detect, mitigate and resolve (or why they cannot be used), report delays, action outcomes by
state (open ones by due date), won't-do reasons and its factors' categories. Existing retros
get their row here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import op

from retro.storage.types import TextTuple, UTCDateTime

revision = "0012_insight_figures"
down_revision = "0011_search_ranking"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incident_figures",
        sa.Column("incident_id", sa.String(), sa.ForeignKey("incidents.id", ondelete="CASCADE",
                                                              name="fk_incident_figures_incident_id_incidents"),
                  primary_key=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("services", sa.Text(), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=True),
        sa.Column("started_month", sa.String(7), nullable=True),
        sa.Column("detect_us", sa.BigInteger(), nullable=True),
        sa.Column("detect_gap", sa.Integer(), nullable=False),
        sa.Column("mitigate_us", sa.BigInteger(), nullable=True),
        sa.Column("mitigate_gap", sa.Integer(), nullable=False),
        sa.Column("resolve_us", sa.BigInteger(), nullable=True),
        sa.Column("resolve_gap", sa.Integer(), nullable=False),
        sa.Column("resolved_us", sa.BigInteger(), nullable=True),
        sa.Column("internal_delay_us", sa.BigInteger(), nullable=True),
        sa.Column("public_delay_us", sa.BigInteger(), nullable=True),
        sa.Column("done_on_time", sa.Integer(), nullable=False),
        sa.Column("done_late", sa.Integer(), nullable=False),
        sa.Column("done_undated", sa.Integer(), nullable=False),
        sa.Column("wont_do", sa.Integer(), nullable=False),
        sa.Column("open_undated", sa.Integer(), nullable=False),
        sa.Column("open_due", sa.Text(), nullable=False),
        sa.Column("wont_do_reasons", sa.Text(), nullable=False),
        sa.Column("factor_categories", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("incident_id", name="pk_incident_figures"),
    )
    _backfill()


# -- the backfill, as of revision 0012 ------------------------------------------------------------

_CHUNK = 400
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)
_USABLE, _NO_START, _NO_END, _OUT_OF_ORDER = 0, 1, 2, 4
_DURATIONS = (("detect", "started_at", "detected_at"), ("mitigate", "started_at", "mitigated_at"),
              ("resolve", "started_at", "resolved_at"))
_TIMES = ("started_at", "detected_at", "mitigated_at", "resolved_at", "internal_report_shared_at",
          "public_report_shared_at", "created_at")

# What the backfill reads and writes: these columns only, whatever later revisions add.
_incidents = sa.table("incidents", sa.column("id", sa.String()), sa.column("archived", sa.Boolean()),
                      sa.column("title", sa.Text()), sa.column("severity", sa.String()),
                      sa.column("services", TextTuple()), *(sa.column(t, UTCDateTime()) for t in _TIMES))
_actions = sa.table("action_items", sa.column("incident_id", sa.String()), sa.column("status", sa.String()),
                    sa.column("due", sa.Date()), sa.column("completed_at", UTCDateTime()),
                    sa.column("status_reason", sa.Text()))
_factors = sa.table("factors", sa.column("incident_id", sa.String()), sa.column("category", sa.String()))
_figures = sa.table(
    "incident_figures", sa.column("incident_id", sa.String()), sa.column("archived", sa.Boolean()),
    sa.column("title", sa.Text()), sa.column("severity", sa.String()), sa.column("services", TextTuple()),
    sa.column("happened_on", sa.Date()), sa.column("started_month", sa.String()),
    *(sa.column(c, sa.BigInteger()) for c in ("detect_us", "mitigate_us", "resolve_us", "resolved_us",
                                              "internal_delay_us", "public_delay_us")),
    *(sa.column(c, sa.Integer()) for c in ("detect_gap", "mitigate_gap", "resolve_gap", "done_on_time", "done_late",
                                           "done_undated", "wont_do", "open_undated")),
    sa.column("open_due", sa.Text()), sa.column("wont_do_reasons", TextTuple()),
    sa.column("factor_categories", sa.Text()),
)


def _duration(start: datetime | None, end: datetime | None) -> tuple[int | None, int]:
    if start is None or end is None:
        return None, (_NO_START if start is None else 0) | (_NO_END if end is None else 0)
    if end < start:
        return None, _OUT_OF_ORDER
    return (end - start) // _MICRO, _USABLE


def _figures_row(incident: Mapping[Any, Any], actions: Iterable[Mapping[Any, Any]],
                 categories: Iterable[str]) -> dict[str, Any]:
    """One retro's figures row (``retro.storage.incident_figures.figures_row`` at revision 0012)."""
    started, resolved = incident["started_at"], incident["resolved_at"]
    when = started or incident["detected_at"] or resolved or incident["created_at"]
    row: dict[str, Any] = {
        "incident_id": incident["id"], "archived": bool(incident["archived"]), "title": incident["title"],
        "severity": incident["severity"], "services": tuple(incident["services"] or ()),
        "happened_on": when.astimezone(UTC).date() if when is not None else None,
        "started_month": started.astimezone(UTC).strftime("%Y-%m") if started is not None else None,
        "resolved_us": (resolved - _EPOCH) // _MICRO if resolved is not None else None,
    }
    for name, start, end in _DURATIONS:
        row[f"{name}_us"], row[f"{name}_gap"] = _duration(incident[start], incident[end])
    for name in ("internal", "public"):
        shared = incident[f"{name}_report_shared_at"]
        row[f"{name}_delay_us"] = (shared - resolved) // _MICRO if shared is not None and resolved is not None else None
    counts = dict.fromkeys(("done_on_time", "done_late", "done_undated", "wont_do", "open_undated"), 0)
    dues: list[str] = []
    reasons: list[str] = []
    for a in actions:
        status, due, completed = a["status"], a["due"], a["completed_at"]
        if status == "wont_do":
            counts["wont_do"] += 1
            reasons.append(a["status_reason"] or "")
        elif status == "done":
            if due is None or completed is None:
                counts["done_undated"] += 1
            else:
                counts["done_on_time" if completed.astimezone(UTC).date() <= due else "done_late"] += 1
        elif due is None:
            counts["open_undated"] += 1
        else:
            dues.append(due.isoformat())
    row.update(counts, open_due=" ".join(sorted(dues)), wont_do_reasons=tuple(reasons),
               factor_categories=" ".join(sorted(categories)))
    return row


def _backfill() -> None:
    bind = op.get_bind()
    ids = sorted(bind.execute(sa.select(_incidents.c.id)).scalars())
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        actions: dict[str, list[Mapping[Any, Any]]] = defaultdict(list)
        for a in bind.execute(sa.select(_actions).where(_actions.c.incident_id.in_(chunk))).mappings():
            actions[a["incident_id"]].append(a)
        categories: dict[str, list[str]] = defaultdict(list)
        for incident_id, category in bind.execute(sa.select(_factors).where(_factors.c.incident_id.in_(chunk))):
            categories[incident_id].append(category)
        rows = [_figures_row(i, actions[i["id"]], categories[i["id"]])
                for i in bind.execute(sa.select(_incidents).where(_incidents.c.id.in_(chunk))).mappings()]
        if rows:
            bind.execute(sa.insert(_figures), rows)


def downgrade() -> None:
    op.drop_table("incident_figures")
