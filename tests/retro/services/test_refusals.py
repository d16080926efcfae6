"""Refused edits write nothing; the leader-first rule cannot be bypassed; stale writes are refused."""

from __future__ import annotations

from dataclasses import replace

import pytest

from retro.domain import (
    AccountabilityStatement,
    ActionItem,
    ActionStatus,
    Edit,
    FactorEvidence,
    FactorLink,
    Participant,
    Retro,
    RetroError,
    Role,
    RuleViolation,
    StaleEditError,
    TimelineEvent,
    ValidationError,
)
from retro.services import RetroStore

from .builders import T0, full_retro, snapshot

BAD_EDITS = {
    "evidence for an unknown event": Edit.of(upsert=[FactorEvidence("f-1", "e-missing")]),
    "arrow from a factor to itself": Edit.of(upsert=[FactorLink("l-x", "f-1", "f-1")]),
    "arrow duplicating another": Edit.of(upsert=[FactorLink("l-x", "f-1", "i-1")]),
    "two owners": Edit.of(upsert=[ActionItem("a-x", "Fix", owner="Sam and Dana")]),
    "won't do without reason": Edit.of(upsert=[ActionItem("a-x", "Fix", status=ActionStatus.WONT_DO)]),
    "naive time": Edit.of(upsert=[TimelineEvent("e-x", T0.replace(tzinfo=None), "naive")]),
    "NUL in text": Edit.of(upsert=[TimelineEvent("e-x", T0, "a\x00b")]),
    "empty title": Edit(incident=replace(full_retro().incident, title="  ")),
    "bad timezone": Edit(incident=replace(full_retro().incident, timezone="Mars/Olympus")),
    "valid event beside an invalid action": Edit.of(upsert=[
        TimelineEvent("e-ok", T0, "fine"), ActionItem("a-x", "Fix", factor_ids=("f-missing",))]),
    "other incident's id": Edit(incident=replace(full_retro().incident, id="someone-else")),
}


@pytest.mark.parametrize("name", list(BAD_EDITS))
def test_refused_edit_writes_nothing(store: RetroStore, stored: Retro, name: str) -> None:
    before = snapshot(stored)
    with pytest.raises(ValidationError):
        store.apply(stored.incident.id, stored.incident.version, BAD_EDITS[name])
    assert store.current_version(stored.incident.id) == stored.incident.version
    assert snapshot(store.load(stored.incident.id)) == before


def _no_statements() -> Retro:
    retro = full_retro()
    retro.statements.clear()
    return retro


LEADER_FIRST_BYPASSES = {
    "someone else speaks before the leader": lambda r: Edit.of(
        upsert=[AccountabilityStatement("s-x", "p-resp", "Me first.")]),
    "the leader's statement is removed after others spoke": lambda r: Edit.of(remove=[r.statements["s-1"]]),
    "the leader is removed after others spoke": lambda r: Edit.of(remove=[r.participants["p-lead"]]),
    "the leader loses the role": lambda r: Edit.of(upsert=[replace(r.participants["p-lead"], roles=frozenset())]),
    "someone else is moved ahead of the leader": lambda r: Edit.of(upsert=[replace(r.statements["s-2"], order=-1)]),
}


@pytest.mark.parametrize("name", list(LEADER_FIRST_BYPASSES))
def test_leader_first_rule_cannot_be_bypassed_through_apply(store: RetroStore, name: str) -> None:
    retro = full_retro() if "after" in name or "loses" in name or "moved" in name else _no_statements()
    loaded = store.load(store.add_retro(retro, new_ids=False))
    with pytest.raises(RuleViolation):
        store.apply(loaded.incident.id, loaded.incident.version, LEADER_FIRST_BYPASSES[name](loaded))
    assert snapshot(store.load(loaded.incident.id)) == snapshot(loaded)


def test_leader_and_others_may_speak_in_one_edit(store: RetroStore) -> None:
    loaded = store.load(store.add_retro(_no_statements(), new_ids=False))
    changes = store.apply(loaded.incident.id, loaded.incident.version, Edit.of(upsert=[
        AccountabilityStatement("s-a", "p-lead", "I own the date."),
        AccountabilityStatement("s-b", "p-resp", "I own the skip."),
    ]))
    orders = {s.id: s.order for s in changes.upserted}  # type: ignore[union-attr]
    assert orders == {"s-a": 1, "s-b": 2}


def test_add_retro_refuses_a_document_where_the_leader_did_not_speak_first(store: RetroStore) -> None:
    retro = full_retro()
    retro.statements["s-1"] = replace(retro.statements["s-1"], order=5)
    with pytest.raises(RuleViolation):
        store.add_retro(retro)
    no_leader = full_retro()
    no_leader.participants["p-lead"] = Participant("p-lead", "Dana", frozenset({Role.OBSERVER}))
    with pytest.raises(RuleViolation):
        store.add_retro(no_leader)
    assert store.list_retros(include_archived=True) == []


def test_add_retro_refuses_bad_values_and_writes_nothing(store: RetroStore) -> None:
    retro = full_retro()
    retro.events["e-bad"] = TimelineEvent("e-bad", T0, "")
    with pytest.raises(ValidationError, match="text"):
        store.add_retro(retro)
    assert store.list_retros(include_archived=True) == []


def test_add_retro_without_new_ids_refuses_an_existing_id(store: RetroStore, stored: Retro) -> None:
    with pytest.raises(RetroError, match="already"):
        store.add_retro(full_retro(), new_ids=False)


def test_two_editors_stale_write_is_refused_and_nothing_overwritten(store_url: str) -> None:
    first, second = RetroStore(store_url), RetroStore(store_url)
    try:
        retro = first.load(first.add_retro(full_retro(), new_ids=False))
        theirs = second.load(retro.incident.id)
        mine = first.apply(retro.incident.id, retro.incident.version,
                           Edit.of(upsert=[replace(retro.events["e-1"], text="Edited by the first editor")]))
        with pytest.raises(StaleEditError) as refused:
            second.apply(theirs.incident.id, theirs.incident.version,
                         Edit.of(upsert=[replace(theirs.events["e-1"], text="Edited by the second editor")]))
        assert refused.value.expected == retro.incident.version and refused.value.actual == mine.version
        assert "Checkout outage" in str(refused.value)
        again = second.load(retro.incident.id)
        assert again.events["e-1"].text == "Edited by the first editor"
        assert again.incident.version == mine.version
    finally:
        first.close()
        second.close()


def test_something_a_retro_does_not_store_is_refused(store: RetroStore, stored: Retro) -> None:
    from retro.domain import EntityRef

    for edit in (Edit(upsert=(stored.incident,)), Edit(remove=(EntityRef("Incident", stored.incident.id),))):  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="not something a retro stores"):
            store.apply(stored.incident.id, stored.incident.version, edit)
    assert store.current_version(stored.incident.id) == stored.incident.version


def test_simultaneous_editors_exactly_one_wins(store_url: str) -> None:
    import threading

    stores = [RetroStore(store_url) for _ in range(4)]
    try:
        retro = stores[0].load(stores[0].add_retro(full_retro(), new_ids=False))
        barrier = threading.Barrier(len(stores))
        outcomes: list[object] = [None] * len(stores)

        def edit(i: int) -> None:
            barrier.wait()
            try:
                outcomes[i] = stores[i].apply(retro.incident.id, retro.incident.version, Edit.of(
                    upsert=[replace(retro.events["e-1"], text=f"Editor {i} was here")]))
            except Exception as exc:  # collected and checked below
                outcomes[i] = exc

        threads = [threading.Thread(target=edit, args=(i,)) for i in range(len(stores))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        winners = [i for i, o in enumerate(outcomes) if not isinstance(o, Exception)]
        assert len(winners) == 1, outcomes
        assert all(isinstance(o, StaleEditError) for i, o in enumerate(outcomes) if i != winners[0]), outcomes
        final = stores[0].load(retro.incident.id)
        assert final.events["e-1"].text == f"Editor {winners[0]} was here"
        assert final.incident.version == retro.incident.version + 1
    finally:
        for s in stores:
            s.close()


@pytest.mark.parametrize("position", [2**31, -(2**63) - 1])
def test_a_position_no_database_stores_is_refused(store: RetroStore, stored: Retro, position: int) -> None:
    person = replace(stored.participants["p-resp"], position=position)
    with pytest.raises(ValidationError, match="position"):
        store.apply(stored.incident.id, stored.incident.version, Edit.of(upsert=[person]))
