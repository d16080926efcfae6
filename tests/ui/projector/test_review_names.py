"""The Review slide names people as the Actions slide before it does: by the projector option."""

from __future__ import annotations

from dataclasses import replace

import pytest

from retro.domain import Edit, Stage
from tests.ui.workspace.harness import open_demo, trigger
from ui.main_window import MainWindow
from ui.projector.review_view import ReviewProjector
from ui.projector.stage_views import ActionsProjector

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def slides(window: MainWindow) -> tuple[list[str], list[str]]:
    """(the Actions slide's lines, the Review slide's action lines)."""
    window.go_to_stage(Stage.ACTIONS)
    actions = window.projector.content
    assert isinstance(actions, ActionsProjector)
    action_lines = actions.lines()
    window.go_to_stage(Stage.REVIEW)
    review = window.projector.content
    assert isinstance(review, ReviewProjector)
    texts = review.texts()
    return action_lines, texts[2:2 + len(action_lines)]


@pytest.mark.parametrize("roles", [False, True], ids=["names", "roles"])
def test_the_review_slide_follows_the_projector_option_order_and_status_of_the_actions_slide(
        qtbot, window: MainWindow, roles: bool) -> None:
    document = open_demo(window)
    trigger(window.menus.projector_action)
    if roles:
        assert document.edit("Roles", Edit(incident=replace(document.retro.incident, projector_shows_roles=True)))
    action_lines, review_lines = slides(window)
    assert len(action_lines) == len(document.retro.actions) > 2
    for action_line, review_line in zip(action_lines, review_lines, strict=True):
        title, details = action_line.split("\n")
        owner, _due, status = details.split("  ·  ")
        assert review_line.startswith(f"{title} — {owner} · "), (action_line, review_line)
        assert review_line.endswith(f" · {status}"), (action_line, review_line)
    names = [p.name for p in document.retro.people()]
    everything = "\n".join(review_lines)
    assert any(name in everything for name in names) is not roles


def test_the_category_line_wraps_between_items_never_before_a_dot(qtbot) -> None:
    from PySide6.QtGui import QFont, QTextLayout

    from retro.demo import build_demo_retro
    from ui.projector.review_view import factor_counts_text

    text = factor_counts_text(build_demo_retro())
    font = QFont()
    font.setPixelSize(24)
    for width in range(200, 1400, 7):
        layout = QTextLayout(text, font)
        layout.beginLayout()
        starts = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            starts.append(text[line.textStart():line.textStart() + line.textLength()].lstrip())
        layout.endLayout()
        assert not [s for s in starts if s.startswith("·")], (width, starts)
