"""Arrow routes that never pass through a card they do not connect (the PDF and the canvas share it).

:func:`route` finds a short polyline from one point to another around rectangular obstacles: it
is a shortest path over the visibility graph of the obstacles' corners (each rectangle grown by
a margin), searched with A* and built lazily, so an arrow with nothing in its way costs one
segment test. Coordinates are plain floats; the y axis may point either way.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Sequence

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 with x0 < x1 and y0 < y1

_EPS = 1e-7


def segment_hits_rect(a: Point, b: Point, rect: Rect) -> bool:
    """Whether the segment a–b passes through the *inside* of ``rect`` (touching the border is fine)."""
    x0, y0, x1, y1 = rect
    if max(a[0], b[0]) <= x0 + _EPS or min(a[0], b[0]) >= x1 - _EPS:
        return False
    if max(a[1], b[1]) <= y0 + _EPS or min(a[1], b[1]) >= y1 - _EPS:
        return False
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if abs(p) < _EPS:
            if q <= _EPS:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high - _EPS:
            return False
    return high - low > _EPS


def _inside(point: Point, rect: Rect) -> bool:
    return rect[0] + _EPS < point[0] < rect[2] - _EPS and rect[1] + _EPS < point[1] < rect[3] - _EPS


def _grown(rect: Rect, margin: float) -> Rect:
    return (rect[0] - margin, rect[1] - margin, rect[2] + margin, rect[3] + margin)


def route(start: Point, end: Point, obstacles: Sequence[Rect], margin: float = 6.0, budget: int = 2_000_000) -> list[Point]:
    """The polyline ``[start, …, end]`` around ``obstacles``, each kept ``margin`` away where room allows.

    When the margin leaves no way through, the search tries again with the bare rectangles
    (routes may then touch a card's border, never cross its inside); when the ends are walled in
    it returns the straight segment. ``budget`` caps the segment-rectangle tests of one search,
    so a crowded graph of hundreds of cards still draws in bounded time (an arrow whose search
    runs out falls back to the straight line).
    """
    if not any(segment_hits_rect(start, end, r) for r in obstacles):
        return [start, end]
    # first around the cards near the straight line only (cheap), then around all of them
    reach = 2.5 * max((max(r[2] - r[0], r[3] - r[1]) for r in obstacles), default=0.0) + margin
    window = (min(start[0], end[0]) - reach, min(start[1], end[1]) - reach, max(start[0], end[0]) + reach, max(start[1], end[1]) + reach)
    near = [r for r in obstacles if r[2] >= window[0] and r[0] <= window[2] and r[3] >= window[1] and r[1] <= window[3]]
    for pad in (margin, margin / 3, 0.0):
        for group in (near, obstacles) if len(near) < len(obstacles) else (obstacles,):
            found = _search(start, end, [_grown(r, pad) for r in group], budget)
            if found is not None and (group is obstacles or _clear_of(found, obstacles)):
                return found
    return [start, end]


def _clear_of(points: list[Point], rects: Sequence[Rect]) -> bool:
    return not any(segment_hits_rect(a, b, r) for a, b in itertools.pairwise(points) for r in rects)


def _search(start: Point, end: Point, walls: list[Rect], budget: int) -> list[Point] | None:
    # corner points just outside each grown rectangle, unless inside another obstacle
    nudge = 1e-3
    points: list[Point] = [start, end]
    for x0, y0, x1, y1 in walls:
        for corner in ((x0 - nudge, y0 - nudge), (x1 + nudge, y0 - nudge), (x0 - nudge, y1 + nudge), (x1 + nudge, y1 + nudge)):
            if not any(_inside(corner, w) for w in walls):
                points.append(corner)

    spent = [0]

    def clear(a: Point, b: Point) -> bool:
        spent[0] += len(walls)
        return not any(segment_hits_rect(a, b, w) for w in walls)

    goal = 1
    best = {0: 0.0}
    came: dict[int, int] = {}
    queue = [(math.dist(start, end), 0.0, 0)]
    done: set[int] = set()
    while queue:
        _, cost, node = heapq.heappop(queue)
        if node in done:
            continue
        if node == goal:
            path = [end]
            while node in came:
                node = came[node]
                path.append(points[node])
            return path[::-1]
        done.add(node)
        if spent[0] > budget:
            return None
        here = points[node]
        for other, there in enumerate(points):
            if other in done or other == node:
                continue
            step = cost + math.dist(here, there)
            if step >= best.get(other, math.inf) - _EPS:
                continue
            if not clear(here, there):
                continue
            best[other] = step
            came[other] = node
            heapq.heappush(queue, (step + math.dist(there, end), step, other))
    return None


def clip_to_border(points: list[Point], rect: Rect, *, at_start: bool) -> list[Point]:
    """The polyline cut where it leaves ``rect`` (at its start) or enters it (at its end).

    ``points`` starts (or ends) inside the rectangle: an arrow routed from card centre to card
    centre is cut to run from border to border.
    """
    pts = points if at_start else points[::-1]
    for i in range(len(pts) - 1):
        if not _in_closed(pts[i + 1], rect):
            out = [_exit_point(pts[i], pts[i + 1], rect), *pts[i + 1 :]]
            return out if at_start else out[::-1]
    return points


def _in_closed(point: Point, rect: Rect) -> bool:
    return rect[0] - _EPS <= point[0] <= rect[2] + _EPS and rect[1] - _EPS <= point[1] <= rect[3] + _EPS


def _exit_point(a: Point, b: Point, rect: Rect) -> Point:
    """Where the segment from ``a`` (inside or on ``rect``) to ``b`` (outside) crosses its border."""
    x0, y0, x1, y1 = rect
    dx, dy = b[0] - a[0], b[1] - a[1]
    t = 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p > _EPS:
            t = min(t, q / p)
    t = max(0.0, t)
    return (a[0] + dx * t, a[1] + dy * t)
