"""The projector's board: the canvas's columns wrapped to the picture's shape, short card labels."""

from __future__ import annotations

from retro.analysis.projector_board import board_layout, short_label

from .helpers import IMPACT, make_retro

CELL = (300.0, 120.0)


def test_a_short_graph_keeps_its_columns_causes_left_impact_right() -> None:
    retro = make_retro(["a", "b", "c"], [("a", "b"), ("b", IMPACT), ("c", IMPACT)])
    board = board_layout(retro, 16 / 9, CELL)
    assert board.columns == 3 and board.rows == 2
    assert board.cells["a"][0] < board.cells["b"][0] < board.cells[IMPACT][0]
    assert board.cells["b"][0] == board.cells["c"][0]
    assert board.cells[IMPACT][1] == 0.5  # a short column is centred


def test_a_tall_column_wraps_into_side_by_side_columns_on_a_wide_picture() -> None:
    factors = [f"f{i:02d}" for i in range(12)]
    retro = make_retro(factors, [(f, IMPACT) for f in factors])
    tall = board_layout(retro, 0.3, CELL)  # a portrait picture: one column is best
    assert tall.columns == 2 and tall.rows == 12
    wide = board_layout(retro, 16 / 9, CELL)
    assert wide.rows < 12 and wide.columns > 2
    # nothing overlaps, and every factor is left of the impact
    assert len(set(wide.cells.values())) == len(wide.cells)
    assert all(wide.cells[f][0] < wide.cells[IMPACT][0] for f in factors)
    assert all(0 <= row < wide.rows for _, row in wide.cells.values())
    # the wrap is the one that draws the cards largest on that picture
    def scale(columns: int, rows: int) -> float:
        return min(16 / 9 / (columns * CELL[0]), 1 / (rows * CELL[1]))

    chosen = scale(wide.columns, wide.rows)
    for rows in range(1, 13):
        assert scale(-(-12 // rows) + 1, rows) <= chosen * 1.0001


def test_the_same_graph_gives_the_same_board() -> None:
    retro = make_retro(["x", "y", "z"], [("x", IMPACT), ("y", "x"), ("z", "x")])
    assert board_layout(retro, 1.7, CELL) == board_layout(retro, 1.7, CELL)
    assert board_layout(make_retro([], [], impact=False), 1.7, CELL).cells == {}


def test_short_labels_drop_filler_then_cut_at_a_word() -> None:
    assert short_label("Config rolls out at once", 40) == "Config rolls out at once"
    assert short_label("The autoscaler adds the pods on latency", 36) == "The autoscaler adds pods on latency"
    cut = short_label("All checkout pods share one 400-client proxy limit across services", 30)
    assert cut == "All checkout pods share one…" and len(cut) <= 30
    assert short_label("Supercalifragilisticexpialidocious", 10) == "Supercali…"
    assert short_label("  spaced   out   words ", 40) == "spaced out words"
