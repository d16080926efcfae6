"""The projector's board: the whole contributing-factor graph laid out for the room's screen.

The facilitator's canvas is arranged for a laptop and zoomed by hand; shown whole on a 1280×720
projector its card text came out at 8–9 px. The board keeps the canvas's reading order (causes
left, the impact right: the columns of :func:`~retro.analysis.layout.layered_layout`) but fits
the cards to the projector's shape: a column taller than the picture allows is wrapped into
side-by-side sub-columns, choosing the number of rows that makes the cards largest on a screen
of the given aspect ratio. Cards on the board show a short label (:func:`short_label`); the
close-up (F) shows the full title.

Positions are cells (column, row), with a row possibly half-way for a centred short column, so
any card size can be applied by the caller. Deterministic: the same graph gives the same board.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from retro.domain.retro import Retro

from .graph import CausalGraph
from .layout import layered_layout

#: Words dropped first when a label must be shortened (they carry no meaning on their own).
FILLER = frozenset({"a", "an", "the", "that", "which", "very", "really", "just"})


@dataclass(frozen=True, slots=True)
class Board:
    """Where each factor and impact sits: ``cells[id] = (column, row)``, in a grid ``columns × rows``."""

    cells: dict[str, tuple[float, float]]
    columns: int
    rows: int


def board_layout(source: Retro | CausalGraph, aspect: float, cell: tuple[float, float]) -> Board:
    """The board for a picture ``aspect`` (width / height) wide, each card taking ``cell`` (w, h).

    Every layered column stays in order; one with more cards than the chosen number of rows
    continues in the next sub-column. The number of rows is the one that lets the whole board
    be drawn largest (ties: the fewest wraps).
    """
    graph = source if isinstance(source, CausalGraph) else CausalGraph.from_retro(source)
    positions = layered_layout(graph, (1.0, 1.0), 0.0, 0.0)
    if not positions:
        return Board({}, 0, 0)
    by_column: dict[int, list[tuple[float, str]]] = {}
    for node, (x, y) in positions.items():
        by_column.setdefault(round(x), []).append((y, node))
    columns = [[node for _, node in sorted(by_column[c])] for c in sorted(by_column)]
    tallest = max(len(c) for c in columns)
    cell_w, cell_h = cell
    best_rows, best_scale = tallest, -1.0
    for rows in range(tallest, 0, -1):
        width = sum(math.ceil(len(c) / rows) for c in columns) * cell_w
        scale = min(aspect / width, 1.0 / (rows * cell_h))  # picture of height 1, width ``aspect``
        if scale > best_scale * 1.0001:
            best_rows, best_scale = rows, scale
    cells: dict[str, tuple[float, float]] = {}
    at = 0
    for nodes in columns:
        for start in range(0, len(nodes), best_rows):
            chunk = nodes[start:start + best_rows]
            offset = (best_rows - len(chunk)) / 2
            for row, node in enumerate(chunk):
                cells[node] = (float(at), offset + row)
            at += 1
    return Board(cells, at, best_rows)


def short_label(title: str, limit: int = 40) -> str:
    """``title`` in at most ``limit`` characters: filler words dropped first, then cut at a word with "…"."""
    words = title.split()
    text = " ".join(words)
    if len(text) <= limit:
        return text
    kept = [w for i, w in enumerate(words) if i == 0 or w.casefold() not in FILLER]
    text = " ".join(kept)
    if len(text) <= limit:
        return text
    out = ""
    for word in kept:
        candidate = f"{out} {word}".strip()
        if len(candidate) > limit - 1:
            break
        out = candidate
    if not out:  # one very long word
        out = kept[0][: limit - 1]
    return out.rstrip(",;:.-–—") + "…"
