"""Which shared database a private note belongs to: one identity however its URL is spelled."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from retro.domain import PrivateNote
from retro.services.private_notes import LocalNotes, database_identity

SCHEMA = "?options=-csearch_path%3Dteam"


@pytest.mark.parametrize("spelling", [
    "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    "postgresql://postgres@127.0.0.1/test",
    "postgresql://ann:secret@localhost/test",
    "postgres://LOCALHOST:5432/test",
    "postgresql+psycopg2://bob@[::1]/test",
    "postgresql:///test",
])
def test_spellings_of_one_database_share_an_identity(spelling: str) -> None:
    assert database_identity(spelling + SCHEMA) == database_identity("postgresql://localhost:5432/test" + SCHEMA)


@pytest.mark.parametrize("other", [
    "postgresql://localhost:5433/test",
    "postgresql://localhost/retro",
    "postgresql://db.example.com/test",
    "postgresql://localhost/test?options=-csearch_path%3Dother",
    "mysql://localhost/test",
])
def test_different_databases_have_different_identities(other: str) -> None:
    assert database_identity(other) != database_identity("postgresql://localhost/test")


def test_the_identity_holds_no_user_or_password_and_ignores_host_case() -> None:
    identity = database_identity("postgresql://ann:secret@DB.Example.com/retro")
    assert "secret" not in identity and "ann" not in identity
    assert identity == database_identity("postgresql://db.example.com:5432/retro")


def test_notes_kept_under_an_older_spelling_are_found(tmp_path: Path) -> None:
    path = tmp_path / "private-notes.sqlite3"
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/test" + SCHEMA
    old = LocalNotes(path, "postgresql+psycopg://postgres@127.0.0.1:5432/test" + SCHEMA)  # as kept before
    with old.transaction(writes=True) as tx:
        tx.save("inc-1", [PrivateNote("n-1", "Kept before.")])
        tx.save("inc-2", [PrivateNote("n-2", "Older copy.")])
    mine = LocalNotes(path, database_identity(url))
    with mine.transaction(writes=True) as tx:
        tx.save("inc-2", [PrivateNote("n-2", "Newer copy.")])

    with mine.transaction() as tx:
        assert set(tx.load("inc-1")) == {"n-1"}
        assert tx.load("inc-2")["n-2"].text == "Newer copy."
    other = LocalNotes(path, database_identity("postgresql://localhost/other"))
    with other.transaction() as tx:
        assert not tx.load("inc-1")
    with sqlite3.connect(path) as conn:
        assert {row[0] for row in conn.execute("SELECT DISTINCT database FROM private_notes")} == {mine.database}
