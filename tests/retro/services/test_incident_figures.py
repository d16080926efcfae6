"""The per-retro insight figures (``incident_figures``) never disagree with the retro they describe.

After every kind of write — edits of times and actions and factors, undo, import, copy, delete
and its undo, archive — each stored row must equal the figures worked out here, independently,
from the retro as loaded back (its document), and the library's insights must still equal the
reference computed from every retro.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from random import Random
from typing import Any

import pytest
from sqlalchemy import select

from retro.analysis.insights import compute_insights
from retro.domain import (
    ActionItem,
    ActionStatus,
    Edit,
    EntityRef,
    Factor,
    FactorCategory,
    Incident,
    Retro,
)
from retro.io.document import dumps
from retro.io.document_read import load_document
from retro.services import RetroStore
from retro.storage import models as m

from ..analysis.test_insights import facts
from .test_insights_store import _random_library

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)


def _gap(start: datetime | None, end: datetime | None) -> tuple[int | None, int]:
    if start is None or end is None:
        return None, (1 if start is None else 0) + (2 if end is None else 0)
    return (None, 4) if end < start else ((end - start) // _US, 0)


def expected(retro: Retro) -> dict[str, Any]:
    """The figures of one retro, from its document (the reference the table must equal)."""
    inc = retro.incident
    when = inc.started_at or inc.detected_at or inc.resolved_at or inc.created_at
    row: dict[str, Any] = {
        "incident_id": inc.id, "archived": inc.archived, "title": inc.title, "severity": inc.severity.value,
        "services": tuple(inc.services), "happened_on": when.astimezone(UTC).date() if when else None,
        "started_month": inc.started_at.astimezone(UTC).strftime("%Y-%m") if inc.started_at else None,
        "resolved_us": (inc.resolved_at - _EPOCH) // _US if inc.resolved_at else None,
    }
    for name, end in (("detect", inc.detected_at), ("mitigate", inc.mitigated_at), ("resolve", inc.resolved_at)):
        row[f"{name}_us"], row[f"{name}_gap"] = _gap(inc.started_at, end)
    for name, shared in (("internal", inc.internal_report_shared_at), ("public", inc.public_report_shared_at)):
        row[f"{name}_delay_us"] = (shared - inc.resolved_at) // _US if shared and inc.resolved_at else None
    actions = list(retro.actions.values())
    done = [a for a in actions if a.status is ActionStatus.DONE]
    dated = [a for a in done if a.due is not None and a.completed_at is not None]
    wont = [a for a in actions if a.status is ActionStatus.WONT_DO]
    still_open = [a for a in actions if a.status not in (ActionStatus.DONE, ActionStatus.WONT_DO)]
    row.update(
        done_on_time=sum(1 for a in dated if a.completed_at.astimezone(UTC).date() <= a.due),
        done_late=sum(1 for a in dated if a.completed_at.astimezone(UTC).date() > a.due),
        done_undated=len(done) - len(dated), wont_do=len(wont),
        open_undated=sum(1 for a in still_open if a.due is None),
        open_due=" ".join(sorted(a.due.isoformat() for a in still_open if a.due is not None)),
        wont_do_reasons=sorted(a.status_reason for a in wont),
        factor_categories=" ".join(sorted(f.category.value for f in retro.factors.values())),
    )
    return row


def _table(store: RetroStore) -> dict[str, dict[str, Any]]:
    with store._engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(m.incident_figures)).mappings()]
    for r in rows:
        r["wont_do_reasons"] = sorted(r["wont_do_reasons"])  # kept in the order read
    return {r["incident_id"]: r for r in rows}


def assert_figures_agree(store: RetroStore) -> None:
    ids = [s.id for s in store.list_retros(include_archived=True)]
    table = _table(store)
    assert sorted(table) == sorted(ids)  # one row per retro, none for a retro gone
    for incident_id in ids:
        assert table[incident_id] == expected(store.load(incident_id)), incident_id


def _now() -> datetime:
    return datetime(2026, 2, 1, 8, 30, tzinfo=UTC)


def _insights_agree(store: RetroStore) -> None:
    shown = [store.load(s.id) for s in store.list_retros(include_archived=True)]
    shown = [r for r in shown if not r.incident.archived]
    for kwargs in ({}, {"since": date(2025, 6, 1)}, {"service": "checkout"}):
        assert store.insights(now=_now(), **kwargs) == compute_insights(*facts(shown), now=_now(), **kwargs)


def _random_edit(rnd: Random, retro: Retro) -> Edit:
    inc = retro.incident
    choice = rnd.randrange(7)
    base = inc.started_at or datetime(2025, 5, 1, tzinfo=UTC)
    if choice == 0:  # times moved, cleared, put out of order
        def t() -> datetime | None:
            return None if rnd.random() < 0.2 else base + timedelta(minutes=rnd.randrange(-30, 900))
        return Edit(incident=replace(inc, started_at=None if rnd.random() < 0.1 else base, detected_at=t(),
                                     mitigated_at=t(), resolved_at=t(), internal_report_shared_at=t(),
                                     public_report_shared_at=t()))
    if choice == 1:  # archived or brought back, renamed, other services
        return Edit(incident=replace(inc, archived=not inc.archived, title=f"{inc.title}!",
                                     services=tuple(rnd.sample(("checkout", "ledger", "auth"), rnd.randrange(3)))))
    if choice == 2 or not retro.actions:  # an action added
        key = f"new{rnd.randrange(10**6)}"
        return Edit(upsert=(ActionItem(key, "Added", due=(base + timedelta(days=rnd.randrange(-9, 90))).date()
                                       if rnd.random() < 0.7 else None),))
    if choice == 3:  # an action's status changed
        a = rnd.choice(list(retro.actions.values()))
        status = rnd.choice(list(ActionStatus))
        return Edit(upsert=(replace(a, status=status, status_reason="Out of scope" if status is ActionStatus.WONT_DO
                                    else "", completed_at=None),))
    if choice == 4:  # an action removed
        return Edit(remove=(EntityRef("ActionItem", rnd.choice(list(retro.actions))),))
    if choice == 5 or not retro.factors:  # a factor added
        return Edit(upsert=(Factor(f"nf{rnd.randrange(10**6)}", "Added factor", rnd.choice(list(FactorCategory))),))
    return Edit(remove=(EntityRef("Factor", rnd.choice(list(retro.factors))),))  # a factor removed (and links)


def test_a_new_library_has_the_figures_of_every_retro(store: RetroStore) -> None:
    for retro in _random_library(11, n=25):
        store.add_retro(retro, new_ids=False)
    assert_figures_agree(store)
    _insights_agree(store)


@pytest.mark.parametrize("seed", [1, 2])
def test_the_figures_follow_edits_undo_import_copy_delete_and_archive(store: RetroStore, seed: int) -> None:
    rnd = Random(seed)
    for retro in _random_library(seed + 20, n=12):
        store.add_retro(retro, new_ids=False)
    undo: list[tuple[str, Edit]] = []
    for step in range(60):
        ids = [s.id for s in store.list_retros(include_archived=True)]
        incident_id = rnd.choice(ids)
        op = rnd.randrange(10)
        if op < 5:  # an edit
            retro = store.load(incident_id)
            changes = store.apply(incident_id, retro.incident.version, _random_edit(rnd, retro))
            undo.append((incident_id, changes.inverse()))
        elif op == 5 and undo:  # undo of the last edit
            undo_id, edit = undo.pop()
            if undo_id in ids:
                store.apply(undo_id, store.current_version(undo_id), edit)
        elif op == 6:  # import of a JSON document (as a copy: new ids)
            store.add_retro(load_document(dumps(store.load(incident_id))))
        elif op == 7:  # copy
            store.duplicate_retro(incident_id)
        elif op == 8 and len(ids) > 3:  # delete, and sometimes its undo
            deleted = store.delete_retro(incident_id)
            undo = [(i, e) for i, e in undo if i != incident_id]
            if rnd.random() < 0.5:
                store.add_retro(deleted, new_ids=False)
        else:  # archive (or bring back) through the library's own path
            retro = store.load(incident_id)
            store.update_incident(replace(retro.incident, archived=not retro.incident.archived), retro.incident.version)
        if step % 10 == 9:
            assert_figures_agree(store)
    assert_figures_agree(store)
    _insights_agree(store)


def test_an_edit_that_leaves_the_figures_alone_does_not_rewrite_them(store: RetroStore) -> None:
    """An edit of something the figures do not use (an event, a statement) keeps the row as it was."""
    from retro.domain import TimelineEvent

    incident_id = store.add_retro(Retro.of(Incident("X", "Only one", started_at=datetime(2026, 1, 1, tzinfo=UTC)),
                                           []), new_ids=False)
    before = _table(store)[incident_id]
    store.apply(incident_id, 1, Edit(upsert=(TimelineEvent("e1", datetime(2026, 1, 1, 0, 5, tzinfo=UTC), "Paged"),)))
    assert _table(store)[incident_id] == before == expected(store.load(incident_id))


@pytest.mark.parametrize("archived", [0.0, 0.3, 0.7])
def test_the_top_factors_cut_by_the_database_equal_the_reference(store: RetroStore, archived: float) -> None:
    """Many recurring groups with close counts, some incidents left out (archived, filtered): the
    groups the database keeps as able to make the top ten give the same top ten as every group."""
    from retro.domain import Impact

    rnd = Random(int(archived * 10))
    words = ("pool", "timeout", "retry", "cache", "deploy", "alert", "runbook", "queue", "disk", "dns")
    titles = [f"{a} {b}" for i, a in enumerate(words) for b in words[i + 1:]]  # 45 distinct keys
    for i in range(90):
        factors = [Factor(f"f{k}", rnd.choice(titles[:rnd.randrange(12, 45)]), rnd.choice(list(FactorCategory)[:2]))
                   for k in range(rnd.randrange(1, 6))]
        incident = Incident(f"T{i:03d}", f"Incident {i}", started_at=datetime(2025, 1, 1, tzinfo=UTC)
                            + timedelta(days=i * 4), archived=rnd.random() < archived,
                            services=("checkout",) if i % 3 else ())
        store.add_retro(Retro.of(incident, [Impact(f"imp{i}"), *factors]), new_ids=False)
    shown = [store.load(s.id) for s in store.list_retros(include_archived=False)]
    for kwargs in ({}, {"since": date(2025, 6, 1)}, {"service": "checkout"}, {"since": date(2025, 12, 1)}):
        got = store.insights(now=_now(), **kwargs)
        assert got == compute_insights(*facts(shown), now=_now(), **kwargs), kwargs
    assert len(store.insights(now=_now()).factors.top_factors) == 10
