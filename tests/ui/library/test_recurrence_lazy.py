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


def test_summaries_read_their_sightings_from_the_store_when_expanded(qtbot, qtmodeltester, tmp_path) -> None:
    from retro.demo import build_demo_retro
    from retro.services import RetroStore

    store = RetroStore(f"sqlite:///{tmp_path / 'lib.sqlite3'}")
    try:
        for _ in range(3):
            store.add_retro(build_demo_retro())
        summary = store.recurring_summary()
        asked: list[str] = []

        def read(group):
            asked.append(group.title)
            return store.group_sightings(group)

        view = RecurrenceView()
        qtbot.addWidget(view)
        view.set_groups(summary, read)
        model = view.model
        first = model.index(0, 0)
        assert model.index(0, 2).data() == "3" and "3 sightings" in model.index(0, 0, first).data()
        assert asked == []  # nothing read before a group is opened
        qtmodeltester.check(model)
        view.tree.expand(first)
        assert asked == [summary[0].title] and model.rowCount(first) == 3
        assert model.target(model.index(0, 0, first)) is not None
    finally:
        store.close()
