"""The benchmark table: each figure is ours beside a floor measured in the same run.

A bench module (``tests/benchmarks/bench_*.py``) exposes ``run() -> list[Row]``. Timings are
medians of repeated runs; the *ratio* (ours / floor) is what we compare with the goal, because
absolute times on shared machines are noisy. Nothing here is asserted in unit tests.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    figure: str
    ours_ms: float
    floor_ms: float | None
    floor_name: str
    goal: str  # e.g. "≤ 2× floor" or "≤ 150 ms"
    met: bool
    #: What ``ours_ms`` holds: milliseconds, or a score (precision, recall) printed as it is.
    unit: str = "ms"

    @property
    def ratio(self) -> float | None:
        return self.ours_ms / self.floor_ms if self.floor_ms else None


def median_ms(fn: Callable[[], object], *, repeat: int = 7, warmup: int = 1) -> float:
    """Median wall time of ``fn()`` in milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def paired_ms(ours: Callable[[], object], floor: Callable[[], object], *, samples: int = 200, warmup: int = 20,
              clock: Callable[[], float] = time.perf_counter) -> tuple[float, float]:
    """Medians of ``ours()`` and ``floor()`` in milliseconds, run in turns (ours, floor, ours, …).

    For figures well under a millisecond: a handful of samples there is at the mercy of one other
    process's turn, and timing the two apart lets the machine's speed drift between them. Many
    samples taken in turns see the same machine.
    """
    for _ in range(warmup):
        ours()
        floor()
    mine, theirs = [], []
    for _ in range(samples):
        start = clock()
        ours()
        middle = clock()
        floor()
        mine.append((middle - start) * 1000)
        theirs.append((clock() - middle) * 1000)
    return statistics.median(mine), statistics.median(theirs)


def ratio_row(figure: str, ours_ms: float, floor_ms: float, floor_name: str, max_ratio: float) -> Row:
    return Row(figure, ours_ms, floor_ms, floor_name, f"≤ {max_ratio:g}× floor", ours_ms <= max_ratio * floor_ms)


def absolute_row(figure: str, ours_ms: float, floor_ms: float | None, floor_name: str, max_ms: float) -> Row:
    return Row(figure, ours_ms, floor_ms, floor_name, f"≤ {max_ms:g} ms", ours_ms <= max_ms)


def render(rows: list[Row]) -> str:
    """A plain-text table: figure | ours | floor | ratio | goal | met."""
    header = ("figure", "ours", "floor (what)", "ratio", "goal", "met")
    lines = [header]
    for r in rows:
        unit = "ms" if r.unit in ("ms", "score") else r.unit
        floor = f"{r.floor_ms:.2f} {unit} ({r.floor_name})" if r.floor_ms is not None else r.floor_name or "-"
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "-"
        ours = {"ms": f"{r.ours_ms:.2f} ms", "score": f"{r.ours_ms:.3f}"}.get(r.unit, f"{r.ours_ms:.1f} {r.unit}")
        lines.append((r.figure, ours, floor, ratio, r.goal, "yes" if r.met else "NO"))
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    out = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in lines]
    out.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(out)
