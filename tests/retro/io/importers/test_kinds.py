"""Kinds suggested from the words people use."""

from __future__ import annotations

import pytest

from retro.domain import EventKind
from retro.io.importers.kinds import suggest_kind


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
