"""The database's tracker setting: where "Create ticket" opens a prefilled new-issue page.

Revision ID: 0006_tracker_settings
Revises: 0002_search

One row at most (``id`` 1): the tracker kind (github, gitlab, jira, linear, template), its
address or URL template, Jira's project and issue type ids, and labels every ticket gets. It
lives in the database, so everyone on a shared (team) database creates tickets in the same place.

Also ``factor_match_decisions``: the facilitator's answer, given once, to "is this contributing
factor the same as that one of an earlier retro?" (``same`` / ``different``), so near-duplicate
recurrence does not ask again. Rows go with the retro they were decided in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from retro.storage.types import TextTuple, UTCDateTime

revision = "0006_tracker_settings"
down_revision = "0003_library_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tracker_settings",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("project", sa.Text(), nullable=False),
        sa.Column("issue_type", sa.Text(), nullable=False),
        sa.Column("labels", TextTuple(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=True),
    )


    op.create_table(
        "factor_match_decisions",
        sa.Column("incident_id", sa.String(), sa.ForeignKey("incidents.id", ondelete="CASCADE"),
                  primary_key=True, nullable=False),
        sa.Column("factor_id", sa.String(), primary_key=True, nullable=False),
        sa.Column("other_incident_id", sa.String(), primary_key=True, nullable=False),
        sa.Column("other_factor_id", sa.String(), primary_key=True, nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("factor_match_decisions")
    op.drop_table("tracker_settings")
