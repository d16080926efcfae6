"""On paper, an arrow never passes through a card it does not connect."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retro.analysis.routing import clip_to_border, merged, route, segment_hits_rect
from retro.domain import Audience, Factor, FactorCategory, FactorLink, Impact, Incident, Retro
from retro.report.fonts import report_fonts
from retro.report.graph_drawing import FactorGraph

from .fixtures import T0


def crossings(graph: FactorGraph) -> list[tuple[str, str]]:
    """(arrow id, card id) for every drawn segment that enters a card the arrow does not connect."""
    rects = graph.card_rects()
    bad = []
    for link, points in graph.arrow_routes():
        for a, b in itertools.pairwise(points):
            for key, rect in rects.items():
                if key not in (link.cause_id, link.effect_id) and segment_hits_rect(a, b, rect):
                    bad.append((link.id, key))
    return bad


def laid_out(retro: Retro, width: float = 507.0, height: float = 640.0) -> FactorGraph:
    report_fonts()
    graph = FactorGraph(retro, {f.id: f"F{i + 1}" for i, f in enumerate(retro.factor_list())}, max_height=height)
    graph.wrap(width, height)
    return graph


def random_retro(seed: int, factors: int = 60, *, stored: bool) -> Retro:
    rng = random.Random(seed)
    ids = [f"f-{i:02d}" for i in range(factors)]
    cells = rng.sample([(c, r) for c in range(12) for r in range(12)], factors + 1)
    entities: list = []
    for i, fid in enumerate(ids):
        x, y = cells[i]
        pos = {"x": x * 260.0 + rng.uniform(0, 40), "y": y * 150.0 + rng.uniform(0, 30)} if stored else {}
        entities.append(Factor(fid, f"Factor {i}", rng.choice(list(FactorCategory)), **pos))
    ix, iy = cells[-1]
    entities.append(Impact("i-1", "Impact", **({"x": ix * 260.0, "y": iy * 150.0} if stored else {})))
    for i, fid in enumerate(ids):
        targets = rng.sample([*ids[:i], "i-1"], k=min(len(ids[:i]) + 1, rng.choice([1, 1, 2])))
        entities += [FactorLink(f"l-{fid}-{t}", fid, t) for t in targets]
    return Retro.of(Incident("inc-r", "Random", started_at=T0), entities)


def test_the_demo_graph_has_no_arrow_through_a_card() -> None:
    from retro.demo import build_demo_retro

    graph = laid_out(build_demo_retro())
    assert graph.arrow_routes()
    assert crossings(graph) == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_random_60_factor_layout_has_no_arrow_through_a_card(seed: int) -> None:
    graph = laid_out(random_retro(seed, stored=True))
    assert len(graph.arrow_routes()) >= 60
    assert crossings(graph) == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_random_100_card_layout_has_no_arrow_through_a_card(seed: int) -> None:
    graph = laid_out(random_retro(seed, factors=99, stored=True))  # 99 factors and the impact
    assert len(graph.card_rects()) == 100 and len(graph.arrow_routes()) >= 99
    assert sum(len(points) > 2 for _, points in graph.arrow_routes()) > 50  # really routed, not straight
    assert crossings(graph) == []


def test_the_deterministic_layout_of_100_factors_has_no_arrow_through_a_card() -> None:
    from .fixtures import large_retro

    graph = laid_out(large_retro(events=20, factors=100, actions=0))
    assert len(graph.card_rects()) == 101
    assert crossings(graph) == []


@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(1, 3), st.integers(1, 3)), max_size=14),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=1, max_size=30))
@settings(max_examples=80, deadline=None)
def test_merging_walls_keeps_exactly_the_same_area(boxes: list, probes: list) -> None:
    rects = [(x * 5.0, y * 5.0, (x + w) * 5.0, (y + h) * 5.0) for x, y, w, h in boxes]
    joined = merged(rects)
    assert len(joined) <= len(rects)
    for px, py in probes:  # points on a finer grid than the walls: inside, on an edge, outside
        point = (px * 1.25 + 0.3, py * 1.25 + 0.3)
        inside = [r[0] < point[0] < r[2] and r[1] < point[1] < r[3] for r in rects]
        assert any(inside) == any(r[0] < point[0] < r[2] and r[1] < point[1] < r[3] for r in joined)


def test_the_deterministic_layout_of_60_factors_has_no_arrow_through_a_card() -> None:
    graph = laid_out(random_retro(7, stored=False))
    assert crossings(graph) == []


def test_a_straight_arrow_through_a_card_is_routed_around_it() -> None:
    card = (40.0, -10.0, 60.0, 10.0)
    points = route((0.0, 0.0), (100.0, 0.0), [card], margin=4)
    assert len(points) > 2 and points[0] == (0.0, 0.0) and points[-1] == (100.0, 0.0)
    assert not any(segment_hits_rect(a, b, card) for a, b in itertools.pairwise(points))


def test_routes_are_cut_at_the_card_borders() -> None:
    points = clip_to_border([(0.0, 0.0), (50.0, 0.0)], (-10.0, -5.0, 10.0, 5.0), at_start=True)
    assert points[0] == pytest.approx((10.0, 0.0))
    points = clip_to_border(points, (40.0, -5.0, 60.0, 5.0), at_start=False)
    assert points[-1] == pytest.approx((40.0, 0.0))


boxes = st.lists(
    st.tuples(st.integers(0, 9), st.integers(0, 9)), min_size=1, max_size=25, unique=True
).map(lambda cells: [(c * 30.0 + 2, r * 30.0 + 2, c * 30.0 + 22, r * 30.0 + 18) for c, r in cells])


@given(boxes, st.integers(0, 99), st.integers(0, 99))
@settings(max_examples=60, deadline=None)
def test_routes_between_free_points_never_cross_an_obstacle(rects: list, a: int, b: int) -> None:
    start = ((a % 10) * 30.0 + 26, (a // 10) * 30.0 + 26)  # in the gaps between cells
    end = ((b % 10) * 30.0 + 26, (b // 10) * 30.0 + 26)
    points = route(start, end, rects, margin=2)
    assert points[0] == start and points[-1] == end
    for p, q in itertools.pairwise(points):
        assert not any(segment_hits_rect(p, q, r) for r in rects)


def test_the_graph_is_also_given_in_words(demo_pdfs: dict) -> None:
    from .conftest import pdf_text

    text = " ".join(pdf_text(demo_pdfs[Audience.INTERNAL]).split())
    assert "The graph in words: 9 contributing factors, 1 impact" in text
    assert "F1 → F8" in text
