"""A large retro's off-thread check that fails is not tried again and again: the next view that
asks computes it on the GUI thread once, where the failure shows (as for a small retro)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QCoreApplication

import ui.shared_findings as shared_findings
from retro.demo import build_demo_retro


def test_a_failed_check_is_not_retried_in_a_loop(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def failing(_retro: object) -> object:
        calls.append("check")
        raise ValueError("a rule's bug")

    monkeypatch.setattr(shared_findings, "compute", failing)
    monkeypatch.setattr(shared_findings, "is_large", lambda _retro: True)
    monkeypatch.setattr(shared_findings, "is_tiny", lambda _retro: False)
    retro = build_demo_retro()
    shared = shared_findings.SharedFindings(lambda: retro)
    said: list[str] = []

    def view_asks() -> None:  # what the navigator and the findings panel do on `ready`
        try:
            shared.known()
        except ValueError as exc:
            said.append(str(exc))

    shared.ready.connect(view_asks)
    assert shared.known() is None  # checked off the GUI thread
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.005)
    assert len(calls) == 2  # once off the thread, once on the GUI thread: not again and again
    assert said == ["a rule's bug"]
