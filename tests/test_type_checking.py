"""`make test` type-checks before it tests: a new type error in a strict package stops it.

The probes below are tiny modules written under a throw-away ``retro/`` package in ``tmp_path``,
checked with mypy's API under the project's own ``[tool.mypy]`` configuration, so the test
proves the configuration (strict where it says strict) and not a copy of it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api", reason="mypy is part of the `test` extra")

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "pyproject.toml"


def _check(tmp_path: Path, package: str, source: str) -> tuple[int, str]:
    """mypy's exit status and report for ``source`` placed as module ``<package>.probe``."""
    folder = tmp_path.joinpath(*package.split("."))
    folder.mkdir(parents=True)
    for parent in [tmp_path.joinpath(*package.split(".")[:i]) for i in range(1, package.count(".") + 2)]:
        (parent / "__init__.py").touch()
    probe = folder / "probe.py"
    probe.write_text(source, encoding="utf-8")
    out, err, status = mypy_api.run([
        "--config-file", str(CONFIG), "--cache-dir", str(tmp_path / ".mypy_cache"),
        "--no-incremental", str(probe),
    ])
    return status, out + err


def test_make_test_runs_mypy_before_pytest() -> None:
    recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", (REPO / "Makefile").read_text("utf-8"), re.M)
    assert recipe, "the Makefile has no test target"
    lines = recipe.group(1).splitlines()
    mypy = next(i for i, line in enumerate(lines) if "bin/mypy" in line)
    pytest_line = next(i for i, line in enumerate(lines) if "-m pytest" in line)
    assert mypy < pytest_line


@pytest.mark.parametrize("package", ["retro.domain", "retro.services", "retro.io", "retro.analysis"])
def test_a_new_type_error_in_a_strict_package_fails(tmp_path: Path, package: str) -> None:
    status, report = _check(tmp_path, package, 'def minutes(n: int) -> int:\n    return str(n)\n')
    assert status != 0
    assert "probe.py:2: error: Incompatible return value type" in report, report


def test_strict_packages_refuse_an_unannotated_function(tmp_path: Path) -> None:
    status, report = _check(tmp_path, "retro.domain", "def minutes(n):\n    return n\n")
    assert status != 0
    assert "[no-untyped-def]" in report, report


def test_a_stale_type_ignore_is_reported(tmp_path: Path) -> None:
    status, report = _check(tmp_path, "retro.domain", "x: int = 1  # type: ignore[assignment]\n")
    assert status != 0
    assert "[unused-ignore]" in report, report


def test_a_clean_probe_passes_so_the_failures_above_are_the_errors(tmp_path: Path) -> None:
    status, report = _check(tmp_path, "retro.domain", "def minutes(n: int) -> int:\n    return n * 60\n")
    assert status == 0, report
