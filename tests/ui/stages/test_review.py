"""Review & export: findings lead to their fix, answers are kept, exports write real files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from retro.domain import Edit, Stage
from tests.ui.models.support import make_document, make_empty_document, unnamed_controls
from ui.export_worker import ExportFormat, ExportWorker
from ui.models.findings_model import BLOCKER_ROLE, TARGET_ROLE
from ui.stages import review_exports as review_module
from ui.stages.review import ReviewStage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _show(qtbot, stage: ReviewStage) -> ReviewStage:
    qtbot.addWidget(stage)
    stage.resize(1400, 900)
    with qtbot.waitActive(stage):
        stage.show()
        stage.activateWindow()
    return stage


@pytest.fixture
def stage(qtbot, sqlite_url) -> ReviewStage:
    return _show(qtbot, ReviewStage(make_document(sqlite_url)))


def test_findings_come_blockers_first_and_a_click_goes_to_the_fix(qtbot, sqlite_url):
    stage = _show(qtbot, ReviewStage(make_empty_document(sqlite_url)))
    model = stage.findings
    flags = [model.index(r, 0).data(BLOCKER_ROLE) for r in range(model.rowCount())]
    assert flags[0] and flags == sorted(flags, reverse=True)
    assert stage.summary.text().startswith("Not ready to publish:")
    rect = stage.findings_view.visualRect(model.index(0, 0))
    with qtbot.waitSignal(stage.navigate_requested) as navigate:
        qtbot.mouseClick(stage.findings_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert navigate.args == [Stage.SETUP, ""]


def test_enter_on_a_finding_with_a_target_names_it(qtbot, stage):
    model = stage.findings
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(TARGET_ROLE))
    finding = model.finding_at(row)
    stage.findings_view.setFocus()
    stage.findings_view.setCurrentIndex(model.index(row, 0))
    with qtbot.waitSignal(stage.navigate_requested) as navigate:
        qtbot.keyClick(stage.findings_view, Qt.Key.Key_Return)
    assert navigate.args == [finding.stage, finding.target_id]


def test_an_answer_is_saved_on_leaving_the_field_as_one_step(qtbot, stage):
    edit = stage.answers["detection"]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "No: the alert went to an archived channel.")
    stage.answers["escalation"].setFocus()
    qtbot.waitUntil(lambda: stage.document.undo_stack.undoText() == "Answer “Detection”")
    assert stage.document.retro.review_answers["detection"].text == "No: the alert went to an archived channel."
    stage.document.undo_stack.undo()
    assert edit.toPlainText().startswith("Partly. The latency alert")
    stage.document.undo_stack.redo()
    assert edit.toPlainText() == "No: the alert went to an archived channel."


def test_marking_the_internal_report_shared_is_one_step(qtbot, stage):
    assert stage.document.retro.incident.internal_report_shared_at is None
    assert "Thu 15 Oct 13:47" in stage.due_label.text()  # internal: 24 h after resolution (13:47 CEST)
    assert "Internal postmortem shared" not in stage.due_label.text()
    qtbot.mouseClick(stage.internal_shared, Qt.MouseButton.LeftButton)
    assert "Internal postmortem shared" in stage.due_label.text()
    assert stage.document.retro.incident.internal_report_shared_at is not None
    assert "Internal report shared" in stage.internal_shared.text()
    assert stage.document.undo_stack.undoText() == "Mark internal report as shared"
    stage.document.undo_stack.undo()
    assert stage.internal_shared.text() == "Mark internal report as shared"
    stage.document.undo_stack.redo()
    assert stage.document.retro.incident.internal_report_shared_at is not None


@pytest.mark.parametrize("fmt", [ExportFormat.INTERNAL_PDF, ExportFormat.PUBLIC_MARKDOWN, ExportFormat.JSON])
def test_export_writes_the_file_off_the_gui_thread(qtbot, stage, tmp_path, monkeypatch, fmt):
    target = tmp_path / f"report{fmt.suffix}"
    monkeypatch.setattr(stage, "ask_path", lambda _fmt, _suggested: str(target))
    with qtbot.waitSignal(stage.export_done, timeout=60_000) as done:
        qtbot.mouseClick(stage.export_buttons[fmt], Qt.MouseButton.LeftButton)
    assert done.args == [str(target)]
    assert target.stat().st_size > 0
    assert stage.result_banner.isVisible() and str(target) in stage.result_banner.text()
    if fmt is not ExportFormat.INTERNAL_PDF:
        assert "PRIVATE" not in target.read_text(encoding="utf-8")
    opened: list[str] = []
    monkeypatch.setattr(review_module, "open_url", lambda url: opened.append(url.toLocalFile()))
    qtbot.mouseClick(stage.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path)]


def test_an_unwritable_path_shows_the_error(qtbot, stage, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with qtbot.waitSignal(stage.export_failed, timeout=60_000) as failed:
        stage.export(ExportFormat.PUBLIC_MARKDOWN, str(blocker / "report.md"))
    assert str(blocker) in failed.args[0]
    assert stage.result_banner.isVisible() and stage.result_banner.text() == failed.args[0]
    assert not stage.open_file_button.isVisible()
    assert all(button.isEnabled() for button in stage.export_buttons.values())


def test_a_cancelled_pdf_export_writes_nothing(qtbot, sqlite_url, tmp_path: Path):
    document = make_document(sqlite_url)
    worker = ExportWorker(document.retro, ExportFormat.INTERNAL_PDF, tmp_path / "x.pdf")
    worker.cancel()
    with qtbot.waitSignal(worker.signals.cancelled):
        worker.run()
    assert not (tmp_path / "x.pdf").exists()


def test_the_worker_gets_a_copy_without_private_notes(sqlite_url, tmp_path):
    document = make_document(sqlite_url)
    assert document.retro.private_notes
    worker = ExportWorker(document.retro, ExportFormat.JSON, tmp_path / "x.json")
    assert worker._retro is not document.retro and not worker._retro.private_notes
    assert document.retro.private_notes


def test_every_control_has_a_name_for_screen_readers(stage):
    assert unnamed_controls(stage) == []


def test_closing_the_screen_during_an_export_loses_nothing_and_crashes_nothing(qtbot, sqlite_url, tmp_path):
    from ui import export_worker

    stage = ReviewStage(make_document(sqlite_url))
    target = tmp_path / "report.pdf"
    assert stage.export(ExportFormat.INTERNAL_PDF, str(target))
    stage.deleteLater()
    del stage
    qtbot.waitUntil(lambda: not export_worker._RUNNING, timeout=60_000)
    assert target.stat().st_size > 0


def _rename(stage: ReviewStage, title: str) -> None:
    incident = stage.document.retro.incident
    assert stage.document.edit("Title", Edit(incident=replace(incident, title=title)))


def _suggested(stage: ReviewStage, monkeypatch, fmt: ExportFormat) -> Path:
    offered: list[str] = []
    monkeypatch.setattr(stage, "ask_path", lambda _fmt, suggested: offered.append(suggested) or "")
    assert not stage.export(fmt)  # the person cancels the dialog
    return Path(offered[0])


def test_a_public_report_is_never_named_after_a_person_in_the_title(qtbot, stage, monkeypatch):
    person = next(iter(stage.document.retro.people())).name
    _rename(stage, f"Checkout outage after {person}'s deploy")
    started = stage.document.retro.incident.started_at
    for fmt in (ExportFormat.PUBLIC_PDF, ExportFormat.PUBLIC_MARKDOWN):
        name = _suggested(stage, monkeypatch, fmt).name
        assert not any(part in name for part in person.split())
        assert name == f"postmortem-public-{started.astimezone(ZoneInfo(stage.document.retro.incident.timezone)):%Y-%m-%d}{fmt.suffix}"
    assert person.split()[-1] in _suggested(stage, monkeypatch, ExportFormat.INTERNAL_PDF).name

    _rename(stage, "Checkout outage after a proxy change")  # no name: the title is kept
    assert _suggested(stage, monkeypatch, ExportFormat.PUBLIC_PDF).name == (
        "Checkout-outage-after-a-proxy-change-public.pdf")


def test_the_file_is_written_exactly_where_the_person_chose(qtbot, stage, tmp_path, monkeypatch):
    chosen = tmp_path / "postmortem"  # typed without a suffix, confirmed as it is
    monkeypatch.setattr(stage, "ask_path", lambda _fmt, _suggested: str(chosen))
    with qtbot.waitSignal(stage.export_done, timeout=60_000) as done:
        qtbot.mouseClick(stage.export_buttons[ExportFormat.PUBLIC_MARKDOWN], Qt.MouseButton.LeftButton)
    assert done.args == [str(chosen)]
    assert chosen.read_text(encoding="utf-8").strip()
    assert not (tmp_path / "postmortem.md").exists()


def test_the_save_dialog_adds_the_suffix_before_it_confirms(qtbot, stage, tmp_path):
    seen: dict[str, object] = {}

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        seen["suffix"] = dialog.defaultSuffix()
        dialog.selectFile(str(tmp_path / "postmortem"))  # typed without a suffix
        dialog.accept()

    QTimer.singleShot(0, choose)
    chosen = stage.ask_path(ExportFormat.PUBLIC_MARKDOWN, str(tmp_path / "suggested.md"))
    assert seen == {"suffix": "md"}
    assert chosen == str(tmp_path / "postmortem.md")


def test_after_exporting_a_report_the_next_step_is_marking_it_shared(qtbot, stage, tmp_path, monkeypatch):
    from retro.domain import IncidentStatus

    target = tmp_path / "internal.md"
    monkeypatch.setattr(stage, "ask_path", lambda _fmt, _suggested: str(target))
    stage.window().activateWindow()
    qtbot.waitUntil(stage.window().isActiveWindow)
    with qtbot.waitSignal(stage.export_done, timeout=60_000):
        qtbot.mouseClick(stage.export_buttons[ExportFormat.INTERNAL_MARKDOWN], Qt.MouseButton.LeftButton)
    assert "mark the internal report as shared" in stage.result_banner.text()
    assert stage.internal_shared.hasFocus()  # Space marks it, keyboard first
    qtbot.keyClick(stage.internal_shared, Qt.Key.Key_Space)
    incident = stage.document.retro.incident
    assert incident.internal_report_shared_at is not None
    assert incident.status in (IncidentStatus.IN_REVIEW, IncidentStatus.REVIEWED)
    assert "public report" in stage.next_step.text() or stage.next_step.text().startswith("Next:")
