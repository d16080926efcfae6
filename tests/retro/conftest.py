"""Set-up for the retro tests: team-mode private notes go to a throw-away file, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def local_notes_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where a store on PostgreSQL keeps the facilitator's private notes in this test."""
    path = tmp_path / "local-notes" / "private-notes.sqlite3"
    monkeypatch.setenv("RETRO_LOCAL_NOTES", str(path))
    return path
