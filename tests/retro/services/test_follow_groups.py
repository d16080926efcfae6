"""The follow-through view read by the database (headings with counts, pages of a group) equals the
groups computed from every action, on random untidy libraries (owners and services spelled
several ways, retros with no service, archived retros, actions with and without due dates)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from random import Random

import pytest

from retro.domain import ActionItem, ActionStatus, Impact, Incident, Priority, Retro, Severity
from retro.domain.follow_through import GroupBy
from retro.services import RetroStore
from retro.services.follow_through_groups import reference_groups

TODAY = date(2026, 3, 10)
_OWNERS = ("Sam Lee", "sam  lee", "SAM LEE", "Ørjan Håland", "ørjan håland", "", "  ", "李伟")
_SERVICES = ("checkout", "Checkout ", "payments", "ledger", "Ωmega api", "ωmega  api")


def _library(seed: int, n: int = 30) -> list[Retro]:
    rnd = Random(seed)
    out = []
    for i in range(n):
        inc = Incident(f"R{i:03d}", f"Incident {i}", rnd.choice(list(Severity)),
                       services=tuple(rnd.sample(_SERVICES, rnd.randrange(0, 3))),
                       created_at=datetime(2026, 1, 1, tzinfo=UTC), archived=rnd.random() < 0.1)
        actions = [ActionItem(f"a{k}", f"Fix {rnd.choice('abcXYZé')}{k}", owner=rnd.choice(_OWNERS),
                              due=None if rnd.random() < 0.2 else TODAY + timedelta(days=rnd.randrange(-20, 30)),
                              priority=rnd.choice(list(Priority)),
                              status=rnd.choice([ActionStatus.OPEN, ActionStatus.OPEN, ActionStatus.IN_PROGRESS,
                                                 ActionStatus.DONE]))
                   for k in range(rnd.randrange(0, 5))]
        out.append(Retro.of(inc, [Impact(f"imp{i}"), *actions]))
    return out


@pytest.mark.parametrize("seed", [4, 5])
def test_groups_and_pages_equal_the_reference(store: RetroStore, seed: int) -> None:
    for retro in _library(seed):
        store.add_retro(retro, new_ids=False)
    records = store.action_records(with_factors=False)  # every action of the retros not archived
    for by in GroupBy:
        want = reference_groups(records, by, TODAY)
        groups = store.follow_groups(by, today=TODAY)
        assert [(g.title, g.counts) for g in groups] == [(t, c) for t, c, _ in want], by
        for group, (_t, _c, rows) in zip(groups, want, strict=True):
            paged = [r for start in range(0, group.total, 3)
                     for r in store.follow_group_page(group, today=TODAY, offset=start, limit=3)]
            assert [(r.incident_id, r.action.id) for r in paged] == [(r.incident_id, r.action.id) for r in rows]
            assert paged == rows  # the same records, field by field


def test_overdue_and_due_this_week_come_first(store: RetroStore) -> None:
    inc = Incident("X", "Checkout down", Severity.SEV2, services=("checkout",), created_at=datetime.now(UTC))
    store.add_retro(Retro.of(inc, [Impact("i"),
                                   ActionItem("later", "Later", owner="Sam", due=TODAY + timedelta(days=20)),
                                   ActionItem("week", "This week", owner="Sam", due=TODAY + timedelta(days=2)),
                                   ActionItem("late", "Overdue", owner="Ana", due=TODAY - timedelta(days=1)),
                                   ActionItem("none", "Undated", owner="Sam")]), new_ids=False)
    by_state = store.follow_groups(GroupBy.DUE_STATE, today=TODAY)
    assert [g.title for g in by_state] == ["Overdue", "Due this week", "Due later", "No due date"]
    owners = store.follow_groups(GroupBy.OWNER, today=TODAY)
    assert [g.title for g in owners] == ["Ana", "Sam"]  # Ana has an overdue action
    sam = owners[1]
    assert [r.action.id for r in store.follow_group_page(sam, today=TODAY)] == ["week", "later", "none"]
