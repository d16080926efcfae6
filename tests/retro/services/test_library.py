"""The library (summaries, report states, search), follow-through, and whole-retro operations."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from retro.domain import ActionItem, ActionStatus, Edit, NotFound, Priority, Retro, TimelineEvent
from retro.services import ReportState, RetroStore

from .builders import T0, full_retro, snapshot


def _store_with(store: RetroStore, **incident_changes: object) -> str:
    retro = full_retro()
    retro.incident = replace(retro.incident, **incident_changes)  # type: ignore[arg-type]
    return store.add_retro(retro)


def test_report_states_follow_resolution_and_sharing(store: RetroStore) -> None:
    resolved = T0 + timedelta(minutes=40)
    rid = _store_with(store, resolved_at=resolved)
    (summary,) = store.list_retros(now=resolved + timedelta(hours=23))
    assert summary.id == rid
    assert (summary.internal_report, summary.public_report) == (ReportState.DUE, ReportState.DUE)
    assert summary.internal_due == resolved + timedelta(hours=24)
    assert summary.public_due == resolved + timedelta(hours=72)
    (late,) = store.list_retros(now=resolved + timedelta(hours=25))
    assert (late.internal_report, late.public_report) == (ReportState.OVERDUE, ReportState.DUE)

    loaded = store.load(rid)
    store.update_incident(replace(loaded.incident, internal_report_shared_at=resolved + timedelta(hours=2)),
                          loaded.incident.version)
    (shared,) = store.list_retros(now=resolved + timedelta(hours=80))
    assert (shared.internal_report, shared.public_report) == (ReportState.DONE, ReportState.OVERDUE)


def test_unresolved_retro_has_nothing_due(store: RetroStore) -> None:
    _store_with(store, resolved_at=None)
    (summary,) = store.list_retros()
    assert summary.internal_report is ReportState.NOT_YET and summary.internal_due is None


def test_action_counts_and_archive(store: RetroStore) -> None:
    rid = _store_with(store, archived=True)
    other = _store_with(store, title="Second incident")
    assert [s.id for s in store.list_retros()] == [other]
    assert {s.id for s in store.list_retros(include_archived=True)} == {rid, other}
    summary = next(s for s in store.list_retros(now=T0.replace(year=2026, month=3, day=25)) if s.id == other)
    assert (summary.open_actions, summary.overdue_actions) == (2, 1)  # a-2 was due 2026-03-20
    assert summary.services == ("checkout", "payments") and summary.tags == ("database",)


def test_open_actions_overdue_first_across_retros(store: RetroStore) -> None:
    first = store.load(store.add_retro(full_retro("First")))
    second = store.load(store.add_retro(full_retro("Second")))
    done = next(a for a in second.actions.values() if a.title.startswith("Size"))
    store.apply(second.incident.id, second.incident.version,
                Edit.of(upsert=[replace(done, status=ActionStatus.DONE),
                                ActionItem("a-late", "Old debt", owner="Kim", due=date(2026, 1, 1),
                                           priority=Priority.LOW)]))
    items = store.open_actions(today=date(2026, 3, 25))
    seen = [(o.incident_title, o.action.title, o.overdue) for o in items]
    assert seen[0] == ("Second", "Old debt", True)  # overdue longest
    assert sorted(seen[1:3]) == [("First", "Add a pool saturation alert", True),
                                 ("Second", "Add a pool saturation alert", True)]
    assert seen[3:] == [("First", "Size the pool from load", False)]  # done ones are gone
    size = items[-1].action
    assert size.factor_ids == tuple(first.actions[size.id].factor_ids)


def test_search_finds_everything_written_and_follows_edits(store: RetroStore) -> None:
    rid = store.add_retro(full_retro())
    other = store.add_retro(full_retro("Unrelated"))
    assert {s.id for s in store.list_retros(text="pool")} == {rid, other}
    retro = store.load(rid)
    event = TimelineEvent("e-z", T0, "Zookeeper quorum lost")
    changes = store.apply(rid, retro.incident.version, Edit.of(upsert=[event]))
    assert [s.id for s in store.list_retros(text="zookeep")] == [rid]  # prefix match
    assert [s.id for s in store.list_retros(text="ZOOKEEPER quorum")] == [rid]  # every word, any case
    assert store.list_retros(text="zookeeper pancake") == []
    store.apply(rid, changes.version, Edit.of(remove=[event]))
    assert store.list_retros(text="zookeeper") == []
    assert [s.id for s in store.list_retros(text="Unrelated")] == [other]
    store.delete_retro(other)
    assert store.list_retros(text="Unrelated") == []


def test_search_ignores_query_syntax_and_private_notes(store: RetroStore) -> None:
    rid = store.add_retro(full_retro())
    for query in ['"', "pool*", "(pool", 'pool"', "-pool", "'pool'", "pool:*", "pool | !", "^pool", "pool & \\", "{pool}"]:
        assert [s.id for s in store.list_retros(text=query)] == [rid], query
    assert store.list_retros(text="tense") == []  # only in the private note
    assert len(store.list_retros(text="   ")) == 1


def test_search_after_the_incident_text_changes(store: RetroStore) -> None:
    rid = store.add_retro(full_retro())
    retro = store.load(rid)
    store.update_incident(replace(retro.incident, summary="Kafka lag"), retro.incident.version)
    assert [s.id for s in store.list_retros(text="kafka")] == [rid]
    retro = store.load(rid)
    store.update_incident(replace(retro.incident, summary="Redis eviction"), retro.incident.version)
    assert [s.id for s in store.list_retros(text="redis")] == [rid]
    assert store.list_retros(text="kafka") == []  # the old summary is gone


def test_add_retro_with_new_ids_can_load_the_same_document_twice(store: RetroStore) -> None:
    a = store.load(store.add_retro(full_retro()))
    b = store.load(store.add_retro(full_retro()))
    assert a.incident.id != b.incident.id
    assert not set(a.events) & set(b.events)
    assert len(b.links) == 2 and all(link.cause_id in b.factors for link in b.links.values())
    assert all(ev.event_id in b.events and ev.factor_id in b.factors for ev in b.evidence.values())
    assert all(f in b.factors for action in b.actions.values() for f in action.factor_ids)
    assert {p.name for p in b.participants.values()} == {"Dana Leader", "Sam Responder"}
    assert [b.participants[s.participant_id].name for s in b.speaking_order()] == ["Dana Leader", "Sam Responder"]


def test_delete_then_restore_keeps_everything(store: RetroStore, stored: Retro) -> None:
    deleted = store.delete_retro(stored.incident.id)
    assert snapshot(deleted) == snapshot(stored)
    with pytest.raises(NotFound):
        store.load(stored.incident.id)
    store.add_retro(deleted, new_ids=False)
    assert snapshot(store.load(stored.incident.id)) == snapshot(stored)


def test_duplicate_is_a_fresh_draft(store: RetroStore, stored: Retro) -> None:
    copy = store.load(store.duplicate_retro(stored.incident.id))
    assert copy.incident.title == "Checkout outage (copy)"
    assert len(copy.events) == len(stored.events) and copy.incident.id != stored.incident.id


def test_create_retro_has_one_impact_node(store: RetroStore) -> None:
    retro = store.create_retro("Login failures")
    assert len(retro.impacts) == 1 and retro.incident.created_at is not None
    assert store.load(retro.incident.id).incident == retro.incident
    assert store.current_version(retro.incident.id) == retro.incident.version


def test_url_hides_the_password() -> None:
    from retro.storage.engine import display_url

    assert "secret" not in display_url("postgresql://ann:secret@db.example.com/retro")


def test_search_forgets_what_a_cascade_removed(store: RetroStore, stored: Retro) -> None:
    rid = stored.incident.id
    assert [s.id for s in store.list_retros(text="made likely")] == [rid]  # the note on arrow l-2
    store.apply(rid, stored.incident.version, Edit.of(remove=[stored.factors["f-1"]]))  # l-2 goes with f-1
    assert store.list_retros(text="made likely") == []


def test_recurring_factors_and_seen_before_across_the_library(store: RetroStore) -> None:
    from retro.demo import build_demo_retro
    from retro.domain import Factor, FactorCategory, Incident

    first = store.add_retro(build_demo_retro())
    second = store.add_retro(build_demo_retro())
    other = Retro.of(Incident("x", "Search outage"), [Factor("f", "Nightly batch job", FactorCategory.PROCESS)])
    store.add_retro(other)

    sightings = store.factor_sightings()
    assert {s.incident_id for s in sightings} >= {first, second}
    recurring = store.recurring_factors()
    assert recurring, "the demo's factors appear in two incidents"
    assert all(set(r.incident_ids) == {first, second} for r in recurring)
    assert "Nightly batch job" not in {r.title for r in recurring}

    related = store.related_incidents(store.load(first))
    assert [r.incident_id for r in related] == [second]
    assert len(related[0].matches) == len(store.load(first).factors)

    loaded = store.load(second)
    store.update_incident(replace(loaded.incident, archived=True), loaded.incident.version)
    assert store.recurring_factors() == []
    assert store.recurring_factors(include_archived=True)


def test_follow_through_judges_overdue_by_the_local_date(
    store: RetroStore, stored: Retro, monkeypatch: pytest.MonkeyPatch
) -> None:
    import retro.services.store as store_module

    utc_today = datetime.now(UTC).date()

    class AheadOfUtc(date):
        """This machine's calendar, a day ahead of UTC's (east of Greenwich, after midnight)."""

        @classmethod
        def today(cls) -> date:
            return utc_today + timedelta(days=1)

    action = replace(stored.actions["a-1"], due=utc_today)
    store.apply(stored.incident.id, stored.incident.version, Edit.of(upsert=[action]))
    monkeypatch.setattr(store_module, "date", AheadOfUtc)
    overdue = {o.action.id: o.overdue for o in store.open_actions()}
    assert overdue["a-1"] is True
