"""The library's recurring-factors tab: groups across incidents, opening one goes to its factor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from retro.demo import build_demo_retro
from retro.domain import Stage
from ui.library.recurrence import NONE_RECUR, RecurrenceModel
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_recurring_tab_groups_factors_seen_twice_and_opens_one(qtbot, qtmodeltester, window: MainWindow) -> None:
    page = window.library
    page.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.recurrence.empty.text() == NONE_RECUR)  # looked for off the GUI thread
    assert page.recurrence.empty.isVisible()
    assert page.recurrence.model.rowCount() == 0

    second = window.store.add_retro(build_demo_retro())
    page.refresh()
    model = page.recurrence.model
    demo = window.store.load(second)
    qtbot.waitUntil(lambda: model.rowCount() == len(demo.factors))
    assert not page.recurrence.empty.isVisible()
    titles = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert titles == {f.title for f in demo.factors.values()}
    assert {model.index(r, 2).data() for r in range(model.rowCount())} == {"2"}
    qtmodeltester.check(model)

    group = model.index(0, 0)
    sighting = model.index(0, 0, group)
    incident_id, factor_id = model.target(sighting)
    tree = page.recurrence.tree
    tree.setFocus()
    tree.setCurrentIndex(sighting)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.workspace
    assert window.document is not None and window.document.incident_id == incident_id
    assert window.workspace.current_stage is Stage.FACTORS
    assert factor_id in window.document.retro.factors


def test_recurrence_model_is_a_well_behaved_tree(qtmodeltester) -> None:
    model = RecurrenceModel()
    qtmodeltester.check(model)
    assert model.target(model.index(0, 0)) is None
