"""No test writes to the user's real data folder: every user-data path is under the test's tmp_path."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

from retro.storage.location import APP_NAME, local_notes_path


def test_user_data_paths_are_under_tmp_path(tmp_path: Path) -> None:
    assert Path(user_data_dir(APP_NAME)).is_relative_to(tmp_path)
    assert local_notes_path().is_relative_to(tmp_path)
