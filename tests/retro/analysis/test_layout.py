"""Auto-arrange: no overlaps, arrows left to right when acyclic, deterministic, loops kept."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from retro.analysis import apply_layout, layered_layout, loop_arrows
from retro.domain.retro import Retro

from .helpers import IMPACT, make_retro

CARD = (180.0, 72.0)
W, H = CARD


@st.composite
def graphs(draw: st.DrawFn, acyclic: bool) -> tuple[list[str], list[tuple[str, str]], bool]:
    """Factor ids, arrows and whether there is an impact; acyclic arrows go from lower to higher index."""
    n = draw(st.integers(0, 14))
    factors = [f"f{i:02d}" for i in range(n)]
    has_impact = draw(st.booleans()) or n == 0
    targets = factors + ([IMPACT] if has_impact else [])
    arrows: set[tuple[str, str]] = set()
    if n:
        pairs = draw(
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, len(targets) - 1)), max_size=3 * n)
        )
        for a, b in pairs:
            if a == b:
                continue
            if acyclic and b < a:
                a, b = b, a
            if acyclic and a >= n:
                continue
            arrows.add((factors[a], targets[b]))
    return factors, sorted(arrows), has_impact


def build(factors: list[str], arrows: list[tuple[str, str]], has_impact: bool) -> Retro:
    return make_retro({f: f"Factor {f}" for f in factors}, arrows, impact=has_impact)


def assert_no_overlap(positions: dict[str, tuple[float, float]]) -> None:
    items = sorted(positions.items())
    for i, (a, (ax, ay)) in enumerate(items):
        for b, (bx, by) in items[i + 1 :]:
            apart = abs(ax - bx) >= W - 1e-9 or abs(ay - by) >= H - 1e-9
            assert apart, f"{a} at {(ax, ay)} overlaps {b} at {(bx, by)}"


@settings(max_examples=150, deadline=None)
@given(graphs(acyclic=False))
def test_every_card_is_placed_and_none_overlap(graph: tuple[list[str], list[tuple[str, str]], bool]) -> None:
    retro = build(*graph)
    positions = layered_layout(retro, CARD)
    assert set(positions) == set(retro.factors) | set(retro.impacts)
    assert_no_overlap(positions)


@settings(max_examples=150, deadline=None)
@given(graphs(acyclic=True))
def test_acyclic_arrows_all_point_left_to_right(graph: tuple[list[str], list[tuple[str, str]], bool]) -> None:
    retro = build(*graph)
    positions = layered_layout(retro, CARD)
    assert loop_arrows(retro) == set()
    for link in retro.links.values():
        assert positions[link.cause_id][0] < positions[link.effect_id][0], link


@settings(max_examples=150, deadline=None)
@given(graphs(acyclic=False))
def test_only_loop_arrows_point_back(graph: tuple[list[str], list[tuple[str, str]], bool]) -> None:
    retro = build(*graph)
    positions = layered_layout(retro, CARD)
    loops = loop_arrows(retro)
    for link in retro.links.values():
        if (link.cause_id, link.effect_id) not in loops:
            assert positions[link.cause_id][0] < positions[link.effect_id][0], link
    if retro.impacts:
        rightmost = max(x for x, _ in positions.values())
        assert positions[IMPACT][0] == rightmost


@settings(max_examples=100, deadline=None)
@given(graphs(acyclic=False), st.randoms(use_true_random=False))
def test_same_graph_same_layout_in_any_order(
    graph: tuple[list[str], list[tuple[str, str]], bool], rnd: random.Random
) -> None:
    factors, arrows, has_impact = graph
    first = layered_layout(build(factors, arrows, has_impact), CARD)
    shuffled_factors, shuffled_arrows = factors[:], arrows[:]
    rnd.shuffle(shuffled_factors)
    rnd.shuffle(shuffled_arrows)
    again = layered_layout(build(shuffled_factors, shuffled_arrows, has_impact), CARD)
    assert again == first


@settings(max_examples=100, deadline=None)
@given(graphs(acyclic=False))
def test_factors_without_a_path_go_below_the_main_area(
    graph: tuple[list[str], list[tuple[str, str]], bool],
) -> None:
    retro = build(*graph)
    positions = layered_layout(retro, CARD)
    from retro.domain.readiness import reaches_impact

    reach = reaches_impact(retro)
    main = [positions[f][1] for f, ok in reach.items() if ok] + [positions[i][1] for i in retro.impacts]
    aside = [positions[f][1] for f, ok in reach.items() if not ok]
    if main and aside:
        assert min(aside) >= max(main) + H


def test_empty_graph() -> None:
    assert layered_layout(make_retro([], [], impact=False)) == {}


def test_only_the_impact() -> None:
    assert layered_layout(make_retro([], []), CARD) == {IMPACT: (0.0, 0.0)}


def test_self_contained_cycle_keeps_its_loop() -> None:
    retro = make_retro(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")], impact=False)
    positions = layered_layout(retro, CARD)
    assert_no_overlap(positions)
    assert len(loop_arrows(retro)) == 1
    xs = sorted({x for x, _ in positions.values()})
    assert len(xs) == 3  # the loop is drawn across three columns, one arrow pointing back


def test_loop_next_to_the_impact_breaks_the_arrow_leading_away() -> None:
    retro = make_retro(["a", "b"], [("a", "b"), ("b", "a"), ("b", IMPACT)])
    positions = layered_layout(retro, CARD, column_gap=20.0)
    assert loop_arrows(retro) == {("b", "a")}
    assert positions["a"][0] < positions["b"][0] < positions[IMPACT][0]
    assert positions["b"][0] - positions["a"][0] == W + 20.0


def test_crossings_are_reduced() -> None:
    # Two parallel lanes whose titles sort across each other: the sweeps untangle them.
    retro = make_retro(
        {"a": "A", "b": "Z", "c": "B", "d": "Y", "i1": "M"},
        [("a", "d"), ("b", "c"), ("d", IMPACT), ("c", IMPACT), ("i1", IMPACT)],
    )
    positions = layered_layout(retro, CARD)
    # each cause sits on the same side as its effect
    assert (positions["a"][1] < positions["b"][1]) == (positions["d"][1] < positions["c"][1])


def test_apply_layout_returns_only_moved_entities() -> None:
    retro = make_retro(["a", "b"], [("a", "b"), ("b", IMPACT)])
    positions = layered_layout(retro, CARD)
    moved = apply_layout(retro, positions)
    assert {e.id for e in moved} == {"a", "b", IMPACT}
    assert all((e.x, e.y) == positions[e.id] for e in moved)
    after = Retro.of(retro.incident, [*retro.entities(), *moved])
    assert apply_layout(after, positions) == []
