"""The public report's reason for a won't-do action.

Revision ID: 0010_public_report
Revises: 0009_parking_lot

``action_items.public_reason`` is why the team decided against an action, worded for customers.
A won't-do action without one is left out of the public report (its internal reason,
``status_reason``, is never printed there). Existing actions get an empty value: their won't-do
actions stay out of the public report until someone writes a public reason.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_public_report"
down_revision = "0009_parking_lot"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("action_items") as batch:
        batch.add_column(sa.Column("public_reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35, PostgreSQL), as 0007 does.
    op.execute("ALTER TABLE action_items DROP COLUMN public_reason")
