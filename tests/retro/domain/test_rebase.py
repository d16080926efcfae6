"""Re-making a refused edit field by field: theirs stays, mine moves, deleted stays deleted."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from retro.domain import Edit, Incident, Retro, TimelineEvent, new_id
from retro.domain.rebase import rebase_edit, snapshot

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def retro_with(*events: TimelineEvent) -> Retro:
    return Retro.of(Incident(new_id(), "Checkout outage"), events)


def test_my_text_and_their_time_both_stand() -> None:
    alert = TimelineEvent(new_id(), T0, "Alert fired")
    mine_before = retro_with(alert)
    theirs = snapshot(mine_before)
    theirs.events[alert.id] = replace(alert, at=T0 + timedelta(minutes=14))  # B fixed the time
    my_edit = Edit.of(upsert=[replace(alert, text="PagerDuty alert fired for checkout p99")])

    rebased = rebase_edit(my_edit, mine_before, theirs)

    (event,) = rebased.edit.upsert
    assert (event.at, event.text) == (T0 + timedelta(minutes=14), "PagerDuty alert fired for checkout p99")
    assert rebased.dropped == ()


def test_a_change_to_a_deleted_event_is_dropped_and_named_new_ones_and_removals_kept() -> None:
    alert, page = TimelineEvent(new_id(), T0, "Alert fired"), TimelineEvent(new_id(), T0, "Paged the on-call")
    duplicate = TimelineEvent(new_id(), T0, "Alert fired (duplicate)")
    mine_before = retro_with(alert, page, duplicate)
    theirs = retro_with(page)  # they deleted the alert and its duplicate
    theirs.incident = mine_before.incident
    added = TimelineEvent(new_id(), T0, "Rolled back")
    my_edit = Edit.of(upsert=[replace(alert, text="Alert fired (p99)"), added], remove=[page, duplicate])

    rebased = rebase_edit(my_edit, mine_before, theirs)

    assert rebased.edit.upsert == (added,)  # the alert is not brought back
    assert [ref.key for ref in rebased.edit.remove] == [page.id]  # the duplicate is gone already
    assert rebased.dropped == ("the timeline event “Alert fired”",)


def test_both_peoples_additions_to_a_list_field_stand() -> None:
    from retro.domain import ActionItem, Factor, Participant, Role

    f1, f2, f3 = Factor("f1", "Pool limit"), Factor("f2", "Stale runbook"), Factor("f3", "Newsletter peak")
    action = ActionItem("a1", "Size the pool", owner="Sam", factor_ids=("f1",))
    dana = Participant("p1", "Dana", frozenset({Role.RESPONDER}))
    mine_before = Retro.of(Incident("i", "Outage", tags=("pool",)), [f1, f2, f3, action, dana])
    theirs = snapshot(mine_before)
    theirs.actions["a1"] = replace(action, factor_ids=("f1", "f2"))  # B added the runbook factor
    theirs.participants["p1"] = replace(dana, roles=frozenset({Role.RESPONDER, Role.SCRIBE}))
    theirs.incident = replace(mine_before.incident, tags=("pool", "runbook"))
    my_edit = Edit.of(
        incident=replace(mine_before.incident, tags=("config",)),  # I replaced "pool" by "config"
        upsert=[replace(action, factor_ids=("f3",)),  # I swapped f1 for the newsletter factor
                replace(dana, roles=frozenset({Role.LEADER}))],  # and made Dana the leader instead
    )

    rebased = rebase_edit(my_edit, mine_before, theirs)

    by_kind = {type(e).__name__: e for e in rebased.edit.upsert}
    assert by_kind["ActionItem"].factor_ids == ("f2", "f3")
    assert by_kind["Participant"].roles == frozenset({Role.LEADER, Role.SCRIBE})
    assert rebased.edit.incident is not None and rebased.edit.incident.tags == ("runbook", "config")
