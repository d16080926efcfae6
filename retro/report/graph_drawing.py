"""The contributing-factor graph as vector graphics: cards, "contributed to" arrows and a legend.

Positions come from the stored layout (``Factor.x/y`` and ``Impact.x/y``: the top-left corner
of each card on the app's canvas in scene units, y growing downwards, as in
:mod:`retro.analysis.layout`). When any node has no position the graph gets a
deterministic layout instead: one column per longest-path distance from the impact, causes on
the left, the impact on the right. The drawing is scaled to the frame width (and shrunk further
only when it would not fit the page height); card titles are wrapped Paragraphs, so they keep
escaping and font fallback.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from retro.analysis import routing
from retro.analysis.routing import Point, Rect
from retro.domain import FactorLink, Retro

from .fonts import SANS, SANS_BOLD
from .graph_layout import (
    CARD_H,
    CARD_W,
    CATEGORY_COLOURS,
    CATEGORY_LETTERS,
    IMPACT_COLOUR,
    IMPACT_LETTER,
    LEGEND_H,
    Node,
    stored_or_fallback_layout,
)
from .paragraphs import Paragraph
from .text import inline

IMPACT_FILL = colors.HexColor("#fdf1f0")
ARROW_COLOUR = colors.HexColor("#55606b")
MAX_GROWTH = 1.45
ROUTED_CARDS = 160  # graphs up to this many cards get arrows routed around cards (100 cards: ~0.1-0.3 s)
CARD_MARGIN = 18.0  # scene units kept free between grown cards
MIN_SCALE = 0.05  # below this the stored layout is given up for the deterministic one


class FactorGraph(Flowable):
    """A platypus flowable drawing the factor graph to fit the frame."""

    def __init__(self, retro: Retro, numbers: dict[str, str], *, max_scale: float = 0.8, max_height: float = 0.0) -> None:
        super().__init__()
        self.retro = retro
        self.numbers = numbers
        self.max_scale = max_scale
        self.max_height = max_height
        self.scale = 1.0
        self._place(stored_or_fallback_layout(retro, numbers))
        self._laid_out_afresh = False

    def _place(self, nodes: list[Node]) -> None:
        self.nodes = nodes
        self._bounds = _bounds(nodes)
        self._grow = card_growth(nodes)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        page_h = self.max_height or avail_height
        scale = self._fitting_scale(avail_width, page_h)
        if scale is None and not self._laid_out_afresh:
            # stored positions spread so far apart that even the smallest drawing is taller than
            # a page: draw the deterministic layout instead (the stored one stays in the app)
            self._place(stored_or_fallback_layout(self.retro, self.numbers, use_stored=False))
            self._laid_out_afresh = True
            scale = self._fitting_scale(avail_width, page_h)
        scene_h = self._scene_size()[1]
        if scale is None:  # still too tall: smaller than legible, but a PDF that can be made
            scale = max((page_h - LEGEND_H) / scene_h, 1e-6)
        self.scale = scale
        self.width = avail_width
        self.height = scene_h * scale + LEGEND_H
        return self.width, self.height

    def _scene_size(self) -> tuple[float, float]:
        min_x, min_y, max_x, max_y = self._bounds
        return max_x - min_x + CARD_W * self._grow, max_y - min_y + CARD_H * self._grow

    def _fitting_scale(self, avail_width: float, page_h: float) -> float | None:
        """The scale to draw at: the frame width, shrunk to the page height; None below MIN_SCALE."""
        scene_w, scene_h = self._scene_size()
        scale = min(self.max_scale, avail_width / scene_w)
        if scene_h * scale + LEGEND_H > page_h:
            scale = (page_h - LEGEND_H) / scene_h
        return scale if scale >= MIN_SCALE else None

    def draw(self) -> None:
        canvas = self.canv
        s = self.scale
        grow = self._grow
        min_x, min_y, max_x, _ = self._bounds
        drawn_w = (max_x - min_x + CARD_W * grow) * s
        left = (self.width - drawn_w) / 2
        top = self.height
        card_w, card_h = CARD_W * grow * s, CARD_H * grow * s

        def centre(node: Node) -> tuple[float, float]:
            return (left + (node.x - min_x + CARD_W * grow / 2) * s, top - (node.y - min_y + CARD_H * grow / 2) * s)

        canvas.saveState()
        canvas.setStrokeColor(ARROW_COLOUR)
        canvas.setFillColor(ARROW_COLOUR)
        canvas.setLineWidth(max(0.7, 1.2 * s))
        for _, points in self.arrow_routes():
            _arrow(canvas, points, max(5.0, 9 * s))
        font_size = max(6.0, min(9.5, card_h / 4.4))
        stripe = max(3.0, 6 * s)
        for node in self.nodes:
            cx, cy = centre(node)
            x0, y0 = cx - card_w / 2, cy - card_h / 2
            canvas.setFillColor(IMPACT_FILL if node.is_impact else colors.white)
            canvas.setStrokeColor(node.colour)
            canvas.setLineWidth(1.6 if node.is_impact else 1.0)
            canvas.roundRect(x0, y0, card_w, card_h, 3, stroke=1, fill=1)
            canvas.setFillColor(node.colour)
            canvas.rect(x0, y0, stripe, card_h, stroke=0, fill=1)
            badge = _letter_badge(canvas, node, x0 + card_w, y0 + card_h, font_size)
            _card_text(canvas, node, x0 + stripe + 4, y0, card_w - stripe - 8 - badge, card_h, font_size)
            if not node.is_impact:  # a card is a link to its factor's description below
                canvas.linkRect("", f"factor-{node.id}", (x0, y0, x0 + card_w, y0 + card_h), relative=1, thickness=0)
        canvas.restoreState()
        self._legend(canvas)

    def card_rects(self) -> dict[str, Rect]:
        """Each card's rectangle in the flowable's own coordinates (points, y up), after :meth:`wrap`."""
        s, grow = self.scale, self._grow
        min_x, min_y, max_x, _ = self._bounds
        left = (self.width - (max_x - min_x + CARD_W * grow) * s) / 2
        top = self.height
        card_w, card_h = CARD_W * grow * s, CARD_H * grow * s
        rects: dict[str, Rect] = {}
        for node in self.nodes:
            cx = left + (node.x - min_x + CARD_W * grow / 2) * s
            cy = top - (node.y - min_y + CARD_H * grow / 2) * s
            rects[node.id] = (cx - card_w / 2, cy - card_h / 2, cx + card_w / 2, cy + card_h / 2)
        return rects

    def arrow_routes(self) -> list[tuple[FactorLink, list[Point]]]:
        """Each drawn arrow as a polyline from its cause's border to its effect's, around other cards."""
        key = (self.scale, self.width, self.height, id(self.nodes))
        cached: tuple[object, list[tuple[FactorLink, list[Point]]]] | None = getattr(self, "_routes", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        rects = self.card_rects()
        out = []
        margin = max(2.0, 10 * self.scale)
        for link in sorted(self.retro.links.values(), key=lambda li: li.id):
            a, b = rects.get(link.cause_id), rects.get(link.effect_id)
            if a is None or b is None or link.cause_id == link.effect_id:
                continue
            others = [r for key, r in rects.items() if key not in (link.cause_id, link.effect_id)]
            start, end = ((a[0] + a[2]) / 2, (a[1] + a[3]) / 2), ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
            # above ROUTED_CARDS (cards too small to read anyway) routing costs seconds: straight arrows
            points = routing.route(start, end, others, margin) if len(rects) <= ROUTED_CARDS else [start, end]
            points = routing.clip_to_border(points, a, at_start=True)
            points = routing.clip_to_border(points, b, at_start=False)
            out.append((link, points))
        self._routes = (key, out)
        return out

    def _legend(self, canvas: Canvas) -> None:
        canvas.saveState()
        x, y = 0.0, 6.0
        canvas.setFont(SANS, 7.5)
        used = {f.category for f in self.retro.factors.values()}
        entries = [(c.label, col) for c, col in CATEGORY_COLOURS.items() if c in used]
        if self.retro.impacts:
            entries.append(("Impact", IMPACT_COLOUR))
        letters = {c.label: CATEGORY_LETTERS[c] for c in CATEGORY_COLOURS} | {"Impact": IMPACT_LETTER}
        # the gap between entries shrinks so that the whole legend stays within the graph's width
        content = sum(14 + canvas.stringWidth(label, SANS, 7.5) for label, _ in entries) + 26 + canvas.stringWidth("contributed to", SANS, 7.5)
        gap = min(14.0, max(3.0, (self.width - content) / max(len(entries), 1)))
        for label, colour in entries:
            canvas.setFillColor(colour)
            canvas.roundRect(x, y - 1, 11, 11, 1.5, stroke=0, fill=1)
            canvas.setFillColor(colors.white)
            canvas.setFont(SANS_BOLD, 7.5)
            canvas.drawCentredString(x + 5.5, y + 1.5, letters[label])
            canvas.setFillColor(colors.HexColor("#333333"))
            canvas.setFont(SANS, 7.5)
            canvas.drawString(x + 14, y + 1.5, label)
            x += 14 + canvas.stringWidth(label, SANS, 7.5) + gap
        canvas.setStrokeColor(ARROW_COLOUR)
        canvas.setFillColor(ARROW_COLOUR)
        canvas.setLineWidth(0.8)
        _arrow(canvas, [(x + 2, y + 4), (x + 22, y + 4)], 5.0)
        canvas.setFillColor(colors.HexColor("#333333"))
        canvas.drawString(x + 26, y + 1.5, "contributed to")
        canvas.restoreState()


def _letter_badge(canvas: Canvas, node: Node, right: float, top: float, size: float) -> float:
    """The category letter in a small box at the card's top-right corner; returns the width it takes."""
    if not node.letter:
        return 0.0
    side = max(6.0, size * 1.15)
    x, y = right - side - 2, top - side - 2
    canvas.setFillColor(node.colour)
    canvas.roundRect(x, y, side, side, 1.5, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont(SANS_BOLD, side * 0.72)
    canvas.drawCentredString(x + side / 2, y + side * 0.24, node.letter)
    return side + 2


def card_growth(nodes: list[Node]) -> float:
    """How much the cards can grow around their centres (≤ MAX_GROWTH) without touching.

    The stored layout leaves wide gaps for arrows on a screen; on paper bigger cards with
    bigger type read better, so cards take up part of that space.
    """
    grow = MAX_GROWTH
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            dx, dy = abs(a.x - b.x), abs(a.y - b.y)
            # the cards stay apart if they are apart horizontally or vertically
            fit_x = (dx - CARD_MARGIN) / CARD_W if dx > CARD_MARGIN else 0.0
            fit_y = (dy - CARD_MARGIN) / CARD_H if dy > CARD_MARGIN else 0.0
            grow = min(grow, max(fit_x, fit_y, 1.0))
            if grow <= 1.0:
                return 1.0
    return grow


def _bounds(nodes: list[Node]) -> tuple[float, float, float, float]:
    if not nodes:
        return (0.0, 0.0, 0.0, 0.0)
    xs = [n.x for n in nodes]
    ys = [n.y for n in nodes]
    return (min(xs), min(ys), max(xs), max(ys))


def _card_text(canvas: Canvas, node: Node, x: float, y: float, w: float, h: float, size: float) -> None:
    """Draw the title wrapped into the card, centred vertically (see :func:`card_paragraph`)."""
    para, height = card_paragraph(node, w, h, size)
    if height <= h:
        para.drawOn(canvas, x, y + (h - height) / 2)


def card_paragraph(node: Node, w: float, h: float, size: float) -> tuple[Paragraph, float]:
    """The card's title fitted to ``w`` × ``h``: shrink the type a little, then shorten it with "…".

    Shortening keeps whole words, or cuts a single long word. The full title is always printed
    in the factor list below the graph.
    """
    prefix = f"<b>{node.number}</b>  " if node.number else ""
    font = SANS_BOLD if node.is_impact else SANS
    colour = IMPACT_COLOUR if node.is_impact else colors.HexColor("#1d232a")
    room = h - 4

    def build(text: str, font_size: float) -> tuple[Paragraph, float]:
        style = ParagraphStyle("card", fontName=font, fontSize=font_size, leading=font_size * 1.18, textColor=colour)
        para = Paragraph(prefix + inline(text), style)
        return para, para.wrap(w, h)[1]

    if room < size * 1.2 or w < size * 4:
        # too small for words: the number alone (the factor list below has the title)
        return build("", max(4.0, min(size, room / 1.2)))
    para, height = build(node.label, size)
    while height > room and size > 6.5:
        size -= 0.75
        para, height = build(node.label, size)
    if height <= room:
        return para, height
    words = node.label.split()
    best = _longest_fitting([" ".join(words[:n]).rstrip(",.;:") + "…" for n in range(1, len(words))], build, size, room)
    if best is None:  # even the first word is too long: cut it
        best = _longest_fitting([node.label[:n].rstrip() + "…" for n in range(1, len(node.label))], build, size, room)
    return best if best is not None else build("", size)


def _longest_fitting(
    candidates: list[str], build: Callable[[str, float], tuple[Paragraph, float]], size: float, room: float
) -> tuple[Paragraph, float] | None:
    """The last of ``candidates`` (ordered shortest first) whose paragraph fits ``room``, by bisection."""
    best = None
    low, high = 0, len(candidates) - 1
    while low <= high:
        middle = (low + high) // 2
        candidate = build(candidates[middle], size)
        if candidate[1] <= room:
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best


def _arrow(canvas: Canvas, points: list[Point], head: float) -> None:
    """The polyline with a filled arrowhead at its last point."""
    if len(points) < 2:
        return
    (px, py), (ex, ey) = points[-2], points[-1]
    length = math.hypot(ex - px, ey - py)
    if length < 1e-6:
        return
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    canvas.drawPath(path, stroke=1, fill=0)
    ux, uy = (ex - px) / length, (ey - py) / length
    tip = canvas.beginPath()
    tip.moveTo(ex, ey)
    tip.lineTo(ex - head * ux + head * 0.45 * uy, ey - head * uy - head * 0.45 * ux)
    tip.lineTo(ex - head * ux - head * 0.45 * uy, ey - head * uy + head * 0.45 * ux)
    tip.close()
    canvas.drawPath(tip, stroke=0, fill=1)
