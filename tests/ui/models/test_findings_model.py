"""The findings model: valid for Qt's model tester, and following the document."""

from __future__ import annotations

from dataclasses import replace

from retro.domain import Edit
from tests.ui.models.support import make_document
from ui.models.findings_model import STAGE_ROLE, FindingsModel


def test_findings_follow_edits_and_pass_the_model_tester(qtbot, qtmodeltester, sqlite_url):
    document = make_document(sqlite_url)
    model = FindingsModel(document)
    assert model.is_checking() and model.rowCount() == 0  # a retro just opened: checked after the paint
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: not model.is_checking())
    qtmodeltester.check(model)
    assert model.blocker_count() == 0
    incident = document.retro.incident
    assert document.edit("Clear summary", Edit(incident=replace(incident, summary="")))
    qtmodeltester.check(model)
    assert model.blocker_count() == 1
    assert model.index(0, 0).data(STAGE_ROLE) == "setup"
    assert model.index(0, 0).data().startswith("Setup: Write a short summary")
    document.undo_stack.undo()
    assert model.blocker_count() == 0
