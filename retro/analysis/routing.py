"""Arrow routes that never pass through a card they do not connect (the PDF and the canvas share it).

:func:`route` finds a short polyline from one point to another around rectangular obstacles
(each grown by a margin), so an arrow with nothing in its way costs one segment test. The
search turns only at corners of the walls actually in the way: from each point it tries the goal,
and when a wall blocks that, the corners of that wall (A* with a slightly greedy estimate; see
:func:`_search_around`); when that finds nothing, the full visibility graph of every corner is
searched. Walls live in a uniform grid of buckets (:class:`_Walls`), so a segment is tested only
against the walls near it, and columns or rows of touching walls are merged first. A 100-card
graph routes in a few tenths of a second. Coordinates are plain floats; the y axis may point
either way.
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
    grid = _Walls(rects)
    return all(grid.clear(a, b) for a, b in itertools.pairwise(points))


_FEW = 24
"""Up to this many walls a segment is tested against each in turn (cheaper than walking buckets)."""


class _Walls:
    """The obstacles in a uniform grid of buckets, so a segment is tested only against walls near it.

    The cell size is the walls' median size: a segment is walked column by column from its
    start, and the first wall it enters ends the test (in a crowded graph most segments tried
    are blocked, and by a wall close to where they start).
    """

    def __init__(self, walls: Sequence[Rect]) -> None:
        self.walls = walls
        sizes = sorted(max(w[2] - w[0], w[3] - w[1]) for w in walls)
        self.cell = max(sizes[len(sizes) // 2] if sizes else 1.0, 1e-3)
        self.buckets: dict[tuple[int, int], list[int]] = {}
        c = self.cell
        for index, (x0, y0, x1, y1) in enumerate(walls):
            for cx in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
                for cy in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                    self.buckets.setdefault((cx, cy), []).append(index)
        self.tests = 0  # segment-rectangle tests and bucket visits so far (the search's budget)
        self._free: dict[int, tuple[Point, ...]] = {}

    def clear(self, a: Point, b: Point) -> bool:
        """Whether the segment a–b enters no wall's inside."""
        return self.first_hit(a, b) is None

    def first_hit(self, a: Point, b: Point) -> int | None:
        """A wall whose inside the segment a–b enters (one of the first along it), or None."""
        c, buckets, walls = self.cell, self.buckets, self.walls
        (ax, ay), (bx, by) = a, b
        left, right, bottom, top = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
        if len(walls) <= _FEW:  # a handful (the canvas asks about the cards near one arrow): just look
            self.tests += len(walls)
            for index, w in enumerate(walls):
                if w[0] + _EPS < right and w[2] - _EPS > left and w[1] + _EPS < top and w[3] - _EPS > bottom \
                        and segment_hits_rect(a, b, w):
                    return index
            return None
        seen: set[int] = set()
        dx = bx - ax
        first, last = math.floor(ax / c), math.floor(bx / c)
        step = 1 if last >= first else -1
        for cx in range(first, last + step, step):
            if dx == 0:
                y_from, y_to = ay, by
            else:  # the part of the segment inside this column
                t0 = min(max(((cx + (step < 0)) * c - ax) / dx, 0.0), 1.0) if cx != first else 0.0
                t1 = min(max(((cx + (step > 0)) * c - ax) / dx, 0.0), 1.0) if cx != last else 1.0
                y_from, y_to = ay + (by - ay) * t0, ay + (by - ay) * t1
            low, high = math.floor(min(y_from, y_to) / c), math.floor(max(y_from, y_to) / c)
            rows = range(low, high + 1) if by >= ay else range(high, low - 1, -1)
            for cy in rows:
                self.tests += 1
                for index in buckets.get((cx, cy), ()):
                    if index not in seen:
                        seen.add(index)
                        self.tests += 1
                        w = walls[index]  # the bounding boxes first: most walls in a bucket miss
                        if w[0] + _EPS < right and w[2] - _EPS > left and w[1] + _EPS < top and w[3] - _EPS > bottom \
                                and segment_hits_rect(a, b, w):
                            return index
        return None

    def free_corners(self, index: int) -> tuple[Point, ...]:
        """The corners of wall ``index`` that are not inside another wall (worked out once)."""
        found = self._free.get(index)
        if found is None:
            found = self._free[index] = tuple(p for p in _corners(self.walls[index]) if not self.inside_any(p))
        return found

    def inside_any(self, point: Point) -> bool:
        c = self.cell
        return any(_inside(point, self.walls[i]) for i in self.buckets.get((math.floor(point[0] / c), math.floor(point[1] / c)), ()))


_NUDGE = 1e-3
_GREED = 1.25
"""Weight of the distance still to go in the corner search (A* is 1): a route at most that much
longer than the shortest, found with far fewer steps in a crowded graph."""


def _corners(wall: Rect) -> tuple[Point, ...]:
    """The four points just outside a wall's corners (where a route turns around it)."""
    x0, y0, x1, y1 = wall
    n = _NUDGE
    return ((x0 - n, y0 - n), (x1 + n, y0 - n), (x0 - n, y1 + n), (x1 + n, y1 + n))


def _search_around(start: Point, end: Point, grid: _Walls, budget: int, fan: int = 48) -> list[Point] | None:
    """A* that only turns at corners of the walls in its way: fast, and nearly always enough.

    From a point, the way to the goal is tried first; when a wall blocks it, the corners of that
    wall are tried instead, and so on (at most ``fan`` targets per point): the route bends only
    around what is actually in the way. When this finds nothing the caller falls back to the
    full visibility graph (:func:`_search`).
    """
    index: dict[Point, int] = {start: 0, end: 1}
    points: list[Point] = [start, end]
    best = {0: 0.0}
    came: dict[int, int] = {}
    queue = [(math.dist(start, end), 0.0, 0)]
    done: set[int] = set()
    while queue:
        _, cost, node = heapq.heappop(queue)
        if node in done:
            continue
        if node == 1:
            return _walked_back(came, node, points, end)
        done.add(node)
        if grid.tests > budget:
            return None
        here = points[node]
        targets, tried = [end], {end}
        while targets and len(tried) <= fan:
            target = targets.pop()
            hit = grid.first_hit(here, target)
            if hit is not None:
                for corner in grid.free_corners(hit):
                    if corner not in tried and corner != here:
                        tried.add(corner)
                        targets.append(corner)
                continue
            other = index.setdefault(target, len(points))
            if other == len(points):
                points.append(target)
            if other in done:
                continue
            step = cost + math.dist(here, target)
            if step < best.get(other, math.inf) - _EPS:
                best[other] = step
                came[other] = node
                heapq.heappush(queue, (step + _GREED * math.dist(target, end), step, other))
    return None


def merged(walls: Sequence[Rect]) -> list[Rect]:
    """The same area in fewer rectangles: overlapping walls with the same left and right edges
    (a column of cards, once grown by the margin) become one, and likewise rows.

    The union of two such rectangles is exactly a rectangle, so nothing is gained or lost; a
    route then turns at the column's ends instead of feeling its way past every card in it.
    """
    out = list(walls)
    for across in (False, True):  # columns first, then rows
        groups: dict[tuple[float, float], list[Rect]] = {}
        for r in out:
            groups.setdefault((r[1], r[3]) if across else (r[0], r[2]), []).append(r)
        out = []
        for group in groups.values():
            group.sort(key=lambda r: r[0] if across else r[1])
            current = group[0]
            for r in group[1:]:
                if across and r[0] <= current[2]:
                    current = (current[0], current[1], max(current[2], r[2]), current[3])
                elif not across and r[1] <= current[3]:
                    current = (current[0], current[1], current[2], max(current[3], r[3]))
                else:
                    out.append(current)
                    current = r
            out.append(current)
    return out


def _search(start: Point, end: Point, walls: list[Rect], budget: int) -> list[Point] | None:
    walls = merged(walls)
    grid = _Walls(walls)
    found = _search_around(start, end, grid, budget)
    if found is not None:
        return found
    grid.tests = 0
    # corner points just outside each grown rectangle, unless inside another obstacle
    nudge = 1e-3
    points: list[Point] = [start, end]
    for x0, y0, x1, y1 in walls:
        for corner in ((x0 - nudge, y0 - nudge), (x1 + nudge, y0 - nudge), (x0 - nudge, y1 + nudge), (x1 + nudge, y1 + nudge)):
            if not grid.inside_any(corner):
                points.append(corner)

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
            return _walked_back(came, node, points, end)
        done.add(node)
        if grid.tests > budget:
            return None
        here = points[node]
        # the goal first: once it is reached at some cost, no point whose straight-line
        # estimate is already dearer needs its (costly) visibility test
        for other in itertools.chain((goal,), range(2, len(points))):
            if other in done or other == node:
                continue
            there = points[other]
            step = cost + math.dist(here, there)
            if step >= best.get(other, math.inf) - _EPS:
                continue
            estimate = step + math.dist(there, end)
            if estimate >= best.get(goal, math.inf) - _EPS:
                continue
            if not grid.clear(here, there):
                continue
            best[other] = step
            came[other] = node
            heapq.heappush(queue, (estimate, step, other))
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


def _walked_back(came: dict[int, int], node: int, points: list[Point], end: Point) -> list[Point]:
    """The path found: from the start to ``end``, following ``came`` back from ``node``."""
    path = [end]
    while node in came:
        node = came[node]
        path.append(points[node])
    return path[::-1]
