"""The public report's own fields on the incident: mentions fine to publish, apology, contact.

Revision ID: 0007_public_mentions
Revises: 0006_tracker_settings

``public_mentions`` holds the mentions of a name the facilitator decided are fine to publish
(a JSON array of ``"<field>|<words>"``); ``public_apology`` and ``public_contact`` are the
optional apology and contact/status-page line of the customer-facing postmortem. Existing
retros get empty values, which is what they had before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_public_mentions"
down_revision = "0006_tracker_settings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("public_mentions", sa.Text(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("public_apology", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("public_contact", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35, PostgreSQL): a batch copy of ``incidents``
    # would have to drop the table every other table refers to, which SQLite refuses mid-migration.
    for column in ("public_contact", "public_apology", "public_mentions"):
        op.execute(f"ALTER TABLE incidents DROP COLUMN {column}")
