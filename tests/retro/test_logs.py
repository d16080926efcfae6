"""The log: one configuration, a private folder and files, passwords masked, a report safe to paste."""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

import pytest

from retro import logs
from retro.about import bundled_fonts, version_text
from retro.crash_report import crash_report, scrub


@pytest.fixture
def fresh_logs(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("RETRO_LOG_DIR", str(tmp_path / "deep" / "log"))
    monkeypatch.delenv("RETRO_LOG", raising=False)
    logs.reset_for_tests()
    yield tmp_path / "deep" / "log"
    logs.reset_for_tests()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_log_is_private_configured_once_and_masks_passwords(fresh_logs: Path) -> None:
    setup = logs.configure("debug", stderr=False)
    assert setup.level == logging.DEBUG and setup.file == fresh_logs / "retro.log"
    assert logs.configure("error") is setup  # once: a second call changes nothing
    logging.getLogger("retro.test").info("opening postgresql://ana:pa@ss:word@db/x and password=hunter22")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = setup.file.read_text(encoding="utf-8")
    assert "postgresql://ana:***@db/x" in text and "password=***" in text
    assert "pa@ss" not in text and "hunter22" not in text
    assert stat.S_IMODE(fresh_logs.stat().st_mode) == 0o700
    assert stat.S_IMODE(setup.file.stat().st_mode) == 0o600
    assert stat.S_IMODE(setup.native_crash_file.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_rotated_files_stay_private(fresh_logs: Path, monkeypatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    setup = logs.configure("info", stderr=False)
    for i in range(100):
        logging.getLogger("retro.test").info("line %d %s", i, "x" * 80)
    rotated = sorted(fresh_logs.glob("retro.log*"))
    assert len(rotated) == logs.BACKUPS + 1
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in rotated)
    assert setup.file in rotated


def test_the_level_comes_from_the_option_else_the_environment(fresh_logs: Path, monkeypatch) -> None:
    monkeypatch.setenv("RETRO_LOG", "warning")
    assert logs.configure(None, stderr=False).level == logging.WARNING
    logs.reset_for_tests()
    assert logs.configure("DEBUG", stderr=False).level == logging.DEBUG
    assert logs.level_from("loud") is None and logs.level_from("warn") == logging.WARNING


def test_an_unwritable_log_folder_is_reported_not_fatal(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("RETRO_LOG_DIR", str(blocker / "log"))
    logs.reset_for_tests()
    try:
        setup = logs.configure(None, stderr=False)
        assert setup.file is None and "cannot write the log" in setup.problem
    finally:
        logs.reset_for_tests()


def test_the_crash_report_keeps_private_text_and_passwords_out() -> None:
    note = "Ask Đặng Thị Mai how the on-call week felt.\nShe sounded tired."
    try:
        raise KeyError(f"note {note!r} at postgresql+psycopg://mai:S3cret!@10.0.0.5/retro?sslmode=require")
    except KeyError as exc:
        report = crash_report(type(exc), exc, exc.__traceback__, private=[note], log_file=Path("/x/retro.log"))
    assert "S3cret!" not in report and "mai:***@10.0.0.5" in report
    assert "Đặng Thị Mai" not in report and "She sounded tired" not in report
    assert "test_the_crash_report_keeps_private_text_and_passwords_out" in report
    assert "Log file: /x/retro.log" in report
    assert report.splitlines()[0] == "Blameless Retro crash report"


def test_scrub_leaves_ordinary_text_and_short_private_words_alone() -> None:
    assert scrub("ok then", private=["ok"]) == "ok then"
    assert scrub(f"{Path.home()}{os.sep}notes.txt") == f"~{os.sep}notes.txt"


def test_version_text_names_the_app_and_its_libraries() -> None:
    text = version_text()
    assert text.splitlines()[0].startswith("retro ")
    for name in ("Python", "PySide6", "SQLAlchemy", "reportlab"):
        assert name in text


def test_every_bundled_font_has_a_licence() -> None:
    fonts = bundled_fonts()
    assert fonts, "resources/fonts holds the report fonts"
    assert all(font.licences for font in fonts), [f.file for f in fonts if not f.licences]


def test_retro_version_on_the_command_line(capsys) -> None:
    from retro.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("retro 0.1.0") and "SQLAlchemy" in out and sys.version.split()[0] in out


def test_a_native_crash_is_written_to_the_crash_file(tmp_path: Path) -> None:
    import subprocess

    env = dict(os.environ, RETRO_LOG_DIR=str(tmp_path / "log"), PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    env.pop("RETRO_TESTING", None)
    code = "import ctypes; from retro import logs; logs.configure(); ctypes.string_at(0)"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=60)
    assert result.returncode != 0
    text = (tmp_path / "log" / logs.NATIVE_CRASH_FILE).read_text(encoding="utf-8")
    assert "Segmentation fault" in text and "string_at" in text
