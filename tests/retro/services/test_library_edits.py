"""The library's edits without opening a retro: archive reads the header, a status change its action."""

from __future__ import annotations

import pytest

from retro.domain import ActionStatus, NotFound, Retro, RetroError
from retro.services import RetroStore
from retro.services.library_edits import action_status_edit, set_archived


def test_archive_reads_the_header_only_and_bumps_the_version(store: RetroStore, stored: Retro,
                                                             monkeypatch) -> None:
    def no_whole_retro(*_a: object, **_k: object) -> Retro:
        raise AssertionError("the whole retro was loaded")

    monkeypatch.setattr(store, "load", no_whole_retro)
    header = store.incident_header(stored.incident.id)
    assert header == stored.incident
    changes = set_archived(store, stored.incident.id, True)
    assert changes.version == stored.incident.version + 1
    assert store.incident_header(stored.incident.id).archived
    set_archived(store, stored.incident.id, False)
    assert not store.incident_header(stored.incident.id).archived
    monkeypatch.undo()
    back = store.load(stored.incident.id)
    assert back.incident.title == stored.incident.title and len(back.events) == len(stored.events)


def test_a_missing_retro_is_not_found(store: RetroStore) -> None:
    with pytest.raises(NotFound):
        set_archived(store, "no-such-retro", True)


def test_a_status_edit_keeps_what_the_action_addresses(store: RetroStore, stored: Retro) -> None:
    action = next(a for a in stored.actions.values() if a.factor_ids)
    edit = action_status_edit(store, stored.incident.id, action.id, ActionStatus.WONT_DO, "Vendor fixed it")
    changes = store.apply(stored.incident.id, stored.incident.version, edit)
    after = store.load(stored.incident.id).actions[action.id]
    assert after.status is ActionStatus.WONT_DO and after.status_reason == "Vendor fixed it"
    assert after.factor_ids == action.factor_ids and after.title == action.title
    store.apply(stored.incident.id, changes.version, changes.inverse())
    assert store.load(stored.incident.id).actions[action.id].status is action.status


def test_a_status_edit_of_a_removed_action_says_so(store: RetroStore, stored: Retro) -> None:
    with pytest.raises(RetroError, match="no longer in its retro"):
        action_status_edit(store, stored.incident.id, "gone", ActionStatus.DONE, title="Rotate the keys")
