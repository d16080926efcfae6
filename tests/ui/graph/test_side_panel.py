"""The side panel for the selected factor: fields, evidence from the timeline, actions."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from retro.demo import demo_id
from retro.domain import Audience, FactorCategory, Severity, default_action_due
from ui.document import RetroDocument
from ui.graph.editing import GraphEditor
from ui.graph.side_panel import ID_ROLE, FactorPanel, event_ids_from, event_mime

# The offscreen platform cannot propagate size hints of top-level windows; nothing to fix in our code.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

RUNBOOK = demo_id("factor/runbook-stale")


@pytest.fixture
def panel(qtbot: QtBot, demo_document: RetroDocument) -> FactorPanel:
    panel = FactorPanel(demo_document, GraphEditor(demo_document))
    qtbot.addWidget(panel)
    panel.resize(420, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_factor(RUNBOOK)
    return panel


def _evidence_ids(panel: FactorPanel) -> list[str]:
    items = [panel.evidence.item(i) for i in range(panel.evidence.count())]
    return [str(i.data(ID_ROLE)) for i in items if i.data(ID_ROLE)]


def test_shows_the_selected_factor(panel: FactorPanel) -> None:
    factor = panel.document.retro.factors[RUNBOOK]
    assert panel.title.text() == factor.title
    assert panel.category.currentText() == FactorCategory.PROCESS.label
    assert panel.description.toPlainText() == factor.description
    cited = [e.id for e in panel.document.retro.evidence_for(RUNBOOK)]
    assert _evidence_ids(panel) == cited and cited
    picker_ids = {panel.events_proxy.index(r, 0).data(ID_ROLE) for r in range(panel.events_proxy.rowCount())}
    assert not picker_ids & set(cited)  # already cited events are not offered again
    panel.set_factor("")
    assert panel.factor_id == ""


def test_cite_a_picked_event_then_remove_it_each_one_step(panel: FactorPanel) -> None:
    document = panel.document
    QTest.keyClicks(panel.event_filter, "newsletter goes out")
    assert panel.events_proxy.rowCount() == 1
    event_id = panel.events_proxy.index(0, 0).data(ID_ROLE)
    panel.event_picker.selectionModel().select(
        panel.events_proxy.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    QTest.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)
    assert f"{RUNBOOK}:{event_id}" in document.retro.evidence
    assert event_id in _evidence_ids(panel)
    assert document.undo_stack.text(document.undo_stack.count() - 1) == "Cite evidence"

    row = _evidence_ids(panel).index(event_id)
    panel.evidence.setCurrentRow(row)
    QTest.mouseClick(panel.unlink_button, Qt.MouseButton.LeftButton)
    assert f"{RUNBOOK}:{event_id}" not in document.retro.evidence
    assert event_id not in _evidence_ids(panel)
    document.undo_stack.undo()
    assert event_id in _evidence_ids(panel)


def test_dropping_timeline_events_cites_them(panel: FactorPanel) -> None:
    uncited = [e.id for e in panel.document.retro.timeline()
               if f"{RUNBOOK}:{e.id}" not in panel.document.retro.evidence][:2]
    mime = event_mime(uncited)
    assert event_ids_from(mime) == uncited
    drop = QDropEvent(panel.evidence.viewport().rect().center().toPointF(), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    panel.evidence.dropEvent(drop)
    assert all(f"{RUNBOOK}:{e}" in panel.document.retro.evidence for e in uncited)
    assert panel.document.undo_stack.count() == 1  # both events, one step


def test_the_event_picker_drags_event_ids(panel: FactorPanel) -> None:
    index = panel.events_proxy.index(0, 0)
    mime = panel.events_model.mimeData([panel.events_proxy.mapToSource(index)])
    assert event_ids_from(mime) == [index.data(ID_ROLE)]


def test_create_action_for_this_factor(panel: FactorPanel) -> None:
    document = panel.document
    before = set(document.retro.actions)
    QTest.mouseClick(panel.create_action_button, Qt.MouseButton.LeftButton)
    (new_id,) = set(document.retro.actions) - before
    action = document.retro.actions[new_id]
    assert action.factor_ids == (RUNBOOK,)
    assert action.owner == ""  # the Actions stage asks for one
    assert document.retro.incident.severity is Severity.SEV2
    assert action.due == default_action_due(Severity.SEV2, date.today())
    shown = [panel.actions_list.item(i).data(ID_ROLE) for i in range(panel.actions_list.count())]
    assert new_id in shown
    assert document.undo_stack.text(0) == "Create action"


def test_description_commits_on_focus_out_and_category_on_change(qtbot: QtBot, panel: FactorPanel) -> None:
    document = panel.document
    panel.description.setFocus()
    qtbot.waitUntil(panel.description.hasFocus)
    panel.description.selectAll()
    QTest.keyClicks(panel.description, "The runbook was last revised in 2024.")
    panel.title.setFocus()
    qtbot.waitUntil(panel.title.hasFocus)
    assert document.retro.factors[RUNBOOK].description == "The runbook was last revised in 2024."
    panel.category.setCurrentIndex(panel.category.findData(FactorCategory.ORGANISATION))
    panel.category.activated.emit(panel.category.currentIndex())
    assert document.retro.factors[RUNBOOK].category is FactorCategory.ORGANISATION
    panel.audience.setCurrentIndex(panel.audience.findData(Audience.PUBLIC))
    panel.audience.activated.emit(panel.audience.currentIndex())
    assert document.retro.factors[RUNBOOK].audience is Audience.PUBLIC
    assert [document.undo_stack.text(i) for i in range(document.undo_stack.count())] == [
        "Describe factor", "Change factor category", "Change factor audience"
    ]


def _other_factor(panel: FactorPanel) -> str:
    return next(fid for fid in panel.document.retro.factors if fid != RUNBOOK)


def test_a_description_being_typed_stays_with_its_factor_when_another_is_shown(
        qtbot: QtBot, panel: FactorPanel) -> None:
    document = panel.document
    other = _other_factor(panel)
    others_description = document.retro.factors[other].description
    panel.description.setFocus()
    qtbot.waitUntil(panel.description.hasFocus)
    panel.description.selectAll()
    QTest.keyClicks(panel.description, "The runbook was last revised in 2024.")
    panel.set_factor(other)  # the canvas selection moved while the field still has focus
    assert document.retro.factors[RUNBOOK].description == "The runbook was last revised in 2024."
    assert panel.description.toPlainText() == others_description  # not the runbook's text
    panel.title.setFocus()  # leaving the field must not write the runbook's text into the other
    qtbot.waitUntil(panel.title.hasFocus)
    assert document.retro.factors[other].description == others_description


def test_a_title_being_typed_is_kept_through_a_change_to_the_same_factor(qtbot: QtBot, panel: FactorPanel) -> None:
    document = panel.document
    old_title = document.retro.factors[RUNBOOK].title
    panel.title.setFocus()
    qtbot.waitUntil(panel.title.hasFocus)
    panel.title.end(False)
    QTest.keyClicks(panel.title, " for the proxy")
    panel.editor.set_category(RUNBOOK, FactorCategory.ORGANISATION)  # e.g. from the canvas menu
    assert panel.title.text() == f"{old_title} for the proxy"
    QTest.keyClick(panel.title, Qt.Key.Key_Return)
    assert document.retro.factors[RUNBOOK].title == f"{old_title} for the proxy"


def test_a_title_being_typed_is_saved_to_its_factor_when_another_is_shown(qtbot: QtBot, panel: FactorPanel) -> None:
    document = panel.document
    other = _other_factor(panel)
    old_title = document.retro.factors[RUNBOOK].title
    panel.title.setFocus()
    qtbot.waitUntil(panel.title.hasFocus)
    panel.title.end(False)
    QTest.keyClicks(panel.title, " for the proxy")
    panel.set_factor(other)
    assert document.retro.factors[RUNBOOK].title == f"{old_title} for the proxy"
    assert panel.title.text() == document.retro.factors[other].title
