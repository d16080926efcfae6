"""Ranked search: SQLite's full-text index keeps each document's length.

Revision ID: 0011_search_ranking
Revises: 0010_public_report

The library's search is ranked (bm25). Revision 0002 built the FTS5 table with
``columnsize=0``, so bm25 had to re-read and re-tokenise every matching document to learn its
length: a search matching every retro of 10,000 spent two thirds of its time there. This
revision rebuilds the index from ``search_documents`` with the lengths stored (the triggers that
keep it in step are recreated unchanged).

PostgreSQL: ``ts_rank`` needs each matching document's tsvector, and the GIN index over the
expression ``to_tsvector('simple', body)`` could only find documents, not hand that vector over:
every search worked it out again for every match (0.9 s of a 1.2 s search matching 10,000
retros). The vector is now a stored generated column, ``body_tsv``, with the GIN index on it;
the database keeps it in step with ``body`` on every write.
"""

from __future__ import annotations

from alembic import op

revision = "0011_search_ranking"
down_revision = "0010_public_report"
branch_labels = None
depends_on = None

_TRIGGERS = ("search_documents_ai", "search_documents_ad", "search_documents_au")

_CREATE_TRIGGERS = (
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


def _rebuild(options: str) -> None:
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_fts")
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_documents', "
        f"content_rowid='id'{options}, tokenize='unicode61 remove_diacritics 2')"
    )
    for trigger in _CREATE_TRIGGERS:
        op.execute(trigger)
    op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild("")
        return
    op.execute("DROP INDEX IF EXISTS ix_search_documents_body_tsv")
    op.execute("ALTER TABLE search_documents ADD COLUMN body_tsv tsvector "
               "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, body)) STORED")
    op.execute("CREATE INDEX ix_search_documents_body_tsv ON search_documents USING gin (body_tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild(", columnsize=0")
        return
    op.execute("DROP INDEX IF EXISTS ix_search_documents_body_tsv")
    op.execute("ALTER TABLE search_documents DROP COLUMN body_tsv")
    op.execute("CREATE INDEX ix_search_documents_body_tsv ON search_documents "
               "USING gin (to_tsvector('simple'::regconfig, body))")
