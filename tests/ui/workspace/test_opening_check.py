"""A retro just opened paints first: its findings are never computed on the GUI thread before that.

The navigator and the findings strip say "Checking…" meanwhile (not the last retro's marks, not
"Complete"), and show the retro's own findings once the check is back (issue 14).
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication

from retro.domain import Incident, Retro, Stage, TimelineEvent, new_id
from tests.ui.workspace.harness import open_demo, wait_checked
from ui.main_window import MainWindow
from ui.workspace.navigator import STATUS_ROLE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def status(window: MainWindow, stage: Stage) -> str:
    return window.workspace.stage_model.index(list(Stage).index(stage)).data(STATUS_ROLE)


@pytest.fixture
def checked_on(monkeypatch) -> list[int]:
    """The threads on which ``readiness`` ran, one entry per run."""
    import retro.checks

    threads: list[int] = []
    lock = threading.Lock()
    check = retro.checks.readiness

    def counted(retro):  # type: ignore[no-untyped-def]
        with lock:
            threads.append(threading.get_ident())
        return check(retro)

    monkeypatch.setattr(retro.checks, "readiness", counted)
    return threads


def a_retro_of(n: int) -> Retro:
    start = datetime(2026, 10, 14, 6, 0, tzinfo=UTC)
    incident = Incident(new_id(), f"Checkout slow ({n} events)", timezone="Europe/Berlin")
    events = [TimelineEvent(new_id(), start + timedelta(minutes=i), f"Latency alert number {i} fired")
              for i in range(n)]
    return Retro.of(incident, events)


def test_a_retro_of_hundreds_of_events_is_checked_off_the_gui_thread_after_its_first_paint(
        qtbot, window: MainWindow, checked_on: list[int]) -> None:
    open_demo(window)  # a retro whose marks are on screen, then another opened over it
    incident_id = window.store.add_retro(a_retro_of(300))
    checked_on.clear()
    assert window.open_retro(incident_id, Stage.TIMELINE)
    assert checked_on == []  # nothing checked before the first paint
    assert [status(window, stage) for stage in Stage] == ["Checking…"] * len(Stage)  # not the demo's
    assert "Checking" in window.workspace.findings.text()
    window.repaint()
    QApplication.processEvents()
    wait_checked(window)
    assert len(checked_on) == 1  # once, shared by every view …
    assert threading.get_ident() not in checked_on  # … off the GUI thread
    found = window.document.findings()  # type: ignore[union-attr]
    marks = window.workspace.stage_model
    assert [f.message for stage in Stage for f in marks.findings(stage)] == [
        f.message for stage in Stage for f in found.readiness if f.stage is stage]
    assert "Checking" not in window.workspace.findings.text()
    assert status(window, Stage.TIMELINE) != "Checking…"


def test_a_tiny_retro_is_checked_on_the_gui_thread_just_after_its_first_paint(
        qtbot, window: MainWindow, checked_on: list[int]) -> None:
    assert window.open_retro(window.library.model.summary(0).id)
    assert checked_on == []  # not before the paint …
    assert status(window, Stage.SETUP) == "Checking…"
    QApplication.processEvents()  # … but as soon as the event loop has painted
    assert not window.workspace.stage_model.is_checking()
    assert checked_on == [threading.get_ident()]
    assert status(window, Stage.GROUND_RULES) == "Complete"  # the demo's own marks


def test_a_retro_opened_at_review_says_checking_and_is_checked_off_the_gui_thread_after_its_paint(
        qtbot, window: MainWindow, checked_on: list[int]) -> None:
    from ui.stages.review import CHECKING, ReviewStage

    incident_id = window.store.add_retro(a_retro_of(300))
    assert window.open_retro(incident_id, Stage.REVIEW)
    review = window.workspace.current_view()
    assert isinstance(review, ReviewStage)
    assert checked_on == []  # the Review stage was built without checking the retro
    assert review.findings.is_checking() and review.findings.rowCount() == 0
    assert review.summary.text() == CHECKING
    assert not review.status_button.isVisible() and review.next_step.text() == ""
    window.repaint()
    QApplication.processEvents()
    wait_checked(window)
    qtbot.waitUntil(lambda: not review.findings.is_checking())
    assert len(checked_on) == 1 and threading.get_ident() not in checked_on  # the one shared check
    found = window.document.findings()  # type: ignore[union-attr]
    assert review.findings.findings() == list(found.all) and review.findings.rowCount() > 0
    assert review.summary.text().startswith("Not ready to publish:")
    assert review.next_step.text() != ""
    assert len(checked_on) == 1


def test_a_retro_opened_at_contributing_factors_says_checking_until_its_check_is_back(
        qtbot, window: MainWindow, checked_on: list[int]) -> None:
    from ui.graph.findings_panel import CHECKING, factor_findings
    from ui.stages.factors import FactorsStage

    incident_id = window.store.add_retro(a_retro_of(300))
    assert window.open_retro(incident_id, Stage.FACTORS)
    stage = window.workspace.current_view()
    assert isinstance(stage, FactorsStage)
    assert checked_on == []  # the factor stage was built without checking the retro
    assert stage.findings.checking and stage.findings.summary.text() == CHECKING
    assert stage.findings.list.count() == 0
    window.repaint()
    QApplication.processEvents()
    wait_checked(window)
    qtbot.waitUntil(lambda: not stage.findings.checking)
    assert len(checked_on) == 1 and threading.get_ident() not in checked_on
    expected = factor_findings(window.document.findings())  # type: ignore[union-attr]
    assert stage.findings.findings == expected and expected  # "too few factors" at least
    assert stage.findings.summary.text() != CHECKING
    assert stage.tabs.tabText(stage.tabs.indexOf(stage.findings)) == f"Fi&ndings ({len(expected)})"
    assert len(checked_on) == 1


def test_no_cycle_collection_runs_while_a_retro_opens_and_it_resumes_after_the_first_paint(
        qtbot, window: MainWindow) -> None:
    import gc

    incident_id = window.store.add_retro(a_retro_of(300))
    passes: list[int] = []

    def counted(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    # An open earlier in this process (another test's) resumes collection on the loop's next turn;
    # that turn may not have come yet when tests run in another order (pytest-xdist).
    qtbot.waitUntil(gc.isenabled, timeout=2000)
    gc.callbacks.append(counted)
    try:
        assert window.open_retro(incident_id, Stage.TIMELINE)
        assert passes == [] and not gc.isenabled()  # no pass over the heap before the first paint …
        window.repaint()
        QApplication.processEvents()
        assert gc.isenabled()  # … and collection as before once it has painted
    finally:
        gc.callbacks.remove(counted)
    wait_checked(window)


def test_opening_a_retro_leaves_the_collector_off_when_someone_else_turned_it_off(qtbot, window: MainWindow) -> None:
    import gc

    incident_id = window.store.add_retro(a_retro_of(300))
    gc.disable()
    try:
        assert window.open_retro(incident_id, Stage.TIMELINE)
        window.repaint()
        QApplication.processEvents()
        assert not gc.isenabled()
    finally:
        gc.enable()
    wait_checked(window)
