"""One edit, one run of each check: every view reads the findings the document computed for it."""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QApplication

from retro.analysis.findings import analyse
from retro.domain import Edit
from retro.domain.readiness import readiness
from ui.graph.findings_panel import FindingsPanel
from ui.models.findings_model import FindingsModel

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
