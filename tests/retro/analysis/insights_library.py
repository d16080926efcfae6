"""A small library of retros whose insights are known by hand (including retros missing times)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from retro.domain import (
    ActionItem,
    ActionStatus,
    Factor,
    FactorCategory,
    Impact,
    Incident,
    Retro,
    Severity,
)

NOW = datetime(2026, 7, 1, 12, tzinfo=UTC)
M = timedelta(minutes=1)
H = timedelta(hours=1)


def _t(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 9, 0, tzinfo=UTC)


def known_library() -> list[Retro]:
    """Six incidents A–F; the answers are worked out in tests/retro/analysis/test_insights.py."""
    a0, b0, d0, e0 = _t(1, 10), _t(2, 5), _t(4, 2), _t(5, 3)
    tech, proc = FactorCategory.TECHNOLOGY, FactorCategory.PROCESS
    specs = [
        (Incident("A", "Checkout down", Severity.SEV1, services=("checkout",), started_at=a0, detected_at=a0 + 10 * M,
                  mitigated_at=a0 + 30 * M, resolved_at=a0 + 60 * M, internal_report_shared_at=a0 + 60 * M + 20 * H,
                  public_report_shared_at=a0 + 60 * M + 80 * H, created_at=a0),
         [Factor("fa1", "Pool size left at default", tech), Factor("fa2", "No load test", proc)],
         [ActionItem("aa1", "On time", due=date(2026, 1, 20), status=ActionStatus.DONE,
                     completed_at=datetime(2026, 1, 19, 23, tzinfo=UTC)),
          ActionItem("aa2", "Late", due=date(2026, 1, 20), status=ActionStatus.DONE,
                     completed_at=datetime(2026, 1, 25, tzinfo=UTC))]),
        (Incident("B", "Payments slow", Severity.SEV2, services=("checkout", "payments"), started_at=b0,
                  detected_at=b0 + 20 * M, mitigated_at=b0 + 40 * M, resolved_at=b0 + 120 * M,
                  internal_report_shared_at=b0 + 120 * M + 30 * H, created_at=b0),
         [Factor("fb1", "pool size, left at default!", tech)],
         [ActionItem("ab1", "Past due", due=date(2026, 2, 20)),
          ActionItem("ab2", "Not this", status=ActionStatus.WONT_DO, status_reason="Replaced by platform work")]),
        (Incident("C", "No start time", Severity.SEV2, detected_at=_t(3, 1), resolved_at=_t(3, 1) + 3 * H,
                  created_at=_t(3, 2)),
         [Factor("fc1", "No load test", proc)],
         [ActionItem("ac1", "Done undated", status=ActionStatus.DONE, completed_at=_t(3, 5))]),
        (Incident("D", "Payments again", Severity.SEV3, services=("Payments ",), started_at=d0, detected_at=d0 + 5 * M,
                  resolved_at=d0 + 45 * M, internal_report_shared_at=d0 + 45 * M + 2 * H,
                  public_report_shared_at=d0 + 45 * M + 10 * H, created_at=d0),
         [Factor("fd1", "Pool Size Left At Default", tech)],
         [ActionItem("ad1", "On track", due=date(2026, 12, 1)),
          ActionItem("ad2", "Also not", status=ActionStatus.WONT_DO, status_reason="replaced by  platform work")]),
        (Incident("E", "Detected before start", Severity.SEV1, started_at=e0, detected_at=e0 - 5 * M, created_at=e0),
         [], []),
        (Incident("F", "No times at all", Severity.SEV4, created_at=_t(6, 1)), [], []),
    ]
    return [Retro.of(inc, [Impact(f"imp-{inc.id}"), *factors, *actions]) for inc, factors, actions in specs]
