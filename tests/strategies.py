"""Hypothesis strategies for valid domain values and whole valid retrospectives.

Every value these strategies produce passes :mod:`retro.domain.validation` (``validate_incident``
and ``validate_entity`` against the retro it belongs to) and, for whole retros, the leader-first
rule (:func:`retro.domain.accountability.accountability_problems` is empty). Text is deliberately
awkward: odd Unicode (combining marks, right-to-left, emoji, CJK), markup-looking text such as
``<b>&amp;``, quotes and backslashes, newlines and tabs. Times are timezone-aware, in UTC, with
microseconds. Sizes are kept small so property tests stay fast.

Use them from any test suite::

    from hypothesis import given
    from tests.strategies import retros, texts

    @given(retros())
    def test_something(retro): ...

Building blocks (``texts``, ``required_texts``, ``short_texts``, ``owners``, ``urls``,
``utc_datetimes``, ``dates``) are public too, as are single-entity strategies that take the ids
they must refer to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime

from hypothesis import strategies as st

from retro.domain import (
    REVIEW_QUESTIONS,
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
    ParkingItem,
    ParkingResolution,
    Participant,
    Priority,
    PrivateNote,
    Retro,
    ReviewAnswer,
    Role,
    Severity,
    Stage,
    TimelineEvent,
)
from retro.domain.factor_matches import MatchDecision

#: Hand-picked text that has broken exporters before: markup, escapes, scripts, emoji, blank lines.
AWKWARD_TEXTS: tuple[str, ...] = (
    "<b>&amp;</b> & <i>not markup</i>",
    "line one\nline two\n\nafter a blank line",
    "tab\tseparated\r\nwindows line end",
    'quotes " \' “ ” and a backslash \\ and {braces}',
    "Ünïcödé: Łódź, Straße, ﬁ ligature, e\u0301 combining",
    "右から左: שלום עולם مرحبا",
    "emoji 🔥🧯 and a family 👩‍👩‍👧 (ZWJ)",
    "中文 日本語 한국어",
    "zero\u200bwidth and non\u00a0breaking",
    "   leading and trailing spaces   ",
    "%s %d {0} $HOME `code` *stars* _under_ # heading",
)

#: Timezones a retro may be shown in (real IANA names, including odd offsets).
TIMEZONES: tuple[str, ...] = (
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Adelaide",
    "Pacific/Chatham",
)

_MIN_TIME = datetime(2000, 1, 1)
_MAX_TIME = datetime(2099, 12, 31)

# Any character that can be stored: no NUL, no surrogates (validation refuses both).
_CHARACTERS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
_MULTI_OWNER = re.compile(r"[,;/+&]|\band\b", re.IGNORECASE)


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Any storable text, often empty or awkward."""
    return st.one_of(st.sampled_from(AWKWARD_TEXTS), st.text(_CHARACTERS, max_size=max_size))


def required_texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Storable text with something in it besides whitespace (for required fields)."""
    return texts(max_size).filter(lambda s: bool(s.strip()))


def short_texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Required text short enough for a title or a name (well under the 300-character limit)."""
    return required_texts(min(max_size, 300))


def owners() -> st.SearchStrategy[str]:
    """One person's name: never looks like two (no ``,;/+&`` and no word "and")."""
    return st.one_of(
        st.sampled_from(("Mara Lindqvist", "Tomás Herrera", "李 小龍", "O'Brien-Smith", "Sam <b>Whitfield")),
        required_texts(30).filter(lambda s: not _MULTI_OWNER.search(s)),
    )


def urls() -> st.SearchStrategy[str]:
    """A link validation accepts: ``https://…`` on an example host, or empty."""
    path = st.text(st.characters(codec="ascii", categories=("L", "N")) | st.sampled_from("-_/.?=&#%"), max_size=20)
    hosts = st.sampled_from(("example.com", "grafana.example.com", "chat.example.org", "tracker.example.net"))
    return st.one_of(st.just(""), st.builds(lambda h, p: f"https://{h}/{p}", hosts, path))


def utc_datetimes() -> st.SearchStrategy[datetime]:
    """Timezone-aware times in UTC, with microseconds."""
    return st.datetimes(min_value=_MIN_TIME, max_value=_MAX_TIME, timezones=st.just(UTC))


def dates() -> st.SearchStrategy[date]:
    """Calendar dates (due dates) in the same range as the times."""
    return st.dates(min_value=_MIN_TIME.date(), max_value=_MAX_TIME.date())


def coordinates() -> st.SearchStrategy[float | None]:
    """A graph position: unset, or a finite number of pixels."""
    return st.none() | st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


def ids() -> st.SearchStrategy[str]:
    """An entity id like :func:`retro.domain.new_id` makes."""
    return st.uuids().map(lambda u: u.hex)


def _maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """``strategy`` or ``None``."""
    return st.none() | strategy


# -- single entities ------------------------------------------------------------------------------


@st.composite
def incidents(draw: st.DrawFn, incident_id: str | None = None) -> Incident:
    """An incident with lifecycle times in order (started ≤ detected ≤ … ≤ resolved, some unset)."""
    moments = sorted(draw(st.lists(utc_datetimes(), min_size=5, max_size=5)))
    lifecycle = [moment if draw(st.booleans()) else None for moment in moments]
    return Incident(
        id=incident_id or draw(ids()),
        title=draw(short_texts()),
        severity=draw(st.sampled_from(Severity)),
        status=draw(st.sampled_from(IncidentStatus)),
        summary=draw(texts()),
        services=tuple(draw(st.lists(short_texts(20), max_size=3))),
        tags=tuple(draw(st.lists(short_texts(20), max_size=3))),
        customer_impact=draw(texts()),
        timezone=draw(st.sampled_from(TIMEZONES)),
        started_at=lifecycle[0],
        detected_at=lifecycle[1],
        declared_at=lifecycle[2],
        mitigated_at=lifecycle[3],
        resolved_at=lifecycle[4],
        lessons_learned=draw(texts()),
        went_well=draw(texts()),
        got_lucky=draw(texts()),
        surprises=draw(texts()),
        internal_report_shared_at=draw(_maybe(utc_datetimes())),
        public_report_shared_at=draw(_maybe(utc_datetimes())),
        archived=draw(st.booleans()),
        created_at=draw(_maybe(utc_datetimes())),
        version=draw(st.integers(0, 10_000)),
        agenda=draw(agendas()),
        projector_shows_roles=draw(st.booleans()),
    )


def agendas() -> st.SearchStrategy[tuple[str, ...]]:
    """A stored agenda: some stages, in any order, each once, with 0–480 minutes (or none stored)."""
    return st.lists(st.sampled_from(list(Stage)), unique=True, max_size=len(Stage)).flatmap(
        lambda stages: st.tuples(*(st.integers(0, 480).map(lambda m, s=s: f"{s.value}:{m}") for s in stages)))


def parking_items(item_id: str | None = None) -> st.SearchStrategy[ParkingItem]:
    """A parked topic, in any state; what it became may name anything (a link, not a reference)."""
    return st.builds(ParkingItem, id=st.just(item_id) if item_id else ids(), text=required_texts(),
                     stage=st.sampled_from(Stage), created_at=_maybe(utc_datetimes()),
                     resolution=st.sampled_from(ParkingResolution), outcome_id=st.just("") | ids())


def participants(participant_id: str | None = None, *, position: int | None = None) -> st.SearchStrategy[Participant]:
    """A participant holding up to three roles (possibly the leader role, possibly none)."""
    return st.builds(
        Participant,
        id=st.just(participant_id) if participant_id else ids(),
        name=short_texts(),
        roles=st.frozensets(st.sampled_from(Role), max_size=3),
        position=st.just(position) if position is not None else st.integers(0, 20),
    )


def timeline_events(event_id: str | None = None) -> st.SearchStrategy[TimelineEvent]:
    """A timeline event at any UTC time, with or without an evidence link and an actor role."""
    return st.builds(
        TimelineEvent,
        id=st.just(event_id) if event_id else ids(),
        at=utc_datetimes(),
        text=required_texts(),
        kind=st.sampled_from(EventKind),
        source=texts(30),
        evidence_url=urls(),
        audience=st.sampled_from(Audience),
        actor_role=_maybe(st.sampled_from(Role)),
    )


def factors(factor_id: str | None = None) -> st.SearchStrategy[Factor]:
    """A contributing factor, placed in the graph or not (``x``/``y`` may be ``None``)."""
    return st.builds(
        Factor,
        id=st.just(factor_id) if factor_id else ids(),
        title=short_texts(),
        category=st.sampled_from(FactorCategory),
        description=texts(),
        audience=st.sampled_from(Audience),
        x=coordinates(),
        y=coordinates(),
    )


def impacts(impact_id: str | None = None) -> st.SearchStrategy[Impact]:
    """An impact node, placed in the graph or not."""
    return st.builds(
        Impact,
        id=st.just(impact_id) if impact_id else ids(),
        title=short_texts(),
        description=texts(),
        x=coordinates(),
        y=coordinates(),
    )


@st.composite
def action_items(draw: st.DrawFn, factor_ids: Sequence[str] = (), action_id: str | None = None) -> ActionItem:
    """An action addressing some of ``factor_ids`` (each at most once); "won't do" has a reason."""
    status = draw(st.sampled_from(ActionStatus))
    reason = draw(required_texts() if status is ActionStatus.WONT_DO else texts())
    addressed = draw(st.lists(st.sampled_from(factor_ids), unique=True, max_size=3)) if factor_ids else []
    return ActionItem(
        id=action_id or draw(ids()),
        title=draw(short_texts()),
        owner=draw(st.just("") | owners()),
        due=draw(_maybe(dates())),
        description=draw(texts()),
        action_type=draw(st.sampled_from(ActionType)),
        horizon=draw(st.sampled_from(Horizon)),
        priority=draw(st.sampled_from(Priority)),
        status=status,
        status_reason=reason,
        ticket_url=draw(urls()),
        factor_ids=tuple(addressed),
        created_at=draw(_maybe(utc_datetimes())),
        completed_at=draw(_maybe(utc_datetimes())) if status is ActionStatus.DONE else None,
    )


def review_answers(question: str | None = None) -> st.SearchStrategy[ReviewAnswer]:
    """An answer (possibly empty) to ``question`` or to any review question."""
    keys = st.just(question) if question else st.sampled_from([q.key for q in REVIEW_QUESTIONS])
    return st.builds(ReviewAnswer, question=keys, text=texts())


def private_notes(participant_ids: Sequence[str] = ()) -> st.SearchStrategy[PrivateNote]:
    """A private facilitator note, about one of ``participant_ids`` or nobody."""
    about = (st.none() | st.sampled_from(participant_ids)) if participant_ids else st.none()
    return st.builds(PrivateNote, id=ids(), text=texts(), participant_id=about, updated_at=_maybe(utc_datetimes()))


# -- whole retros ---------------------------------------------------------------------------------


@st.composite
def retros(draw: st.DrawFn, *, with_private_notes: bool = False, max_items: int = 4) -> Retro:
    """A whole valid retro: every reference resolves and the leader speaks first.

    ``max_items`` bounds each collection. Private notes are left out unless
    ``with_private_notes`` (the JSON document never holds them, so round-trip tests want none).
    """
    n = {
        kind: draw(st.integers(0, max_items), label=kind)
        for kind in ("people", "events", "factors", "impacts", "statements", "actions")
    }
    all_ids = iter(draw(st.lists(ids(), unique=True, min_size=sum(n.values()) + 1, max_size=sum(n.values()) + 1)))
    incident = draw(incidents(next(all_ids)))

    people = [draw(participants(next(all_ids))) for _ in range(n["people"])]
    if people and draw(st.booleans()):  # often someone leads, so statements get exercised
        people[0] = replace(people[0], roles=people[0].roles | {Role.LEADER})
    events = [draw(timeline_events(next(all_ids))) for _ in range(n["events"])]
    factor_list = [draw(factors(next(all_ids))) for _ in range(n["factors"])]
    impact_list = [draw(impacts(next(all_ids))) for _ in range(n["impacts"])]
    factor_ids = [f.id for f in factor_list]
    node_ids = factor_ids + [i.id for i in impact_list]

    links: list[FactorLink] = []
    if factor_ids and len(node_ids) > 1:
        pairs = st.tuples(st.sampled_from(factor_ids), st.sampled_from(node_ids)).filter(lambda p: p[0] != p[1])
        for cause, effect in draw(st.lists(pairs, unique=True, max_size=max_items)):
            links.append(FactorLink(draw(ids()), cause, effect, draw(texts(20))))
    evidence: list[FactorEvidence] = []
    if factor_ids and events:
        cited = st.tuples(st.sampled_from(factor_ids), st.sampled_from([e.id for e in events]))
        evidence = [FactorEvidence(f, e) for f, e in draw(st.lists(cited, unique=True, max_size=max_items))]

    statements = _statements(draw, people, [next(all_ids) for _ in range(n["statements"])])
    actions = [draw(action_items(factor_ids, next(all_ids))) for _ in range(n["actions"])]
    answers = draw(st.lists(review_answers(), max_size=len(REVIEW_QUESTIONS), unique_by=lambda a: a.question))
    notes = draw(st.lists(private_notes([p.id for p in people]), max_size=2)) if with_private_notes else []
    parked = draw(st.lists(parking_items(), max_size=max_items, unique_by=lambda p: p.id))

    entities = [*people, *events, *factor_list, *impact_list, *links, *evidence, *statements, *actions, *answers, *notes, *parked]
    retro = Retro.of(incident, entities)
    if factor_ids:  # the facilitator's "Seen before" decisions, about factors of this retro
        other = ids().filter(lambda i: i != incident.id)
        pairs = st.tuples(st.sampled_from(factor_ids), other, ids())
        for pair in draw(st.lists(pairs, unique=True, max_size=2)):
            retro.factor_matches[pair] = draw(st.sampled_from(list(MatchDecision)))
    return retro


def _statements(draw: st.DrawFn, people: list[Participant], statement_ids: list[str]) -> list[AccountabilityStatement]:
    """Statements honouring the leader-first rule: a leader speaks first, or nobody speaks."""
    leaders = [p for p in people if p.is_leader]
    if not leaders or not statement_ids:
        return []
    first_order = draw(st.integers(0, 3))
    speakers = [draw(st.sampled_from(leaders))] + [draw(st.sampled_from(people)) for _ in statement_ids[1:]]
    return [
        AccountabilityStatement(
            id=statement_id,
            participant_id=speaker.id,
            text=draw(required_texts()),
            order=first_order + position,
            recorded_at=draw(_maybe(utc_datetimes())),
        )
        for position, (statement_id, speaker) in enumerate(zip(statement_ids, speakers, strict=True))
    ]
