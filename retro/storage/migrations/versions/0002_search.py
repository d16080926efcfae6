"""Full-text search over everything written in a retro.

Revision ID: 0002_search
Revises: 0001_base

One ``search_documents`` row per entity with text, written by the services on every edit
(the same code on both databases). SQLite indexes it with an FTS5 external-content table kept
in step by triggers, so a delete (including the cascade when a retro is deleted) can never leave
a stale hit; PostgreSQL with a GIN index on ``to_tsvector('simple', body)``. Existing retros are
indexed here, so an upgraded library is searchable at once.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_search"
down_revision = "0001_base"
branch_labels = None
depends_on = None

# (kind, table, key expression, text columns): mirrors retro.storage.mapping.search_text as of
# this revision. Private notes are never indexed.
_SOURCES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("Incident", "incidents", "id", ("title", "summary", "services", "tags", "customer_impact",
                                     "lessons_learned", "went_well", "got_lucky", "surprises")),
    ("Participant", "participants", "id", ("name",)),
    ("TimelineEvent", "timeline_events", "id", ("text", "source")),
    ("Factor", "factors", "id", ("title", "description")),
    ("Impact", "impacts", "id", ("title", "description")),
    ("FactorLink", "factor_links", "id", ("note",)),
    ("AccountabilityStatement", "accountability_statements", "id", ("text",)),
    ("ActionItem", "action_items", "id", ("title", "description", "owner", "status_reason")),
    ("ReviewAnswer", "review_answers", "question", ("text",)),
)

_FTS_TRIGGERS = (
    """CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
         INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body);
       END""",
    """CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
         INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body);
       END""",
    """CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
         INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body);
         INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body);
       END""",
)


def upgrade() -> None:
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.String(), sa.ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
    )
    op.create_index("ix_search_documents_entity", "search_documents", ["incident_id", "kind", "key"], unique=True)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_documents', "
            "content_rowid='id', columnsize=0, tokenize='unicode61 remove_diacritics 2')"
        )
        for trigger in _FTS_TRIGGERS:
            op.execute(trigger)
    else:
        op.execute(
            "CREATE INDEX ix_search_documents_body_tsv ON search_documents "
            "USING gin (to_tsvector('simple'::regconfig, body))"
        )
    for kind, table, key, columns in _SOURCES:
        body = " || ' ' || ".join(columns)
        incident = "id" if table == "incidents" else "incident_id"
        op.execute(
            f"INSERT INTO search_documents (incident_id, kind, key, body) "
            f"SELECT {incident}, '{kind}', {key}, {body} FROM {table}"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("search_documents_ai", "search_documents_ad", "search_documents_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table("search_documents")
