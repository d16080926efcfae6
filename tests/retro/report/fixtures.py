"""Retros built for report tests: a canary retro with a unique marker in every internal-only place."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from retro.domain import (
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
    ParkingItem,
    ParkingResolution,
    Participant,
    PrivateNote,
    Retro,
    ReviewAnswer,
    Role,
    Severity,
    Stage,
)
from retro.domain import TimelineEvent as Event

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

#: Markers that must never appear in the public report (where they are planted → marker).
INTERNAL_MARKERS: dict[str, str] = {
    "leader name": "Zyxleadername",
    "responder name": "Qwvrespondername",
    "internal event text": "CANARYINTERNALEVENT",
    "internal event evidence link": "canaryevidencehost",
    "public event source": "CANARYPUBLICSOURCE",
    "internal factor title": "CANARYINTERNALFACTOR",
    "internal factor description": "CANARYFACTORDESCRIPTION",
    "link note": "CANARYLINKNOTE",
    "leader statement": "CANARYLEADERSTATEMENT",
    "responder statement": "CANARYRESPONDERSTATEMENT",
    "action owner": "Kqzowner",
    "action description": "CANARYACTIONDESCRIPTION",
    "action ticket": "CANARYTICKET",
    "action status reason": "CANARYSTATUSREASON",
    "action for internal factor": "CANARYINTERNALACTION",
    "action for a public and an internal factor": "CANARYMIXEDACTION",
    "review answer": "CANARYREVIEWANSWER",
    "lessons learned": "CANARYLESSONS",
    "went well": "CANARYWENTWELL",
    "got lucky": "CANARYGOTLUCKY",
    "surprises": "CANARYSURPRISES",
    "tag": "canarytag",
    "parked topic left as an open question": "CANARYOPENQUESTION",
}
#: Parked topics not left as questions: in no report (an open one is still being discussed;
#: one turned into an action or factor is reported as that).
PARKED_MARKERS = {"parked topic still open": "CANARYPARKEDOPEN", "parked topic dropped": "CANARYPARKEDDROPPED"}
#: Markers that must appear in no report at all.
PRIVATE_MARKERS = {"private note": "CANARYPRIVATENOTE", "private note about a person": "CANARYCOACHING"}
#: Text that is public and must appear in both reports.
PUBLIC_MARKERS = {
    "summary": "PUBLICSUMMARYTEXT",
    "customer impact": "PUBLICIMPACTTEXT",
    "public event": "PUBLICEVENTTEXT",
    "public factor": "PUBLICFACTORTITLE",
    "public action": "PUBLICACTIONTITLE",
    "public reason": "PUBLICREASONTEXT",
}


def canary_retro() -> Retro:
    """A small complete retro with markers planted in every internal-only and private place."""
    m, p = INTERNAL_MARKERS, PUBLIC_MARKERS
    incident = Incident(
        id="inc-canary",
        title="Search outage on the storefront",
        severity=Severity.SEV2,
        summary=f"Search returned errors. {p['summary']}",
        customer_impact=f"Customers could not search. {p['customer impact']}",
        services=("search", f"{m['leader name']}-sync"),  # a service named after a person
        tags=(m["tag"],),
        timezone="Europe/Paris",
        started_at=T0,
        detected_at=T0 + timedelta(minutes=12),
        declared_at=T0 + timedelta(minutes=15),
        mitigated_at=T0 + timedelta(minutes=50),
        resolved_at=T0 + timedelta(hours=2),
        lessons_learned=m["lessons learned"],
        went_well=m["went well"],
        got_lucky=m["got lucky"],
        surprises=m["surprises"],
    )
    leader = Participant("p-lead", f"Ada {m['leader name']}", frozenset({Role.LEADER}), 0)
    responder = Participant("p-resp", f"Bo {m['responder name']}", frozenset({Role.RESPONDER, Role.SCRIBE}), 1)
    facilitator = Participant("p-fac", "Cy Facilitator", frozenset({Role.FACILITATOR}), 2)
    public_event = Event(
        "e-pub", T0 + timedelta(minutes=12), f"{p['public event']}: error rate alert",
        EventKind.DETECTION, source=m["public event source"], evidence_url="https://grafana.example.com/d/pub",
        audience=Audience.PUBLIC, actor_role=Role.RESPONDER,
    )
    internal_event = Event(
        "e-int", T0 + timedelta(minutes=20), f"{m['internal event text']} restarted the indexer",
        EventKind.ACTION, evidence_url=f"https://{m['internal event evidence link']}.example.com/x",
    )
    resolution = Event("e-res", T0 + timedelta(hours=2), "Search healthy again", EventKind.RESOLUTION, audience=Audience.PUBLIC)
    public_factor = Factor("f-pub", p["public factor"], FactorCategory.TECHNOLOGY, "The index grew past memory.", Audience.PUBLIC)
    internal_factor = Factor(
        "f-int", m["internal factor title"], FactorCategory.ORGANISATION, m["internal factor description"]
    )
    impact = Impact("i-1", "Customers could not search")
    links = [
        FactorLink("l-1", "f-pub", "f-int", note=m["link note"]),
        FactorLink("l-2", "f-int", "i-1"),
    ]
    evidence = [FactorEvidence("f-pub", "e-pub"), FactorEvidence("f-int", "e-int")]
    statements = [
        AccountabilityStatement("s-1", "p-lead", f"I decided. {m['leader statement']}", 1),
        AccountabilityStatement("s-2", "p-resp", m["responder statement"], 2),
    ]
    notes = [
        PrivateNote("n-1", PRIVATE_MARKERS["private note"]),
        PrivateNote("n-2", PRIVATE_MARKERS["private note about a person"], participant_id="p-resp"),
    ]
    actions = [
        ActionItem(
            "a-1", p["public action"], owner=f"Di {m['action owner']}", due=date(2026, 4, 1),
            description=m["action description"], action_type=ActionType.PREVENT, horizon=Horizon.FIX_FOR_REAL,
            status=ActionStatus.WONT_DO, status_reason=m["action status reason"],
            public_reason=f"{p['public reason']}: the cache is being replaced",
            ticket_url=f"https://tracker.example.com/browse/{m['action ticket']}", factor_ids=("f-pub",),
        ),
        ActionItem(
            "a-2", m["action for internal factor"], owner="Eve Owner", due=date(2026, 4, 2),
            action_type=ActionType.DETECT, factor_ids=("f-int",),
        ),
        ActionItem(
            "a-3", f"Fix the index and {m['action for a public and an internal factor']}", owner="Eve Owner",
            due=date(2026, 4, 3), factor_ids=("f-pub", "f-int"),
        ),
    ]
    answers = [ReviewAnswer("detection", m["review answer"])]
    parked = [
        ParkingItem("pk-q", f"Ask {m['leader name']}: {m['parked topic left as an open question']}?", Stage.FACTORS,
                    T0 + timedelta(days=1), ParkingResolution.QUESTION),
        ParkingItem("pk-open", PARKED_MARKERS["parked topic still open"], Stage.TIMELINE, T0 + timedelta(days=1)),
        ParkingItem("pk-drop", PARKED_MARKERS["parked topic dropped"], Stage.TIMELINE, T0 + timedelta(days=1),
                    ParkingResolution.DROPPED),
    ]
    return Retro.of(
        incident,
        [leader, responder, facilitator, public_event, internal_event, resolution, public_factor, internal_factor,
         impact, *links, *evidence, *statements, *notes, *actions, *answers, *parked],
    )


def minimal_retro(summary: str = "", **incident_fields: object) -> Retro:
    """An incident with one public event: the smallest retro a report can be built from."""
    incident = Incident("inc-min", "Minimal", summary=summary, started_at=T0, resolved_at=T0 + timedelta(hours=1),
                        **incident_fields)  # type: ignore[arg-type]
    return Retro.of(incident, [Event("e-1", T0, "Started", EventKind.ALERT, audience=Audience.PUBLIC)])


def large_retro(events: int = 1000, factors: int = 100, actions: int = 50) -> Retro:
    """A big retro (benchmarks): many events, factors in a chain-ish graph, many actions."""
    incident = Incident("inc-large", "Large incident", summary="A long incident.\n" * 5, customer_impact="Many.",
                        timezone="America/New_York", started_at=T0, detected_at=T0 + timedelta(minutes=5),
                        mitigated_at=T0 + timedelta(hours=10), resolved_at=T0 + timedelta(hours=20))
    entities: list = [Participant("p-0", "Lee Leader", frozenset({Role.LEADER}))]
    entities += [Participant(f"p-{i}", f"Person {i}", frozenset({Role.RESPONDER}), i) for i in range(1, 12)]
    kinds = list(EventKind)
    for i in range(events):
        entities.append(Event(
            f"e-{i:04d}", T0 + timedelta(minutes=i), f"Event {i}: something was observed on host-{i % 17} "
            f"and the responder checked the dashboard for request latency & errors <p99>.",
            kinds[i % len(kinds)], source="Slack", evidence_url=f"https://chat.example.com/archives/C1/p{i}",
            audience=Audience.PUBLIC if i % 5 == 0 else Audience.INTERNAL,
        ))
    cats = list(FactorCategory)
    entities.append(Impact("i-0", "Customers affected"))
    for i in range(factors):
        entities.append(Factor(f"f-{i:03d}", f"Factor {i}: a condition that made the incident possible",
                               cats[i % len(cats)], "Described at some length. " * 4,
                               Audience.PUBLIC if i % 3 == 0 else Audience.INTERNAL))
        target = "i-0" if i < 10 else f"f-{i // 10 - 1:03d}"
        entities.append(FactorLink(f"l-{i:03d}", f"f-{i:03d}", target))
        entities.append(FactorEvidence(f"f-{i:03d}", f"e-{(i * 7) % events:04d}"))
    for i in range(actions):
        entities.append(ActionItem(f"a-{i:03d}", f"Action {i}: change something durable", owner=f"Person {i % 11 + 1}",
                                   due=date(2026, 4, 1) + timedelta(days=i), description="Why and how. " * 3,
                                   ticket_url=f"https://tracker.example.com/browse/OPS-{i}",
                                   factor_ids=(f"f-{(i * 2) % factors:03d}",)))
    entities.append(AccountabilityStatement("s-0", "p-0", "I own the decision to ship on Friday.", 1))
    return Retro.of(incident, entities)


#: Where :func:`long_text_retro` pastes a long text (place → line tag), and in which reports it shows.
LONG_TEXT_PLACES: dict[str, tuple[str, tuple[Audience, ...]]] = {
    "summary": ("LTSUMMARY", (Audience.INTERNAL, Audience.PUBLIC)),
    "customer impact": ("LTIMPACT", (Audience.INTERNAL, Audience.PUBLIC)),
    "impact description": ("LTIMPACTNODE", (Audience.INTERNAL, Audience.PUBLIC)),
    "public event text": ("LTPUBEVENT", (Audience.INTERNAL, Audience.PUBLIC)),
    "internal event text": ("LTINTEVENT", (Audience.INTERNAL,)),
    "public factor description": ("LTPUBFACTOR", (Audience.INTERNAL, Audience.PUBLIC)),
    "internal factor description": ("LTINTFACTOR", (Audience.INTERNAL,)),
    "leader statement": ("LTSTATEMENT", (Audience.INTERNAL,)),
    "action description": ("LTACTION", (Audience.INTERNAL,)),
    "action status reason": ("LTREASON", (Audience.INTERNAL,)),
    "review answer": ("LTREVIEW", (Audience.INTERNAL,)),
    "lessons learned": ("LTLESSONS", (Audience.INTERNAL,)),
    "what went well": ("LTWENTWELL", (Audience.INTERNAL,)),
}
LONG_TEXT_LINES = 90  # about 1000 pt at the table's leading: more than one page (~730 pt) per text


def long_text(tag: str, lines: int = LONG_TEXT_LINES) -> str:
    """A pasted stack trace: ``lines`` lines, each starting with ``TAG-042`` so a lost line shows."""
    frames = [f'{tag}-{i:03d} File "/srv/app/checkout/pool.py", line {i}, in acquire' for i in range(lines)]
    return "Traceback (most recent call last):\n" + "\n".join(frames)


def long_text_retro(lines: int = LONG_TEXT_LINES) -> Retro:
    """The canary retro with a stack trace taller than a page pasted into every user-text place."""
    from dataclasses import replace

    retro = canary_retro()
    text = {place: long_text(tag, lines) for place, (tag, _) in LONG_TEXT_PLACES.items()}
    retro.incident = replace(
        retro.incident,
        summary=text["summary"],
        customer_impact=text["customer impact"],
        lessons_learned=text["lessons learned"],
        went_well=text["what went well"],
    )
    retro.impacts["i-1"] = replace(retro.impacts["i-1"], description=text["impact description"])
    retro.events["e-pub"] = replace(retro.events["e-pub"], text=text["public event text"])
    retro.events["e-int"] = replace(retro.events["e-int"], text=text["internal event text"])
    retro.factors["f-pub"] = replace(retro.factors["f-pub"], description=text["public factor description"])
    retro.factors["f-int"] = replace(retro.factors["f-int"], description=text["internal factor description"])
    retro.statements["s-1"] = replace(retro.statements["s-1"], text=text["leader statement"])
    retro.actions["a-1"] = replace(
        retro.actions["a-1"], description=text["action description"], status_reason=text["action status reason"]
    )
    retro.review_answers["detection"] = replace(retro.review_answers["detection"], text=text["review answer"])
    return retro
