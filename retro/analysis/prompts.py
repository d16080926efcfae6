"""Questions that widen the room's view of the contributing factors. Pure data, no UI.

Two helpers:

* category prompts — "What in our process made this possible?" — and which categories the
  graph does not touch yet, so the facilitator can ask about those first;
* a "five whys" helper that grows one branch a level at a time but, at every level, also
  invites siblings ("What else, besides X, led to Y?"), so the result is a graph, not a chain.
  Its questions ask *what* and *how*, never *who*: "why" questions drift toward people
  (Allspaw, "The Infinite Hows").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from retro.domain.enums import FactorCategory
from retro.domain.retro import Retro

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .graph import CausalGraph

CATEGORY_PROMPTS: dict[FactorCategory, str] = {
    FactorCategory.TECHNOLOGY: "What in our technology — systems, tools, alerts, dashboards — made this possible?",
    FactorCategory.PROCESS: "What in our process — reviews, deploys, runbooks, handovers — made this possible?",
    FactorCategory.ORGANISATION: "What in our organisation — priorities, staffing, ownership, deadlines — made this possible?",
    FactorCategory.HUMAN_FACTORS: "What in our environment — time pressure, fatigue, noise, what people could see — made this possible?",
    FactorCategory.EXTERNAL: "What outside our control — suppliers, dependencies, customers' traffic — made this possible?",
}
"""One question per category, in the words a facilitator would say aloud."""

FIVE_WHYS_LEVELS = 5
"""How many levels :func:`why_branch` walks back from the impact, at most."""


@dataclass(frozen=True, slots=True)
class CategoryPrompt:
    """A question about one category, and whether the graph has any factor of it yet."""

    category: FactorCategory
    question: str
    covered: bool


@dataclass(frozen=True, slots=True)
class WhyStep:
    """One level of a "five whys" branch.

    ``question`` asks what made ``node_id`` possible (grow the branch deeper); each of
    ``sibling_invitations`` asks what else, besides ``node_id``, led to one of its effects
    (grow the graph wider). An impact has no effects, so it has no sibling invitations.
    """

    node_id: str
    level: int
    question: str
    sibling_invitations: tuple[str, ...]


def category_prompts(retro: Retro) -> list[CategoryPrompt]:
    """Every category's question: the ones the graph does not cover yet first, then the rest."""
    present = {f.category for f in retro.factors.values()}
    prompts = [CategoryPrompt(c, CATEGORY_PROMPTS[c], c in present) for c in FactorCategory]
    return sorted(prompts, key=lambda p: p.covered)


def missing_categories(retro: Retro) -> list[FactorCategory]:
    """Categories with no contributing factor yet, in the order of :class:`FactorCategory`."""
    present = {f.category for f in retro.factors.values()}
    return [c for c in FactorCategory if c not in present]


def next_why(retro: Retro, node_id: str) -> WhyStep:
    """The next questions about one factor or impact: deeper, and wider at the same level."""
    graph = _graph(retro)
    return _step(graph, node_id, 0)


def why_branch(retro: Retro, factor_id: str, levels: int = FIVE_WHYS_LEVELS) -> list[WhyStep]:
    """The branch from the impact back to ``factor_id``, with the questions at each level.

    Follows the shortest chain of arrows from the factor to an impact (ties broken by title),
    then lists it impact-first — level 0 is the impact — capped at ``levels`` + 1 steps
    (the impact and ``levels`` factors). Every factor step invites its siblings, so growing
    the branch one "why" at a time still widens the graph at each level. When the factor has
    no path to an impact, the branch starts at the factor itself.
    """
    graph = _graph(retro)
    path = _path_to_impact(graph, factor_id)
    path.reverse()  # impact first
    return [_step(graph, node, level) for level, node in enumerate(path[: levels + 1])]


# -- helpers --------------------------------------------------------------------------------------


def _graph(retro: Retro) -> CausalGraph:
    from .graph import CausalGraph

    return CausalGraph.from_retro(retro)


def _step(graph: CausalGraph, node: str, level: int) -> WhyStep:
    name = _quote(graph, node)
    if graph.is_impact(node):
        question = f"What made {name} possible? Name every condition you can, not just the first."
    else:
        question = f"What made {name} possible? How did it come about?"
    invitations = []
    for effect in graph.effects.get(node, ()):
        others = [c for c in graph.causes[effect] if c != node]
        known = (
            f" (and {len(others)} other factor{'s' if len(others) != 1 else ''} already named)"
            if others
            else ""
        )
        invitations.append(f"What else, besides {name}{known}, led to {_quote(graph, effect)}?")
    return WhyStep(node, level, question, tuple(invitations))


def _path_to_impact(graph: CausalGraph, start: str) -> list[str]:
    """Shortest arrow path from ``start`` to an impact (breadth-first, sorted neighbours)."""
    if start not in graph.titles:
        raise KeyError(f"no factor or impact with id {start!r}")
    parent: dict[str, str | None] = {start: None}
    queue = [start]
    for node in queue:
        if graph.is_impact(node):
            path = [node]
            while (up := parent[path[-1]]) is not None:
                path.append(up)
            path.reverse()
            return path
        for nxt in graph.effects[node]:
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return [start]


def _quote(graph: CausalGraph, node: str, limit: int = 60) -> str:
    line = " ".join(graph.titles[node].split())
    return f"“{line if len(line) <= limit else line[: limit - 1] + '…'}”"
