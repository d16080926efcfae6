"""Slack workspace exports, as a folder and as the zip Slack hands out."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from retro.io.importers import ImportOptions, TimelineImportError, preview_import, selected_events


def _zip(folder: Path, prefix: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*.json")):
            archive.write(path, prefix + path.relative_to(folder).as_posix())
    return buffer.getvalue()


def test_folder_export_of_one_channel(fixtures: Path) -> None:
    preview = preview_import(fixtures / "slack_export", ImportOptions(channels=("inc-payments",)))
    assert preview.format == "slack"
    assert preview.channels_available == ("general", "inc-payments")
    texts = [r.event.text for r in preview.rows]
    # threads kept in order: the replies (one of them the next day) follow the first message
    assert texts[:4] == [
        "PagerDuty: Triggered: checkout p99 latency above 2s",
        "alice.c: I see errors on checkout, paging @Bob Okafor",
        "Bob Okafor: looking, db connections maxed",
        "alice.c: resolved, all clear",
    ]
    by_text = {r.event.text: r for r in preview.rows}
    edited = by_text["Bob Okafor: We decided to roll back deploy 4812 & watch <pool>"]
    assert "edited" in edited.note and edited.selected  # pinned
    assert "a deleted user: status page updated: incident 1 (https://status.example.com/inc/1)" in by_text
    assert "carol: customers report failed payments in #general" in by_text  # user_profile of an unknown user
    assert "not in users.json" in by_text["unknown user U04NOPROFILE: is it DNS?"].note
    # pinned or reacted-to messages are pre-selected; the bot message is not
    assert [r.event.text.split(":")[0] for r in preview.rows if r.selected] == [
        "alice.c", "alice.c", "Bob Okafor", "alice.c",
    ]
    assert all(r.event.source == "Slack #inc-payments" for r in preview.rows)
    reasons = {s.where: s.reason for s in preview.skipped}
    assert reasons == {
        "inc-payments/2026-10-14.json message 1": "joined the channel (noise)",
        "inc-payments/2026-10-14.json message 8": "deleted message",
        "inc-payments/2026-10-15.json message 2": "left the channel (noise)",
    }


def test_keeping_noise_and_all_channels(fixtures: Path) -> None:
    preview = preview_import(fixtures / "slack_export", ImportOptions(skip_noise=False))
    sources = {r.event.source for r in preview.rows}
    assert sources == {"Slack #general", "Slack #inc-payments"}
    assert any("has joined the channel" in r.event.text for r in preview.rows)


def test_zip_with_a_top_folder_matches_the_folder(fixtures: Path, tmp_path: Path) -> None:
    folder = preview_import(fixtures / "slack_export", ImportOptions(channels=("inc-payments",)))
    path = tmp_path / "Acme Slack export Oct 14 2026.zip"
    path.write_bytes(_zip(fixtures / "slack_export", "Acme Slack export/"))
    zipped = preview_import(path, ImportOptions(channels=("#inc-payments",)))
    from_bytes = preview_import(_zip(fixtures / "slack_export"), ImportOptions(channels=("inc-payments",)))
    for preview in (zipped, from_bytes):
        assert [(r.event.at, r.event.text, r.selected) for r in preview.rows] == [
            (r.event.at, r.event.text, r.selected) for r in folder.rows
        ]


def test_truncated_zip_is_refused_clearly(fixtures: Path, tmp_path: Path) -> None:
    data = _zip(fixtures / "slack_export")
    path = tmp_path / "export.zip"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(TimelineImportError, match=r"export\.zip: .*truncated"):
        preview_import(path)


def test_unknown_channel_lists_the_channels(fixtures: Path) -> None:
    with pytest.raises(TimelineImportError, match=r"#incident.*#general, #inc-payments"):
        preview_import(fixtures / "slack_export", ImportOptions(channels=("incident",)))


def test_corrupt_day_file_names_the_file(fixtures: Path, tmp_path: Path) -> None:
    import shutil

    export = tmp_path / "export"
    shutil.copytree(fixtures / "slack_export", export)
    (export / "general" / "2026-10-14.json").write_text('[{"ts": "1", ')
    with pytest.raises(TimelineImportError, match=r"general/2026-10-14\.json line 1"):
        preview_import(export)


def test_selected_events_are_internal_and_sorted(fixtures: Path) -> None:
    preview = preview_import(fixtures / "slack_export", ImportOptions(channels=("inc-payments",)))
    events = selected_events(preview)
    assert [e.at for e in events] == sorted(e.at for e in events)
    assert {e.audience.value for e in events} == {"internal"}
