"""Fixtures for the canvas tests: the real RetroStore on temporary SQLite, and mouse helpers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from retro.demo import build_demo_retro
from retro.domain import Factor, FactorCategory, FactorLink, Impact, new_id
from retro.services import RetroStore
from tests.ui.workspace.harness import demo_store, window  # noqa: F401
from ui.document import RetroDocument
from ui.graph.scene import FactorScene
from ui.graph.view import GraphView


@pytest.fixture
def store(sqlite_url: str) -> Iterator[RetroStore]:
    store = RetroStore(sqlite_url)
    yield store
    store.close()


@pytest.fixture
def demo_document(store: RetroStore) -> RetroDocument:
    incident_id = store.add_retro(build_demo_retro(), new_ids=False)
    return RetroDocument(store, store.load(incident_id))


@pytest.fixture
def small_document(store: RetroStore) -> RetroDocument:
    """Three factors in a row and the impact, with one arrow (A → impact), all placed."""
    retro = store.create_retro("Checkout errors")
    document = RetroDocument(store, retro)
    impact = next(iter(retro.impacts.values()))
    a = Factor(new_id(), "Pool size follows worker count", FactorCategory.TECHNOLOGY, x=0.0, y=0.0)
    b = Factor(new_id(), "Config skips the canary", FactorCategory.PROCESS, x=0.0, y=200.0)
    c = Factor(new_id(), "Nobody owns the connection budget", FactorCategory.ORGANISATION, x=0.0, y=400.0)
    from dataclasses import replace

    from retro.domain import Edit

    placed: Impact = replace(impact, x=600.0, y=200.0)
    assert document.edit("set up", Edit.of(upsert=[a, b, c, placed, FactorLink(new_id(), a.id, impact.id)]))
    document.undo_stack.clear()
    return document


class Canvas:
    """A shown canvas on a document, with real-mouse helpers in scene coordinates."""

    def __init__(self, qtbot: QtBot, document: RetroDocument) -> None:
        self.document = document
        self.scene = FactorScene(document)
        self.view = GraphView(self.scene)
        qtbot.addWidget(self.view)
        self.view.resize(1200, 800)
        self.view.show()
        qtbot.waitExposed(self.view)
        self.view.activateWindow()
        self.view.setFocus()
        self.view.fit_graph()
        self.qtbot = qtbot

    @property
    def viewport(self) -> QWidget:
        return self.view.viewport()

    def at(self, scene_pos: QPointF) -> QPoint:
        return self.view.mapFromScene(scene_pos)

    def card_point(self, node_id: str, dx: float = 0.5, dy: float = 0.5) -> QPointF:
        item = self.scene.node(node_id)
        assert item is not None
        rect = item.scene_rect()
        return QPointF(rect.left() + rect.width() * dx, rect.top() + rect.height() * dy)

    def click(self, scene_pos: QPointF, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.mouseClick(self.viewport, Qt.MouseButton.LeftButton, modifier, self.at(scene_pos))

    def double_click(self, scene_pos: QPointF) -> None:
        QTest.mouseDClick(self.viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, self.at(scene_pos))

    def drag(self, start: QPointF, end: QPointF,
             modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, steps: int = 6) -> None:
        """Press, move in steps, release: what a hand on a mouse does."""
        a, b = self.at(start), self.at(end)
        QTest.mousePress(self.viewport, Qt.MouseButton.LeftButton, modifier, a)
        for i in range(1, steps + 1):
            p = a + (b - a) * (i / steps)
            QTest.mouseMove(self.viewport, p)
        QTest.mouseRelease(self.viewport, Qt.MouseButton.LeftButton, modifier, b)

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.view, key, modifier)

    def factor_by_title(self, title: str) -> Factor:
        return next(f for f in self.document.retro.factors.values() if f.title == title)

    def impact(self) -> Impact:
        return next(iter(self.document.retro.impacts.values()))

    def undo_texts(self) -> list[str]:
        stack = self.document.undo_stack
        return [stack.text(i) for i in range(stack.count())]


@pytest.fixture
def canvas(qtbot: QtBot, small_document: RetroDocument) -> Canvas:
    return Canvas(qtbot, small_document)
