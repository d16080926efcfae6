"""The demo retrospective is realistic, complete, valid, blameless and stable."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, timedelta
from pathlib import Path

import pytest

from retro.demo import COLUMN, ROW, build_demo_retro, main
from retro.domain import (
    ActionStatus,
    Audience,
    EventKind,
    Retro,
    Role,
    Severity,
    accountability_problems,
    blame_hints,
    readiness,
)
from retro.domain.enums import IncidentStatus
from retro.domain.lifecycle import LIFECYCLE_FIELDS
from retro.domain.readiness import reaches_impact
from retro.domain.review import REVIEW_QUESTIONS
from retro.domain.validation import validate_entity, validate_incident
from retro.io.document import dump, dumps, load_document


@pytest.fixture(scope="module")
def demo() -> Retro:
    return build_demo_retro()


def test_it_is_deterministic(demo: Retro) -> None:
    assert build_demo_retro() == demo
    assert dumps(build_demo_retro()) == dumps(demo)


def test_incident_is_a_sev2_in_review_with_a_real_timezone_and_ordered_times(demo: Retro) -> None:
    inc = demo.incident
    assert inc.severity is Severity.SEV2
    assert inc.status is IncidentStatus.IN_REVIEW
    assert inc.timezone == "Europe/Berlin"
    times = [getattr(inc, name) for name, _ in LIFECYCLE_FIELDS]
    assert all(t is not None and t.tzinfo is UTC for t in times)
    assert times == sorted(times) and len(set(times)) == len(times)
    assert inc.services and inc.tags
    for name in ("summary", "customer_impact", "lessons_learned", "went_well", "got_lucky", "surprises"):
        assert getattr(inc, name).strip(), name


def test_timeline_has_many_kinds_sources_and_evidence_over_several_hours(demo: Retro) -> None:
    events = demo.timeline()
    assert len(events) >= 25
    assert events[-1].at - events[0].at >= timedelta(hours=3)
    assert {e.kind for e in events} == set(EventKind)
    assert all(e.source.strip() for e in events)
    linked = [e for e in events if e.evidence_url]
    assert len(linked) >= len(events) * 2 // 3
    assert all(e.evidence_url.startswith("https://") and ".example.com/" in e.evidence_url for e in linked)
    assert {e.audience for e in events} == set(Audience)
    assert all(e.at.tzinfo is UTC for e in events)


def test_participants_cover_every_role_and_one_person_holds_two(demo: Retro) -> None:
    people = demo.people()
    assert len(people) >= 7
    held = Counter(role for p in people for role in p.roles)
    for role in (Role.FACILITATOR, Role.INCIDENT_COMMANDER, Role.COMMUNICATIONS_LEAD, Role.SCRIBE, Role.LEADER):
        assert held[role] >= 1, role
    assert held[Role.RESPONDER] >= 2
    assert any(len(p.roles) >= 2 for p in people)


def test_factors_span_categories_and_form_a_graph_that_is_not_a_chain(demo: Retro) -> None:
    assert len(demo.factors) >= 6
    assert len({f.category for f in demo.factors.values()}) >= 3
    assert len(demo.impacts) == 1
    (impact_id,) = demo.impacts
    into_impact = [link for link in demo.links.values() if link.effect_id == impact_id]
    assert len(into_impact) >= 2, "several factors feed the impact directly"
    indirect = [link for link in demo.links.values() if link.effect_id in demo.factors]
    assert indirect, "some factors feed the impact through others"
    fan_in = Counter(link.effect_id for link in demo.links.values())
    assert max(fan_in.values()) >= 2
    assert all(reaches_impact(demo).values())


def test_graph_reads_left_to_right_on_a_grid(demo: Retro) -> None:
    nodes = {**demo.factors, **demo.impacts}
    for node in nodes.values():
        assert node.x is not None and node.y is not None
        assert node.x % COLUMN == 0 and node.y % ROW == 0
    for link in demo.links.values():
        assert nodes[link.cause_id].x < nodes[link.effect_id].x, link.note
    impact = next(iter(demo.impacts.values()))
    assert impact.x == max(n.x for n in nodes.values())
    assert len({(n.x, n.y) for n in nodes.values()}) == len(nodes), "no two nodes on the same spot"


def test_every_factor_has_evidence_and_an_action(demo: Retro) -> None:
    evidenced = {ev.factor_id for ev in demo.evidence.values()}
    addressed = {fid for a in demo.actions.values() for fid in a.factor_ids}
    assert evidenced == set(demo.factors)
    assert addressed == set(demo.factors)


def test_leader_speaks_first_and_two_others_follow(demo: Retro) -> None:
    order = demo.speaking_order()
    assert len(order) == 3
    assert order[0].order == 1
    assert demo.participants[order[0].participant_id].is_leader
    assert not any(demo.participants[s.participant_id].is_leader for s in order[1:])
    assert accountability_problems(demo) == []


def test_actions_are_mixed_and_each_has_one_owner_a_due_date_and_a_ticket(demo: Retro) -> None:
    actions = demo.action_list()
    assert len(actions) >= 5
    assert len({a.horizon for a in actions}) == 2
    assert len({a.action_type for a in actions}) == 3
    for action in actions:
        assert action.owner.strip() and action.due is not None
        assert action.ticket_url.startswith("https://")
        assert action.factor_ids
    done = [a for a in actions if a.status is ActionStatus.DONE]
    wont = [a for a in actions if a.status is ActionStatus.WONT_DO]
    assert done and all(a.completed_at is not None for a in done)
    assert wont and all(a.status_reason.strip() for a in wont)


def test_every_review_question_is_answered(demo: Retro) -> None:
    assert set(demo.review_answers) == {q.key for q in REVIEW_QUESTIONS}
    assert all(a.text.strip() for a in demo.review_answers.values())


def test_it_has_a_private_note_to_test_that_exports_leave_it_out(demo: Retro) -> None:
    assert len(demo.private_notes) == 1
    note = next(iter(demo.private_notes.values()))
    assert note.text not in dumps(demo)


def test_every_entity_is_valid_and_nothing_blocks_publishing(demo: Retro) -> None:
    validate_incident(demo.incident)
    for entity in demo.entities():
        validate_entity(entity, demo)
    assert [f.code for f in readiness(demo) if f.is_blocker] == []


def test_wording_is_blameless(demo: Retro) -> None:
    texts = [f"{f.title}\n{f.description}" for f in demo.factors.values()]
    texts += [s.text for s in demo.statements.values()]
    texts += [link.note for link in demo.links.values()]
    for text in texts:
        assert blame_hints(text) == [], text
    everything = json.dumps(dump(demo), ensure_ascii=False).lower()
    assert "root cause" not in everything and "human error" not in everything


def test_ids_are_unique_across_the_retro(demo: Retro) -> None:
    ids = [e.key for e in demo.entities() if hasattr(e, "id")] + [demo.incident.id]
    assert len(ids) == len(set(ids))


def test_round_trips_through_the_json_document(demo: Retro) -> None:
    loaded = load_document(dumps(demo))
    expected = Retro.of(demo.incident, [e for e in demo.entities() if e not in demo.private_notes.values()])
    assert loaded == expected


def test_the_command_writes_the_document(tmp_path: Path) -> None:
    out = tmp_path / "demo.json"
    assert main([str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text == dumps(build_demo_retro()) + "\n"
    assert load_document(text).incident.title == build_demo_retro().incident.title


def test_the_command_explains_its_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err
