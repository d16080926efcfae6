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

import sqlalchemy as sa
from alembic import op

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


def _backfill() -> None:
    from retro.storage.incident_figures import refresh

    bind = op.get_bind()
    incidents = sa.table("incidents", sa.column("id"))
    refresh(bind, list(bind.execute(sa.select(incidents.c.id)).scalars()))


def downgrade() -> None:
    op.drop_table("incident_figures")
