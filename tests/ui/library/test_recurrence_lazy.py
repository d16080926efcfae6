"""A group seen thousands of times lists its sightings when expanded, not when the tab fills."""

from __future__ import annotations

from retro.analysis.recurrence import FactorSighting, RecurringFactor
from retro.domain import FactorCategory
from ui.library.recurrence import RecurrenceView


def test_a_large_group_is_listed_when_expanded(qtbot, qtmodeltester) -> None:
    sightings = tuple(FactorSighting(f"inc-{i:03d}", f"Outage {i}", "f", FactorCategory.PROCESS, "Deploy not reviewed")
                      for i in range(120))
    small = RecurringFactor(FactorCategory.TECHNOLOGY, "Cache eviction", frozenset({"cach"}), sightings[:2])
    view = RecurrenceView()
    qtbot.addWidget(view)
    view.model.set_groups([RecurringFactor(FactorCategory.PROCESS, "Deploy not reviewed", frozenset(), sightings), small])
    model = view.model
    big = model.index(0, 0)
    assert model.rowCount(big) == 1 and "120 sightings" in model.index(0, 0, big).data()
    assert model.rowCount(model.index(1, 0)) == 2  # small groups are listed at once
    qtmodeltester.check(model)
    view.tree.expand(big)
    assert model.rowCount(big) == 120
    assert model.target(model.index(5, 0, big)) == ("inc-005", "f")
    qtmodeltester.check(model)
