"""The tracker setting is stored in the database, checked before it is saved."""

from __future__ import annotations

import pytest

from retro.io.trackers import TrackerError, TrackerKind, TrackerSetting
from retro.services import RetroStore


def test_setting_round_trips_and_can_be_forgotten(store: RetroStore, store_url: str) -> None:
    assert store.tracker_setting() is None
    setting = TrackerSetting(TrackerKind.JIRA, " https://acme.atlassian.net ", "10001", "10002", ("sre", "retro"))
    store.save_tracker_setting(setting)
    again = RetroStore(store_url)
    try:
        assert again.tracker_setting() == TrackerSetting(TrackerKind.JIRA, "https://acme.atlassian.net",
                                                         "10001", "10002", ("sre", "retro"))
    finally:
        again.close()
    store.save_tracker_setting(TrackerSetting(TrackerKind.LINEAR, "ENG"))
    assert store.tracker_setting() == TrackerSetting(TrackerKind.LINEAR, "ENG")
    store.save_tracker_setting(None)
    assert store.tracker_setting() is None


def test_a_bad_setting_changes_nothing(store: RetroStore) -> None:
    store.save_tracker_setting(TrackerSetting(TrackerKind.GITHUB, "https://github.com/a/b"))
    with pytest.raises(TrackerError, match="owner and repository"):
        store.save_tracker_setting(TrackerSetting(TrackerKind.GITHUB, "https://github.com/a"))
    assert store.tracker_setting() == TrackerSetting(TrackerKind.GITHUB, "https://github.com/a/b")
