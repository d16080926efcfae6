"""'Mark selected public' in Contributing factors and Actions: one undo step, and the report is no longer empty."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from retro.demo import build_demo_retro, demo_id
from retro.domain import Audience, Retro
from retro.report.audience import is_public_action
from retro.report.public_checks import public_findings
from retro.services import RetroStore
from ui.document import RetroDocument
from ui.models.actions_model import ActionColumn
from ui.stages.actions import ActionsStage
from ui.stages.factors import FactorsStage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
RUNBOOK = demo_id("factor/runbook-stale")
PROXY = demo_id("factor/proxy-limit-shared")


def all_internal() -> Retro:
    """The demo retro with nothing public: the public report would be empty."""
    retro = build_demo_retro()
    retro.events = {k: replace(e, audience=Audience.INTERNAL) for k, e in retro.events.items()}
    retro.factors = {k: replace(f, audience=Audience.INTERNAL) for k, f in retro.factors.items()}
    return retro


@pytest.fixture
def document(sqlite_url: str) -> Iterator[RetroDocument]:
    store = RetroStore(sqlite_url)
    incident_id = store.add_retro(all_internal(), new_ids=False)
    yield RetroDocument(store, store.load(incident_id))
    store.close()


def _codes(document: RetroDocument) -> list[str]:
    return [f.code for f in public_findings(document.retro)]


def test_selected_factors_become_public_in_one_undo_step(qtbot: QtBot, document: RetroDocument) -> None:
    stage = FactorsStage(document)
    qtbot.addWidget(stage)
    stage.resize(1600, 1000)
    stage.show()
    assert "public-empty" in _codes(document)
    for fid in (RUNBOOK, PROXY):
        stage.scene.cards[fid].setSelected(True)
    button = stage.toolbar.widgetForAction(stage.public_action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert {document.retro.factors[f].audience for f in (RUNBOOK, PROXY)} == {Audience.PUBLIC}
    assert "public-empty" not in _codes(document)
    assert document.undo_stack.undoText() == "Mark 2 factors public"
    assert "Marked 2 contributing factors public" in stage.banner.text()
    document.undo_stack.undo()
    assert {document.retro.factors[f].audience for f in (RUNBOOK, PROXY)} == {Audience.INTERNAL}


def test_selected_actions_become_public_with_their_factors(qtbot: QtBot, document: RetroDocument) -> None:
    stage = ActionsStage(document)
    qtbot.addWidget(stage)
    stage.resize(1500, 800)
    stage.show()
    selection = stage.table.selectionModel()
    chosen = []
    for row in (0, 1):
        index = stage.sorted.index(row, ActionColumn.TITLE)
        selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        chosen.append(index.data())
    qtbot.mouseClick(stage.public_button, Qt.MouseButton.LeftButton)
    actions = [a for a in document.retro.actions.values() if a.title in chosen]
    assert actions and all(is_public_action(document.retro, a) for a in actions)
    assert "public-empty" not in _codes(document)
    assert document.undo_stack.undoText() == "Mark 2 actions public"
    assert "public report" in stage.public_banner.text()
    document.undo_stack.undo()
    assert not any(is_public_action(document.retro, a) for a in document.retro.actions.values())
    assert "public-empty" in _codes(document)


def test_nothing_selected_says_what_to_do(qtbot: QtBot, document: RetroDocument) -> None:
    stage = ActionsStage(document)
    qtbot.addWidget(stage)
    stage.show()
    stage.table.clearSelection()
    qtbot.mouseClick(stage.public_button, Qt.MouseButton.LeftButton)
    assert stage.public_banner.text() == "Select the actions customers should read first."
    assert document.undo_stack.count() == 0


def test_a_wont_do_action_gets_a_public_reason_in_its_details(qtbot: QtBot, document: RetroDocument) -> None:
    from retro.domain import ActionStatus

    stage = ActionsStage(document)
    qtbot.addWidget(stage)
    stage.resize(1500, 900)
    with qtbot.waitActive(stage):
        stage.show()
        stage.activateWindow()
    wont = next(a for a in document.retro.actions.values() if a.status is ActionStatus.WONT_DO)
    stage.focus_target(wont.id)
    field = stage.details.public_reason
    assert field.isVisible() and field.toPlainText() == wont.public_reason
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "A freeze would not cover every campaign")
    stage.table.setFocus()  # leaving the field saves it
    qtbot.waitUntil(lambda: document.retro.actions[wont.id].public_reason == "A freeze would not cover every campaign")
    assert document.undo_stack.undoText() == "Edit public won't-do reason"
