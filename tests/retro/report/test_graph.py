"""The contributing-factor graph is drawn as vector graphics, from the stored layout or a fallback."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader

from retro.domain import Audience, Retro
from retro.report import write_pdf
from retro.report.graph_drawing import card_growth
from retro.report.graph_layout import CARD_H, CARD_W, fallback_layout, stored_or_fallback_layout

from .fixtures import canary_retro, large_retro


def graph_page_ops(path: Path) -> tuple[int, int]:
    """(rectangles, filled paths) drawn on the page whose text starts the contributing factors."""
    reader = PdfReader(path)
    for page in reader.pages:
        if "Each card is a contributing factor" in page.extract_text():
            stream = page.get_contents().get_data().decode("latin-1")
            rects = len(re.findall(r"\bre\b", stream))
            arrowheads = len(re.findall(r"\bh\s+f\b|\bh f\*?\b|\bh\s+f\*", stream))
            return rects, arrowheads
    raise AssertionError("no page introduces the factor graph")


def test_demo_graph_is_vector_cards_and_arrows(demo_pdfs: dict[Audience, Path]) -> None:
    from retro.demo import build_demo_retro

    retro = build_demo_retro()
    rects, arrowheads = graph_page_ops(demo_pdfs[Audience.INTERNAL])
    # each card is a rounded outline (curves) plus a coloured stripe (a rectangle)
    assert rects >= len(retro.factors) + len(retro.impacts)
    assert arrowheads >= len(retro.links)


def test_graph_without_factors_draws_nothing(tmp_path: Path) -> None:
    retro = canary_retro()
    empty = Retro.of(retro.incident, [e for e in retro.entities() if type(e).__name__ not in ("Factor", "FactorLink")])
    text = "\n".join(p.extract_text() for p in PdfReader(write_pdf(empty, tmp_path / "r.pdf", Audience.INTERNAL)).pages)
    assert "No contributing factors are recorded." in text


def test_stored_positions_are_used_when_every_node_has_one() -> None:
    retro = canary_retro()
    retro.factors = {k: replace(f, x=10.0 * i, y=5.0) for i, (k, f) in enumerate(sorted(retro.factors.items()))}
    retro.impacts = {k: replace(i, x=500.0, y=7.0) for k, i in retro.impacts.items()}
    nodes = {n.id: (n.x, n.y) for n in stored_or_fallback_layout(retro, {})}
    assert nodes["i-1"] == (500.0, 7.0)


def test_fallback_layout_puts_causes_left_of_what_they_led_to() -> None:
    retro = canary_retro()  # f-pub → f-int → i-1, no stored positions
    pos = fallback_layout(retro)
    assert pos["f-pub"][0] < pos["f-int"][0] < pos["i-1"][0]
    assert fallback_layout(retro) == pos  # deterministic


def test_fallback_layout_survives_a_cycle_and_folds_tall_columns() -> None:
    retro = large_retro(events=10, factors=100, actions=1)
    pos = fallback_layout(retro)
    assert len(pos) == 101
    columns = {x for x, _ in pos.values()}
    rows_per_column = max(sum(1 for x, _ in pos.values() if x == c) for c in columns)
    assert rows_per_column < 40  # 90 factors at one depth are folded side by side
    cyclic = canary_retro()
    from retro.domain import FactorLink

    cyclic.links["back"] = FactorLink("back", "f-int", "f-pub")
    assert set(fallback_layout(cyclic)) == {"f-pub", "f-int", "i-1"}


def test_cards_grow_only_into_free_space() -> None:
    from retro.report.graph_drawing import MAX_GROWTH
    from retro.report.graph_layout import Node

    apart = [Node("a", 0, 0, "", "", None), Node("b", 1000, 0, "", "", None)]  # type: ignore[arg-type]
    touching = [Node("a", 0, 0, "", "", None), Node("b", CARD_W, 0, "", "", None)]  # type: ignore[arg-type]
    assert card_growth(apart) == MAX_GROWTH
    assert card_growth(touching) == 1.0
    assert CARD_H > 0


def test_a_stored_layout_spread_far_apart_is_drawn_afresh_on_one_page(tmp_path: Path) -> None:
    """A card dragged 600 000 units away made the graph taller than a page even at the smallest scale."""
    from retro.report.graph_drawing import FactorGraph

    retro = canary_retro()
    retro.factors = {k: replace(f, x=0.0, y=-636420.0 * i) for i, (k, f) in enumerate(sorted(retro.factors.items()))}
    retro.impacts = {k: replace(i, x=300.0, y=0.0) for k, i in retro.impacts.items()}
    graph = FactorGraph(retro, {}, max_height=600)
    height = graph.wrap(500, 700)[1]
    assert height <= 600 and graph.scale >= 0.3  # the deterministic layout, at a legible size
    assert {n.id: (n.x, n.y) for n in graph.nodes} == fallback_layout(retro)
    for audience in Audience:
        assert write_pdf(retro, tmp_path / f"{audience.value}.pdf", audience).stat().st_size > 1000


def test_a_graph_too_big_for_any_layout_is_drawn_small_rather_than_failing() -> None:
    from retro.report.graph_drawing import FactorGraph

    retro = large_retro(events=10, factors=100, actions=1)
    graph = FactorGraph(retro, {}, max_height=60)  # room for less than one row of cards
    assert graph.wrap(500, 700)[1] <= 60


def test_a_long_title_is_shortened_to_fit_its_card_even_as_one_long_word() -> None:
    from retro.report.graph_drawing import card_paragraph
    from retro.report.graph_layout import Node

    for label in ("W" * 300, "Connection " * 27, "數據庫連接" * 60):
        node = Node("f", 0, 0, label, "F1", None)  # type: ignore[arg-type]
        para, height = card_paragraph(node, 120, 48, 9)
        assert height <= 48 - 4, label[:20]
        assert para.getPlainText().endswith("…") and para.getPlainText().startswith("F1")
