"""Auto-arrange: a layered, left-to-right layout of the contributing-factor graph.

The steps (a small Sugiyama layout, in plain Python):

1. **Loops.** A depth-first walk back from the impacts, along arrows in reverse, marks the
   arrows that close a loop. Those arrows are ignored *for ranking only*: they stay in the
   retrospective and are drawn as the feedback loops they are (pointing back, right to left).
2. **Columns.** Each node's column is its longest causal distance back from an impact: impacts
   in the rightmost column, factors that lead straight to the impact next to them, and so on.
   Longest (not shortest) distance means every remaining arrow points left to right.
3. **Order.** Within a column, nodes start sorted by title, then a few barycenter sweeps
   (left→right and right→left) move each card towards the average row of its neighbours,
   which removes most crossings.
4. **Areas.** Factors with no path to an impact go in a separate area below the main one,
   in the same columns, so they never overlap it and their arrows still point rightwards.

Positions are the top-left corner of each card, in scene units (a card item whose rect starts
at (0, 0) can take them as its ``pos``). Everything is deterministic:
the same graph gives the same layout, whatever order its nodes and arrows were handed in.
Plain lists beat networkx here (measured in ``tests/benchmarks/bench_analysis.py``).
"""

from __future__ import annotations

import dataclasses

from retro.domain.entities import Factor, Impact
from retro.domain.retro import Retro

from .graph import CausalGraph

CARD_SIZE = (210.0, 112.0)
"""The canvas card size (``ui.graph.palette.CARD_WIDTH/HEIGHT``); callers should pass theirs."""
COLUMN_GAP = 90.0
ROW_GAP = 28.0
SWEEPS = 4

Position = tuple[float, float]


def layered_layout(
    source: Retro | CausalGraph,
    card_size: tuple[float, float] = CARD_SIZE,
    column_gap: float = COLUMN_GAP,
    row_gap: float = ROW_GAP,
    *,
    sweeps: int = SWEEPS,
) -> dict[str, Position]:
    """Top-left ``(x, y)`` for every factor and impact (see the module docstring).

    ``column_gap`` and ``row_gap`` are the free space between cards; negative gaps are
    treated as zero so cards can never overlap.
    """
    graph = source if isinstance(source, CausalGraph) else CausalGraph.from_retro(source)
    if not graph.nodes:
        return {}
    width, height = card_size
    step_x = width + max(column_gap, 0.0)
    step_y = height + max(row_gap, 0.0)

    loop_arrows = _loop_arrows(graph)
    column = _columns(graph, loop_arrows)
    last = max(column.values())
    reached = graph.reaching_impact()

    main: list[list[str]] = [[] for _ in range(last + 1)]
    aside: list[list[str]] = [[] for _ in range(last + 1)]
    for node in graph.nodes:  # sorted by title: the starting order of every column
        (main if node in reached else aside)[column[node]].append(node)
    _reduce_crossings(graph, main, sweeps)
    _reduce_crossings(graph, aside, sweeps)

    positions: dict[str, Position] = {}
    tallest = max(len(c) for c in main)
    for col, nodes in enumerate(main):
        x = (last - col) * step_x
        offset = (tallest - len(nodes)) * step_y / 2
        for row, node in enumerate(nodes):
            positions[node] = (x, offset + row * step_y)
    top = tallest * step_y + (step_y if tallest else 0.0)
    for col, nodes in enumerate(aside):
        x = (last - col) * step_x
        for row, node in enumerate(nodes):
            positions[node] = (x, top + row * step_y)
    return positions


def apply_layout(retro: Retro, positions: dict[str, Position]) -> list[Factor | Impact]:
    """The factors and impacts whose position changes, moved (one undoable edit for the app).

    Entities already at their position, and ids not in the retro, are left out.
    """
    moved: list[Factor | Impact] = []
    for collection in (retro.factors, retro.impacts):
        for node_id in sorted(collection):
            entity = collection[node_id]
            if node_id in positions:
                x, y = positions[node_id]
                if (entity.x, entity.y) != (x, y):
                    moved.append(dataclasses.replace(entity, x=x, y=y))
    return moved


def loop_arrows(source: Retro | CausalGraph) -> set[tuple[str, str]]:
    """The arrows the layout draws as feedback loops (pointing back, right to left)."""
    graph = source if isinstance(source, CausalGraph) else CausalGraph.from_retro(source)
    return _loop_arrows(graph)


# -- steps ----------------------------------------------------------------------------------------


def _loop_arrows(graph: CausalGraph) -> set[tuple[str, str]]:
    """Arrows closing a loop, found by an iterative depth-first walk against the arrows.

    The walk starts at the impacts, then at every other node without effects, then at any
    node left (all sorted), so the arrows kept are those that lead towards the impact.
    """
    state: dict[str, int] = {}  # 1 = on the walk's path, 2 = done
    back: set[tuple[str, str]] = set()
    sinks = [n for n in graph.factor_ids if not graph.effects[n]]
    for root in (*graph.impact_ids, *sinks, *graph.factor_ids):
        if root in state:
            continue
        state[root] = 1
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work[-1]
            causes = graph.causes[node]
            if i < len(causes):
                work[-1] = (node, i + 1)
                cause = causes[i]
                seen = state.get(cause)
                if seen is None:
                    state[cause] = 1
                    work.append((cause, 0))
                elif seen == 1:
                    back.add((cause, node))
                continue
            state[node] = 2
            work.pop()
    return back


def _columns(graph: CausalGraph, loop_arrows: set[tuple[str, str]]) -> dict[str, int]:
    """Column per node, counted from the right: impacts 0, others 1 + their furthest effect."""
    impacts = set(graph.impact_ids)
    effects = {
        n: [e for e in graph.effects[n] if (n, e) not in loop_arrows] if n not in impacts else []
        for n in graph.nodes
    }
    pending = {n: len(effects[n]) for n in graph.nodes}
    column = dict.fromkeys(graph.nodes, 0)
    ready = [n for n in graph.nodes if pending[n] == 0]
    for n in ready:
        column[n] = 0 if n in impacts else 1
    while ready:
        node = ready.pop()
        for cause in graph.causes[node]:
            if (cause, node) in loop_arrows or cause in impacts:
                continue
            column[cause] = max(column[cause], column[node] + 1)
            pending[cause] -= 1
            if pending[cause] == 0:
                ready.append(cause)
    return column


def _reduce_crossings(graph: CausalGraph, columns: list[list[str]], sweeps: int) -> None:
    """Barycenter sweeps, in place: each card moves towards the mean row of its neighbours.

    Neighbours in any column count (long arrows included), with the row they hold at the
    time; ties keep the current order, so the result depends only on the graph.
    """
    row: dict[str, float] = {}
    for nodes in columns:
        for i, node in enumerate(nodes):
            row[node] = i
    order = list(range(len(columns)))
    for sweep in range(sweeps):
        # Even sweeps go from the impact leftwards (use effects), odd ones rightwards (causes).
        toward_causes = sweep % 2 == 0
        for col in order if toward_causes else reversed(order):
            nodes = columns[col]
            if len(nodes) < 2:
                continue
            keyed = []
            for i, node in enumerate(nodes):
                near = graph.effects[node] if toward_causes else graph.causes[node]
                rows = [row[n] for n in near if n in row]
                keyed.append((sum(rows) / len(rows) if rows else float(i), i, node))
            keyed.sort()
            nodes[:] = [node for _, _, node in keyed]
            for i, node in enumerate(nodes):
                row[node] = i
