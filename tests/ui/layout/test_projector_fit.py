"""The projector reads and fits at every room's resolution, focuses on a factor, and finds its screen.

Sizes are measured as a person at the back of the room meets them: the pixel size of the font
each label is drawn in (``QFontInfo``), at the size of the projector window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget

from retro.domain import Stage
from tests.ui.layout.layout_check import layout_problems
from tests.ui.workspace.harness import open_demo
from ui.graph.focus_view import FocusPanel
from ui.graph.projector import ProjectorGraph
from ui.main_window import MainWindow
from ui.projector.screens import projector_screen
from ui.projector.window import ProjectorWindow
from ui.theme import projector_text_pixels

ROOMS = [(1024, 768), (1280, 720), (1920, 1080), (3840, 2160)]
READABLE = 24


def settle(qtbot) -> None:
    for _ in range(4):
        QApplication.processEvents()
        qtbot.wait(5)


@pytest.fixture
def projector(qtbot, window: MainWindow) -> ProjectorWindow:
    open_demo(window)
    window.toggle_projector()
    assert window.projector is not None and window.projector.isVisible()
    return window.projector


def shown_text_pixels(root: QWidget) -> dict[str, int]:
    """The drawn pixel size of every visible label's and list's text under ``root``."""
    sizes = {}
    for widget in root.findChildren(QWidget):
        if widget.isVisible() and ((isinstance(widget, QLabel) and widget.text()) or isinstance(widget,
                                                                                              QAbstractItemView)):
            name = widget.text()[:40] if isinstance(widget, QLabel) else widget.accessibleName()
            sizes[f"{type(widget).__name__} {name!r}"] = QFontInfo(widget.font()).pixelSize()
    return sizes


@pytest.mark.parametrize("size", ROOMS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_stage_fits_the_projector_with_nothing_cut(qtbot, window: MainWindow, projector: ProjectorWindow,
                                                        size: tuple[int, int]) -> None:
    projector.resize(*size)
    found = []
    for stage in Stage:
        window.go_to_stage(stage)
        settle(qtbot)
        assert projector.size().toTuple() == size
        found += [f"{stage.label}: {p}" for p in layout_problems(projector, size)]
        assert projector.countdown.isVisible() and projector.countdown.text()
    assert not found, "\n".join(found)


def test_projector_text_follows_the_window_and_reads_from_the_back_at_720p(
        qtbot, window: MainWindow, projector: ProjectorWindow) -> None:
    projector.resize(1280, 720)
    for stage in Stage:
        window.go_to_stage(stage)
        settle(qtbot)
        small = {k: v for k, v in shown_text_pixels(projector).items() if v < READABLE}
        assert not small, f"{stage.label}: text under {READABLE} px at 1280×720: {small}"
    window.go_to_stage(Stage.TIMELINE)
    settle(qtbot)
    body = QFontInfo(projector.content.list.font()).pixelSize()
    assert body >= READABLE
    projector.resize(3840, 2160)
    settle(qtbot)
    assert QFontInfo(projector.content.list.font()).pixelSize() >= 2.5 * body  # a 4K room gets 4K type
    projector.resize(1024, 768)
    settle(qtbot)
    assert QFontInfo(projector.content.list.font()).pixelSize() >= READABLE
    assert projector_text_pixels(1280, 720) == 24 and projector_text_pixels(1920, 1080) == 36


def test_focus_mode_shows_the_selected_factor_with_its_causes_and_effects_at_24_px(
        qtbot, window: MainWindow, projector: ProjectorWindow) -> None:
    document = window.document
    assert document is not None
    projector.resize(1280, 720)
    window.go_to_stage(Stage.FACTORS)
    settle(qtbot)
    stage = window.workspace.current_view()
    mirror = projector.content
    assert isinstance(mirror, ProjectorGraph) and not mirror.focused()
    retro = document.retro
    busiest = max(retro.factors, key=lambda f: sum(f in (link.cause_id, link.effect_id)
                                                   for link in retro.links.values()))
    stage.focus_target(busiest)
    settle(qtbot)
    # F on the canvas toggles the close-up (the facilitator's window has the keyboard)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    stage.view.setFocus()
    qtbot.keyClick(stage.view, "f")
    settle(qtbot)
    assert mirror.focused()
    panel = mirror.focus
    assert isinstance(panel, FocusPanel) and panel.isVisible()
    causes = {retro.factors[link.cause_id].title if link.cause_id in retro.factors else retro.impacts[
        link.cause_id].title for link in retro.links.values() if link.effect_id == busiest}
    effects = {(retro.factors.get(link.effect_id) or retro.impacts[link.effect_id]).title
               for link in retro.links.values() if link.cause_id == busiest}
    titles = panel.titles()
    assert titles[0] == retro.factors[busiest].title
    assert set(titles[1:]) == causes | effects  # every direct cause and effect fits at 720p
    for card in panel.cards:
        assert QFontInfo(card.title.font()).pixelSize() >= READABLE, card.title.text()
    assert not layout_problems(projector, (1280, 720))
    # it follows the facilitator's selection
    other = next(f for f in retro.factors if f != busiest)
    stage.focus_target(other)
    settle(qtbot)
    assert panel.titles()[0] == retro.factors[other].title
    # and F goes back to the whole graph, fitted to the space
    qtbot.keyClick(stage.view, "f")
    settle(qtbot)
    assert not mirror.focused() and mirror.view.isVisible()
    seen = mirror.view.mapToScene(mirror.view.viewport().rect()).boundingRect()
    graph = mirror.view.scene().itemsBoundingRect()
    assert seen.adjusted(-2, -2, 2, 2).contains(graph)
    # the graph fills the space in one direction at least
    assert graph.width() >= 0.85 * seen.width() or graph.height() >= 0.85 * seen.height()


#: The whole graph's card text, as drawn on the projector (pixels): the bar for the back of the room.
BOARD_READABLE = 18


def add_factors(document, count: int) -> None:
    """``count`` more factors, each leading to one of the demo's (a deeper, wider graph)."""
    from retro.domain import Edit, Factor, FactorCategory, FactorLink, new_id

    olds = sorted(document.retro.factors)
    categories = list(FactorCategory)
    for n in range(count):
        factor = Factor(new_id(), f"Another reason number {n} that played a part in how this went",
                        categories[n % len(categories)])
        link = FactorLink(new_id(), factor.id, olds[(n * 3) % len(olds)])
        assert document.edit("Add factor", Edit.of(upsert=[factor, link]))


@pytest.mark.parametrize("extra", [0, 11], ids=["demo", "20 factors"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_whole_graph_reads_from_the_back_of_the_room(qtbot, window: MainWindow, projector: ProjectorWindow,
                                                         extra: int, size: tuple[int, int]) -> None:
    document = window.document
    assert document is not None
    add_factors(document, extra)
    assert len(document.retro.factors) == 9 + extra
    projector.resize(*size)
    window.go_to_stage(Stage.FACTORS)
    settle(qtbot)
    mirror = projector.content
    assert isinstance(mirror, ProjectorGraph) and not mirror.focused()
    view = mirror.view
    board = view.board
    assert set(board.cards) == {*document.retro.factors, *document.retro.impacts}
    # the card text as the room meets it: the font's pixel size times the board's scale on screen
    drawn = view.card_text_pixels()
    assert drawn >= BOARD_READABLE * size[1] / 720, f"card text {drawn:.1f} px at {size}"
    # every card is in the picture, none overlaps another, and none is cut (once the fit that
    # follows the resize has run: on a loaded machine that takes more than the settle above)
    def all_in_view() -> bool:
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        return all(seen.contains(r) for r in card_rects()) and view.hidden == 0

    def card_rects() -> list:
        return [card.sceneBoundingRect().adjusted(6, 6, -6, -6) for card in board.cards.values()]

    qtbot.waitUntil(all_in_view, timeout=5000)
    rects = card_rects()
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    assert not mirror.more.isVisible()
    assert not layout_problems(projector, size)
    assert mirror.legend.height() >= mirror.legend.heightForWidth(mirror.legend.width())  # every line of it
    # no arrow passes behind a card it does not connect
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QGraphicsPathItem

    for arrow in [i for i in board.items() if isinstance(i, QGraphicsPathItem)]:
        path = arrow.path()
        head = path.elementAt(path.elementCount() - 1)  # a corner of the arrow head, at the effect card
        ends = (path.pointAtPercent(0), QPointF(head.x, head.y))
        own = [r for r in rects if any(r.adjusted(-12, -12, 12, 12).contains(e) for e in ends)]
        behind = [r for r in rects if r not in own and any(
            r.adjusted(4, 4, -4, -4).contains(path.pointAtPercent(k / 60)) for k in range(61))]
        assert not behind, f"an arrow passes behind {behind}"
    # fewer words per card (the close-up shows the full title), cut at a word, never mid-word
    for node_id, card in board.cards.items():
        entity = document.retro.factors.get(node_id) or document.retro.impacts[node_id]
        assert card.lines and len(card.lines) <= card.card_shape.lines
        shown = " ".join(card.lines).replace(" …", "").rstrip("…")
        assert shown.split()[0] == entity.title.split()[0]
    # the facilitator's selection is outlined on the board
    stage = window.workspace.current_view()
    target = sorted(document.retro.factors)[0]
    stage.focus_target(target)
    settle(qtbot)
    assert board.cards[target].highlighted and sum(c.highlighted for c in board.cards.values()) == 1


def test_a_graph_too_large_to_read_whole_keeps_the_selection_in_view_and_says_what_is_out(
        qtbot, window: MainWindow, projector: ProjectorWindow) -> None:
    document = window.document
    assert document is not None
    add_factors(document, 40)
    projector.resize(1280, 720)
    window.go_to_stage(Stage.FACTORS)
    settle(qtbot)
    mirror = projector.content
    view = mirror.view
    assert view.card_text_pixels() >= BOARD_READABLE  # never smaller than the bar
    assert view.hidden > 0 and mirror.more.isVisible()
    assert f"{view.hidden} more cards" in mirror.more.text()
    stage = window.workspace.current_view()
    for target in sorted(document.retro.factors)[::7]:
        stage.focus_target(target)
        settle(qtbot)
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        assert seen.contains(view.board.cards[target].sceneBoundingRect().adjusted(6, 6, -6, -6))


def test_focus_mode_with_many_causes_sums_up_those_that_do_not_fit(qtbot, window: MainWindow,
                                                                   projector: ProjectorWindow) -> None:
    from retro.domain import Edit, Factor, FactorLink, new_id

    document = window.document
    assert document is not None
    target = next(iter(document.retro.factors))
    for n in range(9):
        factor = Factor(new_id(), f"Another reason number {n} that played a part in this outcome")
        assert document.edit("Add factor", Edit.of(upsert=[factor, FactorLink(new_id(), factor.id, target)]))
    projector.resize(1280, 720)
    window.go_to_stage(Stage.FACTORS)
    stage = window.workspace.current_view()
    stage.focus_target(target)
    stage.toggle_projector_focus()
    settle(qtbot)
    panel = projector.content.focus
    more = [w for w in panel.findChildren(QLabel, "FocusMore") if w.isVisible()]
    assert more and "more" in more[0].text()
    assert not layout_problems(projector, (1280, 720))
    assert all(QFontInfo(c.title.font()).pixelSize() >= READABLE for c in panel.cards)


# -- which screen ----------------------------------------------------------------------------


class FakeScreen:
    def __init__(self, name: str) -> None:
        self._name = name

    def name(self) -> str:
        return self._name


def test_the_projector_screen_is_never_the_facilitators() -> None:
    laptop, beamer, tv = FakeScreen("laptop"), FakeScreen("beamer"), FakeScreen("tv")
    assert projector_screen([laptop], laptop) is None
    assert projector_screen([laptop, beamer], laptop) is beamer
    assert projector_screen([laptop, beamer], beamer) is laptop
    assert projector_screen([laptop, beamer, tv], beamer, laptop) is laptop
    assert projector_screen([laptop, beamer], None, laptop) is beamer
    assert projector_screen([laptop, beamer], FakeScreen("gone"), beamer) is laptop


SCREEN_SCRIPT = textwrap.dedent("""
    import json, sys
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication
    from ui.projector import window as projector_module
    from ui.projector.window import ProjectorWindow

    app = QApplication([])
    laptop, beamer = app.screens()
    seen = {}
    win = ProjectorWindow()
    win.present(laptop)
    app.processEvents()
    seen["with two"] = [win.screen().name(), win.isFullScreen(), list(win.geometry().getRect())]
    win.present(beamer)  # the facilitator's window moved to the other screen
    app.processEvents()
    seen["facilitator moved"] = [win.screen().name(), win.isFullScreen()]
    win.present(laptop)
    app.processEvents()
    # unplugged: Qt tells the window through screenRemoved; offscreen cannot unplug, so the list shrinks
    projector_module.QGuiApplication.screens = staticmethod(lambda: [laptop])
    win._screens_changed(beamer)
    for _ in range(3):
        app.processEvents()
    seen["unplugged"] = [win.isFullScreen(), win.width() <= 1366, win.height() <= 768]
    projector_module.QGuiApplication.screens = staticmethod(lambda: [laptop, beamer])
    win._screens_changed(beamer)
    for _ in range(3):
        app.processEvents()
    seen["plugged in again"] = [win.screen().name(), win.isFullScreen()]
    seen["text px"] = win.text_pixels
    print(json.dumps(seen))
""")


def test_with_a_second_screen_it_goes_full_screen_there_and_follows_plugging(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "Laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "dpr": 1},
        {"name": "Projector", "x": 1366, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96, "dpr": 1},
    ]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", RETRO_TESTING="1")
    result = subprocess.run([sys.executable, "-c", SCREEN_SCRIPT], capture_output=True, text=True, env=env,
                            cwd=Path(__file__).resolve().parents[3], timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["with two"] == ["Projector", True, [1366, 0, 1280, 720]]
    assert seen["facilitator moved"] == ["Laptop", True]
    assert seen["unplugged"] == [False, True, True]
    assert seen["plugged in again"] == ["Projector", True]
    assert seen["text px"] == 24  # sized for the projector it is on


def test_the_view_menu_toggles_the_close_up_too(qtbot, window: MainWindow, projector: ProjectorWindow) -> None:
    from tests.ui.workspace.harness import trigger

    projector.resize(1280, 720)
    window.go_to_stage(Stage.FACTORS)
    stage = window.workspace.current_view()
    stage.focus_target(next(iter(window.document.retro.factors)))
    trigger(window.menus.projector_focus_action)
    settle(qtbot)
    assert projector.content.focused()
    window.go_to_stage(Stage.TIMELINE)
    window.go_to_stage(Stage.FACTORS)  # a new mirror on coming back keeps the close-up
    settle(qtbot)
    assert isinstance(projector.content, ProjectorGraph) and projector.content.focused()
    trigger(window.menus.projector_focus_action)
    settle(qtbot)
    assert not projector.content.focused()


# -- the room knows more follows ----------------------------------------------------------------


def test_the_timeline_follows_the_selected_event_and_says_what_is_above_and_below(
        qtbot, window: MainWindow, projector: ProjectorWindow) -> None:
    projector.resize(1280, 720)
    window.go_to_stage(Stage.TIMELINE)
    settle(qtbot)
    panel = projector.content
    rows = panel.list
    total = rows.model().rowCount()
    assert total > 20  # the demo's timeline is longer than one picture

    def fully_shown() -> list[int]:
        height = rows.viewport().height()
        return [r for r in range(total) if (rect := rows.visualRect(rows.model().index(r, 0))).top() >= 0
                and rect.bottom() <= height]

    def counts() -> tuple[str, str]:
        return (panel.more.above.text() if panel.more.above.isVisible() else "",
                panel.more.below.text() if panel.more.below.isVisible() else "")

    shown = fully_shown()
    assert shown[0] == 0
    qtbot.waitUntil(lambda: counts() == ("", f"▼ {total - len(shown)} more below"))
    stage = window.workspace.current_view()
    for row in (total // 2, total - 1, 0):
        stage.focus_target(panel.event_id_at(row))
        settle(qtbot)
        shown = fully_shown()
        assert row in shown and rows.highlighted_row() == row  # the facilitator's event is in view
        above, below = shown[0], total - 1 - shown[-1]
        assert counts() == (f"▲ {above} earlier" if above else "", f"▼ {below} more below" if below else "")
        assert above + below + len(shown) == total
        assert not layout_problems(projector, (1280, 720))
    assert counts()[0] == ""  # back at the first event, nothing is hidden above it
    # a line in the room's size, in the projector's yellow
    assert QFontInfo(panel.more.below.font()).pixelSize() >= READABLE


# -- the Review slide ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_review_slide_shows_factors_by_category_actions_by_role_and_what_is_missing(
        qtbot, window: MainWindow, projector: ProjectorWindow, size: tuple[int, int]) -> None:
    from dataclasses import replace

    from retro.domain import Edit
    from tests.ui.workspace.harness import wait_checked
    from ui.models.actions_model import due_order
    from ui.projector.review_view import ReviewProjector

    document = window.document
    assert document is not None
    retro = document.retro
    assert not retro.incident.projector_shows_roles  # names, as on the Actions slide (test_review_names.py)
    projector.resize(*size)
    window.go_to_stage(Stage.REVIEW)
    settle(qtbot)
    slide = projector.content
    assert isinstance(slide, ReviewProjector)
    texts = slide.texts()
    assert texts[0].startswith(f"{len(retro.factors)} contributing factors:")
    for category in {f.category for f in retro.factors.values()}:
        count = sum(f.category is category for f in retro.factors.values())
        assert f"{category.label} {count}".replace(" ", "\u00a0") in texts[0]
    assert texts[1] == f"Actions · {len(retro.actions)}"
    lines = texts[2:2 + len(retro.actions)]
    dues = [a.due for a in sorted(retro.actions.values(), key=due_order)]
    for line, due in zip(lines, dues, strict=True):
        assert f"due {due.strftime('%a %d %b')}" in line if due else "no due date yet" in line
    everything = "\n".join(texts)
    assert any(person.name in everything for person in retro.people())  # the option is off
    assert "Nothing blocks the report" in everything
    assert not layout_problems(projector, size)
    small = {k: v for k, v in shown_text_pixels(projector).items() if v < READABLE * size[1] / 720}
    assert not small, small
    # what is still missing comes from the shared findings, and follows the edits
    assert document.edit("Clear summary", Edit(incident=replace(retro.incident, summary="")))
    wait_checked(window)
    qtbot.waitUntil(lambda: slide.missing_heading.text() == "Still missing · 1")
    assert any("short summary" in t for t in slide.texts())
    assert document.findings().readiness[0].message in slide.texts()
    assert not layout_problems(projector, size)


def test_moving_from_a_1080p_screen_to_a_720p_one_fits_the_factors_stage(
        qtbot, window: MainWindow, projector: ProjectorWindow) -> None:
    projector.resize(1920, 1080)
    window.go_to_stage(Stage.FACTORS)
    settle(qtbot)
    projector.resize(1280, 720)  # the legend's 36 px minimum once held the window at 1280×835
    settle(qtbot)
    assert projector.size().toTuple() == (1280, 720)
    assert not layout_problems(projector, (1280, 720))
    legend = projector.content.legend  # painted by hand: the layout check cannot see its lines cut
    assert legend.height() >= legend.heightForWidth(legend.width())


def test_the_boards_legend_keys_only_what_the_cards_do_not_say(qtbot, window: MainWindow,
                                                               projector: ProjectorWindow) -> None:
    from retro.domain import FactorCategory

    projector.resize(1280, 720)
    window.go_to_stage(Stage.FACTORS)
    settle(qtbot)
    legend = projector.content.legend
    labels = [label for _, label in legend.entries()]
    assert not {c.label for c in FactorCategory} & set(labels)  # each card's band names its category
    assert labels == ["Impact (what customers felt)"]  # the demo has no feedback loop: none keyed
    assert legend.heightForWidth(legend.width()) == legend.heightForWidth(100_000)  # one line at 720p
    from retro.domain import Edit, FactorLink, new_id

    document = window.document
    assert document is not None
    retro = document.retro
    link = next(link for link in retro.links.values() if link.effect_id in retro.factors)
    assert document.edit("Loop", Edit.of(upsert=[FactorLink(new_id(), link.effect_id, link.cause_id)]))
    settle(qtbot)
    assert projector.content.view.board.loop_drawn
    assert [label for _, label in legend.entries()][-1] == "Feedback loop"  # drawn now: keyed
    for card in projector.content.view.board.cards.values():
        assert card.band  # named on the card itself


def test_the_board_cuts_no_title_when_the_picture_has_room_for_its_lines(
        qtbot, window: MainWindow, projector: ProjectorWindow) -> None:
    projector.resize(1920, 1080)
    window.go_to_stage(Stage.FACTORS)
    settle(qtbot)
    board = projector.content.view.board
    cut = [" ".join(card.lines) for card in board.cards.values() if " ".join(card.lines).endswith("…")]
    assert not cut, cut
    assert projector.content.view.card_text_pixels() >= 0.75 * 24 * 1080 / 720 - 1  # not below the floor
