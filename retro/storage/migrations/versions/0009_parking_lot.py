"""The meeting aids (issue 11): the parking lot, the retro's own agenda, roles on the projector.

Revision ID: 0009_parking_lot
Revises: 0008_between_meetings

``parking_items`` holds topics parked during the meeting and what each became (an action, a
factor, an open question, dropped). ``incidents.agenda`` holds the retro's agenda as a JSON array
of ``"<stage>:<minutes>"`` (empty: the default agenda) and ``projector_shows_roles`` whether the
projector shows roles instead of names. Existing retros get an empty parking lot, the default
agenda and names on the projector: what they had before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from retro.storage.types import UTCDateTime

revision = "0009_parking_lot"
down_revision = "0008_between_meetings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "parking_items",
        sa.Column("incident_id", sa.String(), sa.ForeignKey("incidents.id", ondelete="CASCADE"),
                  primary_key=True, nullable=False),
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=True),
        sa.Column("resolution", sa.String(16), nullable=False),
        sa.Column("outcome_id", sa.String(), nullable=False),
    )
    # Plain ALTER TABLE … ADD COLUMN: a batch copy of ``incidents`` (which SQLite would make for a
    # boolean's CHECK) would drop the table every other table refers to.
    op.add_column("incidents", sa.Column("agenda", sa.Text(), nullable=False, server_default="[]"))
    op.add_column("incidents", sa.Column("projector_shows_roles", sa.Boolean(create_constraint=False),
                                         nullable=False, server_default=sa.false()))


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (as 0007 does: a batch copy of ``incidents`` is refused).
    for column in ("projector_shows_roles", "agenda"):
        op.execute(f"ALTER TABLE incidents DROP COLUMN {column}")
    op.drop_table("parking_items")
