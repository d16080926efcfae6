"""Any value in any place of a document is read and stored, or refused with a RetroError: nothing else."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retro.demo import build_demo_retro
from retro.domain import RetroError
from retro.io.document import dump, load_document
from retro.services import RetroStore

BASE = dump(build_demo_retro())


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in the document: each key of each object, the first two items of each list."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value[:2]):
            yield (*path, i)
            yield from _paths(item, (*path, i))


PATHS = list(_paths(BASE))
# What the reviewer's fuzzing found escaping, and their kin.
AWKWARD = st.sampled_from([
    None, 0, -1, 2**31, -(2**31) - 1, 10**40, -(10**40), 1e308, "", "x", [], {}, True, "\x00", "\ud800",
    "a" * 400, "Europe/" + "a" * 300, "../../etc/passwd", "2026-13-45T99:00", "2026-01-01T00:00:00",
    "9999-12-31T23:59:59+00:00", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00",
])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RetroStore]:
    path: Path = tmp_path_factory.mktemp("fuzz") / "retro.sqlite3"
    s = RetroStore(f"sqlite:///{path}")
    yield s
    s.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(PATHS), value=AWKWARD | st.integers() | st.text(max_size=40))
def test_any_value_anywhere_is_stored_or_refused_with_a_retro_error(store: RetroStore, place: tuple[Any, ...],
                                                                   value: Any) -> None:
    document = copy.deepcopy(BASE)
    parent = document
    for key in place[:-1]:
        parent = parent[key]
    parent[place[-1]] = value
    text = json.dumps(document).encode("utf-8", "surrogatepass")
    try:
        store.add_retro(load_document(text))
    except RetroError as exc:
        assert str(exc)  # a refusal always says why
