"""Timeline filter per keystroke on 10,000 events: the real stage, shown, typed into.

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

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from retro.domain import EventKind, Incident, Retro, TimelineEvent, new_id
from tests.benchmarks.table import Row, absolute_row

EVENTS = 10_000
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


def _keystrokes() -> list[tuple[str, str]]:
    """(key, resulting text): type the query, then delete it again."""
    steps = [(ch, TYPED[: i + 1]) for i, ch in enumerate(TYPED)]
    steps += [("\b", TYPED[:i]) for i in range(len(TYPED) - 1, -1, -1)]
    return steps


def run() -> list[Row]:
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
            started = time.perf_counter()
            if key == "\b":
                QTest.keyClick(stage.filter_edit, Qt.Key.Key_Backspace)
            else:
                QTest.keyClick(stage.filter_edit, key)
            app.processEvents()
            ours.append((time.perf_counter() - started) * 1000)
            assert stage.filter_edit.text() == text, (stage.filter_edit.text(), text)
            needle = text.casefold()
            started = time.perf_counter()
            _shown = [t for t in texts if needle in t]
            floor.append((time.perf_counter() - started) * 1000)
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
