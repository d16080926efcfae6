"""Graph-shaped findings about the contributing factors, in plain, blameless words.

The app shows ``readiness(retro) + analyse(retro)``. :func:`retro.domain.readiness.readiness`
already reports, per factor, *unreached* (no path to the impact), *no-evidence* and
*unaddressed* (no action addresses it), and *few-factors* when there are fewer than two, so
:func:`analyse` never repeats those. It adds only what needs the shape of the whole graph:

``single-chain``
    the factors that reach the impact form one chain — the "single cause" framing to avoid;
``single-cause``
    only one factor leads directly to the impact;
``island``
    two or more factors linked to each other but, as a group, not to the impact;
``feedback-loop``
    factors that feed each other in a loop — allowed, and often how an incident grew;
``hub``
    the factor most others lead to the impact through, a place to focus discussion;
``one-category``
    every factor is of one kind (all technology, say): widen the view.

Every finding is a :class:`~retro.domain.readiness.Finding` at level WARNING in the
contributing-factors stage: the analysis asks questions, it never blocks publishing.

Everything is plain Python over :class:`~retro.analysis.graph.CausalGraph`; no networkx here.
"""

from __future__ import annotations

from retro.domain.enums import FactorCategory, Stage
from retro.domain.readiness import Finding, Level
from retro.domain.retro import Retro

from .graph import CausalGraph
from .prompts import CATEGORY_PROMPTS

HUB_MIN_UPSTREAM = 3
"""A hub needs at least this many other factors leading to the impact through it."""

HUB_MIN_SHARE = 0.3
"""…and at least this share of all the other factors."""


def analyse(retro: Retro | CausalGraph) -> list[Finding]:
    """The graph-shaped findings (see the module docstring), in a stable order."""
    graph = _graph(retro)
    findings: list[Finding] = []
    chain = single_chain(graph)
    direct = _direct_causes(graph)
    if chain is not None:
        findings.append(_chain_finding(graph, chain))
    elif len(direct) == 1 and len(graph.factor_ids) >= 2:
        findings.append(_single_cause_finding(graph, direct[0]))
    if graph.impact_ids:
        findings.extend(_island_findings(graph))
    findings.extend(_loop_finding(graph, loop) for loop in graph.strong_parts())
    if chain is None:
        hub = _hub(graph)
        if hub is not None and not (len(direct) == 1 and direct[0] == hub[0]):
            findings.append(_hub_finding(graph, *hub))
    findings.extend(_category_findings(graph))
    return findings


def centrality(retro: Retro | CausalGraph) -> dict[str, float]:
    """How much of the graph runs through each factor: a simple, explainable centrality.

    For a factor with a path to an impact, the share of the *other* factors that have a path
    to it (its upstream factors, loops included), so 1.0 means every other factor leads to the
    impact through this one (at least partly). Factors with no path to an impact score 0.0.
    This is not betweenness: it counts factors, not shortest paths, because "how many of our
    factors lead here" is what a room can check by eye.
    """
    graph = _graph(retro)
    upstream = upstream_counts(graph)
    others = max(len(graph.factor_ids) - 1, 1)
    reached = graph.reaching_impact()
    return {f: (upstream[f] / others if f in reached else 0.0) for f in graph.factor_ids}


def upstream_counts(graph: CausalGraph) -> dict[str, int]:
    """For each factor, how many other factors have a chain of arrows leading to it.

    Ancestor sets as Python-int bitsets, propagated along the arrows until nothing changes
    (one pass per nesting of loops; two or three passes in practice).
    """
    factors = graph.factor_ids
    bit = {node: 1 << i for i, node in enumerate(graph.nodes)}
    factor_mask = sum(bit[f] for f in factors)
    order = _causes_first(graph)
    ancestors = dict.fromkeys(graph.nodes, 0)
    changed = True
    while changed:
        changed = False
        for node in order:
            acc = ancestors[node]
            for cause in graph.causes[node]:
                acc |= ancestors[cause] | bit[cause]
            if acc != ancestors[node]:
                ancestors[node] = acc
                changed = True
    return {f: (ancestors[f] & factor_mask & ~bit[f]).bit_count() for f in factors}


def feedback_loops(retro: Retro | CausalGraph) -> list[list[str]]:
    """The factors of each feedback loop (a strongly connected part), each sorted by title.

    Loops are allowed: a contributing factor can make another worse, which makes it worse.
    """
    return _graph(retro).strong_parts()


def single_chain(graph: CausalGraph) -> list[str] | None:
    """The factors in arrow order when those reaching the impact form one chain, else None.

    A chain needs two or more such factors, each with exactly one arrow onward and at most
    one arrow in from another reaching factor.
    """
    reached = graph.reaching_impact()
    reaching = [f for f in graph.factor_ids if f in reached]
    direct = _direct_causes(graph)
    if len(reaching) < 2 or len(direct) != 1:
        return None
    chain = [direct[0]]
    seen = {direct[0]}
    while True:
        node = chain[-1]
        onward = [e for e in graph.effects[node] if e in reached]
        inward = [c for c in graph.causes[node] if c in reached]
        if len(onward) != 1 or len(inward) > 1:
            return None
        if not inward:
            break
        if inward[0] in seen:
            return None
        seen.add(inward[0])
        chain.append(inward[0])
    if len(chain) != len(reaching):
        return None
    chain.reverse()
    return chain


# -- the findings ---------------------------------------------------------------------------------


def _chain_finding(graph: CausalGraph, chain: list[str]) -> Finding:
    steps = " → ".join(_quote(graph, f) for f in chain[:4]) + (" → …" if len(chain) > 4 else "")
    return Finding(
        "single-chain",
        Level.WARNING,
        f"The factors form a single chain ({steps}). A chain reads like “a single cause”, and "
        "incidents rarely have one. At each step, ask: what else made this possible?",
        Stage.FACTORS,
        chain[-1],
    )


def _single_cause_finding(graph: CausalGraph, factor: str) -> Finding:
    return Finding(
        "single-cause",
        Level.WARNING,
        f"Only {_quote(graph, factor)} leads directly to the impact. What else, besides it, "
        "made the impact possible?",
        Stage.FACTORS,
        factor,
    )


def _island_findings(graph: CausalGraph) -> list[Finding]:
    found = []
    for part in graph.weak_parts():
        factors = [n for n in part if not graph.is_impact(n)]
        if len(factors) < 2 or len(factors) != len(part):
            continue
        found.append(
            Finding(
                "island",
                Level.WARNING,
                f"{_names(graph, factors)} are linked to each other but not to the impact. "
                "How did they lead to what customers felt? Connect them, or set them aside.",
                Stage.FACTORS,
                factors[0],
            )
        )
    return found


def _loop_finding(graph: CausalGraph, loop: list[str]) -> Finding:
    return Finding(
        "feedback-loop",
        Level.WARNING,
        f"{_names(graph, loop)} feed each other in a loop. Feedback loops are allowed — they "
        "often explain how things got worse — so keep it if that is what happened.",
        Stage.FACTORS,
        loop[0],
    )


def _hub(graph: CausalGraph) -> tuple[str, int] | None:
    upstream = upstream_counts(graph)
    reached = graph.reaching_impact()
    others = len(graph.factor_ids) - 1
    best: tuple[str, int] | None = None
    for factor in graph.factor_ids:  # sorted, so ties go to the first by title
        count = upstream[factor]
        if factor in reached and (best is None or count > best[1]):
            best = (factor, count)
    if best is None or best[1] < HUB_MIN_UPSTREAM or best[1] < HUB_MIN_SHARE * others:
        return None
    return best


def _hub_finding(graph: CausalGraph, factor: str, count: int) -> Finding:
    return Finding(
        "hub",
        Level.WARNING,
        f"{count} other factors lead to the impact through {_quote(graph, factor)}. It may be "
        "a good place to focus the discussion.",
        Stage.FACTORS,
        factor,
    )


def _category_findings(graph: CausalGraph) -> list[Finding]:
    kinds = {graph.categories[f] for f in graph.factor_ids}
    if len(graph.factor_ids) < 2 or len(kinds) != 1:
        return []
    (only,) = kinds
    others = [c for c in FactorCategory if c is not only]
    questions = " ".join(CATEGORY_PROMPTS[c] for c in others[:2])
    return [
        Finding(
            "one-category",
            Level.WARNING,
            f"Every contributing factor is about {only.label.lower()}. {questions}",
            Stage.FACTORS,
        )
    ]


# -- helpers --------------------------------------------------------------------------------------


def _graph(source: Retro | CausalGraph) -> CausalGraph:
    return source if isinstance(source, CausalGraph) else CausalGraph.from_retro(source)


def _direct_causes(graph: CausalGraph) -> list[str]:
    """Factors with an arrow straight into an impact, sorted."""
    direct = {c for i in graph.impact_ids for c in graph.causes[i]}
    return [f for f in graph.factor_ids if f in direct]


def _causes_first(graph: CausalGraph) -> list[str]:
    """Nodes in an order where, loops aside, every cause comes before its effects."""
    indegree = {n: len(graph.causes[n]) for n in graph.nodes}
    ready = [n for n in graph.nodes if indegree[n] == 0]
    order: list[str] = []
    placed: set[str] = set()
    nodes = graph.nodes
    scan = 0
    while len(order) < len(nodes):
        while ready:
            node = ready.pop()
            order.append(node)
            placed.add(node)
            for effect in graph.effects[node]:
                indegree[effect] -= 1
                if indegree[effect] == 0:
                    ready.append(effect)
        while scan < len(nodes) and nodes[scan] in placed:
            scan += 1
        if scan < len(nodes):  # only loops are left: start one at its first unplaced node
            indegree[nodes[scan]] = 0
            ready.append(nodes[scan])
    return order


def _quote(graph: CausalGraph, node: str, limit: int = 60) -> str:
    line = " ".join(graph.titles[node].split())
    return f"“{line if len(line) <= limit else line[: limit - 1] + '…'}”"


def _names(graph: CausalGraph, nodes: list[str], shown: int = 3) -> str:
    quoted = [_quote(graph, n) for n in nodes[:shown]]
    rest = len(nodes) - shown
    if rest > 0:
        return ", ".join(quoted) + f" and {rest} more"
    return ", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else quoted[0]
