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
    NotFound,
    PrivateNote,
    Retro,
    StaleEditError,
    ValidationError,
)
from retro.services import RetroStore
from retro.services.private_notes import NotesNotSaved, NoteTransaction
from retro.storage import StorageError, upgrade

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


# -- undoing a delete after a teammate removed someone ---------------------------------------------


@pytest.mark.postgres
def test_undoing_a_delete_after_a_teammate_removed_someone_restores_the_retro(
    mine: RetroStore, teammate: RetroStore, stored: Retro, local_notes_file: Path
) -> None:
    rid = stored.incident.id
    general = PrivateNote("n-2", "Ask about load next time.")
    mine.apply(rid, stored.incident.version, Edit.of(upsert=[general]))
    theirs = teammate.load(rid)
    teammate.apply(rid, theirs.incident.version, Edit.of(remove=[theirs.participants["p-resp"]]))

    deleted = mine.delete_retro(rid)
    assert set(deleted.private_notes) == {"n-2"}  # the note about Sam was never shown
    assert local_note_texts(local_notes_file) == set()

    mine.add_retro(deleted, new_ids=False)
    restored = mine.load(rid)
    assert "p-resp" not in restored.participants and set(restored.private_notes) == {"n-2"}
    assert local_note_texts(local_notes_file) == {general.text}


# -- notes-only edits leave the shared retro alone ---------------------------------------------


@pytest.mark.postgres
def test_writing_a_note_does_not_change_the_shared_version(
    mine: RetroStore, teammate: RetroStore, stored: Retro
) -> None:
    rid = stored.incident.id
    theirs = teammate.load(rid)
    note = replace(stored.private_notes["n-1"], text="Went fine.")
    changes = mine.apply(rid, stored.incident.version, Edit.of(upsert=[note, PrivateNote("n-2", "Ask.")]))
    assert changes.version == stored.incident.version == mine.current_version(rid)
    assert {n.id for n in changes.upserted} == {"n-1", "n-2"}

    undo = mine.apply(rid, changes.version, changes.inverse())
    assert undo.version == stored.incident.version
    assert mine.load(rid).private_notes == stored.private_notes

    # The teammate's copy is still current: their next edit goes through.
    edit = Edit.of(upsert=[replace(theirs.factors["f-1"], title="Pool too small")])
    assert teammate.apply(rid, theirs.incident.version, edit).version == theirs.incident.version + 1


@pytest.mark.postgres
def test_a_note_with_a_shared_change_still_bumps_the_version(mine: RetroStore, stored: Retro) -> None:
    rid = stored.incident.id
    retitled = replace(stored.incident, title="Checkout outage, March")
    changes = mine.apply(rid, stored.incident.version, Edit(retitled, (PrivateNote("n-2", "Ask."),)))
    assert changes.version == stored.incident.version + 1 == mine.current_version(rid)
    assert changes.incident is not None and changes.incident.version == changes.version

    same = mine.load(rid).incident  # an incident that does not change is no shared change
    again = mine.apply(rid, changes.version, Edit(same, (PrivateNote("n-3", "Later."),)))
    assert again.version == changes.version == mine.current_version(rid) and again.incident is None


@pytest.mark.postgres
def test_a_notes_only_edit_still_checks_the_version(
    mine: RetroStore, teammate: RetroStore, stored: Retro, local_notes_file: Path
) -> None:
    rid = stored.incident.id
    theirs = teammate.load(rid)
    teammate.apply(rid, theirs.incident.version, Edit.of(upsert=[replace(theirs.factors["f-1"], title="x")]))
    with pytest.raises(StaleEditError):
        mine.apply(rid, stored.incident.version, Edit.of(remove=[stored.private_notes["n-1"]]))
    teammate.delete_retro(rid)
    with pytest.raises(NotFound):
        mine.apply(rid, stored.incident.version + 1, Edit.of(upsert=[PrivateNote("n-2", "Ask.")]))
    assert local_note_texts(local_notes_file) == {"Sam seemed tense; check in after."}


def test_on_sqlite_a_note_still_bumps_the_version(sqlite_url: str) -> None:
    store = RetroStore(sqlite_url)
    try:
        retro = store.load(store.add_retro(full_retro(), new_ids=False))
        changes = store.apply(retro.incident.id, retro.incident.version, Edit.of(upsert=[PrivateNote("n-2", "Ask.")]))
        assert changes.version == retro.incident.version + 1 == store.current_version(retro.incident.id)
    finally:
        store.close()


# -- the notes file failing after the shared commit ---------------------------------------------


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Committing writes to the local notes file fails from now on, as on a full disk."""
    real_close = NoteTransaction.close

    def close(self: NoteTransaction, *, commit: bool) -> None:
        writes = self._writes and self._conn is not None
        real_close(self, commit=commit and not writes)
        if commit and writes:
            raise StorageError("The private notes file could not be used: database or disk is full.")

    monkeypatch.setattr(NoteTransaction, "close", close)


@pytest.mark.postgres
def test_a_failing_notes_file_reports_the_shared_version_it_committed(
    mine: RetroStore, stored: Retro, local_notes_file: Path, full_disk: None
) -> None:
    rid = stored.incident.id
    edit = Edit.of(upsert=[PrivateNote("n-2", "Ask about load.")], remove=[stored.participants["p-resp"]])
    with pytest.raises(NotesNotSaved, match="disk is full") as caught:
        mine.apply(rid, stored.incident.version, edit)
    changes = caught.value.changes
    assert changes.version == stored.incident.version + 1 == mine.current_version(rid)
    assert EntityRef("Participant", "p-resp") in changes.removed
    assert not any(isinstance(e, PrivateNote) for e in changes.upserted)  # the new note was not saved
    assert local_note_texts(local_notes_file) == {"Sam seemed tense; check in after."}

    # Folding it in gives what a reload shows (the note about Sam is hidden with him), and keeps
    # this copy current: the next edit is not refused as a conflict.
    stored.apply(changes)
    assert snapshot(stored) == snapshot(mine.load(rid))
    mine.apply(rid, stored.incident.version, Edit.of(upsert=[replace(stored.factors["f-1"], title="x")]))


@pytest.mark.postgres
def test_a_failing_notes_file_on_a_notes_only_edit_saves_nothing(
    mine: RetroStore, stored: Retro, local_notes_file: Path, full_disk: None
) -> None:
    rid = stored.incident.id
    with pytest.raises(StorageError, match="disk is full") as caught:
        mine.apply(rid, stored.incident.version, Edit.of(upsert=[PrivateNote("n-2", "Ask about load.")]))
    assert not isinstance(caught.value, NotesNotSaved)
    assert mine.current_version(rid) == stored.incident.version
    assert local_note_texts(local_notes_file) == {"Sam seemed tense; check in after."}


@pytest.mark.postgres
def test_the_same_database_spelled_otherwise_shows_the_same_notes(
    mine: RetroStore, stored: Retro, shared_url: str
) -> None:
    assert "@127.0.0.1:5432/" in shared_url
    for spelling in (shared_url.replace("@127.0.0.1:5432/", "@localhost/"),
                     shared_url.replace("@127.0.0.1:5432/", "@127.0.0.1/"),
                     shared_url.replace("postgresql+psycopg://", "postgresql://")):
        again = RetroStore(spelling)
        try:
            assert again.load(stored.incident.id).private_notes == stored.private_notes, spelling
        finally:
            again.close()
