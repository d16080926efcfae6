"""The demo retrospective's action items: what the team agreed to do, fixed for now and for real.

Part of the demo (:mod:`retro.demo`); each action names the contributing factors it addresses.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from .demo_timeline import demo_id
from .domain import ActionItem, ActionStatus, ActionType, Horizon, Priority


def demo_actions() -> list[ActionItem]:
    created = datetime(2026, 10, 16, 14, 0, tzinfo=UTC)

    def factors(*keys: str) -> tuple[str, ...]:
        return tuple(demo_id(f"factor/{k}") for k in keys)

    return [
        ActionItem(
            id=demo_id("action/decouple-pool"),
            title="Size the database pool separately from the HTTP worker count",
            owner="Jonas Weber",
            due=date(2026, 11, 13),
            description="Add an explicit `db_pool_size` setting with a default of 8 per pod and a startup "
            "check that refuses a pool larger than the pod's share of the connection budget.",
            action_type=ActionType.PREVENT,
            horizon=Horizon.FIX_FOR_REAL,
            priority=Priority.HIGH,
            status=ActionStatus.IN_PROGRESS,
            ticket_url="https://tracker.example.com/browse/PAY-812",
            factor_ids=factors("pool-follows-workers", "proxy-limit-shared"),
            created_at=created,
        ),
        ActionItem(
            id=demo_id("action/config-canary"),
            title="Send checkout config changes through the same canary stage as code",
            owner="Aiko Tanaka",
            due=date(2026, 11, 13),
            description="Config and code share a pipeline; config changes should get the 10 % canary "
            "and its automatic rollback on error rate.",
            action_type=ActionType.PREVENT,
            horizon=Horizon.FIX_FOR_REAL,
            priority=Priority.MEDIUM,
            status=ActionStatus.OPEN,
            ticket_url="https://tracker.example.com/browse/PAY-813",
            factor_ids=factors("config-no-canary"),
            created_at=created,
        ),
        ActionItem(
            id=demo_id("action/runbook"),
            title="Rewrite runbook RB-17: check proxy connections before any restart",
            owner="Jonas Weber",
            due=date(2026, 10, 23),
            description="Current dashboard links; a first step that reads proxy client usage; restart in "
            "small batches only when the proxy has headroom; a section on handing over mid-incident.",
            action_type=ActionType.MITIGATE,
            horizon=Horizon.FIX_FOR_NOW,
            priority=Priority.HIGH,
            status=ActionStatus.DONE,
            ticket_url="https://tracker.example.com/browse/PAY-814",
            factor_ids=factors("runbook-stale", "handover-mid-incident"),
            created_at=created,
            completed_at=datetime(2026, 10, 20, 15, 30, tzinfo=UTC),
        ),
        ActionItem(
            id=demo_id("action/alert-route"),
            title="Page the payments on-call for CheckoutP99High and remove the archived receiver",
            owner="Priya Raman",
            due=date(2026, 10, 21),
            description="Also add a check to the alert config CI that fails when a receiver points to an "
            "archived channel.",
            action_type=ActionType.DETECT,
            horizon=Horizon.FIX_FOR_NOW,
            priority=Priority.HIGH,
            status=ActionStatus.DONE,
            ticket_url="https://tracker.example.com/browse/OBS-377",
            factor_ids=factors("alert-routing"),
            created_at=created,
            completed_at=datetime(2026, 10, 19, 9, 15, tzinfo=UTC),
        ),
        ActionItem(
            id=demo_id("action/connection-budget"),
            title="Publish a connection budget for the proxy, with one owning team",
            owner="Daniel Okafor",
            due=date(2026, 11, 15),
            description="Agree with the database platform leads who owns the budget, publish each "
            "service's share, and show proxy headroom on the checkout dashboard.",
            action_type=ActionType.PREVENT,
            horizon=Horizon.FIX_FOR_REAL,
            priority=Priority.HIGH,
            status=ActionStatus.OPEN,
            ticket_url="https://tracker.example.com/browse/PLAT-2040",
            factor_ids=factors("no-budget-owner", "proxy-limit-shared"),
            created_at=created,
        ),
        ActionItem(
            id=demo_id("action/autoscaler-cap"),
            title="Cap checkout autoscaling by the connection budget, not only by latency",
            owner="Lena Fischer",
            due=date(2026, 11, 15),
            description="Derive the maximum pod count from the budget and the pool size; alert when the "
            "autoscaler hits the cap.",
            action_type=ActionType.MITIGATE,
            horizon=Horizon.FIX_FOR_REAL,
            priority=Priority.MEDIUM,
            status=ActionStatus.OPEN,
            ticket_url="https://tracker.example.com/browse/PLAT-2041",
            factor_ids=factors("autoscaler-adds-connections", "campaign-traffic"),
            created_at=created,
        ),
        ActionItem(
            id=demo_id("action/campaign-freeze"),
            title="Freeze checkout changes on partner campaign days",
            owner="Tomás Herrera",
            due=date(2026, 11, 15),
            description="Proposed in the meeting as a way to avoid changes meeting campaign traffic.",
            action_type=ActionType.PREVENT,
            horizon=Horizon.FIX_FOR_NOW,
            priority=Priority.LOW,
            status=ActionStatus.WONT_DO,
            status_reason="Partners move their send times (as on 14 October), so a freeze would not line "
            "up with the traffic. The canary and the connection budget address the risk directly.",
            public_reason="Campaign send times change at short notice, so a change freeze would not reliably "
            "cover them; the staged rollout and the connection limit above address the risk directly.",
            ticket_url="https://tracker.example.com/browse/PAY-815",
            factor_ids=factors("campaign-traffic"),
            created_at=created,
        ),
    ]
