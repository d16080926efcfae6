"""A statement typed on a stage the facilitator has since left is still kept when the retro closes."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from retro.domain import Stage
from tests.ui.workspace.harness import open_demo, trigger
from ui.main_window import MainWindow


def test_a_draft_on_an_earlier_stage_is_recorded_when_the_retro_closes(qtbot, window: MainWindow) -> None:
    document = open_demo(window)
    window.workspace.go_to(Stage.ACCOUNTABILITY)
    stage = window.workspace.current_view()
    card = next(c for c in stage.cards.values() if c.speaker.participant.name == "Priya Raman")
    card.editor.setFocus()
    qtbot.keyClicks(card.editor, "I paged the wrong rotation first.")
    window.workspace.go_to(Stage.SETUP)
    QApplication.processEvents()

    trigger(window.menus.close_retro_action)

    stored = window.store.load(document.incident_id)
    spoken = {stored.participant_name(s.participant_id): s.text for s in stored.statements.values()}
    assert spoken["Priya Raman"] == "I paged the wrong rotation first."
