"""The base schema: an incident and everything a retrospective records about it.

Revision ID: 0001_base
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from retro.storage.types import TextTuple, UTCDateTime

revision = "0001_base"
down_revision = None
branch_labels = None
depends_on = None


def _incident_id() -> sa.Column:
    return sa.Column(
        "incident_id", sa.String(), sa.ForeignKey("incidents.id", ondelete="CASCADE"),
        primary_key=True, nullable=False,
    )


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(), primary_key=True),
        _text("title"),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        _text("summary"),
        sa.Column("services", TextTuple(), nullable=False),
        sa.Column("tags", TextTuple(), nullable=False),
        _text("customer_impact"),
        sa.Column("timezone", sa.String(64), nullable=False),
        *(sa.Column(n, UTCDateTime(), nullable=True)
          for n in ("started_at", "detected_at", "declared_at", "mitigated_at", "resolved_at")),
        _text("lessons_learned"),
        _text("went_well"),
        _text("got_lucky"),
        _text("surprises"),
        sa.Column("internal_report_shared_at", UTCDateTime(), nullable=True),
        sa.Column("public_report_shared_at", UTCDateTime(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_incidents_created_at", "incidents", ["created_at"])
    op.create_table(
        "participants",
        _incident_id(),
        sa.Column("id", sa.String(), primary_key=True),
        _text("name"),
        _text("roles"),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_table(
        "timeline_events",
        _incident_id(),
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        _text("text"),
        sa.Column("kind", sa.String(32), nullable=False),
        _text("source"),
        _text("evidence_url"),
        sa.Column("audience", sa.String(16), nullable=False),
        sa.Column("actor_role", sa.String(32), nullable=True),
    )
    op.create_index("ix_timeline_events_incident_at", "timeline_events", ["incident_id", "at"])
    op.create_table(
        "factors",
        _incident_id(),
        sa.Column("id", sa.String(), primary_key=True),
        _text("title"),
        sa.Column("category", sa.String(32), nullable=False),
        _text("description"),
        sa.Column("audience", sa.String(16), nullable=False),
        sa.Column("x", sa.Float(), nullable=True),
        sa.Column("y", sa.Float(), nullable=True),
    )
    op.create_table(
        "impacts",
        _incident_id(),
        sa.Column("id", sa.String(), primary_key=True),
        _text("title"),
        _text("description"),
        sa.Column("x", sa.Float(), nullable=True),
        sa.Column("y", sa.Float(), nullable=True),
    )
    op.create_table(
        "factor_links",
        _incident_id(),
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("cause_id", sa.String(), nullable=False),
        sa.Column("effect_id", sa.String(), nullable=False),
        _text("note"),
    )
    op.create_table(
        "factor_evidence",
        _incident_id(),
        sa.Column("factor_id", sa.String(), primary_key=True),
        sa.Column("event_id", sa.String(), primary_key=True),
    )
    op.create_table(
        "accountability_statements",
        _incident_id(),
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("participant_id", sa.String(), nullable=False),
        _text("text"),
        sa.Column("speaking_order", sa.Integer(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=True),
    )
    op.create_table(
        "private_notes",
        _incident_id(),
        sa.Column("id", sa.String(), primary_key=True),
        _text("text"),
        sa.Column("participant_id", sa.String(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=True),
    )
    op.create_table(
        "action_items",
        _incident_id(),
        sa.Column("id", sa.String(), primary_key=True),
        _text("title"),
        _text("owner"),
        sa.Column("due", sa.Date(), nullable=True),
        _text("description"),
        sa.Column("action_type", sa.String(16), nullable=False),
        sa.Column("horizon", sa.String(16), nullable=False),
        sa.Column("priority", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        _text("status_reason"),
        _text("ticket_url"),
        sa.Column("created_at", UTCDateTime(), nullable=True),
        sa.Column("completed_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_action_items_status_due", "action_items", ["status", "due"])
    op.create_table(
        "action_factors",
        _incident_id(),
        sa.Column("action_id", sa.String(), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("factor_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id", "action_id"], ["action_items.incident_id", "action_items.id"],
            ondelete="CASCADE", name="fk_action_factors_action_items",
        ),
    )
    op.create_table(
        "review_answers",
        _incident_id(),
        sa.Column("question", sa.String(64), primary_key=True),
        _text("text"),
    )


def downgrade() -> None:
    for table in ("review_answers", "action_factors", "action_items", "private_notes",
                  "accountability_statements", "factor_evidence", "factor_links", "impacts",
                  "factors", "timeline_events", "participants", "incidents"):
        op.drop_table(table)
