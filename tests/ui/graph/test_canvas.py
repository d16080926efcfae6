"""The canvas, driven with a real mouse and keyboard on the view's viewport."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from retro.domain import Edit, FactorLink, new_id
from tests.ui.models.support import as_shown
from ui.document import RetroDocument
from ui.graph.arrows import LinkArrow
from ui.graph.editing import NEW_FACTOR_TITLE
from ui.graph.items import FactorCard
from ui.graph.title_editor import TitleEditor

from .conftest import Canvas

# The offscreen platform cannot propagate size hints of top-level windows; nothing to fix in our code.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

A, B, C = "Pool size follows worker count", "Config skips the canary", "Nobody owns the connection budget"


def test_scene_mirrors_the_document(canvas: Canvas) -> None:
    retro = canvas.document.retro
    assert set(canvas.scene.cards) == set(retro.factors)
    assert set(canvas.scene.impacts) == set(retro.impacts)
    assert set(canvas.scene.arrows) == set(retro.links)
    for factor in retro.factors.values():
        card = canvas.scene.cards[factor.id]
        assert (card.x(), card.y()) == (factor.x, factor.y)
        assert as_shown(card.toolTip()).endswith(factor.title)


def test_double_click_on_empty_canvas_adds_a_factor_there_as_one_step(canvas: Canvas) -> None:
    spot = QPointF(300, 600)
    canvas.double_click(spot)
    retro = canvas.document.retro
    assert len(retro.factors) == 4
    new = next(f for f in retro.factors.values() if f.title == NEW_FACTOR_TITLE)
    card = canvas.scene.cards[new.id]
    assert card.scene_rect().contains(spot)
    assert card.isSelected()
    assert isinstance(canvas.scene.focusItem(), TitleEditor)  # ready for typing
    assert canvas.undo_texts() == ["Add contributing factor"]

    canvas.key(Qt.Key.Key_Escape)  # keep the default title
    canvas.document.undo_stack.undo()
    assert new.id not in canvas.document.retro.factors
    assert new.id not in canvas.scene.cards
    canvas.document.undo_stack.redo()
    assert new.id in canvas.scene.cards


def test_insert_key_adds_a_factor_and_typing_names_it(canvas: Canvas) -> None:
    canvas.key(Qt.Key.Key_Insert)
    QTest.keyClicks(canvas.view, "Retry storm after restarts")
    canvas.key(Qt.Key.Key_Return)
    titles = {f.title for f in canvas.document.retro.factors.values()}
    assert "Retry storm after restarts" in titles
    assert canvas.undo_texts() == ["Add contributing factor", "Rename factor"]


def test_edit_title_in_place_with_f2_enter_commits_and_undo_restores(canvas: Canvas) -> None:
    a = canvas.factor_by_title(A)
    canvas.click(canvas.card_point(a.id))
    assert canvas.scene.selected_factor_ids() == [a.id]
    canvas.key(Qt.Key.Key_F2)
    editor = canvas.scene.title_editor()
    assert editor is not None and editor.toPlainText() == A
    QTest.keyClicks(canvas.view, "Each HTTP worker holds a connection")  # replaces the selected text
    canvas.key(Qt.Key.Key_Return)
    assert canvas.document.retro.factors[a.id].title == "Each HTTP worker holds a connection"
    assert canvas.scene.cards[a.id].title == "Each HTTP worker holds a connection"
    assert canvas.undo_texts() == ["Rename factor"]
    canvas.document.undo_stack.undo()
    assert canvas.scene.cards[a.id].title == A
    canvas.document.undo_stack.redo()
    assert canvas.scene.cards[a.id].title == "Each HTTP worker holds a connection"


def test_escape_cancels_an_in_place_edit(canvas: Canvas) -> None:
    b = canvas.factor_by_title(B)
    canvas.double_click(canvas.card_point(b.id))
    QTest.keyClicks(canvas.view, "Something else")
    canvas.key(Qt.Key.Key_Escape)
    assert canvas.document.retro.factors[b.id].title == B
    assert canvas.document.undo_stack.count() == 0


def test_connect_two_factors_by_dragging_from_the_handle(canvas: Canvas) -> None:
    a, b = canvas.factor_by_title(A), canvas.factor_by_title(B)
    handle = canvas.scene.cards[b.id].mapToScene(canvas.scene.cards[b.id].handle_centre())
    canvas.drag(handle, canvas.card_point(a.id))
    links = [lk for lk in canvas.document.retro.links.values() if lk.cause_id == b.id]
    assert [(lk.cause_id, lk.effect_id) for lk in links] == [(b.id, a.id)]
    arrow = canvas.scene.arrows[links[0].id]
    assert arrow.cause is canvas.scene.cards[b.id] and arrow.effect is canvas.scene.cards[a.id]
    assert canvas.scene.cards[b.id].pos() == QPointF(0, 200)  # the drag drew an arrow, it moved nothing
    assert canvas.undo_texts() == ["Connect factors"]
    canvas.document.undo_stack.undo()
    assert links[0].id not in canvas.scene.arrows
    canvas.document.undo_stack.redo()
    assert links[0].id in canvas.scene.arrows


def test_shift_drag_from_a_card_onto_the_impact_connects_them(canvas: Canvas) -> None:
    c, impact = canvas.factor_by_title(C), canvas.impact()
    canvas.drag(canvas.card_point(c.id), canvas.card_point(impact.id), Qt.KeyboardModifier.ShiftModifier)
    assert any(lk.cause_id == c.id and lk.effect_id == impact.id for lk in canvas.document.retro.links.values())


def test_dragging_onto_an_existing_connection_explains_instead_of_duplicating(canvas: Canvas) -> None:
    a, impact = canvas.factor_by_title(A), canvas.impact()
    messages: list[str] = []
    canvas.scene.message.connect(messages.append)
    canvas.drag(canvas.card_point(a.id), canvas.card_point(impact.id), Qt.KeyboardModifier.ShiftModifier)
    assert len(canvas.document.retro.links) == 1
    assert messages == ["These two are already connected."]


def test_connect_by_keyboard_picks_the_effect_from_a_list(canvas: Canvas) -> None:
    a, c = canvas.factor_by_title(A), canvas.factor_by_title(C)
    canvas.scene.select_node(c.id)
    canvas.key(Qt.Key.Key_C)
    dialog = canvas.view.connect_dialog
    assert dialog is not None and dialog.isVisible()
    titles = [dialog.proxy.index(r, 0).data() for r in range(dialog.proxy.rowCount())]
    assert titles[0] == canvas.impact().title and A in titles and C not in titles
    QTest.keyClicks(dialog.filter, "pool")
    assert dialog.proxy.rowCount() == 1
    QTest.keyClick(dialog.filter, Qt.Key.Key_Return)
    assert any(lk.cause_id == c.id and lk.effect_id == a.id for lk in canvas.document.retro.links.values())
    assert canvas.undo_texts() == ["Connect factors"]


def test_rubber_band_then_drag_moves_the_selection_as_one_step(canvas: Canvas) -> None:
    a, b, c = (canvas.factor_by_title(t) for t in (A, B, C))
    # a rubber band from empty canvas above-left of A down to the middle of B
    canvas.drag(QPointF(-60, -60), canvas.card_point(b.id, 0.5, 0.5))
    assert set(canvas.scene.selected_factor_ids()) == {a.id, b.id}
    assert canvas.document.undo_stack.count() == 0  # selecting is not an edit
    canvas.drag(canvas.card_point(a.id), canvas.card_point(a.id) + QPointF(120, 40), steps=8)
    retro = canvas.document.retro
    ax, ay = retro.factors[a.id].x, retro.factors[a.id].y
    bx, by = retro.factors[b.id].x, retro.factors[b.id].y
    assert ax is not None and ax > 60 and ay is not None and ay > 10
    assert (bx - 0, by - 200) == (ax - 0, ay - 0)  # moved together, by the same distance
    assert (retro.factors[c.id].x, retro.factors[c.id].y) == (0.0, 400.0)
    assert canvas.undo_texts() == ["Move 2 factors"]
    assert (canvas.scene.cards[a.id].x(), canvas.scene.cards[a.id].y()) == (ax, ay)

    canvas.document.undo_stack.undo()
    assert (retro.factors[a.id].x, retro.factors[a.id].y) == (0.0, 0.0)
    assert canvas.scene.cards[a.id].pos() == QPointF(0, 0)
    assert canvas.scene.cards[b.id].pos() == QPointF(0, 200)
    canvas.document.undo_stack.redo()
    assert canvas.scene.cards[b.id].pos() == QPointF(bx, by)


def test_ctrl_click_adds_to_the_selection(canvas: Canvas) -> None:
    a, c = canvas.factor_by_title(A), canvas.factor_by_title(C)
    canvas.click(canvas.card_point(a.id))
    canvas.click(canvas.card_point(c.id), Qt.KeyboardModifier.ControlModifier)
    assert set(canvas.scene.selected_factor_ids()) == {a.id, c.id}


def test_arrows_follow_a_card_while_it_is_dragged(canvas: Canvas) -> None:
    a, impact = canvas.factor_by_title(A), canvas.impact()
    arrow = next(iter(canvas.scene.arrows.values()))
    start = canvas.card_point(a.id)
    QTest.mousePress(canvas.viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, canvas.at(start))
    for step in range(1, 5):
        QTest.mouseMove(canvas.viewport, canvas.at(start + QPointF(0, 25 * step)))
    card = canvas.scene.cards[a.id]
    first = arrow.path().pointAtPercent(0.0)
    assert abs(first.y() - card.centre().y()) < 1.0  # still leaves from the card's side, mid-height
    assert card.y() > 50
    QTest.mouseRelease(canvas.viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       canvas.at(start + QPointF(0, 100)))
    assert canvas.undo_texts() == ["Move factor"]
    assert impact.id in canvas.document.retro.impacts


def test_delete_removes_cards_and_arrows_as_one_step_and_undo_brings_them_back(canvas: Canvas) -> None:
    a, b = canvas.factor_by_title(A), canvas.factor_by_title(B)
    link_id = next(iter(canvas.document.retro.links))
    canvas.click(canvas.card_point(a.id))
    canvas.click(canvas.card_point(b.id), Qt.KeyboardModifier.ControlModifier)
    canvas.key(Qt.Key.Key_Delete)
    retro = canvas.document.retro
    assert a.id not in retro.factors and b.id not in retro.factors
    assert link_id not in retro.links and link_id not in canvas.scene.arrows
    assert set(canvas.scene.cards) == set(retro.factors)
    assert canvas.undo_texts() == ["Delete 2 factors"]
    canvas.document.undo_stack.undo()
    assert {a.id, b.id} <= set(canvas.scene.cards)
    assert link_id in canvas.scene.arrows
    canvas.document.undo_stack.redo()
    assert a.id not in canvas.scene.cards


def test_selecting_an_arrow_and_pressing_delete_removes_only_it(canvas: Canvas) -> None:
    arrow = next(iter(canvas.scene.arrows.values()))
    canvas.click(arrow.path().pointAtPercent(0.5))
    assert canvas.scene.selected_link_ids() == [arrow.link.id]
    canvas.key(Qt.Key.Key_Delete)
    assert not canvas.document.retro.links
    assert len(canvas.document.retro.factors) == 3
    assert canvas.undo_texts() == ["Delete arrow"]


def test_auto_arrange_is_one_undoable_step(canvas: Canvas) -> None:
    before = {f.id: (f.x, f.y) for f in canvas.document.retro.factors.values()}
    assert canvas.scene.editor.auto_arrange()
    retro = canvas.document.retro
    impact = canvas.impact()
    a = canvas.factor_by_title(A)
    assert retro.factors[a.id].x < retro.impacts[impact.id].x  # causes left of what they led to
    assert {(f.x, f.y) for f in retro.factors.values()} != set(before.values())
    for node_id, item in [*canvas.scene.cards.items(), *canvas.scene.impacts.items()]:
        entity = retro.factors.get(node_id) or retro.impacts[node_id]
        assert (item.x(), item.y()) == (entity.x, entity.y)
    assert canvas.undo_texts() == ["Auto-arrange"]
    canvas.document.undo_stack.undo()
    assert {f.id: (f.x, f.y) for f in canvas.document.retro.factors.values()} == before
    assert {fid: (c.x(), c.y()) for fid, c in canvas.scene.cards.items()} == before


def test_a_feedback_loop_is_drawn_as_such(canvas: Canvas) -> None:
    a, b = canvas.factor_by_title(A), canvas.factor_by_title(B)
    canvas.scene.editor.connect(b.id, a.id)
    assert not any(arrow.feedback for arrow in canvas.scene.arrows.values())
    canvas.scene.editor.connect(a.id, b.id)
    loops = [arrow for arrow in canvas.scene.arrows.values() if arrow.feedback]
    assert len(loops) == 1
    assert {loops[0].link.cause_id, loops[0].link.effect_id} == {a.id, b.id}
    assert "feedback loop" in loops[0].toolTip()


def test_edits_update_only_the_items_they_touch(canvas: Canvas) -> None:
    a, b = canvas.factor_by_title(A), canvas.factor_by_title(B)
    cards_before = dict(canvas.scene.cards)
    arrows_before = dict(canvas.scene.arrows)
    from dataclasses import replace

    canvas.document.edit("Rename factor", Edit.of(upsert=[replace(a, title="Renamed")]))
    assert canvas.scene.cards == cards_before  # same item objects: nothing rebuilt
    assert all(canvas.scene.cards[k] is v for k, v in cards_before.items())
    link = FactorLink(new_id(), b.id, a.id)
    canvas.document.edit("Connect factors", Edit.of(upsert=[link]))
    assert all(canvas.scene.arrows[k] is v for k, v in arrows_before.items())
    assert isinstance(canvas.scene.arrows[link.id], LinkArrow)


def test_badges_follow_evidence_and_actions(canvas: Canvas) -> None:
    a = canvas.factor_by_title(A)
    card: FactorCard = canvas.scene.cards[a.id]
    assert (card.evidence_count, card.has_action) == (0, False)
    canvas.scene.editor.create_action(a.id)
    assert card.has_action
    canvas.document.undo_stack.undo()
    assert not card.has_action


def test_zoom_keys_wheel_and_fit(canvas: Canvas) -> None:
    start = canvas.view.zoom()
    canvas.key(Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert canvas.view.zoom() > start
    canvas.key(Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    canvas.key(Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.view.zoom() < start
    canvas.key(Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    shown = canvas.view.mapToScene(canvas.view.viewport().rect()).boundingRect()
    for node in canvas.scene.nodes():
        assert shown.contains(node.scene_rect())


def test_arrow_keys_walk_the_selection_between_cards(canvas: Canvas) -> None:
    a, b, impact = canvas.factor_by_title(A), canvas.factor_by_title(B), canvas.impact()
    canvas.key(Qt.Key.Key_Down)  # nothing selected: the top-left card
    assert canvas.scene.selected_factor_ids() == [a.id]
    canvas.key(Qt.Key.Key_Down)
    assert canvas.scene.selected_factor_ids() == [b.id]
    canvas.key(Qt.Key.Key_Right)
    assert [n.node_id for n in canvas.scene.selected_nodes()] == [impact.id]


def test_arrows_go_around_cards_in_their_way(canvas: Canvas) -> None:
    arrow = next(iter(canvas.scene.arrows.values()))  # A → impact
    blocker_id = canvas.scene.editor.add_factor(300.0, 100.0, title="Sits between the two")
    blocker = canvas.scene.cards[blocker_id].scene_rect()
    path = arrow.path()
    samples = [path.pointAtPercent(k / 100) for k in range(101)]
    assert not any(blocker.contains(p) for p in samples)
    canvas.document.undo_stack.undo()  # without the card in the way the arrow takes the short curve again
    samples = [arrow.path().pointAtPercent(k / 100) for k in range(101)]
    assert any(blocker.contains(p) for p in samples)


def test_ctrl_arrow_moves_the_selection_and_a_run_of_nudges_is_one_undo_step(canvas: Canvas) -> None:
    a, b, c = canvas.factor_by_title(A), canvas.factor_by_title(B), canvas.factor_by_title(C)
    canvas.click(canvas.card_point(a.id))
    canvas.click(canvas.card_point(b.id), Qt.KeyboardModifier.ControlModifier)
    canvas.key(Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    canvas.key(Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    retro = canvas.document.retro
    assert (retro.factors[a.id].x, retro.factors[a.id].y) == (20.0, 100.0)
    assert (retro.factors[b.id].x, retro.factors[b.id].y) == (20.0, 300.0)
    assert canvas.undo_texts() == ["Move 2 factors"]
    assert canvas.scene.cards[a.id].pos() == QPointF(20, 100)
    # Nudging another selection is a step of its own.
    canvas.click(canvas.card_point(c.id))
    canvas.key(Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert canvas.undo_texts() == ["Move 2 factors", "Move factor"]
    canvas.document.undo_stack.undo()
    assert (canvas.document.retro.factors[c.id].x, canvas.document.retro.factors[c.id].y) == (c.x, c.y)
    # One undo takes the whole run of nudges back, stored and shown; redo puts the last one back.
    canvas.document.undo_stack.undo()
    retro = canvas.document.retro
    assert [(retro.factors[f.id].x, retro.factors[f.id].y) for f in (a, b)] == [(a.x, a.y), (b.x, b.y)]
    assert canvas.document.store.load(retro.incident.id).factors[a.id].x == a.x
    assert canvas.scene.cards[a.id].pos() == QPointF(a.x, a.y)
    canvas.document.undo_stack.redo()
    assert (canvas.document.retro.factors[b.id].x, canvas.document.retro.factors[b.id].y) == (20.0, 300.0)


def test_middle_button_drag_pans_and_ctrl_wheel_zooms(canvas: Canvas) -> None:
    canvas.view.set_zoom(2.0)
    bar = canvas.view.horizontalScrollBar()
    before = bar.value()
    middle = canvas.viewport.rect().center()
    QTest.mousePress(canvas.viewport, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, middle)
    QTest.mouseMove(canvas.viewport, middle + QPoint(-120, 0))
    QTest.mouseRelease(canvas.viewport, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier,
                       middle + QPoint(-120, 0))
    assert bar.value() == before + 120
    assert canvas.document.undo_stack.count() == 0
    zoom = canvas.view.zoom()
    wheel = QWheelEvent(QPointF(middle), QPointF(canvas.view.mapToGlobal(middle)), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(canvas.viewport, wheel)
    assert canvas.view.zoom() == pytest.approx(zoom * 1.2)


def test_right_click_menu_offers_the_card_commands(canvas: Canvas) -> None:
    a = canvas.factor_by_title(A)
    menu = canvas.view.context_menu(canvas.card_point(a.id))
    texts = [action.text().split("\t")[0] for action in menu.actions() if action.text()]
    assert texts == ["Rename", "Connect to…", "Create action for this factor", "Delete"]
    assert canvas.scene.selected_factor_ids() == [a.id]
    next(act for act in menu.actions() if act.text().startswith("Create action")).trigger()
    assert canvas.scene.cards[a.id].has_action
    empty = canvas.view.context_menu(QPointF(400, -300))
    assert [act.text().split("\t")[0] for act in empty.actions()] == [
        "Add contributing factor here", "Auto-arrange", "Fit the graph"
    ]


def test_space_held_turns_a_drag_into_a_pan(canvas: Canvas) -> None:
    a = canvas.factor_by_title(A)
    canvas.view.set_zoom(2.0)
    canvas.view.centerOn(canvas.card_point(a.id))
    bar = canvas.view.verticalScrollBar()
    before = bar.value()
    QTest.keyPress(canvas.view, Qt.Key.Key_Space)
    start = canvas.at(canvas.card_point(a.id))
    QTest.mousePress(canvas.viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(canvas.viewport, start + QPoint(0, -80))
    QTest.mouseRelease(canvas.viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(0, -80))
    QTest.keyRelease(canvas.view, Qt.Key.Key_Space)
    assert bar.value() == before + 80  # the view moved, not the card
    assert canvas.document.retro.factors[a.id].y == 0.0
    assert canvas.document.undo_stack.count() == 0
    assert canvas.view.isInteractive()


def test_the_selection_is_described_for_screen_readers(canvas: Canvas) -> None:
    a = canvas.factor_by_title(A)
    canvas.click(canvas.card_point(a.id))
    text = canvas.view.accessibleDescription()
    assert text.startswith(f"Selected contributing factor (technology): {A}.")
    assert "No evidence. No action yet." in text
    assert f"Contributed to: {canvas.impact().title}." in text
    canvas.key(Qt.Key.Key_Escape)
    assert canvas.view.accessibleDescription().startswith("Cards are contributing factors")


@pytest.mark.parametrize(
    "others",
    [[(300.0, 100.0)], [(300.0, 100.0), (420.0, -30.0)], [(260.0, 60.0), (420.0, 300.0)]],
)
def test_a_routed_arrow_crosses_no_card(canvas: Canvas, others: list[tuple[float, float]]) -> None:
    arrow = next(iter(canvas.scene.arrows.values()))  # A → impact
    for x, y in others:
        canvas.scene.editor.add_factor(x, y, title="In the way")
    cards = [c.scene_rect() for c in canvas.scene.cards.values() if c is not arrow.cause]
    samples = [arrow.path().pointAtPercent(k / 200) for k in range(201)]
    assert not [p for p in samples for r in cards if r.contains(p)]


def test_no_arrow_on_the_demo_canvas_passes_through_a_card_it_does_not_connect(qtbot: QtBot, demo_document: RetroDocument) -> None:
    demo = Canvas(qtbot, demo_document)
    cards = demo.scene.cards
    for arrow in demo.scene.arrows.values():
        if arrow.feedback:
            continue  # loop arrows arch over the cards on purpose
        path = arrow.path()
        samples = [path.pointAtPercent(k / 200) for k in range(201)]
        for node_id, card in cards.items():
            if card is arrow.cause or card is arrow.effect:
                continue
            rect = card.scene_rect().adjusted(1, 1, -1, -1)
            assert not any(rect.contains(p) for p in samples), (arrow.link.id, node_id)


def test_the_scene_keeps_qt_style_and_its_own_graph_style_apart(canvas: Canvas) -> None:
    """``QGraphicsScene.style()`` is Qt's widget style; the scene's colours live in ``graph_style``.

    A ``self.style = …`` attribute used to shadow the method, so Qt (or a proxy widget) asking the
    scene for its style got a GraphStyle back.
    """
    from PySide6.QtWidgets import QStyle

    from ui.graph.palette import FACILITATOR

    assert isinstance(canvas.scene.style(), QStyle)
    assert canvas.scene.graph_style is FACILITATOR
