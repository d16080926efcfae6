"""The contributing-factor graph as plain Python lists and dicts.

Nodes are the contributing factors and the impacts; edges are the "contributed to" arrows from a
cause to its effect. Everything here is deterministic: nodes and neighbour lists are sorted by
:meth:`CausalGraph.sort_key` (title, then id), never by set or insertion order, so the same graph
gives the same analysis and layout however its pieces were handed in.

The graph is built with plain dicts rather than networkx: for the sizes a retrospective reaches
(hundreds of factors) plain lists are faster than building a ``networkx.DiGraph``, and importing
networkx at start-up costs time the facilitator would notice. :func:`to_networkx` converts lazily
for callers that want networkx algorithms.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from retro.domain.enums import FactorCategory
from retro.domain.retro import Retro

if TYPE_CHECKING:  # pragma: no cover - typing only
    import networkx


@dataclass(frozen=True, slots=True)
class CausalGraph:
    """Factors, impacts and arrows, with sorted neighbour lists.

    ``causes[n]`` lists the nodes with an arrow into ``n``; ``effects[n]`` the nodes ``n`` has an
    arrow to. Arrows whose ends are unknown, duplicates and self-arrows are left out.
    """

    factor_ids: tuple[str, ...]
    impact_ids: tuple[str, ...]
    titles: Mapping[str, str]
    categories: Mapping[str, FactorCategory]
    effects: Mapping[str, tuple[str, ...]]
    causes: Mapping[str, tuple[str, ...]]
    edges: tuple[tuple[str, str], ...] = field(default=())

    # -- building ---------------------------------------------------------------------------------

    @classmethod
    def from_retro(cls, retro: Retro) -> CausalGraph:
        """The graph of one retrospective's factors, impacts and arrows."""
        return cls.build(
            factors={f.id: (f.title, f.category) for f in retro.factors.values()},
            impacts={i.id: i.title for i in retro.impacts.values()},
            edges=[(link.cause_id, link.effect_id) for link in retro.links.values()],
        )

    @classmethod
    def build(
        cls,
        factors: Mapping[str, tuple[str, FactorCategory]] | Iterable[str],
        impacts: Mapping[str, str] | Iterable[str],
        edges: Iterable[tuple[str, str]],
    ) -> CausalGraph:
        """A graph from plain ids: ``factors`` maps id → (title, category) or is just ids.

        Plain ids get their id as title and the technology category (handy in tests and
        benchmarks). Impact ids that are also factor ids are treated as impacts.
        """
        titles: dict[str, str] = {}
        categories: dict[str, FactorCategory] = {}
        if isinstance(factors, Mapping):
            for fid, (title, category) in factors.items():
                titles[fid] = title
                categories[fid] = category
        else:
            for fid in factors:
                titles[fid] = fid
                categories[fid] = FactorCategory.TECHNOLOGY
        impact_titles = dict(impacts) if isinstance(impacts, Mapping) else {i: i for i in impacts}
        for iid, title in impact_titles.items():
            titles[iid] = title
            categories.pop(iid, None)

        def key(node: str) -> tuple[str, str]:
            return (titles[node].casefold(), node)

        factor_ids = tuple(sorted(categories, key=key))
        impact_ids = tuple(sorted(impact_titles, key=key))
        pairs = sorted(
            {(c, e) for c, e in edges if c != e and c in titles and e in titles},
            key=lambda p: (key(p[0]), key(p[1])),
        )
        out: dict[str, list[str]] = {n: [] for n in titles}
        into: dict[str, list[str]] = {n: [] for n in titles}
        for cause, effect in pairs:
            out[cause].append(effect)
            into[effect].append(cause)
        return cls(
            factor_ids=factor_ids,
            impact_ids=impact_ids,
            titles=titles,
            categories=categories,
            effects={n: tuple(sorted(v, key=key)) for n, v in out.items()},
            causes={n: tuple(sorted(v, key=key)) for n, v in into.items()},
            edges=tuple(pairs),
        )

    # -- reading ----------------------------------------------------------------------------------

    @property
    def nodes(self) -> tuple[str, ...]:
        """Factors then impacts, each group sorted."""
        return self.factor_ids + self.impact_ids

    def sort_key(self, node: str) -> tuple[str, str]:
        """Title (case-folded) then id: a total, input-order-free order for nodes."""
        return (self.titles[node].casefold(), node)

    def is_impact(self, node: str) -> bool:
        return node in self.titles and node not in self.categories

    def reaching_impact(self) -> set[str]:
        """Every node from which a chain of arrows leads to an impact (impacts included)."""
        seen = set(self.impact_ids)
        stack = list(self.impact_ids)
        while stack:
            for cause in self.causes[stack.pop()]:
                if cause not in seen:
                    seen.add(cause)
                    stack.append(cause)
        return seen

    def weak_parts(self) -> list[list[str]]:
        """Connected parts, ignoring arrow direction; each sorted, parts in order of first node."""
        seen: set[str] = set()
        parts: list[list[str]] = []
        for start in self.nodes:
            if start in seen:
                continue
            seen.add(start)
            part = [start]
            stack = [start]
            while stack:
                node = stack.pop()
                for nxt in (*self.effects[node], *self.causes[node]):
                    if nxt not in seen:
                        seen.add(nxt)
                        part.append(nxt)
                        stack.append(nxt)
            parts.append(sorted(part, key=self.sort_key))
        return parts

    def strong_parts(self) -> list[list[str]]:
        """Strongly connected parts with more than one node (the feedback loops), deterministic.

        Tarjan's algorithm, iterative so deep chains cannot exhaust the recursion limit. Each
        part is sorted by :meth:`sort_key`; parts are ordered by their first node.
        """
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        parts: list[list[str]] = []
        counter = 0
        for root in self.nodes:
            if root in index:
                continue
            work: list[tuple[str, int]] = [(root, 0)]
            index[root] = low[root] = counter
            counter += 1
            stack.append(root)
            on_stack.add(root)
            while work:
                node, i = work[-1]
                nexts = self.effects[node]
                if i < len(nexts):
                    work[-1] = (node, i + 1)
                    nxt = nexts[i]
                    if nxt not in index:
                        index[nxt] = low[nxt] = counter
                        counter += 1
                        stack.append(nxt)
                        on_stack.add(nxt)
                        work.append((nxt, 0))
                    elif nxt in on_stack:
                        low[node] = min(low[node], index[nxt])
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    part: list[str] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        part.append(member)
                        if member == node:
                            break
                    if len(part) > 1:
                        parts.append(sorted(part, key=self.sort_key))
        parts.sort(key=lambda p: self.sort_key(p[0]))
        return parts


def to_networkx(graph: CausalGraph) -> networkx.DiGraph[str]:
    """The graph as a ``networkx.DiGraph`` (nodes carry ``title`` and ``kind``).

    networkx is imported here, not at module level, so ``import retro.analysis`` stays cheap.
    """
    import networkx as nx

    g: nx.DiGraph[str] = nx.DiGraph()
    for node in graph.nodes:
        g.add_node(node, title=graph.titles[node], kind="factor" if node in graph.categories else "impact")
    g.add_edges_from(graph.edges)
    return g
