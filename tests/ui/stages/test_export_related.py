"""The app's internal PDF lists related past incidents with their open actions, as the CLI's does."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from retro.demo import build_demo_retro
from retro.domain import ActionItem, ActionStatus, Factor, Incident, PrivateNote, Retro
from tests.ui.models.support import open_store
from ui.document import RetroDocument
from ui.export_worker import ExportFormat
from ui.stages.review import ReviewStage

pytestmark = [pytest.mark.qt_log_ignore("propagateSizeHints")]


def _earlier(demo: Retro) -> Retro:
    """An incident from last year with one of the demo's contributing factors and an open action."""
    factor = demo.factor_list()[0]
    return Retro.of(
        Incident("inc-last-year", "Checkout errors last November", started_at=datetime(2025, 11, 3, 8, 0, tzinfo=UTC)),
        [
            Factor("f-then", factor.title, factor.category),
            ActionItem("a-then", "Alert on pool saturation per region", owner="Yoshiko Tanaka",
                       status=ActionStatus.IN_PROGRESS, factor_ids=("f-then",)),
            ActionItem("a-done", "Document the failover runbook", owner="Ama Owusu",
                       status=ActionStatus.DONE, factor_ids=("f-then",)),
            PrivateNote("n-then", "EARLIERPRIVATENOTE about a person"),
        ],
    )


def _text(path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _export(qtbot, stage: ReviewStage, fmt: ExportFormat, target, monkeypatch) -> str:
    monkeypatch.setattr(stage, "ask_path", lambda _fmt, _suggested: str(target))
    with qtbot.waitSignal(stage.export_done, timeout=120_000):
        qtbot.mouseClick(stage.export_buttons[fmt], Qt.MouseButton.LeftButton)
    return _text(target)


def test_the_app_internal_pdf_names_related_incidents_and_their_open_actions(qtbot, sqlite_url, tmp_path, monkeypatch):
    demo = build_demo_retro()
    store = open_store(sqlite_url)
    store.add_retro(_earlier(demo))
    stage = ReviewStage(RetroDocument(store, store.load(store.add_retro(demo))))
    qtbot.addWidget(stage)
    stage.show()
    text = _export(qtbot, stage, ExportFormat.INTERNAL_PDF, tmp_path / "internal.pdf", monkeypatch)
    flat = " ".join(text.split())
    assert "Seen before: related incidents" in flat and "Checkout errors last November" in flat
    assert "Alert on pool saturation per region" in flat  # open (in progress): listed to chase
    assert "Document the failover runbook" not in flat  # done: not listed
    assert "EARLIERPRIVATENOTE" not in flat
    public = _export(qtbot, stage, ExportFormat.PUBLIC_PDF, tmp_path / "public.pdf", monkeypatch)
    assert "Seen before" not in public and "Checkout errors last November" not in public


def test_without_related_incidents_the_app_internal_pdf_has_no_such_section(qtbot, sqlite_url, tmp_path, monkeypatch):
    store = open_store(sqlite_url)
    stage = ReviewStage(RetroDocument(store, store.load(store.add_retro(build_demo_retro()))))
    qtbot.addWidget(stage)
    stage.show()
    text = _export(qtbot, stage, ExportFormat.INTERNAL_PDF, tmp_path / "internal.pdf", monkeypatch)
    assert "Seen before" not in text and "What happened, in short" in text


def test_an_unreadable_library_still_writes_the_internal_pdf_without_the_section(qtbot, sqlite_url, tmp_path, monkeypatch):
    from retro.domain import RetroError
    from ui.export_worker import ExportWorker

    demo = build_demo_retro()
    store = open_store(sqlite_url)
    store.add_retro(_earlier(demo))
    retro = store.load(store.add_retro(demo))

    def unreadable(_retro: Retro, limit: int = 10) -> list[Retro]:
        raise RetroError("The library database cannot be read")

    monkeypatch.setattr(store, "related_retros", unreadable)
    worker = ExportWorker(retro, ExportFormat.INTERNAL_PDF, tmp_path / "x.pdf", store=store)
    with qtbot.waitSignal(worker.signals.done, timeout=120_000):
        worker.run()
    text = _text(tmp_path / "x.pdf")
    assert "What happened, in short" in text and "Seen before" not in text
