"""The demo retrospective: a realistic, fictional checkout outage, written by us.

The story: on Wednesday 14 October 2026 a configuration change raised the number of HTTP
workers per checkout-api pod ahead of a partner newsletter. Each worker holds a database
connection, so the change also raised the fleet's connection demand close to the shared
connection proxy's client limit. Morning traffic and the autoscaler tipped it over; the
runbook for checkout errors advised restarting pods, which made things worse for a while.

Everything here is deterministic: ids are ``uuid5`` of a fixed namespace and a name, and every
time is fixed, so screenshots, PDFs and documents built from it are stable. Times are held in
UTC; the incident's timezone (Europe/Berlin, CEST = UTC+2 on that day) says how to show them.
All people, hosts and tickets are invented; links use ``example.com`` hosts.

Run ``python -m retro.demo OUT.json`` to write the demo as a JSON document.
"""

from __future__ import annotations

import sys
import uuid
from datetime import UTC, date, datetime

from .domain import (
    AccountabilityStatement,
    ActionItem,
    ActionStatus,
    ActionType,
    Audience,
    EventKind,
    Factor,
    FactorCategory,
    FactorEvidence,
    FactorLink,
    Horizon,
    Impact,
    Incident,
    IncidentStatus,
    Participant,
    Priority,
    PrivateNote,
    Retro,
    ReviewAnswer,
    Role,
    Severity,
    TimelineEvent,
)

#: Fixed namespace for the demo's ids (never change it: screenshots and fixtures rely on it).
DEMO_NAMESPACE = uuid.UUID("5d1c0b6e-2f4a-4c39-9a0e-7b3f2d8c1e55")

#: Horizontal distance between graph columns and vertical distance between rows, in pixels.
COLUMN = 260.0
ROW = 140.0


def demo_id(name: str) -> str:
    """The deterministic id of the demo entity called ``name`` (hex, like :func:`new_id`)."""
    return uuid.uuid5(DEMO_NAMESPACE, name).hex


DEMO_INCIDENT_ID = demo_id("incident")


def _utc(hour: int, minute: int, day: int = 14) -> datetime:
    """A time on the incident day (October 2026), in UTC."""
    return datetime(2026, 10, day, hour, minute, tzinfo=UTC)


def _incident() -> Incident:
    return Incident(
        id=DEMO_INCIDENT_ID,
        title="Checkout errors after a worker-count change used up database connections",
        severity=Severity.SEV2,
        status=IncidentStatus.IN_REVIEW,
        summary=(
            "On 14 October 2026 a configuration change raised the HTTP workers per checkout-api pod "
            "from 16 to 40 ahead of a partner newsletter. Each worker holds a database connection, so "
            "the fleet's connection demand rose close to the 400-client limit of the shared connection "
            "proxy. When the newsletter traffic arrived and the autoscaler added pods, new connections "
            "were refused and checkout requests timed out. Restarting pods, as the runbook advised, "
            "caused reconnect storms. Rolling back the change and scaling back to 12 pods brought "
            "checkout back at 12:02 CEST; pending payments were reconciled by 13:10 CEST."
        ),
        services=("checkout-api", "db-connection-proxy", "payments-gateway"),
        tags=("config-change", "connection-pool", "autoscaling", "runbook", "alert-routing"),
        customer_impact=(
            "For 1 hour 57 minutes (10:05–12:02 CEST) between 20 % and 61 % of checkout attempts "
            "failed with “Something went wrong”. About 3,400 customers saw at least one failed "
            "checkout; 212 orders had a payment authorised but not captured until reconciliation "
            "finished at 13:10 CEST. No card was charged twice and no order data was lost."
        ),
        timezone="Europe/Berlin",
        started_at=_utc(8, 5),
        detected_at=_utc(8, 31),
        declared_at=_utc(8, 41),
        mitigated_at=_utc(10, 2),
        resolved_at=_utc(11, 47),
        lessons_learned=(
            "A setting that looks like one knob (workers) can move another (connections). "
            "Connection capacity is shared across teams, so it needs a shared budget and an owner.\n"
            "Config changes deserve the same staged rollout as code.\n"
            "A runbook that says “restart” needs to say when not to."
        ),
        went_well=(
            "Support spotted the pattern in tickets within ten minutes and escalated clearly.\n"
            "Once the database platform on-call joined, the diagnosis took nine minutes.\n"
            "The IC chose a rollback over raising the proxy limit, which protected the database.\n"
            "Status page updates went out within minutes of each change."
        ),
        got_lucky=(
            "The payment provider held authorisations for 7 days, so no order was lost.\n"
            "The database itself had headroom; had the proxy limit been raised under load, it might not have."
        ),
        surprises=(
            "Nobody in the room knew the pool size followed the worker count.\n"
            "The latency alert had fired 19 minutes before anyone was paged — into an archived channel.\n"
            "Restarting pods made the error rate worse, not better."
        ),
        created_at=_utc(8, 0, day=15),
        version=0,
    )


def _participants() -> list[Participant]:
    people = [
        ("mara", "Mara Lindqvist", {Role.FACILITATOR}),
        ("daniel", "Daniel Okafor", {Role.LEADER}),
        ("priya", "Priya Raman", {Role.INCIDENT_COMMANDER}),
        ("tomas", "Tomás Herrera", {Role.COMMUNICATIONS_LEAD}),
        ("aiko", "Aiko Tanaka", {Role.SCRIBE, Role.RESPONDER}),
        ("jonas", "Jonas Weber", {Role.RESPONDER}),
        ("lena", "Lena Fischer", {Role.RESPONDER}),
        ("sam", "Sam Whitfield", {Role.RESPONDER}),
    ]
    return [
        Participant(demo_id(f"participant/{key}"), name, frozenset(roles), position)
        for position, (key, name, roles) in enumerate(people)
    ]


# (key, UTC hour, minute, kind, text, source, evidence path or "", audience, actor role)
_EVENTS: tuple[tuple[str, int, int, EventKind, str, str, str, Audience, Role | None], ...] = (
    ("config-rollout", 7, 48, EventKind.DEPLOY,
     "Config change CFG-4471 rolls out to all 12 checkout-api pods at once: HTTP workers per pod go "
     "from 16 to 40 ahead of the partner newsletter.",
     "Argo CD", "https://deploy.example.com/apps/checkout-api/history/4471", Audience.INTERNAL, Role.RESPONDER),
    ("proxy-near-limit", 7, 55, EventKind.OBSERVATION,
     "Connection proxy shows 388 of 400 client connections in use (about 190 the day before).",
     "Grafana", "https://grafana.example.com/d/db-proxy/connections?from=20261014T0700Z", Audience.INTERNAL, None),
    ("newsletter", 8, 0, EventKind.OBSERVATION,
     "A partner newsletter goes out; checkout traffic rises to 1.9× a usual Wednesday morning.",
     "Marketing calendar", "https://calendar.example.com/campaigns/2026-10-14-partner", Audience.PUBLIC, None),
    ("first-timeouts", 8, 5, EventKind.OBSERVATION,
     "First “timed out waiting for a connection” errors in checkout-api logs; p99 latency passes 4 s.",
     "Log search", "https://logs.example.com/app/discover#/checkout-api?q=pool-timeout", Audience.INTERNAL, None),
    ("autoscale-up", 8, 9, EventKind.OBSERVATION,
     "The autoscaler scales checkout-api from 12 to 16 pods on latency; each new pod opens 40 connections.",
     "Kubernetes events", "https://k8s.example.com/ns/checkout/events?since=0805", Audience.INTERNAL, None),
    ("latency-alert", 8, 12, EventKind.ALERT,
     "Alert CheckoutP99High fires and is routed to #checkout-alerts-legacy, an archived channel; "
     "nobody is paged.",
     "Alertmanager", "https://alerts.example.com/#/alerts?receiver=checkout-legacy", Audience.INTERNAL, None),
    ("first-ticket", 8, 19, EventKind.CUSTOMER_REPORT,
     "First customer ticket: “the payment page spins, then says something went wrong”.",
     "Zendesk", "https://support.example.com/tickets/88412", Audience.PUBLIC, None),
    ("support-escalates", 8, 24, EventKind.ESCALATION,
     "Support has 14 similar tickets in ten minutes and posts in #support-escalations.",
     "#support-escalations Slack", "https://chat.example.com/archives/C04SUPESC/p1791966240", Audience.INTERNAL, None),
    ("page", 8, 31, EventKind.ALERT,
     "Error-budget alert CheckoutErrorBurn pages the payments on-call.",
     "PagerDuty", "https://pager.example.com/incidents/Q2291AB", Audience.INTERNAL, None),
    ("ack", 8, 33, EventKind.DETECTION,
     "On-call acknowledges and confirms 38 % of checkout requests returning errors.",
     "PagerDuty", "https://grafana.example.com/d/checkout/overview?from=20261014T0800Z", Audience.INTERNAL, Role.RESPONDER),
    ("ic-joins", 8, 38, EventKind.ESCALATION,
     "On-call escalates to the incident commander rotation; Priya takes command.",
     "PagerDuty", "https://pager.example.com/incidents/Q2291AB/log", Audience.INTERNAL, Role.INCIDENT_COMMANDER),
    ("declared", 8, 41, EventKind.DECISION,
     "IC declares INC-2291 at SEV2 and opens #inc-2291.",
     "#inc-2291 Slack", "https://chat.example.com/archives/C07INC2291/p1791967260", Audience.INTERNAL, Role.INCIDENT_COMMANDER),
    ("status-investigating", 8, 44, EventKind.COMMUNICATION,
     "Status page: “Some customers cannot complete checkout. We are investigating.”",
     "Status page", "https://status.example.com/incidents/2291", Audience.PUBLIC, Role.COMMUNICATIONS_LEAD),
    ("restart", 8, 49, EventKind.ACTION,
     "Following runbook RB-17 “Checkout 5xx”, responders restart checkout-api pods in two batches.",
     "#inc-2291 Slack", "https://chat.example.com/archives/C07INC2291/p1791967740", Audience.INTERNAL, Role.RESPONDER),
    ("reconnect-storm", 8, 56, EventKind.OBSERVATION,
     "Restarted pods all reconnect at once; the proxy refuses new clients and errors rise to 61 %.",
     "Grafana", "https://grafana.example.com/d/checkout/overview?from=20261014T0845Z", Audience.INTERNAL, None),
    ("handover", 9, 0, EventKind.COMMUNICATION,
     "Scheduled on-call handover: the night responder hands over to the day on-call in the incident channel.",
     "#inc-2291 Slack", "https://chat.example.com/archives/C07INC2291/p1791968400", Audience.INTERNAL, Role.RESPONDER),
    ("stale-dashboard", 9, 7, EventKind.OBSERVATION,
     "RB-17 links the “db-proxy-legacy” dashboard, which has had no data since March; responders search "
     "for the current one.",
     "#inc-2291 Slack", "https://wiki.example.com/runbooks/RB-17?version=12", Audience.INTERNAL, Role.RESPONDER),
    ("page-dbplatform", 9, 15, EventKind.ESCALATION,
     "IC pages the database platform on-call.",
     "PagerDuty", "https://pager.example.com/incidents/Q2291AB/log", Audience.INTERNAL, Role.INCIDENT_COMMANDER),
    ("diagnosis", 9, 24, EventKind.OBSERVATION,
     "Database platform on-call sees the proxy at 400/400 clients and connects it to the worker-count change.",
     "Grafana", "https://grafana.example.com/d/db-proxy/connections?from=20261014T0900Z", Audience.INTERNAL, Role.RESPONDER),
    ("rollback-decision", 9, 31, EventKind.DECISION,
     "IC decides to roll back CFG-4471 rather than raise the proxy limit, to keep load off the database.",
     "#inc-2291 Slack", "https://chat.example.com/archives/C07INC2291/p1791970260", Audience.INTERNAL, Role.INCIDENT_COMMANDER),
    ("status-identified", 9, 33, EventKind.COMMUNICATION,
     "Status page: “We have identified a configuration change as the trigger and are reverting it.”",
     "Status page", "https://status.example.com/incidents/2291", Audience.PUBLIC, Role.COMMUNICATIONS_LEAD),
    ("rollback", 9, 38, EventKind.DEPLOY,
     "Rollback of CFG-4471 starts; the autoscaler is paused so the pod count stays put.",
     "Argo CD", "https://deploy.example.com/apps/checkout-api/history/4472", Audience.INTERNAL, Role.RESPONDER),
    ("scale-down", 9, 52, EventKind.ACTION,
     "Responders scale checkout-api back to 12 pods to bring client connections under the limit.",
     "#inc-2291 Slack", "https://chat.example.com/archives/C07INC2291/p1791971520", Audience.INTERNAL, Role.RESPONDER),
    ("mitigated", 10, 2, EventKind.MITIGATION,
     "Checkout errors back under 1 %; the proxy holds 205 of 400 connections.",
     "Grafana", "https://grafana.example.com/d/checkout/overview?from=20261014T0930Z", Audience.PUBLIC, None),
    ("status-monitoring", 10, 5, EventKind.COMMUNICATION,
     "Status page: “A fix is in place and checkout is recovering. We are monitoring.”",
     "Status page", "https://status.example.com/incidents/2291", Audience.PUBLIC, Role.COMMUNICATIONS_LEAD),
    ("support-macro", 10, 20, EventKind.COMMUNICATION,
     "Comms lead posts an internal summary for support with a reply template for affected customers.",
     "#support-escalations Slack", "https://chat.example.com/archives/C04SUPESC/p1791973200", Audience.INTERNAL, Role.COMMUNICATIONS_LEAD),
    ("pending-payments", 10, 40, EventKind.OBSERVATION,
     "The payment provider reports 212 orders authorised but not captured during the outage window.",
     "Payment provider email", "", Audience.INTERNAL, None),
    ("reconcile", 11, 10, EventKind.ACTION,
     "Reconciliation job captures 207 pending authorisations and voids 5 abandoned carts.",
     "Jenkins", "https://jobs.example.com/job/payments-reconcile/5530", Audience.INTERNAL, Role.RESPONDER),
    ("autoscaler-capped", 11, 35, EventKind.ACTION,
     "Autoscaler re-enabled with a temporary cap of 14 pods; no further connection waits.",
     "#inc-2291 Slack", "https://chat.example.com/archives/C07INC2291/p1791978900", Audience.INTERNAL, Role.RESPONDER),
    ("resolved", 11, 47, EventKind.RESOLUTION,
     "The incident commander resolves the incident: reconciliation done and checkout steady for 1 h 45 min.",
     "#inc-2291 Slack", "https://chat.example.com/archives/C07INC2291/p1791979620", Audience.PUBLIC, Role.INCIDENT_COMMANDER),
    ("status-resolved", 11, 52, EventKind.COMMUNICATION,
     "Status page: “Resolved. Checkout has worked normally since 12:02 CEST. Pending orders have been completed.”",
     "Status page", "https://status.example.com/incidents/2291", Audience.PUBLIC, Role.COMMUNICATIONS_LEAD),
)


def _events() -> list[TimelineEvent]:
    return [
        TimelineEvent(
            id=demo_id(f"event/{key}"),
            at=_utc(hour, minute),
            text=text,
            kind=kind,
            source=source,
            evidence_url=url,
            audience=audience,
            actor_role=role,
        )
        for key, hour, minute, kind, text, source, url, audience, role in _EVENTS
    ]


# (key, category, column, row, title, description, audience)
_FACTORS: tuple[tuple[str, FactorCategory, int, float, str, str, Audience], ...] = (
    ("no-budget-owner", FactorCategory.ORGANISATION, 0, 0,
     "No team owns the connection budget across services",
     "Checkout owns its worker settings; database platform owns the proxy limit. Nobody held the "
     "sum of both in view, so a change on one side could not be checked against the other.",
     Audience.INTERNAL),
    ("config-no-canary", FactorCategory.PROCESS, 0, 1,
     "Config changes roll out to every pod at once",
     "Code deploys go through a 10 % canary; config changes in the same repository skip it, so the new "
     "worker count reached all 12 pods within a minute.",
     Audience.PUBLIC),
    ("campaign-traffic", FactorCategory.EXTERNAL, 0, 2,
     "Partner newsletter traffic arrived earlier and higher than forecast",
     "The partner sent the newsletter at 10:00 CEST instead of the planned 14:00, and traffic reached "
     "1.9× a usual morning.",
     Audience.PUBLIC),
    ("pool-follows-workers", FactorCategory.TECHNOLOGY, 1, 0,
     "Connection pool size follows the worker count",
     "checkout-api sizes its database pool as one connection per HTTP worker. The setting is named "
     "`workers`, so raising it also raised connection demand from 192 to 480 across the fleet.",
     Audience.INTERNAL),
    ("autoscaler-adds-connections", FactorCategory.TECHNOLOGY, 1, 2,
     "The autoscaler adds pods on latency, and every pod adds connections",
     "Latency from waiting for connections looked like load, so the autoscaler added pods, each opening "
     "40 more connections to a proxy that was already full.",
     Audience.PUBLIC),
    ("runbook-stale", FactorCategory.PROCESS, 1, 3,
     "The checkout runbook advised restarts and linked a retired dashboard",
     "RB-17 was last revised in 2024. Its first step is “restart the pods”, with no check of proxy "
     "connections, and its dashboard link pointed to one that stopped receiving data in March.",
     Audience.INTERNAL),
    ("alert-routing", FactorCategory.TECHNOLOGY, 1, 4,
     "The latency alert was routed to an archived channel",
     "When #checkout-alerts was renamed in the spring, CheckoutP99High kept its old receiver. The "
     "alert fired at 10:12 CEST where nobody was watching; the first page came 19 minutes later.",
     Audience.INTERNAL),
    ("handover-mid-incident", FactorCategory.HUMAN_FACTORS, 2, 4,
     "The on-call handover fell in the middle of the incident",
     "The 11:00 CEST handover happened in the incident channel minutes after the restarts, with errors "
     "at their peak. Context moved by chat scroll-back, and the incoming on-call spent the first "
     "minutes catching up.",
     Audience.INTERNAL),
    ("proxy-limit-shared", FactorCategory.TECHNOLOGY, 2, 1,
     "All checkout pods share one 400-client proxy limit",
     "When the limit is reached, the proxy refuses new clients instead of queueing them, so every "
     "pod is affected at once.",
     Audience.INTERNAL),
)

# (cause, effect, note); an effect of "impact" is the impact node.
_LINKS: tuple[tuple[str, str, str], ...] = (
    ("no-budget-owner", "pool-follows-workers", "the coupling went unnoticed in review"),
    ("no-budget-owner", "proxy-limit-shared", "the limit was never compared with demand"),
    ("config-no-canary", "proxy-limit-shared", "demand rose on every pod at the same moment"),
    ("pool-follows-workers", "proxy-limit-shared", "480 wanted connections against 400 allowed"),
    ("campaign-traffic", "autoscaler-adds-connections", "latency rose with traffic"),
    ("autoscaler-adds-connections", "proxy-limit-shared", "160 more connections wanted"),
    ("proxy-limit-shared", "impact", "refused connections became checkout errors"),
    ("runbook-stale", "impact", "restarts caused reconnect storms and prolonged the outage"),
    ("handover-mid-incident", "impact", "diagnosis slowed while context moved by chat"),
    ("alert-routing", "impact", "19 minutes before anyone was paged"),
)


def _factors() -> list[Factor]:
    return [
        Factor(
            id=demo_id(f"factor/{key}"),
            title=title,
            category=category,
            description=description,
            audience=audience,
            x=column * COLUMN,
            y=row * ROW,
        )
        for key, category, column, row, title, description, audience in _FACTORS
    ]


def _impact() -> Impact:
    return Impact(
        id=demo_id("impact/checkout-errors"),
        title="Customers could not complete checkout",
        description="Up to 61 % of checkout attempts failed for 1 h 57 min; 212 payments were held until reconciled.",
        x=3 * COLUMN,
        y=2 * ROW,
    )


def _node_id(key: str) -> str:
    return demo_id("impact/checkout-errors") if key == "impact" else demo_id(f"factor/{key}")


def _links() -> list[FactorLink]:
    return [
        FactorLink(demo_id(f"link/{cause}->{effect}"), _node_id(cause), _node_id(effect), note)
        for cause, effect, note in _LINKS
    ]


# factor key -> event keys cited as evidence
_EVIDENCE: dict[str, tuple[str, ...]] = {
    "no-budget-owner": ("proxy-near-limit", "diagnosis"),
    "config-no-canary": ("config-rollout",),
    "campaign-traffic": ("newsletter",),
    "pool-follows-workers": ("config-rollout", "proxy-near-limit", "first-timeouts"),
    "autoscaler-adds-connections": ("autoscale-up",),
    "runbook-stale": ("restart", "reconnect-storm", "stale-dashboard"),
    "alert-routing": ("latency-alert", "page"),
    "handover-mid-incident": ("handover",),
    "proxy-limit-shared": ("diagnosis", "first-timeouts"),
}


def _evidence() -> list[FactorEvidence]:
    return [
        FactorEvidence(demo_id(f"factor/{factor}"), demo_id(f"event/{event}"))
        for factor, events in _EVIDENCE.items()
        for event in events
    ]


def _statements() -> list[AccountabilityStatement]:
    said = [
        ("daniel",
         "I approved raising the worker count as a quick way to get through the newsletter peak, and I "
         "did not ask what else the setting controlled. I also left the connection budget between our "
         "team and database platform as an open question for two quarters. I will take the budget "
         "ownership question to the platform leads this month and put config changes under the same "
         "canary as code."),
        ("jonas",
         "I was the one who restarted the pods. The runbook said to, and in the moment that looked like "
         "the safe step. I'd like the runbook to tell the next person what to look at before restarting, "
         "and I'll write that part."),
        ("lena",
         "On the database side we knew the proxy was close to its limit on busy days, but we only saw "
         "it on our own dashboard. I will make the proxy's headroom visible to the teams that use it."),
    ]
    return [
        AccountabilityStatement(
            id=demo_id(f"statement/{who}"),
            participant_id=demo_id(f"participant/{who}"),
            text=text,
            order=order,
            recorded_at=datetime(2026, 10, 16, 13, 10 + 5 * order, tzinfo=UTC),
        )
        for order, (who, text) in enumerate(said, start=1)
    ]


def _private_notes() -> list[PrivateNote]:
    return [
        PrivateNote(
            id=demo_id("note/jonas"),
            text=(
                "PRIVATE: Jonas went quiet when the restarts came up. Check in with him one-to-one after "
                "the meeting and thank him for speaking; make sure the runbook work is framed as his idea."
            ),
            participant_id=demo_id("participant/jonas"),
            updated_at=datetime(2026, 10, 16, 13, 40, tzinfo=UTC),
        )
    ]


def _actions() -> list[ActionItem]:
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


_REVIEW = {
    "detection": "Partly. The latency alert fired 7 minutes after the start but went to an archived "
    "channel; the first page came from the error-budget alert 26 minutes after the start. Support "
    "tickets were our fastest signal.",
    "escalation": "The IC was in within 7 minutes of the page. The database platform on-call was paged "
    "only at 11:15 CEST; paging them at declaration would likely have saved half an hour.",
    "recovery": "Yes: the rollback and scale-down took 24 minutes. Raising the proxy limit was considered and "
    "rejected to protect the database. Restarting pods did not help and briefly made it worse.",
    "prevention": "Decouple the pool from the worker count, canary config changes, and keep a shared "
    "connection budget with an owner. Capping autoscaling by the budget shrinks the blast radius.",
    "runbook": "No. RB-17 advised restarting first and linked a dashboard without data. It has been "
    "rewritten to check proxy headroom first and to list the current dashboards.",
    "worse": "Had we raised the proxy limit under load, the primary database could have run out of "
    "connections too, taking down order history and refunds as well as checkout.",
}


def _review_answers() -> list[ReviewAnswer]:
    return [ReviewAnswer(question, text) for question, text in _REVIEW.items()]


def build_demo_retro() -> Retro:
    """The fictional INC-2291 checkout outage with everything a finished retrospective records."""
    return Retro.of(
        _incident(),
        [
            *_participants(),
            *_events(),
            *_factors(),
            _impact(),
            *_links(),
            *_evidence(),
            *_statements(),
            *_private_notes(),
            *_actions(),
            *_review_answers(),
        ],
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m retro.demo OUT.json``: write the demo retrospective as a JSON document."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m retro.demo OUT.json", file=sys.stderr)
        return 2
    from .io.document import dumps

    with open(args[0], "w", encoding="utf-8", newline="\n") as out:
        out.write(dumps(build_demo_retro()))
        out.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
