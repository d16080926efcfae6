"""Analysis of the contributing-factor graph: findings, layout, prompts and recurrence.

Pure Python, no Qt. networkx is never imported at module level anywhere in this package (only
inside :func:`retro.analysis.graph.to_networkx`), so ``import retro.analysis`` adds nothing
noticeable to the app's start-up; the checks and the layout run on plain dicts and lists,
which measured faster than building a networkx graph for retro-sized inputs.
"""

from .findings import analyse, centrality, feedback_loops, single_chain, upstream_counts
from .graph import CausalGraph, to_networkx
from .layout import apply_layout, layered_layout, loop_arrows
from .prompts import (
    CATEGORY_PROMPTS,
    CategoryPrompt,
    WhyStep,
    category_prompts,
    missing_categories,
    next_why,
    why_branch,
)
from .recurrence import (
    FactorMatch,
    FactorSighting,
    RecurringFactor,
    RelatedIncident,
    normalise,
    recurring_factors,
    related_incidents,
    sightings,
    similarity,
)

__all__ = [
    "CATEGORY_PROMPTS",
    "CategoryPrompt",
    "CausalGraph",
    "FactorMatch",
    "FactorSighting",
    "RecurringFactor",
    "RelatedIncident",
    "WhyStep",
    "analyse",
    "apply_layout",
    "category_prompts",
    "centrality",
    "feedback_loops",
    "layered_layout",
    "loop_arrows",
    "missing_categories",
    "next_why",
    "normalise",
    "recurring_factors",
    "related_incidents",
    "sightings",
    "similarity",
    "single_chain",
    "to_networkx",
    "upstream_counts",
    "why_branch",
]
