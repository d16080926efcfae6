"""RetroDocument: the in-memory retro follows the store even when only part of an edit was saved."""

from __future__ import annotations

from datetime import UTC, datetime

from retro.domain import Edit, PrivateNote, TimelineEvent, new_id
from retro.services.private_notes import NotesNotSaved
from retro.storage.errors import StorageError
from tests.ui.models.support import make_document


def test_a_partly_saved_edit_is_folded_in_so_the_next_edit_is_not_a_conflict(sqlite_url, monkeypatch) -> None:
    document = make_document(sqlite_url)
    store = document.store
    real_apply = store.apply

    def notes_file_full(incident_id, expected_version, edit):
        changes = real_apply(incident_id, expected_version, Edit.of(upsert=[e for e in edit.upsert
                                                                          if not isinstance(e, PrivateNote)]))
        raise NotesNotSaved(changes, StorageError("The private notes file is full."))

    monkeypatch.setattr(store, "apply", notes_file_full)
    refusals: list[str] = []
    document.refused.connect(lambda message, _edit: refusals.append(message))
    event = TimelineEvent(new_id(), datetime(2026, 10, 14, 9, 0, tzinfo=UTC), "Vendor confirmed the limit")
    note = PrivateNote(new_id(), "Check in with Jonas")

    assert not document.edit("Add event and note", Edit.of(upsert=[event, note]))
    assert refusals and "private notes in it were not" in refusals[0]
    assert event.id in document.retro.events and note.id not in document.retro.private_notes
    assert document.retro.incident.version == store.current_version(document.incident_id)

    monkeypatch.setattr(store, "apply", real_apply)
    later = TimelineEvent(new_id(), datetime(2026, 10, 14, 9, 5, tzinfo=UTC), "Next edit goes through")
    assert document.edit("Add timeline event", Edit.of(upsert=[later]))
