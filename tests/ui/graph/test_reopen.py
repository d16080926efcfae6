"""What the canvas stored comes back: a new store on the same SQLite file shows the same graph."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from retro.domain import Retro
from retro.services import RetroStore
from ui.document import RetroDocument
from ui.graph.scene import FactorScene

from .conftest import Canvas

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _graph(scene: FactorScene) -> tuple[dict, set, dict]:
    positions = {node.node_id: (node.x(), node.y()) for node in scene.nodes()}
    arrows = {(a.cause.node_id, a.effect.node_id) for a in scene.arrows.values()}
    titles = {node.node_id: node.title for node in scene.nodes()}
    return positions, arrows, titles


def _stored(retro: Retro) -> tuple[dict, set, dict]:
    nodes = [*retro.factors.values(), *retro.impacts.values()]
    return (
        {n.id: (n.x, n.y) for n in nodes},
        {(lk.cause_id, lk.effect_id) for lk in retro.links.values()},
        {n.id: n.title for n in nodes},
    )


def test_scene_matches_the_stored_graph_after_reopening(qtbot: QtBot, sqlite_url: str,
                                                        demo_document: RetroDocument) -> None:
    canvas = Canvas(qtbot, demo_document)
    # edits of every kind, by hand: add, rename, connect, move, then auto-arrange and move again
    canvas.double_click(QPointF(-400, -300))
    QTest.keyClicks(canvas.view, "Load test skipped the proxy")
    canvas.key(Qt.Key.Key_Return)
    new = canvas.factor_by_title("Load test skipped the proxy")
    impact = canvas.impact()
    canvas.drag(canvas.card_point(new.id), canvas.card_point(impact.id), Qt.KeyboardModifier.ShiftModifier)
    assert canvas.scene.editor.auto_arrange()
    canvas.view.fit_graph()
    canvas.drag(canvas.card_point(new.id), canvas.card_point(new.id) + QPointF(15, 260))
    shown = _graph(canvas.scene)
    assert shown == _stored(demo_document.retro)
    incident_id = demo_document.incident_id
    demo_document.store.close()

    reopened = RetroStore(sqlite_url)
    try:
        document = RetroDocument(reopened, reopened.load(incident_id))
        scene = FactorScene(document)
        assert _graph(scene) == shown
        assert _stored(document.retro) == shown
    finally:
        reopened.close()
