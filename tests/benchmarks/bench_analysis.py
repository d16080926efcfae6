"""Benchmarks for retro.analysis: auto-arrange and graph findings on 500 factors / 750 arrows.

The floor is networkx doing only the column step (``topological_generations``) on the same
graph with its loop arrows already cut, measured in the same run: a lower bound for "a layered layout with networkx", which our
plain-Python layout (columns, loops, crossing sweeps, placement) is compared against.
"""

from __future__ import annotations

import random

from retro.analysis import CausalGraph, analyse, centrality, layered_layout, loop_arrows, to_networkx
from retro.domain.entities import Factor, FactorLink, Impact, Incident
from retro.domain.enums import FactorCategory
from retro.domain.retro import Retro
from tests.benchmarks.table import Row, absolute_row, median_ms

FACTORS = 500
LINKS = 750


def big_retro(factors: int = FACTORS, links: int = LINKS, seed: int = 7) -> Retro:
    """A deterministic graph where every factor reaches the impact, with ten feedback loops."""
    rng = random.Random(seed)
    categories = list(FactorCategory)
    entities: list[object] = [Impact("impact", "Checkout failed for customers")]
    ids = [f"f{i:04d}" for i in range(factors)]
    for i, fid in enumerate(ids):
        entities.append(
            Factor(
                fid,
                f"Factor {i} about {rng.choice(['cache', 'deploy', 'alert', 'review'])}",
                categories[i % 5],
            )
        )
    pairs: set[tuple[str, str]] = set()
    direct = factors // 10
    for i in range(factors - direct, factors):  # the last tenth lead straight to the impact
        pairs.add((ids[i], "impact"))
    for i in range(factors - direct):  # every other factor leads on to a later one
        pairs.add((ids[i], ids[rng.randrange(i + 1, min(i + 40, factors))]))
    for i in rng.sample(range(factors - 1), 10):  # ten feedback loops
        pairs.add((ids[i], ids[i + 1]))
        pairs.add((ids[i + 1], ids[i]))
    while len(pairs) < links:
        a, b = sorted(rng.sample(range(factors), 2))
        pairs.add((ids[a], ids[b]))
    entities.extend(FactorLink(f"l{n}", c, e) for n, (c, e) in enumerate(sorted(pairs)))
    return Retro.of(Incident("inc", "Busy incident"), entities)  # type: ignore[arg-type]


def run() -> list[Row]:
    retro = big_retro()
    graph = CausalGraph.from_retro(retro)
    import networkx as nx

    dag = to_networkx(graph)
    dag.remove_edges_from(loop_arrows(graph))  # cut outside the timer: the floor only ranks

    def floor() -> object:
        return list(nx.topological_generations(dag))

    floor_ms = median_ms(floor, repeat=5)
    layout_ms = median_ms(lambda: layered_layout(retro))
    analysis_ms = median_ms(lambda: (analyse(retro), centrality(retro)))
    name = "nx topological_generations"
    return [
        absolute_row(f"auto-arrange {FACTORS} factors / {LINKS} links", layout_ms, floor_ms, name, 50),
        absolute_row(
            f"analysis (findings + centrality) {FACTORS} / {LINKS}", analysis_ms, floor_ms, name, 50
        ),
    ]
