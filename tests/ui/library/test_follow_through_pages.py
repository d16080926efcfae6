"""Follow-through reads a page at a time: the view fetches more as it needs them."""

from __future__ import annotations

from retro.domain import ActionItem, RetroError, Severity
from retro.services import OpenAction
from ui.library.follow_through import OpenActionsModel


def _actions(n: int) -> list[OpenAction]:
    return [OpenAction(f"inc-{i}", f"Outage {i}", Severity.SEV2, ActionItem(f"a{i}", f"Fix {i}"), False)
            for i in range(n)]


def test_pages_are_fetched_until_a_short_one(qtmodeltester) -> None:
    everything = _actions(450)
    asked: list[tuple[int, int]] = []

    def more(offset: int, limit: int) -> list[OpenAction]:
        asked.append((offset, limit))
        return everything[offset : offset + limit]

    model = OpenActionsModel()
    model.set_first_page(everything[: model.PAGE], more)
    assert model.rowCount() == 200 and model.canFetchMore()
    qtmodeltester.check(model)
    model.fetchMore()
    model.fetchMore()
    assert asked == [(200, 200), (400, 200)]
    assert model.rows() == everything and not model.canFetchMore()
    qtmodeltester.check(model)


def test_a_short_first_page_is_everything_and_a_refusal_stops_fetching() -> None:
    model = OpenActionsModel()
    model.set_first_page(_actions(3), lambda o, n: [])
    assert not model.canFetchMore()

    def refused(offset: int, limit: int) -> list[OpenAction]:
        raise RetroError("The retro database is locked.")

    model.set_first_page(_actions(200), refused)
    model.fetchMore()
    assert model.rowCount() == 200 and not model.canFetchMore() and "locked" in model.problem
