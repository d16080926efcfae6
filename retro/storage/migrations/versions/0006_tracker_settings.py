"""The database's tracker setting: where "Create ticket" opens a prefilled new-issue page.

Revision ID: 0006_tracker_settings
Revises: 0002_search

One row at most (``id`` 1): the tracker kind (github, gitlab, jira, linear, template), its
address or URL template, Jira's project and issue type ids, and labels every ticket gets. It
lives in the database, so everyone on a shared (team) database creates tickets in the same place.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from retro.storage.types import TextTuple, UTCDateTime

revision = "0006_tracker_settings"
down_revision = "0002_search"
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


def downgrade() -> None:
    op.drop_table("tracker_settings")
