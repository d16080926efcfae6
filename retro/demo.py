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
from datetime import UTC, datetime

from .demo_actions import demo_actions
from .demo_timeline import (
    DEMO_INCIDENT_ID,
    demo_events,
    demo_id,
    demo_participants,
    incident_day_utc,
)
from .domain import (
    AccountabilityStatement,
    Audience,
    Factor,
    FactorCategory,
    FactorEvidence,
    FactorLink,
    Impact,
    Incident,
    IncidentStatus,
    PrivateNote,
    Retro,
    ReviewAnswer,
    Severity,
)

#: Horizontal distance between graph columns and vertical distance between rows, in pixels.
COLUMN = 260.0
ROW = 140.0


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
        started_at=incident_day_utc(8, 5),
        detected_at=incident_day_utc(8, 31),
        declared_at=incident_day_utc(8, 41),
        mitigated_at=incident_day_utc(10, 2),
        resolved_at=incident_day_utc(11, 47),
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
        created_at=incident_day_utc(8, 0, day=15),
        version=0,
    )


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
            *demo_participants(),
            *demo_events(),
            *_factors(),
            _impact(),
            *_links(),
            *_evidence(),
            *_statements(),
            *_private_notes(),
            *demo_actions(),
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
