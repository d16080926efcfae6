"""The review at the start of a meeting: open actions of earlier retros sharing a service or a
contributing factor with this one, read by one query."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from retro.domain import ActionItem, ActionStatus, Factor, FactorCategory, Impact, Incident, Retro
from retro.services import RetroStore


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
    got = store.earlier_open_actions(store.load("now"))
    assert sorted((r.incident_id, r.action.id) for r in got) == [
        ("fac", "doing"), ("fac", "open"), ("svc", "doing"), ("svc", "open")]
    assert got[0].action.id == "open"  # overdue first
    alone = replace(store.load("now"), factors={})
    alone.incident = replace(alone.incident, services=())
    assert store.earlier_open_actions(alone) == []
