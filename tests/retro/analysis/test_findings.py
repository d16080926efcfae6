"""Graph-shaped findings: chains, single causes, islands, loops, hubs, narrow views."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retro.analysis import (
    CausalGraph,
    analyse,
    centrality,
    feedback_loops,
    single_chain,
    to_networkx,
    upstream_counts,
)
from retro.domain.enums import FactorCategory, Stage
from retro.domain.readiness import Level, readiness
from retro.domain.retro import Retro

from .helpers import IMPACT, make_retro, with_evidence_and_actions

T, P, ORG, H = (
    FactorCategory.TECHNOLOGY,
    FactorCategory.PROCESS,
    FactorCategory.ORGANISATION,
    FactorCategory.HUMAN_FACTORS,
)


def codes(retro: Retro) -> list[str]:
    return [f.code for f in analyse(retro)]


def only(retro: Retro, code: str):
    found = [f for f in analyse(retro) if f.code == code]
    assert len(found) == 1, analyse(retro)
    return found[0]


def test_import_does_not_load_networkx() -> None:
    code = "import sys, retro.analysis; print('networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_to_networkx_builds_the_same_graph() -> None:
    retro = make_retro(["a", "b"], [("a", "b"), ("b", IMPACT)])
    g = to_networkx(CausalGraph.from_retro(retro))
    assert sorted(g.edges) == [("a", "b"), ("b", IMPACT)]
    assert g.nodes[IMPACT]["kind"] == "impact"


def test_single_chain_is_named_as_a_single_cause_framing_to_avoid() -> None:
    retro = make_retro(
        ["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", IMPACT)], categories={"a": T, "b": P, "c": ORG}
    )
    finding = only(retro, "single-chain")
    assert codes(retro) == ["single-chain"]
    assert finding.target_id == "c"
    assert finding.level is Level.WARNING and finding.stage is Stage.FACTORS
    assert "what else made this possible?" in finding.message
    assert "“a” → “b” → “c”" in finding.message
    assert "a single cause" in finding.message
    assert "root cause" not in finding.message.lower()  # the product says "contributing factors", never "root cause"
    assert single_chain(CausalGraph.from_retro(retro)) == ["a", "b", "c"]


def test_a_real_graph_is_not_a_chain() -> None:
    retro = make_retro(
        ["a", "b", "c", "d"],
        [("a", "c"), ("b", "c"), ("c", IMPACT), ("d", IMPACT)],
        categories={"a": T, "b": P, "c": ORG, "d": H},
    )
    assert single_chain(CausalGraph.from_retro(retro)) is None
    assert codes(retro) == []


def test_single_cause_when_everything_goes_through_one_factor() -> None:
    retro = make_retro(
        ["a", "b", "c"], [("a", "c"), ("b", "c"), ("c", IMPACT)], categories={"a": T, "b": P, "c": ORG}
    )
    finding = only(retro, "single-cause")
    assert finding.target_id == "c"
    assert "What else, besides it" in finding.message
    assert "hub" not in codes(retro)  # the same factor is not reported twice


def test_one_factor_alone_is_left_to_readiness() -> None:
    retro = make_retro(["a"], [("a", IMPACT)])
    assert codes(retro) == []
    assert "few-factors" in {f.code for f in readiness(retro)}


def test_island_of_factors_not_linked_to_the_impact() -> None:
    retro = make_retro(
        ["a", "b", "x", "y", "z", "lonely"],
        [("a", IMPACT), ("b", IMPACT), ("x", "y"), ("y", "z")],
        categories={"a": T, "b": P},
    )
    finding = only(retro, "island")
    assert finding.target_id == "x"
    assert "“x”, “y” and “z”" in finding.message
    assert "not to the impact" in finding.message
    # A single unconnected factor is readiness's "unreached", not an island.
    assert "lonely" not in finding.message


def test_feedback_loop_is_allowed_not_an_error() -> None:
    retro = make_retro(
        ["a", "b", "c"], [("a", "b"), ("b", "a"), ("b", IMPACT), ("c", IMPACT)], categories={"a": T, "c": P}
    )
    finding = only(retro, "feedback-loop")
    assert finding.level is Level.WARNING
    assert "allowed" in finding.message
    assert finding.target_id == "a"
    assert feedback_loops(retro) == [["a", "b"]]


def test_self_contained_cycle_is_one_loop_and_an_island() -> None:
    retro = make_retro(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "a"), ("d", IMPACT)])
    assert feedback_loops(retro) == [["a", "b", "c"]]
    assert {"feedback-loop", "island"} <= set(codes(retro))


def test_hub_names_the_factor_most_others_run_through() -> None:
    names = ["p1", "p2", "p3", "p4", "hub", "other"]
    arrows = [(p, "hub") for p in names[:4]] + [("hub", IMPACT), ("other", IMPACT)]
    retro = make_retro(names, arrows, categories={"other": P})
    finding = only(retro, "hub")
    assert finding.target_id == "hub"
    assert finding.message.startswith("4 other factors lead to the impact through “hub”")


def test_no_hub_in_a_flat_graph() -> None:
    retro = make_retro(["a", "b", "c", "d"], [(f, IMPACT) for f in "abcd"], categories={"a": P})
    assert "hub" not in codes(retro)


def test_centrality_on_a_known_graph() -> None:
    # e → a; a → b → d, a → c → d; d → impact.
    retro = make_retro(
        ["a", "b", "c", "d", "e"], [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", IMPACT), ("e", "a")]
    )
    score = centrality(retro)
    assert score["d"] == 1.0  # every other factor leads to the impact through d
    assert score["b"] == score["c"] == 0.5  # a and e
    assert score["a"] == 0.25
    assert score["e"] == 0.0
    assert sorted(score, key=lambda f: (-score[f], f)) == ["d", "b", "c", "a", "e"]


def test_centrality_counts_loops() -> None:
    retro = make_retro(["a", "b"], [("a", "b"), ("b", "a"), ("b", IMPACT)])
    assert centrality(retro) == {"a": 1.0, "b": 1.0}


def test_one_category_widens_the_view() -> None:
    retro = make_retro(["a", "b"], [("a", IMPACT), ("b", IMPACT)])
    finding = only(retro, "one-category")
    assert "technology" in finding.message
    assert "What in our process" in finding.message


def test_no_finding_repeats_a_readiness_code() -> None:
    retro = make_retro(
        ["a", "b", "c", "x", "y", "lonely"],
        [("a", "b"), ("b", "a"), ("b", "c"), ("c", IMPACT), ("x", "y")],
    )
    analysis_codes = set(codes(retro))
    assert {"feedback-loop", "island", "single-cause", "one-category"} <= analysis_codes
    assert not analysis_codes & {f.code for f in readiness(retro)}
    assert not analysis_codes & {f.code for f in readiness(with_evidence_and_actions(retro))}


def test_messages_never_say_root_cause_except_as_the_framing_to_avoid() -> None:
    retro = make_retro(["a", "b", "x", "y"], [("a", "b"), ("b", IMPACT), ("x", "y"), ("y", "x")])
    for finding in analyse(retro):
        assert "root cause" not in finding.message.replace("“one root cause”", "")


@pytest.mark.parametrize("impact", [True, False])
def test_empty_graph_has_no_findings(impact: bool) -> None:
    assert analyse(make_retro([], [], impact=impact)) == []


def test_analyse_is_deterministic_whatever_the_input_order() -> None:
    arrows = [("a", "b"), ("b", "a"), ("b", "c"), ("c", IMPACT), ("x", "y"), ("d", "c")]
    forward = make_retro(["a", "b", "c", "d", "x", "y"], arrows)
    backward = make_retro(["y", "x", "d", "c", "b", "a"], list(reversed(arrows)))
    assert analyse(forward) == analyse(backward)
    assert centrality(forward) == centrality(backward)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 12).flatmap(
        lambda n: st.tuples(
            st.just(n), st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=30)
        )
    )
)
def test_upstream_counts_match_networkx_ancestors(shape: tuple[int, list[tuple[int, int]]]) -> None:
    import networkx as nx

    n, pairs = shape
    factors = [f"f{i}" for i in range(n)]
    nodes = [*factors, IMPACT]
    arrows = sorted({(nodes[a], nodes[b]) for a, b in pairs if a != b and a < n})
    graph = CausalGraph.from_retro(make_retro(factors, arrows))
    g = to_networkx(graph)
    expected = {f: len(nx.ancestors(g, f) - {IMPACT}) for f in factors}
    assert upstream_counts(graph) == expected
    assert feedback_loops(graph) == sorted(
        (sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1), key=lambda c: c[0]
    )
