"""The import contracts in pyproject.toml hold, and would catch the mistakes they are there for.

Each check runs import-linter's own contract classes, configured from pyproject.toml, on the real
import graph of retro/ and ui/ with one deliberate bad import added.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter import configuration
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

configuration.configure()  # what `lint-imports` does first: the contracts' timer and readers

REPO = Path(__file__).resolve().parents[1]
CONTRACTS: list[dict[str, Any]] = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"][
    "importlinter"]["contracts"]


def _contract(kind: type, type_name: str, name_part: str) -> Any:
    (options,) = [c for c in CONTRACTS if c["type"] == type_name and name_part in c["name"]]
    options = {k: v for k, v in options.items() if k not in ("name", "type")}
    options = {k: ([str(x) for x in v] if isinstance(v, list) else str(v)) for k, v in options.items()}
    return kind(name=name_part, session_options={"root_packages": ["retro", "ui"]}, contract_options=options)


def _fresh_graph() -> grimp.ImportGraph:
    return grimp.build_graph("retro", "ui", include_external_packages=True, cache_dir=None)


@pytest.fixture
def graph() -> grimp.ImportGraph:
    return _fresh_graph()


def _kept(contract: Any, graph: grimp.ImportGraph, *extra: tuple[str, str]) -> bool:
    """Whether ``contract`` holds on ``graph`` plus the ``extra`` imports (on a fresh copy: a check
    removes the contract's ignored imports from the graph it is given)."""
    copy = _fresh_graph() if extra else graph
    for importer, imported in extra:
        copy.add_import(importer=importer, imported=imported, line_number=1, line_contents="import it")
    return bool(contract.check(copy, verbose=False).kept)


def test_the_layers_inside_retro_hold(graph: grimp.ImportGraph) -> None:
    assert _kept(_contract(LayersContract, "layers", "retro/ is layered"), graph)


@pytest.mark.parametrize(("importer", "imported"), [
    ("retro.domain.retro", "retro.services.store"),  # the domain reaching up to the store
    ("retro.io.document", "retro.report.audience"),  # io reaching up to the reports
    ("retro.storage.rows", "retro.services.editing"),  # storage calling its service
    ("retro.services.store", "retro.cli"),  # a service printing like the command line
])
def test_an_upward_import_inside_retro_breaks_the_layers(graph: grimp.ImportGraph, importer: str,
                                                         imported: str) -> None:
    assert not _kept(_contract(LayersContract, "layers", "retro/ is layered"), graph, (importer, imported))


def test_a_new_module_in_retro_must_be_given_a_layer(graph: grimp.ImportGraph) -> None:
    graph.add_module("retro.unplaced")
    assert not _kept(_contract(LayersContract, "layers", "retro/ is layered"), graph)


def test_ui_may_not_use_retro_storage_or_the_command_modules(graph: grimp.ImportGraph) -> None:
    contract = _contract(ForbiddenContract, "forbidden", "ui/ uses only")
    assert _kept(contract, graph)
    assert not _kept(contract, graph, ("ui.document", "retro.storage.rows"))
    assert not _kept(contract, graph, ("ui.main_window", "retro.cli_timeline"))


def test_the_ui_contract_puts_every_retro_module_on_one_side() -> None:
    """The comment above the contract lists what ui/ may use; with the forbidden list, that is all of retro/."""
    text = (REPO / "pyproject.toml").read_text("utf-8")
    comment = re.search(r"# The retro modules ui/ may use: (.*?)\. Everything else", text, re.S)
    assert comment, "the ui contract's comment naming what ui/ may use is missing"
    allowed = {w.strip("# \n").removeprefix("retro.") for w in re.split(r",|\band\b", comment.group(1).split("(only")[0])} - {""}
    (contract,) = [c for c in CONTRACTS if c["name"].startswith("ui/ uses only")]
    forbidden = {m.removeprefix("retro.") for m in contract["forbidden_modules"]}
    present = {p.stem for p in (REPO / "retro").iterdir()
               if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()}
    present.discard("_resources")
    assert present == allowed | forbidden, (present - allowed - forbidden, (allowed | forbidden) - present)
    assert not allowed & forbidden


def test_an_import_cycle_between_siblings_breaks_the_acyclic_contract(graph: grimp.ImportGraph) -> None:
    contract = _contract(AcyclicSiblingsContract, "acyclic_siblings", "no import cycles")
    assert _kept(contract, graph)
    # graph.items ↔ graph.arrows was such a cycle, hidden behind a TYPE_CHECKING import.
    assert not _kept(contract, graph, ("ui.graph.items", "ui.graph.arrows"))
