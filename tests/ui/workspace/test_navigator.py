"""The stage navigator: seven stages, each marked complete or with what is missing; keyboard navigation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from retro.checks import Findings
from retro.domain import Finding, Level, Severity, Stage
from tests.ui.workspace.harness import trigger, wait_checked
from ui.main_window import MainWindow
from ui.stages.setup import SetupStage
from ui.workspace.navigator import STATUS_ROLE, StageListModel, stage_status
from ui.workspace.stage_editors import StagePlaceholder

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def status(window: MainWindow, stage: Stage) -> str:
    model = window.workspace.stage_model
    return model.index(list(Stage).index(stage)).data(STATUS_ROLE)


def test_stage_model_passes_the_model_tester(qtmodeltester) -> None:
    model = StageListModel()
    model.set_findings([Finding("x", Level.BLOCKER, "Write a summary.", Stage.SETUP)])
    qtmodeltester.check(model)
    assert model.rowCount() == 7
    assert model.index(0).data() == "1. Setup"
    assert model.index(3).data() == "4. Contributing factors"
    assert "Write a summary." in model.index(0).data(Qt.ItemDataRole.ToolTipRole)


def test_status_text() -> None:
    b = Finding("b", Level.BLOCKER, "", Stage.SETUP)
    w = Finding("w", Level.WARNING, "", Stage.SETUP)
    assert stage_status([]) == "Complete"
    assert stage_status([b, b, w]) == "2 blockers · 1 warning"
    assert stage_status([w, w]) == "2 warnings"


def test_a_new_retro_shows_what_is_missing_and_marks_update_on_edit(qtbot, window: MainWindow) -> None:
    window.library.create_named("Search index stopped updating", Severity.SEV3)
    wait_checked(window)  # the opening check follows the first paint
    assert "blocker" in status(window, Stage.SETUP)
    assert "Write a short summary" in window.workspace.findings.text()
    before = status(window, Stage.SETUP)
    setup = window.workspace.current_view()
    assert isinstance(setup, SetupStage)
    area = setup.text_fields["summary"]
    area.setFocus()
    qtbot.keyClicks(area, "The search indexer stalled for two hours.")
    area.clearFocus()
    after = status(window, Stage.SETUP)
    assert int(after.split()[0]) == int(before.split()[0]) - 1
    assert "Write a short summary" not in window.workspace.findings.text()
    assert "blocker" in status(window, Stage.TIMELINE)


def test_ctrl_number_and_the_list_move_between_stages(qtbot, window: MainWindow) -> None:
    window.open_retro(window.library.model.summary(0).id)
    trigger(window.menus.stage_actions[1])
    assert window.workspace.current_stage is Stage.GROUND_RULES
    assert window.workspace.stage_title.text() == "2. Ground rules"
    nav = window.workspace.navigator
    nav.setFocus()
    qtbot.keyClick(nav, Qt.Key.Key_Down)
    assert window.workspace.current_stage is Stage.TIMELINE
    for number, stage in enumerate(Stage):
        trigger(window.menus.stage_actions[number])
        assert window.workspace.current_stage is stage
        view = window.workspace.current_view()
        assert view is window.workspace.host.currentWidget()
        assert not isinstance(view, StagePlaceholder) or view.stage is stage


def test_stage_actions_are_disabled_in_the_library(window: MainWindow) -> None:
    assert not window.menus.stage_actions[0].isEnabled()
    assert not window.menus.close_retro_action.isEnabled()


def test_keyboard_shortcuts_help_lists_the_menus_shortcuts(qtbot, window: MainWindow) -> None:
    trigger(window.menus.shortcuts_action)
    dialog = next(d for d in window.findChildren(QDialog) if d.windowTitle() == "Keyboard shortcuts")
    text = dialog.findChild(QLabel).text()
    for expected in ("Projector view", "F5", "Ctrl+1", "3. Timeline", "Review &amp; export…", "Ctrl+E", "Ctrl+Z"):
        assert expected in text
    dialog.close()


def test_a_large_retro_gets_its_marks_off_the_gui_thread_and_stale_ones_are_dropped(
        qtbot, window: MainWindow, monkeypatch) -> None:
    import ui.shared_findings as shared

    monkeypatch.setattr(shared, "LARGE_RETRO", 1)  # every retro counts as large here
    window.library.create_named("Search index stopped updating", Severity.SEV3)
    qtbot.waitUntil(lambda: "blocker" in status(window, Stage.SETUP), timeout=5000)
    assert "Write a short summary" in window.workspace.findings.text()
    document = window.document
    assert document is not None
    checks = document._findings
    stale = shared._Check(checks._generation - 1, document.retro)  # an older check's answer arrives late
    stale.result = Findings((), (), ())  # taken, it would clear every mark
    checks._check_back(stale)
    QApplication.processEvents()
    assert "blocker" in status(window, Stage.SETUP)  # ignored
    assert "Write a short summary" in window.workspace.findings.text()
