"""Jargon in public text is a warning: ticket ids, internal hosts, IP addresses, private links."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from retro.domain import Audience, Incident, Retro, TimelineEvent
from retro.report.jargon import ADDRESS, HOST, PRIVATE_LINK, TICKET, find_jargon
from retro.report.public_checks import public_findings


@pytest.mark.parametrize(
    ("text", "found", "kind"),
    [
        ("Tracked in INC-1234 since Monday", "INC-1234", TICKET),
        ("see OPS-12.", "OPS-12", TICKET),
        ("db-primary-03.internal ran out of connections", "db-primary-03.internal", HOST),
        ("the build farm ci01.corp was slow", "ci01.corp", HOST),
        ("printer.local", "printer.local", HOST),
        ("traffic from 10.2.3.4 spiked", "10.2.3.4", ADDRESS),
        ("details on https://wiki.corp.example.com/x/y", "https://wiki.corp.example.com/x/y", PRIVATE_LINK),
        ("open http://localhost:8080/admin", "http://localhost:8080/admin", PRIVATE_LINK),
        ("open http://192.168.1.20/status", "http://192.168.1.20/status", PRIVATE_LINK),
        ("open http://grafana/d/abc", "http://grafana/d/abc", PRIVATE_LINK),
    ],
)
def test_jargon_is_found(text: str, found: str, kind: str) -> None:
    assert [(j.found, j.kind) for j in find_jargon(text)] == [(found, kind)]


@pytest.mark.parametrize("text", [
    "Text is UTF-8 and hashes are SHA-256", "We follow ISO-8601 dates and CVE-2024-3094 is patched",
    "See https://status.example.com/incidents/42", "Version 2.4.1 shipped", "a COVID-19 surge", "x-ray",
])
def test_ordinary_public_text_has_no_jargon(text: str) -> None:
    assert find_jargon(text) == []


def test_each_jargon_in_public_text_is_one_warning_and_internal_text_is_not_checked() -> None:
    at = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    retro = Retro.of(Incident("inc-j", "Checkout outage", summary="INC-2291: db-primary-03.internal failed"), [
        TimelineEvent("e-1", at, "Paged via OPS-12", audience=Audience.PUBLIC),
        TimelineEvent("e-2", at, "ssh 10.0.0.7 and read INC-9", audience=Audience.INTERNAL),
    ])
    jargon = [f for f in public_findings(retro) if f.code == "public-jargon"]
    assert len(jargon) == 3 and not any(f.is_blocker for f in jargon)
    assert any("“INC-2291”" in f.message and "the summary" in f.message.lower() for f in jargon)
    assert any("“OPS-12”" in f.message and f.target_id == "e-1" for f in jargon)
    assert not any("10.0.0.7" in f.message or "INC-9" in f.message for f in jargon)
