# ruff: noqa: F811  (pytest fixtures imported from the shared harness)
"""Ground rules: the blameless norms in large type, stepped through by keyboard for reading aloud."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from retro.domain import Stage
from tests.ui.workspace.harness import demo_store, open_demo, trigger, window  # noqa: F401
from ui.main_window import MainWindow
from ui.stages.ground_rules import GROUND_RULES, GroundRulesStage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_rules_are_in_our_words_and_never_say_root_cause() -> None:
    texts = " ".join(f"{r.rule} {r.why}" for r in GROUND_RULES).lower()
    assert "hard on systems, soft on people" in texts
    assert "the leader speaks first" in texts
    assert "elmo" in texts
    assert "root cause" not in texts


def test_arrow_keys_step_through_rules_and_emit_the_selection(qtbot, window: MainWindow) -> None:
    open_demo(window)
    trigger(window.menus.stage_actions[list(Stage).index(Stage.GROUND_RULES)])
    stage = window.workspace.current_view()
    assert isinstance(stage, GroundRulesStage)
    first = stage.cards[GROUND_RULES[0].key]
    first.setFocus()
    with qtbot.waitSignal(stage.selection_changed) as signal:
        qtbot.keyClick(first, Qt.Key.Key_Down)
    assert signal.args == [GROUND_RULES[1].key]
    assert stage.cards[GROUND_RULES[1].key].property("current") is True
    assert first.property("current") is False
    assert stage.cards[GROUND_RULES[1].key].hasFocus()
    assert stage.cards[GROUND_RULES[1].key].accessibleName().startswith("Ground rule 2:")
