"""Private coaching notes never leave the facilitator's machine, also in team mode (PostgreSQL)."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from retro.domain import (
    Edit,
    EntityRef,
    Factor,
    PrivateNote,
    Retro,
    StaleEditError,
    ValidationError,
)
from retro.services import RetroStore
from retro.services.private_notes import database_identity
from retro.storage import upgrade

from .builders import full_retro, snapshot


@pytest.fixture
def shared_url(pg_url: str) -> str:
    """A team's PostgreSQL database, upgraded on purpose as an admin would."""
    upgrade(pg_url)
    return pg_url


@pytest.fixture
def mine(shared_url: str, local_notes_file: Path) -> Iterator[RetroStore]:
    """The facilitator's store: notes in ``local_notes_file`` ($RETRO_LOCAL_NOTES)."""
    store = RetroStore(shared_url)
    yield store
    store.close()


@pytest.fixture
def teammate(shared_url: str, tmp_path: Path) -> Iterator[RetroStore]:
    """Another person's laptop: same database, their own local notes file."""
    store = RetroStore(shared_url, local_notes=tmp_path / "teammate" / "notes.sqlite3")
    yield store
    store.close()


@pytest.fixture
def stored(mine: RetroStore) -> Retro:
    return mine.load(mine.add_retro(full_retro(), new_ids=False))


def shared_note_rows(url: str) -> int:
    """How many private note rows the shared database holds (any retro)."""
    dsn, _, query = url.replace("postgresql+psycopg://", "postgresql://").partition("?")
    schema = query.split("search_path%3D", 1)[1]
    with psycopg.connect(dsn) as conn:
        return conn.execute(f'SELECT count(*) FROM "{schema}".private_notes').fetchone()[0]  # type: ignore[index]


def local_note_texts(path: Path) -> set[str]:
    if not path.exists():
        return set()
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT text FROM private_notes")}


@pytest.mark.postgres
def test_a_teammate_never_sees_the_facilitators_notes(
    mine: RetroStore, teammate: RetroStore, stored: Retro, shared_url: str, local_notes_file: Path
) -> None:
    rid = stored.incident.id
    assert stored.private_notes == full_retro().private_notes
    edit = Edit.of(upsert=[PrivateNote("n-2", "Dana interrupted twice.", "p-lead"), Factor("f-3", "Stale runbook")])
    changes = mine.apply(rid, stored.incident.version, edit)

    theirs = teammate.load(rid)
    assert not theirs.private_notes and "f-3" in theirs.factors
    assert shared_note_rows(shared_url) == 0
    assert set(mine.load(rid).private_notes) == {"n-1", "n-2"}
    assert local_note_texts(local_notes_file) == {"Sam seemed tense; check in after.", "Dana interrupted twice."}
    assert {type(e).__name__ for e in changes.upserted} == {"PrivateNote", "Factor"}


@pytest.mark.postgres
def test_a_mixed_edit_is_one_change_and_its_inverse_restores_notes(
    mine: RetroStore, stored: Retro, shared_url: str
) -> None:
    rid = stored.incident.id
    original = snapshot(stored)
    edit = Edit.of(
        upsert=[replace(stored.private_notes["n-1"], text="Went fine."), PrivateNote("n-2", "Ask about load.")],
        remove=[stored.factors["f-2"]],
    )
    changes = mine.apply(rid, stored.incident.version, edit)
    assert stored.private_notes["n-1"] in changes.before

    mine.apply(rid, changes.version, changes.inverse())
    assert snapshot(mine.load(rid)) == original
    assert shared_note_rows(shared_url) == 0


@pytest.mark.postgres
def test_removing_a_participant_removes_their_notes_locally(
    mine: RetroStore, stored: Retro, local_notes_file: Path
) -> None:
    assert local_note_texts(local_notes_file) == {"Sam seemed tense; check in after."}
    changes = mine.apply(stored.incident.id, stored.incident.version,
                         Edit.of(remove=[stored.participants["p-resp"]]))
    assert EntityRef("PrivateNote", "n-1") in changes.removed
    assert stored.private_notes["n-1"] in changes.before
    assert local_note_texts(local_notes_file) == set()


@pytest.mark.postgres
def test_a_note_about_a_stranger_is_refused_and_nothing_is_kept(
    mine: RetroStore, stored: Retro, local_notes_file: Path
) -> None:
    with pytest.raises(ValidationError, match="participant"):
        mine.apply(stored.incident.id, stored.incident.version,
                   Edit.of(upsert=[PrivateNote("n-2", "Who is this?", "p-nobody")]))
    with pytest.raises(StaleEditError):
        mine.apply(stored.incident.id, stored.incident.version - 1, Edit.of(upsert=[PrivateNote("n-3", "Late.")]))
    assert local_note_texts(local_notes_file) == {"Sam seemed tense; check in after."}
    assert mine.current_version(stored.incident.id) == stored.incident.version


@pytest.mark.postgres
def test_delete_takes_the_notes_along_and_undo_brings_them_back(
    mine: RetroStore, stored: Retro, local_notes_file: Path, shared_url: str
) -> None:
    deleted = mine.delete_retro(stored.incident.id)
    assert deleted.private_notes == stored.private_notes
    assert local_note_texts(local_notes_file) == set()

    mine.add_retro(deleted, new_ids=False)
    assert snapshot(mine.load(stored.incident.id)) == snapshot(stored)
    assert shared_note_rows(shared_url) == 0


@pytest.mark.postgres
def test_a_duplicate_does_not_copy_private_notes(mine: RetroStore, stored: Retro) -> None:
    copy = mine.load(mine.duplicate_retro(stored.incident.id))
    assert not copy.private_notes and len(copy.participants) == len(stored.participants)


@pytest.mark.postgres
def test_a_note_about_someone_a_teammate_removed_is_not_shown(
    mine: RetroStore, teammate: RetroStore, stored: Retro
) -> None:
    theirs = teammate.load(stored.incident.id)
    teammate.apply(theirs.incident.id, theirs.incident.version, Edit.of(remove=[theirs.participants["p-resp"]]))
    assert not mine.load(stored.incident.id).private_notes


@pytest.fixture
def other_team_url(pg_server_url: str) -> Iterator[str]:
    """A second team database (another schema on the same server), upgraded."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    dsn = pg_server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    url = f"{pg_server_url}{'&' if '?' in pg_server_url else '?'}options=-csearch_path%3D{schema}"
    upgrade(url)
    yield url
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.mark.postgres
def test_notes_are_kept_apart_per_database(mine: RetroStore, stored: Retro, other_team_url: str) -> None:
    other = RetroStore(other_team_url)  # the same local notes file, another team database
    try:
        retro = full_retro()
        retro.private_notes = {"n-9": PrivateNote("n-9", "Only for the other team.")}
        other.add_retro(retro, new_ids=False)  # the same incident id as ``stored``
        assert set(other.load(stored.incident.id).private_notes) == {"n-9"}
        assert set(mine.load(stored.incident.id).private_notes) == {"n-1"}
    finally:
        other.close()


def test_the_notes_key_names_the_database_without_its_password() -> None:
    identity = database_identity("postgresql://ann:secret@db.example.com/retro")
    assert "secret" not in identity and "ann@db.example.com/retro" in identity


@pytest.mark.postgres
def test_reading_in_team_mode_creates_no_notes_file(mine: RetroStore, local_notes_file: Path) -> None:
    rid = mine.create_retro("Login failures").incident.id
    assert not mine.load(rid).private_notes
    assert not local_notes_file.exists()


def test_on_sqlite_notes_stay_in_the_database_as_before(sqlite_url: str, local_notes_file: Path) -> None:
    url = sqlite_url
    store = RetroStore(url)
    try:
        rid = store.add_retro(full_retro(), new_ids=False)
        copy = store.load(store.duplicate_retro(rid))
    finally:
        store.close()
    assert len(copy.private_notes) == 1  # duplicating copies them, as it always did locally
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("SELECT count(*) FROM private_notes").fetchone()[0] == 2
    assert not local_notes_file.exists()
