"""Where each card of the contributing-factor graph goes on the PDF page, and how it is coloured.

Positions come from the stored layout (``Factor.x/y`` and ``Impact.x/y``, the app's scene units);
when any node has none, a deterministic layout: one column per longest-path distance from the
impact, causes on the left, the impact on the right, tall columns folded to suit an A4 frame.
Drawn by :mod:`retro.report.graph_drawing`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib import colors

from retro.domain import Factor, FactorCategory, Impact, Retro

#: Card size in the app's scene units (as :data:`retro.analysis.layout.CARD_SIZE`).
CARD_W, CARD_H = 180.0, 72.0
COLUMN_GAP, ROW_GAP = 90.0, 36.0
LEGEND_H = 26.0

CATEGORY_COLOURS: dict[FactorCategory, colors.Color] = {
    FactorCategory.TECHNOLOGY: colors.HexColor("#2f6db5"),
    FactorCategory.PROCESS: colors.HexColor("#c26a00"),
    FactorCategory.ORGANISATION: colors.HexColor("#7b4bb3"),
    FactorCategory.HUMAN_FACTORS: colors.HexColor("#2e8540"),
    FactorCategory.EXTERNAL: colors.HexColor("#5f6b77"),
}
#: A letter beside each colour, so categories survive greyscale printing and colour blindness.
CATEGORY_LETTERS: dict[FactorCategory, str] = {
    FactorCategory.TECHNOLOGY: "T",
    FactorCategory.PROCESS: "P",
    FactorCategory.ORGANISATION: "O",
    FactorCategory.HUMAN_FACTORS: "H",
    FactorCategory.EXTERNAL: "X",
}
IMPACT_LETTER = "!"
IMPACT_COLOUR = colors.HexColor("#b3261e")
FRAME_ASPECT = 0.72  # width / height of the space a graph gets on an A4 page


@dataclass(frozen=True, slots=True)
class Node:
    """A card to draw: top-left corner in scene units, label, colour."""

    id: str
    x: float
    y: float
    label: str
    number: str
    colour: colors.Color
    is_impact: bool = False
    letter: str = ""


def stored_or_fallback_layout(retro: Retro, numbers: dict[str, str], *, use_stored: bool = True) -> list[Node]:
    """Nodes at their stored positions, or all at the fallback layout if any lacks one (or asked)."""
    factors = retro.factor_list()
    impacts = sorted(retro.impacts.values(), key=lambda i: (i.title.casefold(), i.id))
    cards: list[Factor | Impact] = [*factors, *impacts]
    placed = {n.id: (n.x, n.y) for n in cards if n.x is not None and n.y is not None}
    if use_stored and len(placed) == len(cards):
        pos = {key: (float(x), float(y)) for key, (x, y) in placed.items()}
    else:
        pos = fallback_layout(retro)
    nodes = [
        Node(f.id, *pos[f.id], f.title, numbers.get(f.id, ""), CATEGORY_COLOURS[f.category], letter=CATEGORY_LETTERS[f.category])
        for f in factors
    ]
    nodes += [Node(i.id, *pos[i.id], i.title, "", IMPACT_COLOUR, is_impact=True, letter=IMPACT_LETTER) for i in impacts]
    return nodes


def fallback_layout(retro: Retro) -> dict[str, tuple[float, float]]:
    """Columns by longest path to an impact (impact rightmost), rows in factor-list order."""
    forward: dict[str, list[str]] = {}
    for link in sorted(retro.links.values(), key=lambda li: li.id):
        forward.setdefault(link.cause_id, []).append(link.effect_id)
    depth: dict[str, int] = {i: 0 for i in retro.impacts}
    visiting: set[str] = set()

    def distance(node: str) -> int:
        if node in depth:
            return depth[node]
        if node in visiting:  # a cycle: stop counting here
            return 0
        visiting.add(node)
        nexts = [n for n in forward.get(node, []) if n in retro.factors or n in retro.impacts]
        result = 1 + max((distance(n) for n in nexts), default=0)
        visiting.discard(node)
        depth[node] = result
        return result

    order = [f.id for f in retro.factor_list()] + sorted(retro.impacts, key=lambda i: retro.impacts[i].title)
    for node in order:
        distance(node)
    deepest = max(depth.values(), default=0)
    columns: dict[int, list[str]] = {}
    for node in order:
        columns.setdefault(deepest - depth[node], []).append(node)
    stacks = [columns[c] for c in sorted(columns)]
    rows = _best_rows(stacks)
    positions: dict[str, tuple[float, float]] = {}
    x = 0.0
    for stack in stacks:
        # a tall column is folded into several side by side, so a big graph stays readable
        for start in range(0, len(stack), rows):
            part = stack[start : start + rows]
            offset = (min(rows, max(len(s) for s in stacks)) - len(part)) * (CARD_H + ROW_GAP) / 2
            for row, node in enumerate(part):
                positions[node] = (x, offset + row * (CARD_H + ROW_GAP))
            x += CARD_W + COLUMN_GAP
    return positions


def _best_rows(stacks: list[list[str]], aspect: float = FRAME_ASPECT) -> int:
    """Rows per folded column that give the largest scale on a frame of width/height ``aspect``."""
    tallest = max((len(s) for s in stacks), default=1)
    best, best_scale = tallest, 0.0
    for rows in range(1, tallest + 1):
        columns = sum(math.ceil(len(s) / rows) for s in stacks)
        width = columns * (CARD_W + COLUMN_GAP)
        height = rows * (CARD_H + ROW_GAP)
        scale = min(aspect / width, 1.0 / height)
        if scale > best_scale:
            best, best_scale = rows, scale
    return best
