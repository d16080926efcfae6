"""The demo retrospective's people and timeline: who was in the room, and what happened when.

Part of the demo (:mod:`retro.demo`): the fictional INC-2291 checkout outage of 14 October 2026.
Ids are ``uuid5`` of a fixed namespace and a name; times are fixed and held in UTC.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from .domain import Audience, EventKind, Participant, Role, TimelineEvent

#: Fixed namespace for the demo's ids (never change it: screenshots and fixtures rely on it).
DEMO_NAMESPACE = uuid.UUID("5d1c0b6e-2f4a-4c39-9a0e-7b3f2d8c1e55")

def demo_id(name: str) -> str:
    """The deterministic id of the demo entity called ``name`` (hex, like :func:`new_id`)."""
    return uuid.uuid5(DEMO_NAMESPACE, name).hex


DEMO_INCIDENT_ID = demo_id("incident")


def incident_day_utc(hour: int, minute: int, day: int = 14) -> datetime:
    """A time on the incident day (October 2026), in UTC."""
    return datetime(2026, 10, day, hour, minute, tzinfo=UTC)


def demo_participants() -> list[Participant]:
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


def demo_events() -> list[TimelineEvent]:
    return [
        TimelineEvent(
            id=demo_id(f"event/{key}"),
            at=incident_day_utc(hour, minute),
            text=text,
            kind=kind,
            source=source,
            evidence_url=url,
            audience=audience,
            actor_role=role,
        )
        for key, hour, minute, kind, text, source, url, audience, role in _EVENTS
    ]
