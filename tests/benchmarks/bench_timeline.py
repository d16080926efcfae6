"""Timeline at 10,000 events: opening the stage painted, and the filter per keystroke.

Opening: from the retro in memory (as the workspace holds it once loaded) to the Timeline stage
built, shown and painted, against a plain ``QTableView`` over a minimal table model of the same
rows and columns (the display strings made beforehand), shown and painted in a window of the
same size, in the same run (interleaved, medians). A second figure opens it the way a person
does: from the library, ``MainWindow.open_retro`` (the store reads the 10,000 events) then the
Timeline stage, against the same floor, up to the end of one turn of the event loop in which the
Timeline table's rows were painted (checked; the window is painted once, as for a person).

Filter per keystroke: the real stage, shown, typed into.

``RETRO_BENCH_CLOCK=cpu`` times everything (ours and the floors) in CPU time of the whole process
instead of wall time: on a loaded machine the wall clock also counts the other processes' turns.

Each sample types one character into the filter field (or deletes one) and lets Qt process
and paint, which is what a person waits for. The floor is a plain Python list comprehension
that does a substring test over the same 10,000 casefolded texts for the same query, in the
same run: the least any text filter in Python could cost before Qt shows anything.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import UTC, datetime, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("RETRO_TESTING", "1")

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from retro.domain import EventKind, Incident, Retro, TimelineEvent, new_id
from tests.benchmarks.table import Row, absolute_row, ratio_row

EVENTS = 10_000
#: Wall time, or the process's CPU time with RETRO_BENCH_CLOCK=cpu (every figure and floor alike).
clock = time.process_time if os.environ.get("RETRO_BENCH_CLOCK", "wall") == "cpu" else time.perf_counter
TYPED = "rollback proxy"
GOAL_MS = 16.0

_WORDS = (
    "checkout", "proxy", "database", "alert", "page", "restart", "rollback", "pods", "latency",
    "error", "config", "deploy", "customer", "ticket", "status", "escalate", "on-call",
    "dashboard", "runbook", "autoscaler", "connection", "pool",
)


def build_retro(n: int = EVENTS, seed: int = 7) -> Retro:
    rng = random.Random(seed)
    start = datetime(2026, 10, 14, 6, 0, tzinfo=UTC)
    incident = Incident(new_id(), "Benchmark incident", timezone="Europe/Berlin")
    kinds = list(EventKind)
    events = [
        TimelineEvent(
            new_id(),
            start + timedelta(seconds=7 * i + rng.randint(0, 6)),
            " ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 14))) + f" #{i}",
            rng.choice(kinds),
            source=rng.choice(("Slack", "Grafana", "PagerDuty", "")),
        )
        for i in range(n)
    ]
    return Retro.of(incident, events)


OPEN_RUNS = 5
SIZE = (1600, 1000)


def _plain_table_ms(rows: list[tuple[str, ...]], headers: list[str]) -> float:
    """A bare QTableView over a minimal model of ``rows``: built, shown and painted."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex
    from PySide6.QtWidgets import QTableView

    class Plain(QAbstractTableModel):
        def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(rows)

        def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(headers)

        def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            if role == Qt.ItemDataRole.DisplayRole:
                return rows[index.row()][index.column()]
            return None

        def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return headers[section]
            return None

    app = QApplication.instance()
    started = clock()
    view = QTableView()
    model = Plain(view)
    view.setModel(model)
    view.resize(*SIZE)
    view.show()
    view.repaint()
    app.processEvents()  # type: ignore[union-attr]
    elapsed = (clock() - started) * 1000
    view.close()
    view.deleteLater()
    _delete_now(app)
    return elapsed


def _delete_now(app: object) -> None:
    """Run the deferred deletes (outside the timed part): bare ``processEvents()`` never does, so
    every stage and plain table opened stayed alive (~7 MB and three top-level widgets each)."""
    from PySide6.QtCore import QCoreApplication

    app.processEvents()  # type: ignore[attr-defined]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _stage_ms(store: object, retro: Retro) -> float:
    """The Timeline stage for ``retro`` (in memory): built, shown and painted."""
    from ui.document import RetroDocument
    from ui.stages.timeline import TimelineStage

    app = QApplication.instance()
    started = clock()
    stage = TimelineStage(RetroDocument(store, retro))  # type: ignore[arg-type]
    stage.resize(*SIZE)
    stage.show()
    stage.table.repaint()
    app.processEvents()  # type: ignore[union-attr]
    elapsed = (clock() - started) * 1000
    assert stage.proxy.rowCount() == len(retro.events)
    stage.close()
    stage.deleteLater()
    _delete_now(app)
    return elapsed


class _TablePaints(QObject):
    """Counts the paints of the Timeline table's rows (the mark: the stage painted with real rows)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched.objectName() == "qt_scrollarea_viewport":
            table = watched.parent()
            if table is not None and table.accessibleName() == "Timeline events":  # type: ignore[attr-defined]
                self.count += 1
        return False


def _window_open_ms(window: object, incident_id: str) -> float:
    """From the library: open the retro (read from the store) and show its Timeline stage, painted."""
    from retro.domain import Stage

    app = QApplication.instance()
    paints = _TablePaints()
    app.installEventFilter(paints)  # type: ignore[union-attr]
    started = clock()
    assert window.open_retro(incident_id, Stage.TIMELINE)  # type: ignore[attr-defined]
    # One turn of the event loop, as after a person's double-click: the layouts, then one paint of
    # the window. (A repaint() first painted it twice: before its layouts were done, then again.)
    app.processEvents()  # type: ignore[union-attr]
    elapsed = (clock() - started) * 1000
    app.removeEventFilter(paints)  # type: ignore[union-attr]
    assert paints.count >= 1, "the Timeline's rows were not painted inside the timed part"
    from PySide6.QtCore import QThreadPool

    QTest.qWait(300)  # the opening readiness check starts after the paint (off the GUI thread from 100 items):
    pool = QThreadPool.globalInstance()  # let it finish outside the timed part, turning the event loop:
    while pool.activeThreadCount():  # waitForDone() keeps the GIL, and a loaded machine's check still
        QTest.qWait(20)  # running then needs it to finish (the bench hung at a load of 4)
    app.processEvents()  # type: ignore[union-attr]
    window.close_retro()  # type: ignore[attr-defined]
    app.processEvents()  # type: ignore[union-attr]
    return elapsed


def _median_ms(fn: object, repeat: int = 5) -> float:
    """``median_ms`` on this benchmark's clock."""
    fn()  # type: ignore[operator]
    samples = []
    for _ in range(repeat):
        started = clock()
        fn()  # type: ignore[operator]
        samples.append((clock() - started) * 1000)
    return statistics.median(samples)


def open_rows(n: int = EVENTS) -> list[Row]:
    """Opening the Timeline stage of a retro of ``n`` events, beside a plain Qt table of its rows."""
    import tempfile

    from retro.services import RetroStore
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    app = QApplication.instance() or QApplication([])
    store = RetroStore(f"sqlite:///{tempfile.mkdtemp(prefix='retro-bench-open-')}/bench.sqlite3")
    incident_id = store.add_retro(build_retro(n))
    retro = store.load(incident_id)
    from ui.models.timeline_model import COLUMN_TITLES, TimelineColumn

    headers = [COLUMN_TITLES[c] if c is not TimelineColumn.TIME else "Time" for c in TimelineColumn]
    # The same cells the stage shows, made beforehand: the floor pays for Qt only.
    from ui.document import RetroDocument
    from ui.models.timeline_model import TimelineModel

    source = TimelineModel(RetroDocument(store, retro))
    cells = [tuple(str(source.data_at(r, c, Qt.ItemDataRole.DisplayRole) or "") for c in range(len(headers)))
             for r in range(source.rowCount())]
    window = MainWindow(store, UiSettings())
    window.resize(*SIZE)
    window.show()
    app.processEvents()
    _stage_ms(store, retro), _plain_table_ms(cells, headers), _window_open_ms(window, incident_id)  # warm up
    ours, floor, via_window = [], [], []
    for _ in range(OPEN_RUNS):
        floor.append(_plain_table_ms(cells, headers))
        ours.append(_stage_ms(store, retro))
        via_window.append(_window_open_ms(window, incident_id))
    window.close()
    read = _median_ms(lambda: store.load(incident_id))
    path = store.url.removeprefix("sqlite:///")
    import sqlite3

    raw = sqlite3.connect(path)
    raw_read = _median_ms(lambda: raw.execute("SELECT * FROM timeline_events WHERE incident_id = ?",
                                             (incident_id,)).fetchall())
    raw.close()
    store.close()  # type: ignore[attr-defined]
    plain = statistics.median(floor)
    return [
        ratio_row(f"open the Timeline stage of {n:,} events, painted", statistics.median(ours), plain,
                  "plain QTableView of the same rows", 2),
        ratio_row(f"open a {n:,}-event retro from the library at Timeline, painted", statistics.median(via_window),
                  plain, "plain QTableView of the same rows", 2),
        ratio_row(f"  of which the store reads the {n:,}-event retro", read, raw_read,
                  "raw sqlite3 SELECT of its events", 2),
    ]


def _keystrokes() -> list[tuple[str, str]]:
    """(key, resulting text): type the query, then delete it again."""
    steps = [(ch, TYPED[: i + 1]) for i, ch in enumerate(TYPED)]
    steps += [("\b", TYPED[:i]) for i in range(len(TYPED) - 1, -1, -1)]
    return steps


def run() -> list[Row]:
    return [*open_rows(1_000), *open_rows(), *filter_rows()]


def filter_rows() -> list[Row]:
    import tempfile

    from retro.services import RetroStore
    from ui.document import RetroDocument
    from ui.stages.timeline import TimelineStage

    app = QApplication.instance() or QApplication([])
    retro = build_retro()
    store = RetroStore(f"sqlite:///{tempfile.mkdtemp(prefix='retro-bench-timeline-')}/bench.sqlite3")
    incident_id = store.add_retro(retro)
    stage = TimelineStage(RetroDocument(store, store.load(incident_id)))
    stage.resize(1600, 1000)
    stage.show()
    app.processEvents()
    stage.filter_edit.setFocus()
    texts = [e.text.casefold() for e in stage.model.event_list()]

    ours: list[float] = []
    floor: list[float] = []
    for _round in range(3):
        for key, text in _keystrokes():
            started = clock()
            if key == "\b":
                QTest.keyClick(stage.filter_edit, Qt.Key.Key_Backspace)
            else:
                QTest.keyClick(stage.filter_edit, key)
            app.processEvents()
            ours.append((clock() - started) * 1000)
            assert stage.filter_edit.text() == text, (stage.filter_edit.text(), text)
            needle = text.casefold()
            started = clock()
            _shown = [t for t in texts if needle in t]
            floor.append((clock() - started) * 1000)
    stage.close()
    median_floor = statistics.median(floor)
    worst = sorted(ours)[int(len(ours) * 0.95)]
    return [
        absolute_row("timeline filter per keystroke, 10k events (median)", statistics.median(ours),
                     median_floor, "list-comprehension substring filter", GOAL_MS),
        absolute_row("timeline filter per keystroke, 10k events (p95)", worst,
                     median_floor, "list-comprehension substring filter", GOAL_MS),
    ]


if __name__ == "__main__":
    from tests.benchmarks.table import render

    print(render(run()))
