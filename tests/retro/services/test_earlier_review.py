"""The review at the start of a meeting: open actions of earlier retros sharing a service or a
contributing factor with this one — counted, and only the first few read (overdue first)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from random import Random

import pytest

from retro.domain import (
    ActionItem,
    ActionStatus,
    Factor,
    FactorCategory,
    Impact,
    Incident,
    Priority,
    Retro,
)
from retro.domain.follow_through import OPEN_STATUSES, ActionRecord, EarlierReview
from retro.services import RetroStore

TODAY = date(2026, 6, 15)


def _retro(iid: str, services: tuple[str, ...], factor: str, *, archived: bool = False) -> Retro:
    return Retro.of(Incident(iid, f"Incident {iid}", services=services, archived=archived), [
        Impact("imp"), Factor("f", factor, FactorCategory.TECHNOLOGY),
        ActionItem("open", f"Open of {iid}", due=date(2020, 1, 1)),
        ActionItem("doing", f"Doing of {iid}", status=ActionStatus.IN_PROGRESS),
        ActionItem("done", f"Done of {iid}", status=ActionStatus.DONE)])


def test_earlier_open_actions_share_a_service_or_a_factor(store: RetroStore) -> None:
    for retro in (_retro("svc", ("  Checkout   API ",), "Disk filled"),  # the same service, other spelling
                  _retro("fac", ("ledger",), "Pool size left at default"),  # the same factor
                  _retro("none", ("auth",), "Certificate expired"),  # nothing shared
                  _retro("arch", ("checkout api",), "Pool size left at default", archived=True)):
        store.add_retro(retro, new_ids=False)
    now = _retro("now", ("CHECKOUT API",), "pool size left at DEFAULT")
    store.add_retro(now, new_ids=False)
    got = store.earlier_review(store.load("now"), today=TODAY)
    assert (got.total, got.incidents, got.overdue) == (4, 2, 2)
    assert sorted((r.incident_id, r.action.id) for r in got.first) == [
        ("fac", "doing"), ("fac", "open"), ("svc", "doing"), ("svc", "open")]
    assert [r.action.id for r in got.first[:2]] == ["open", "open"]  # overdue first
    alone = replace(store.load("now"), factors={})
    alone.incident = replace(alone.incident, services=())
    assert store.earlier_review(alone, today=TODAY) == EarlierReview()


def _service_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _reference(store: RetroStore, retro: Retro, today: date) -> EarlierReview:
    """The review worked out from every open action of the library (what the store read before)."""
    related = {r.incident_id for r in store.related_incidents(retro)} if retro.factors else set()
    wanted = {_service_key(s) for s in retro.incident.services if s.strip()}
    records = [r for r in store.action_records(statuses=frozenset(OPEN_STATUSES))
               if r.incident_id != retro.incident.id
               and (r.incident_id in related or wanted & {_service_key(s) for s in r.services if s.strip()})]
    return EarlierReview.of(records, today)


def _bare(r: ActionRecord) -> ActionRecord:
    """A record as the review reads it: the factors an action addresses are not shown there."""
    return replace(r, action=replace(r.action, factor_ids=()), factor_titles=())


_SERVICES = ("Checkout API", "checkout  api", "ledger", "Auth", "mail")
_FACTORS = ("pool size left at default", "Pool size too small", "certificate expired", "retry storm on deploy",
            "disk filled by logs")
# Titles that tie on due date and priority and differ only in case or by a non-ASCII letter, so
# the cut after the shown lines has to settle ties exactly as the whole sorted list does.
_TITLES = ("Fix pool", "fix pool", "Éclair runbook", "éclair runbook", "Zed check", "alert on saturation")


def _library(seed: int, n: int) -> list[Retro]:
    rnd = Random(seed)
    retros = []
    for i in range(n):
        incident = Incident(f"R{i:03d}", f"Incident {i}", services=tuple(rnd.sample(_SERVICES, rnd.randrange(0, 3))),
                            archived=rnd.random() < 0.1)
        entities: list = [Impact("imp")]
        entities += [Factor(f"f{k}", rnd.choice(_FACTORS), rnd.choice(list(FactorCategory)[:2]))
                     for k in range(rnd.randrange(0, 3))]
        for k in range(rnd.randrange(0, 6)):
            due = None if rnd.random() < 0.25 else TODAY + timedelta(days=rnd.choice((-30, -3, -3, 0, 4, 4, 20)))
            status = rnd.choice(list(ActionStatus))
            entities.append(ActionItem(f"a{k}", rnd.choice(_TITLES), owner=rnd.choice(("", "Sam", "Priya")), due=due,
                                       priority=rnd.choice(list(Priority)), status=status,
                                       status_reason="Superseded" if status is ActionStatus.WONT_DO else ""))
        retros.append(Retro.of(incident, entities))
    return retros


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_review_is_the_one_worked_out_from_every_open_action(store: RetroStore, seed: int) -> None:
    for retro in _library(seed, 60):
        store.add_retro(retro, new_ids=False)
    rnd = Random(seed)
    checked = 0
    for _ in range(12):
        services = tuple(rnd.sample(_SERVICES, rnd.randrange(0, 2)))
        factors = [Factor(f"n{k}", rnd.choice(_FACTORS), rnd.choice(list(FactorCategory)[:2]))
                   for k in range(rnd.randrange(0, 3))]
        new = Retro.of(Incident(f"new-{checked}", "New one", services=services), [Impact("imp"), *factors])
        for today in (TODAY, TODAY + timedelta(days=5)):
            want = _reference(store, new, today)
            got = store.earlier_review(new, today=today)
            assert (got.total, got.incidents, got.overdue) == (want.total, want.incidents, want.overdue)
            assert got.first == tuple(_bare(r) for r in want.first)
            checked += want.total > 6
    assert checked  # some reviews had more open actions than are shown


def test_a_stored_retro_is_not_its_own_earlier_retro(store: RetroStore) -> None:
    store.add_retro(_retro("old", ("ledger",), "Pool size left at default"), new_ids=False)
    store.add_retro(_retro("now", ("ledger",), "Pool size left at default"), new_ids=False)
    got = store.earlier_review(store.load("now"), today=TODAY)
    assert {r.incident_id for r in got.first} == {"old"} and got.total == 2
