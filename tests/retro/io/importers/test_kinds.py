"""Kinds suggested from the words people use."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retro.domain import EventKind
from retro.io.importers.kinds import _COMPILED, KIND_HINT_CHARS, KIND_RULES, suggest_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Rolled back deploy 4812", EventKind.MITIGATION),
        ("Alice paged the DB on-call", EventKind.ESCALATION),
        ("Escalated to level 2", EventKind.ESCALATION),
        ("Alert fired: p99 latency above 2s", EventKind.ALERT),
        ("Resolved, all clear", EventKind.RESOLUTION),
        ("Status page updated", EventKind.COMMUNICATION),
        ("Customer reported failed payments", EventKind.CUSTOMER_REPORT),
        ("Deployed v2.3.1 to production", EventKind.DEPLOY),
        ("We decided to wait for the vendor", EventKind.DECISION),
        ("Bob noticed the queue growing", EventKind.DETECTION),
        ("Coffee", EventKind.OBSERVATION),
        ("the repaged widget", EventKind.OBSERVATION),  # whole words only
    ],
)
def test_suggested_kind(text: str, kind: EventKind) -> None:
    assert suggest_kind(text) is kind


def test_default_when_nothing_matches() -> None:
    assert suggest_kind("lunch?", EventKind.ACTION) is EventKind.ACTION


_PHRASES = [w for _, words in KIND_RULES for w in words]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PHRASES) | st.text(max_size=12), max_size=6).map(" ".join)
       | st.lists(st.sampled_from([*_PHRASES, "X", "-", "'", "\u212a", "ſ", "_"]), max_size=5).map("".join))
def test_the_word_gate_never_changes_a_suggestion(text: str) -> None:
    # The gate only skips rules that cannot match: the answer is the first rule whose pattern matches.
    start = text[:KIND_HINT_CHARS]
    expected = next((kind for kind, pattern in _COMPILED if pattern.search(start)), EventKind.OBSERVATION)
    assert suggest_kind(text) is expected
