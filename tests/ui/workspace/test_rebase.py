"""Re-making a refused edit field by field: theirs stays, mine moves, deleted stays deleted."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from retro.domain import Edit, Incident, Retro, TimelineEvent, new_id
from ui.workspace.rebase import rebase_edit, snapshot

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
