"""Time boxes: a countdown per stage that runs on into overtime, and an agenda that sets them."""

from __future__ import annotations

from retro.domain import Stage
from ui.settings import DEFAULT_TIME_BOXES, UiSettings
from ui.widgets.timebox import AgendaDialog, StageClock, countdown_text


def test_countdown_text() -> None:
    assert countdown_text(15 * 60) == "15:00"
    assert countdown_text(61) == "01:01"
    assert countdown_text(0) == "00:00"
    assert countdown_text(-80) == "\u221201:20 over"


def test_default_agenda_is_sixty_minutes() -> None:
    assert sum(DEFAULT_TIME_BOXES.values()) == 60


def test_clock_counts_down_per_stage_and_resets(qtbot) -> None:
    settings = UiSettings()
    for stage, minutes in DEFAULT_TIME_BOXES.items():
        settings.set_time_box(stage, minutes)
    clock = StageClock(settings)
    seen: list[int] = []
    clock.ticked.connect(lambda remaining, _total, _running: seen.append(remaining))
    clock.set_stage(Stage.GROUND_RULES)
    clock.tick(30)
    assert clock.text() == "01:30"
    clock.tick(100)
    assert clock.text() == "\u221200:10 over"
    clock.set_stage(Stage.SETUP)
    assert clock.text() == "03:00"  # each stage has its own
    clock.set_stage(Stage.GROUND_RULES)
    assert clock.remaining() == -10
    clock.reset()
    assert clock.text() == "02:00"
    assert seen[-1] == 120
    clock.start()
    assert clock.is_running()
    clock.pause()
    assert not clock.is_running()


def test_agenda_dialog_stores_time_boxes(qtbot) -> None:
    settings = UiSettings()
    dialog = AgendaDialog(settings)
    qtbot.addWidget(dialog)
    dialog._defaults()
    assert dialog.total.text() == "Total: 60 min"
    dialog.spins[Stage.TIMELINE].setValue(20)
    assert dialog.total.text() == "Total: 65 min"
    dialog.accept()
    assert settings.time_box(Stage.TIMELINE) == 20
    again = AgendaDialog(settings)
    qtbot.addWidget(again)
    again._defaults()
    again.accept()
    assert settings.time_box(Stage.TIMELINE) == DEFAULT_TIME_BOXES[Stage.TIMELINE]
