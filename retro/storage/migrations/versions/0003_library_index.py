"""The library index: contributing factors' normalised keys, for recurrence that scales.

Revision ID: 0003_library_index
Revises: 0002_search

``factor_keys`` holds each factor's category and normalised key
(:func:`retro.analysis.recurrence.factor_key`), indexed by (category, key), so the recurring
factors of a whole library are one grouped query; ``factor_key_words`` the words of each
distinct key, so the retros sharing a factor with one retro are an index look-up. An index on
``action_items (incident_id, status, due)`` lets the library count open and overdue actions of
the retros it shows only. Existing factors are keyed here, so an upgraded library has its
recurrence at once.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_library_index"
down_revision = "0002_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "factor_keys",
        sa.Column("incident_id", sa.String(), sa.ForeignKey("incidents.id", ondelete="CASCADE",
                                                              name="fk_factor_keys_incident_id_incidents"),
                  primary_key=True),
        sa.Column("factor_id", sa.String(), primary_key=True),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("incident_id", "factor_id", name="pk_factor_keys"),
    )
    op.create_index("ix_factor_keys_category_key", "factor_keys", ["category", "key", "incident_id"])
    op.create_table(
        "factor_key_words",
        sa.Column("category", sa.String(32), primary_key=True),
        sa.Column("word", sa.String(), primary_key=True),
        sa.Column("key", sa.Text(), primary_key=True),
        sa.PrimaryKeyConstraint("category", "word", "key", name="pk_factor_key_words"),
    )
    op.create_index("ix_action_items_incident_status_due", "action_items", ["incident_id", "status", "due"])
    _backfill()


def _backfill() -> None:
    from retro.storage.factor_keys import rows_for_backfill

    bind = op.get_bind()
    factors = sa.table("factors", sa.column("incident_id"), sa.column("id"), sa.column("category"),
                       sa.column("title"))
    keys = sa.table("factor_keys", sa.column("incident_id"), sa.column("factor_id"), sa.column("category"),
                    sa.column("key"), sa.column("title"))
    words = sa.table("factor_key_words", sa.column("category"), sa.column("word"), sa.column("key"))
    rows = rows_for_backfill(bind.execute(sa.select(factors)))
    for start in range(0, len(rows), 5000):
        bind.execute(sa.insert(keys), rows[start : start + 5000])
    distinct = sorted({(r["category"], w, r["key"]) for r in rows for w in r["key"].split()})
    word_rows = [{"category": c, "word": w, "key": k} for c, w, k in distinct]
    for start in range(0, len(word_rows), 5000):
        bind.execute(sa.insert(words), word_rows[start : start + 5000])


def downgrade() -> None:
    op.drop_index("ix_action_items_incident_status_due", table_name="action_items")
    op.drop_table("factor_key_words")
    op.drop_index("ix_factor_keys_category_key", table_name="factor_keys")
    op.drop_table("factor_keys")
