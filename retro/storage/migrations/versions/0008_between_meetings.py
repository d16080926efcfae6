"""An index for the insights' contributing-factor figure: ``factor_keys (category, incident_id)``.

Revision ID: 0008_between_meetings
Revises: 0007_public_mentions

"How many incidents have a factor of this category" is a count of distinct incidents per
category; with this index the database reads it from one ordered index instead of sorting every
factor of the library (50 ms → 13 ms at 10,000 retros on SQLite). No data changes.
"""

from __future__ import annotations

from alembic import op

revision = "0008_between_meetings"
down_revision = "0007_public_mentions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_factor_keys_category_incident", "factor_keys", ["category", "incident_id"])


def downgrade() -> None:
    op.drop_index("ix_factor_keys_category_incident", table_name="factor_keys")
