"""The contributing-factors stage: canvas, side panel, findings, prompts and the projector mirror."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from retro.demo import build_demo_retro, demo_id
from retro.domain import Stage
from retro.services import RetroStore
from ui.document import RetroDocument
from ui.graph.projector import ProjectorGraph
from ui.stages import stage_view_class
from ui.stages.factors import FactorsStage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

RUNBOOK = demo_id("factor/runbook-stale")
PROXY = demo_id("factor/proxy-limit-shared")


@pytest.fixture
def store(sqlite_url: str) -> Iterator[RetroStore]:
    store = RetroStore(sqlite_url)
    yield store
    store.close()


@pytest.fixture
def stage(qtbot: QtBot, store: RetroStore) -> FactorsStage:
    incident_id = store.add_retro(build_demo_retro(), new_ids=False)
    stage = FactorsStage(RetroDocument(store, store.load(incident_id)))
    qtbot.addWidget(stage)
    stage.resize(1600, 1000)
    stage.show()
    qtbot.waitExposed(stage)
    qtbot.waitUntil(lambda: not stage.findings.checking)  # a retro just opened is checked after its paint
    return stage


def test_the_workspace_finds_the_stage() -> None:
    assert stage_view_class(Stage.FACTORS) is FactorsStage


def test_selecting_a_card_fills_the_panel_and_tells_the_workspace(qtbot: QtBot, stage: FactorsStage) -> None:
    card = stage.scene.cards[RUNBOOK]
    with qtbot.waitSignal(stage.selection_changed) as signal:
        QTest.mouseClick(stage.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         stage.view.mapFromScene(card.centre()))
    assert signal.args == [RUNBOOK]
    assert stage.panel.title.text() == stage.document.retro.factors[RUNBOOK].title
    assert stage.prompts.node_id == RUNBOOK


def test_a_finding_selects_its_factor(stage: FactorsStage) -> None:
    finding = next(f for f in stage.findings.findings if f.target_id)
    stage.findings.finding_activated.emit(finding.target_id)
    assert [n.node_id for n in stage.scene.selected_nodes()] == [finding.target_id]
    assert stage.scene.node(finding.target_id).finding_text  # marked on the canvas too


def test_toolbar_auto_arrange_is_undoable(stage: FactorsStage) -> None:
    before = {f.id: (f.x, f.y) for f in stage.document.retro.factors.values()}
    stage.arrange_action.trigger()
    assert stage.document.undo_stack.text(0) == "Auto-arrange"
    stage.document.undo_stack.undo()
    assert {f.id: (f.x, f.y) for f in stage.document.retro.factors.values()} == before


def test_add_factor_of_a_missing_category_opens_its_title(stage: FactorsStage) -> None:
    from retro.domain import FactorCategory

    factor_id = stage.add_factor_of(FactorCategory.EXTERNAL)
    assert factor_id is not None
    assert stage.document.retro.factors[factor_id].category is FactorCategory.EXTERNAL
    assert stage.scene.title_editor() is not None


def test_projector_mirror_follows_selection_and_shows_no_controls(qtbot: QtBot, stage: FactorsStage) -> None:
    mirror = stage.projector_view()
    assert isinstance(mirror, ProjectorGraph)
    qtbot.addWidget(mirror)
    mirror.resize(1600, 900)
    mirror.show()
    qtbot.waitExposed(mirror)
    controls = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit, QTextEdit, QAbstractSpinBox)
    assert not [w for w in mirror.findChildren(QWidget) if isinstance(w, controls) and w.isVisible()]
    assert not mirror.view.isInteractive()
    board = mirror.view.board
    assert board is not stage.scene  # its own high-contrast board, no handles or outlines
    assert set(board.cards) == set(stage.scene.cards) | set(stage.scene.impacts)

    def seen(view) -> QRectF:
        return view.mapToScene(view.viewport().rect()).boundingRect()

    # the room sees the whole graph, whatever the facilitator's zoom
    assert seen(mirror.view).adjusted(-2, -2, 2, 2).contains(board.itemsBoundingRect())
    stage.view.zoom_by(2.0)
    assert seen(mirror.view).adjusted(-2, -2, 2, 2).contains(board.itemsBoundingRect())

    stage.focus_target(PROXY)
    assert board.cards[PROXY].highlighted

    stage.scene.editor.rename(PROXY, "One shared proxy limit for every pod")
    qtbot.waitUntil(lambda: mirror.view.board.cards[PROXY].label == "One shared proxy limit for every pod")
    assert mirror.view.board.cards[PROXY].highlighted  # laid out again, still outlined
    stage.focus_target(RUNBOOK)
    assert mirror.view.board.cards[RUNBOOK].highlighted
    assert not mirror.view.board.cards[PROXY].highlighted


def test_refused_edits_are_explained(stage: FactorsStage) -> None:
    stage.scene.editor.add_factor(0, 0, title="x" * 400)
    assert stage.banner.isVisible()
    assert "title" in stage.banner.text()
    assert stage.document.undo_stack.count() == 0
    stage.editor.add_factor(0, 0, title="A title that fits")
    assert not stage.banner.isVisible()  # the next edit that goes through clears the note


def test_the_findings_tab_counts_them(qtbot: QtBot, stage: FactorsStage) -> None:
    index = stage.tabs.indexOf(stage.findings)
    assert stage.tabs.tabText(index) == f"Fi&ndings ({len(stage.findings.findings)})"
    before = len(stage.findings.findings)
    stage.editor.add_factor(0, 900, title="An island with no arrows")
    qtbot.waitUntil(lambda: len(stage.findings.findings) > before)
    assert any("no path to the impact" in f.message for f in stage.findings.findings)
    assert stage.tabs.tabText(index) == f"Fi&ndings ({len(stage.findings.findings)})"


def test_connect_mode_turns_a_card_drag_into_an_arrow(stage: FactorsStage) -> None:
    from retro.demo import demo_id as _id

    cause, effect = _id("factor/handover-mid-incident"), _id("factor/alert-routing")
    stage.connect_mode_action.trigger()
    assert stage.scene.connect_mode
    view, scene = stage.view, stage.scene
    start = view.mapFromScene(scene.cards[cause].centre())
    end = view.mapFromScene(scene.cards[effect].centre())
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(view.viewport(), (start + end) / 2)
    QTest.mouseMove(view.viewport(), end)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert any(lk.cause_id == cause and lk.effect_id == effect for lk in stage.document.retro.links.values())
    assert stage.document.undo_stack.text(0) == "Connect factors"
    stage.connect_mode_action.trigger()
    assert not stage.scene.connect_mode
