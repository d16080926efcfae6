"""``python -m ui.screenshots --help`` prints help; it never takes "--help" as the output folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ui.screenshots import main


@pytest.mark.parametrize("argv", [["--help"], ["-h"], [], ["a", "b"]])
def test_options_are_parsed_not_taken_for_the_folder(argv: list[str], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        main(argv)
    assert os.listdir(tmp_path) == []
