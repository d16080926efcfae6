"""Category prompts and the five-whys helper that always invites siblings."""

from __future__ import annotations

import itertools
import re

import pytest

from retro.analysis import CATEGORY_PROMPTS, category_prompts, missing_categories, next_why, why_branch
from retro.domain.enums import FactorCategory

from .helpers import IMPACT, make_retro

T, P = FactorCategory.TECHNOLOGY, FactorCategory.PROCESS


def test_every_category_has_a_widening_question() -> None:
    assert set(CATEGORY_PROMPTS) == set(FactorCategory)
    assert CATEGORY_PROMPTS[P].startswith("What in our process")
    assert CATEGORY_PROMPTS[FactorCategory.ORGANISATION].startswith("What in our organisation")
    assert CATEGORY_PROMPTS[FactorCategory.HUMAN_FACTORS].startswith("What in our environment")
    assert all(q.endswith("made this possible?") for q in CATEGORY_PROMPTS.values())


def test_missing_categories_and_their_prompts_come_first() -> None:
    retro = make_retro(["a", "b"], [("a", IMPACT), ("b", IMPACT)], categories={"a": T, "b": P})
    assert missing_categories(retro) == [
        FactorCategory.ORGANISATION,
        FactorCategory.HUMAN_FACTORS,
        FactorCategory.EXTERNAL,
    ]
    prompts = category_prompts(retro)
    assert [p.covered for p in prompts] == [False, False, False, True, True]
    assert [p.category for p in prompts[:3]] == missing_categories(retro)


def test_next_why_goes_deeper_and_invites_siblings() -> None:
    retro = make_retro({"b": "Cache was cold", "c": "Traffic spike"}, [("b", IMPACT), ("c", IMPACT)])
    step = next_why(retro, "b")
    assert step.question == "What made “Cache was cold” possible? How did it come about?"
    assert step.sibling_invitations == (
        "What else, besides “Cache was cold” (and 1 other factor already named), led to “Customers could not pay”?",
    )


def test_next_why_on_the_impact_asks_for_every_condition() -> None:
    step = next_why(make_retro([], []), IMPACT)
    assert "Name every condition" in step.question
    assert step.sibling_invitations == ()


def test_five_whys_branch_invites_siblings_at_every_level() -> None:
    names = ["f1", "f2", "f3", "f4", "f5", "f6"]
    arrows = [(names[i + 1], names[i]) for i in range(5)] + [("f1", IMPACT)]
    retro = make_retro(names, arrows)
    branch = why_branch(retro, "f6")
    assert [s.node_id for s in branch] == [IMPACT, "f1", "f2", "f3", "f4", "f5"]  # five levels
    assert [s.level for s in branch] == list(range(6))
    for upper, step in itertools.pairwise(branch):
        effect = "Customers could not pay" if upper.node_id == IMPACT else upper.node_id
        assert step.sibling_invitations == (f"What else, besides “{step.node_id}”, led to “{effect}”?",)
    for step in branch:
        assert not re.search(r"\bwho\b", step.question, re.IGNORECASE)


def test_branch_of_an_unconnected_factor_starts_at_it() -> None:
    retro = make_retro(["lonely"], [])
    (step,) = why_branch(retro, "lonely")
    assert step.node_id == "lonely" and step.sibling_invitations == ()


def test_unknown_factor_is_refused() -> None:
    with pytest.raises(KeyError):
        why_branch(make_retro([], []), "nope")
