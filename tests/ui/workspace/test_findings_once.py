"""One edit, one run of each check: every view reads the findings the document computed for it."""

from __future__ import annotations

import sys
import threading
from collections import Counter
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QApplication

from retro.analysis.findings import analyse
from retro.domain import Edit, Stage
from retro.domain.readiness import readiness
from ui.graph.findings_panel import FindingsPanel
from ui.models.findings_model import FindingsModel
from ui.stages.review import ReviewStage

from .harness import open_demo

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_readiness_and_the_graph_analysis_run_once_per_change_for_every_view(qtbot, window) -> None:
    document = open_demo(window)
    panel = FindingsPanel(document)  # the factor stage's list …
    qtbot.addWidget(panel)
    model = FindingsModel(document)  # … and the Review stage's, beside the workspace's stage marks
    QApplication.processEvents()
    # Counted by code object, so a check is seen however a view imported it.
    watched = {readiness.__code__: "readiness", analyse.__code__: "analyse"}
    calls = {"readiness": 0, "analyse": 0}

    def profile(frame, event, _arg):  # type: ignore[no-untyped-def]
        if event == "call" and frame.f_code in watched:
            calls[watched[frame.f_code]] += 1

    sys.setprofile(profile)
    try:
        factor = next(iter(document.retro.factors.values()))
        assert document.edit("Rename factor", Edit.of(upsert=[replace(factor, title="Pool sized by hand")]))
        qtbot.waitUntil(lambda: calls["readiness"] >= 1)
        for _ in range(5):
            QApplication.processEvents()
    finally:
        sys.setprofile(None)
    assert calls == {"readiness": 1, "analyse": 1}
    # And what each view shows is that one result.
    assert model.findings() == list(document.findings().all)
    assert [f.message for f in panel.findings] == [
        f.message for f in document.findings().readiness
        if f.stage.name == "FACTORS" or f.code == "unaddressed"] + [f.message for f in document.findings().graph]


def test_a_large_retro_is_checked_once_per_change_off_the_gui_thread_for_every_view(
        qtbot, window, monkeypatch) -> None:
    import retro.analysis
    import retro.checks
    import ui.shared_findings as shared

    monkeypatch.setattr(shared, "LARGE_RETRO", 1)  # the demo counts as large here
    document = open_demo(window)
    window.workspace.go_to(Stage.REVIEW)  # Review & export's list and next step …
    review = window.workspace.current_view()
    assert isinstance(review, ReviewStage)
    panel = FindingsPanel(document)  # … the factor stage's list, beside the navigator's marks
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: document.known_findings() is not None)  # the opening check is back
    QApplication.processEvents()

    calls: Counter[str] = Counter()
    threads: set[int] = set()
    lock = threading.Lock()

    def counted(name: str, check):  # type: ignore[no-untyped-def]
        def run(retro):  # type: ignore[no-untyped-def]
            with lock:
                calls[name] += 1
                threads.add(threading.get_ident())
            return check(retro)
        return run

    monkeypatch.setattr(retro.checks, "readiness", counted("readiness", retro.checks.readiness))
    monkeypatch.setattr(retro.analysis, "analyse", counted("analyse", retro.analysis.analyse))
    factor = next(iter(document.retro.factors.values()))
    assert document.edit("Rename factor", Edit.of(upsert=[replace(factor, title="Pool sized by hand")]))
    assert calls == {}  # the edit shows at once; nothing was checked on the GUI thread
    assert document.known_findings() is None
    qtbot.waitUntil(lambda: document.is_idle() and document.known_findings() is not None, timeout=10000)
    qtbot.wait(3 * shared.PAINT_FIRST_MS)  # time enough for a second check, were one to start
    assert dict(calls) == {"readiness": 1, "analyse": 1}
    assert threading.get_ident() not in threads
    # And every view shows that one result.
    found = document.findings()
    assert review.findings.findings() == list(found.all)
    assert [f.message for f in panel.findings] == [
        f.message for f in found.readiness
        if f.stage.name == "FACTORS" or f.code == "unaddressed"] + [f.message for f in found.graph]
    marks = window.workspace.stage_model
    assert [f.message for stage in Stage for f in marks.findings(stage)] == [
        f.message for stage in Stage for f in found.readiness if f.stage is stage]
    assert dict(calls) == {"readiness": 1, "analyse": 1}  # reading them computed nothing more
