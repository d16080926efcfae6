"""The contributing-factor canvas at 300 factors: building the scene, and dragging a card.

* Build: ``FactorScene(document)`` for 300 factors, one impact and 450 arrows (cards, arrows,
  ports, routing around cards, loop detection, badges), garbage collector off while timing. Floor: adding 300 plain ``QGraphicsRectItem`` and 450
  ``QGraphicsLineItem`` to a new scene in the same run. Goal ≤ 100 ms.
* Drag: a shown 1600×1000 canvas, a well-connected card pressed and moved by real mouse events;
  each sample is one ``QTest.mouseMove`` plus ``processEvents`` (the arrows follow, the viewport
  repaints). Floor: moving a plain rect item in a scene of plain rects and lines the same way.
  Goal ≤ 16 ms per move event (one frame at 60 Hz).
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("RETRO_TESTING", "1")

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
)

from retro.domain import (
    Factor,
    FactorCategory,
    FactorLink,
    Impact,
    Incident,
    Retro,
    Severity,
)
from tests.benchmarks.table import Row, absolute_row, median_ms

N_FACTORS = 300
N_LINKS = 450
MOVES = 60
COLUMNS = 10


def big_retro(seed: int = 7) -> Retro:
    """300 factors in 10 columns, 450 arrows mostly left to right, a few loops, one impact."""
    rng = random.Random(seed)
    categories = list(FactorCategory)
    per_column = N_FACTORS // COLUMNS
    factors = [
        Factor(f"f{i:03d}", f"Contributing factor number {i} with a title long enough to wrap",
               categories[i % len(categories)], x=(i // per_column) * 270.0, y=(i % per_column) * 142.0)
        for i in range(N_FACTORS)
    ]
    impact = Impact("impact", "Customers could not complete checkout", x=COLUMNS * 270.0, y=per_column * 71.0)
    pairs: set[tuple[str, str]] = set()
    for i in range(N_FACTORS - per_column, N_FACTORS):  # the last column leads to the impact
        pairs.add((f"f{i:03d}", "impact"))
    while len(pairs) < N_LINKS:
        a = rng.randrange(N_FACTORS - per_column)
        b = min(N_FACTORS - 1, (a // per_column + 1) * per_column + rng.randrange(per_column))
        if rng.random() < 0.03:
            a, b = b, a  # a feedback arrow
        pairs.add((f"f{a:03d}", f"f{b:03d}"))
    links = [FactorLink(f"l{i:03d}", c, e) for i, (c, e) in enumerate(sorted(pairs))]
    return Retro.of(Incident("bench", "Benchmark incident", Severity.SEV2), [*factors, impact, *links])


def _floor_scene() -> QGraphicsScene:
    scene = QGraphicsScene()
    rects = []
    for i in range(N_FACTORS):
        item = QGraphicsRectItem(QRectF(0, 0, 210, 112))
        item.setPos((i // 30) * 270.0, (i % 30) * 142.0)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        scene.addItem(item)
        rects.append(item)
    for i in range(N_LINKS):
        a, b = rects[i % N_FACTORS], rects[(i * 7 + 31) % N_FACTORS]
        scene.addItem(QGraphicsLineItem(QLineF(a.pos(), b.pos())))
    return scene


def _drag_ms(view: QGraphicsView, start: QPointF) -> float:
    """Median ms per move event while dragging from ``start`` (scene coordinates)."""
    app = QApplication.instance()
    viewport = view.viewport()
    origin = view.mapFromScene(start)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, origin)
    app.processEvents()
    samples = []
    for step in range(1, MOVES + 1):
        offset = QPointF(3.0 * step, 2.0 * step).toPoint()
        begin = time.perf_counter()
        QTest.mouseMove(viewport, origin + offset)
        app.processEvents()
        samples.append((time.perf_counter() - begin) * 1000)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, origin)
    app.processEvents()
    return statistics.median(samples)


def _show(view: QGraphicsView) -> None:
    view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    view.resize(1600, 1000)
    view.show()
    QApplication.instance().processEvents()


def run() -> list[Row]:
    app = QApplication.instance() or QApplication([])
    from retro.services import RetroStore
    from ui.document import RetroDocument
    from ui.graph.scene import FactorScene
    from ui.graph.view import GraphView

    folder = Path(tempfile.mkdtemp(prefix="bench-graph-"))
    store = RetroStore(f"sqlite:///{folder / 'bench.sqlite3'}")
    try:
        incident_id = store.add_retro(big_retro(), new_ids=False)
        document = RetroDocument(store, store.load(incident_id))
        scenes: list[QGraphicsScene] = []  # keep them alive until timing ends, so teardown is not timed

        def build() -> None:
            scenes.append(FactorScene(document))

        def build_floor() -> None:
            scenes.append(_floor_scene())

        # Like timeit, with the cyclic garbage collector off while timing: the scenes built
        # so far stay alive, and a collection pass over them would land on a random sample.
        gc.collect()
        gc.disable()
        try:
            build_ms = median_ms(build, repeat=7)
            floor_build_ms = median_ms(build_floor, repeat=7)
        finally:
            gc.enable()
        for scene in scenes:
            scene.deleteLater()
        scenes.clear()
        app.processEvents()

        scene = FactorScene(document)
        view = GraphView(scene)
        _show(view)
        hub = max(scene.cards.values(), key=lambda c: len(c.arrows_in) + len(c.arrows_out))
        view.centerOn(hub.centre())
        app.processEvents()
        drag_ms = _drag_ms(view, hub.centre())
        view.close()

        floor_scene = _floor_scene()
        floor_view = QGraphicsView(floor_scene)
        _show(floor_view)
        target = floor_scene.items(QPointF(5 * 270.0 + 100, 15 * 142.0 + 50))[0]
        floor_view.centerOn(target.sceneBoundingRect().center())
        app.processEvents()
        floor_drag_ms = _drag_ms(floor_view, target.sceneBoundingRect().center())
        floor_view.close()
        app.processEvents()
    finally:
        store.close()

    return [
        absolute_row("canvas: build scene, 300 factors + 450 arrows", build_ms, floor_build_ms,
                     "300 rects + 450 lines", 100),
        absolute_row("canvas: drag a card, per move event (300 factors)", drag_ms, floor_drag_ms,
                     "move a plain rect", 16),
    ]


if __name__ == "__main__":
    from tests.benchmarks.table import render

    print(render(run()))
