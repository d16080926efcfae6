"""View ▸ Theme: System, Light or Dark, applied live to every widget (the canvas too) and remembered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from retro.domain import Stage
from tests.ui.workspace.harness import open_demo, trigger
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.theme import ThemeMode, apply_theme_mode, is_dark
from ui.widgets.banner import Banner


def lightness(colour: str | QColor) -> float:
    return QColor(colour).lightnessF()


@pytest.fixture
def light_afterwards() -> Iterator[None]:
    yield
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme_mode(app, ThemeMode.LIGHT)


def test_dark_theme_reaches_the_canvas_legend_and_private_notes_and_is_remembered(
        qtbot, window: MainWindow, light_afterwards: None) -> None:
    open_demo(window)
    window.go_to_stage(Stage.FACTORS)
    factors = window.workspace.current_view()
    window.go_to_stage(Stage.ACCOUNTABILITY)
    accountability = window.workspace.current_view()
    private = accountability.private_marking
    assert isinstance(private, Banner)
    trigger(window.menus.theme_actions[ThemeMode.LIGHT])
    assert not is_dark()
    assert lightness(factors.scene.backgroundBrush().color()) > 0.8
    light_banner = private.styleSheet()

    trigger(window.menus.theme_actions[ThemeMode.DARK])
    assert is_dark()
    app = QApplication.instance()
    assert lightness(app.palette().color(QPalette.ColorRole.Window)) < 0.3
    assert lightness(factors.scene.backgroundBrush().color()) < 0.2  # the canvas
    card = next(iter(factors.scene.cards.values()))
    assert lightness(card.style.card_fill) < 0.3 and lightness(card.style.card_text) > 0.8
    assert lightness(factors.legend._style.background) < 0.2  # the legend
    assert private.styleSheet() != light_banner  # the private-notes marking
    background = private.styleSheet().split("background:")[1].split(";")[0].strip()
    assert lightness(background) < 0.3
    assert window.menus.theme_actions[ThemeMode.DARK].isChecked()
    assert UiSettings().theme_mode() is ThemeMode.DARK  # remembered for the next start

    trigger(window.menus.theme_actions[ThemeMode.LIGHT])
    assert lightness(factors.scene.backgroundBrush().color()) > 0.8
    assert private.styleSheet() == light_banner
    assert UiSettings().theme_mode() is ThemeMode.LIGHT


def test_system_theme_follows_the_desktop(qtbot, window: MainWindow, light_afterwards: None) -> None:
    from ui.theme import system_prefers_dark

    trigger(window.menus.theme_actions[ThemeMode.SYSTEM])
    assert is_dark() == system_prefers_dark()
    assert UiSettings().theme_mode() is ThemeMode.SYSTEM
