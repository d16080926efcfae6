"""Failures say what and where, and never leave a half-written file at the destination."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.doctemplate import LayoutError

from retro.domain import Audience, Retro, RetroError
from retro.io import files as atomic_module
from retro.report import ReportCancelled, ReportError, pdf_sections, write_markdown, write_pdf
from retro.report.styles import styles

from .fixtures import canary_retro, minimal_retro


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "nope" / "r.pdf"
    with pytest.raises(ReportError, match="does not exist") as caught:
        write_pdf(minimal_retro(), out, Audience.INTERNAL)
    assert str(out) in str(caught.value)
    assert isinstance(caught.value, RetroError)


def test_a_folder_as_destination_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="is a folder"):
        write_markdown(minimal_retro(), tmp_path, Audience.INTERNAL)


def test_an_unwritable_folder_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o500)
    else:  # root ignores permissions: make creating the temporary file fail as it would
        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(atomic_module, "create_temporary", refuse)
    try:
        with pytest.raises(ReportError, match="permission denied") as caught:
            write_pdf(minimal_retro(), folder / "r.pdf", Audience.INTERNAL)
        assert str(folder / "r.pdf") in str(caught.value)
        assert leftovers(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_full_disk_keeps_the_old_file_and_removes_the_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(b"the previous report")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_module.os, "fsync", full)
    with pytest.raises(ReportError, match="the disk is full"):
        write_pdf(minimal_retro(), out, Audience.PUBLIC)
    assert out.read_bytes() == b"the previous report"
    assert leftovers(tmp_path) == ["r.pdf"]


def test_a_missing_font_is_a_clear_error_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_fonts: None
) -> None:
    resources = tmp_path / "resources"
    (resources / "fonts").mkdir(parents=True)
    monkeypatch.setenv("RETRO_RESOURCES", str(resources))
    out = tmp_path / "r.pdf"
    with pytest.raises(ReportError, match=r"NotoSans-Regular\.ttf is missing") as caught:
        write_pdf(minimal_retro(), out, Audience.INTERNAL)
    assert str(resources / "fonts") in str(caught.value)
    assert not out.exists()


def test_cancelling_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))

    with pytest.raises(ReportCancelled):
        write_pdf(canary_retro(), out, Audience.INTERNAL, progress=progress, is_cancelled=lambda: len(calls) >= 3)
    assert not out.exists() and leftovers(tmp_path) == []


def test_progress_counts_up_to_the_total(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    write_pdf(canary_retro(), tmp_path / "r.pdf", Audience.INTERNAL, progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_a_new_report_gets_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = write_markdown(minimal_retro(), tmp_path / "r.md", Audience.PUBLIC)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_a_successful_write_replaces_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    out.write_text("old")
    assert write_markdown(minimal_retro(), out, Audience.PUBLIC) == out
    assert out.read_text(encoding="utf-8").startswith("> **Public**")
    assert leftovers(tmp_path) == ["r.md"]


class _Unsplittable(Flowable):
    """A block taller than any page that cannot be split: reportlab cannot lay it out."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, 5000.0

    def draw(self) -> None:  # pragma: no cover - never drawn
        pass


def test_a_layout_failure_is_a_clear_error_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_lessons = pdf_sections.lessons
    monkeypatch.setattr(pdf_sections, "lessons", lambda retro: [*real_lessons(retro), _Unsplittable()])
    out = tmp_path / "r.pdf"
    out.write_bytes(b"the previous report")
    with pytest.raises(ReportError) as caught:
        write_pdf(canary_retro(), out, Audience.INTERNAL)
    message = str(caught.value)
    assert str(out) in message and "too large" in message and "Lessons learned" in message
    assert "Flowable" not in message and "0x" not in message  # nothing of reportlab's internals
    assert isinstance(caught.value.__cause__, LayoutError)
    assert out.read_bytes() == b"the previous report" and leftovers(tmp_path) == ["r.pdf"]


def test_any_other_reportlab_failure_is_a_report_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_markup(retro: Retro) -> list[Flowable]:
        return [Paragraph("<b>unclosed markup", styles().para)]  # reportlab's parser raises ValueError

    monkeypatch.setattr(pdf_sections, "lessons", broken_markup)
    out = tmp_path / "r.pdf"
    with pytest.raises(ReportError, match="PDF library could not lay it out") as caught:
        write_pdf(canary_retro(), out, Audience.INTERNAL)
    assert str(out) in str(caught.value)
    assert not out.exists()


def test_a_bug_outside_reportlab_is_not_disguised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(retro: Retro) -> list[Flowable]:
        raise KeyError("not reportlab's")

    monkeypatch.setattr(pdf_sections, "lessons", bug)
    with pytest.raises(KeyError):
        write_pdf(canary_retro(), tmp_path / "r.pdf", Audience.INTERNAL)
