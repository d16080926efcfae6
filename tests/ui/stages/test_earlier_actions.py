"""A new retro whose services or factors match earlier retros opens with their open actions."""

from __future__ import annotations

from dataclasses import replace

import pytest

from retro.demo import build_demo_retro
from retro.domain import ActionStatus, Factor, FactorCategory, Impact, Incident, Retro
from retro.startup import open_store
from ui.document import RetroDocument
from ui.stages.ground_rules import GroundRulesStage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _stage(qtbot, store, retro: Retro) -> GroundRulesStage:
    incident_id = store.add_retro(retro)
    stage = GroundRulesStage(RetroDocument(store, store.load(incident_id)))
    qtbot.addWidget(stage)
    stage.show()
    return stage


def test_matching_service_shows_earlier_open_actions_here_and_on_the_projector(qtbot, sqlite_url) -> None:
    store = open_store(sqlite_url)
    demo = build_demo_retro()
    store.add_retro(demo)
    open_count = sum(a.status.value in ("open", "in_progress") for a in demo.actions.values())
    new = Retro.of(Incident("n", "Gateway again", services=(" Payments-Gateway ",)), [Impact("i")])
    stage = _stage(qtbot, store, new)
    qtbot.waitUntil(lambda: stage.earlier.isVisible(), timeout=5000)
    assert stage.earlier.heading.text().startswith(f"Before we start: {open_count} open actions from 1 earlier incident")
    assert "overdue" in stage.earlier.body.text()
    projection = stage.projector_view()
    projection.show()
    assert projection.earlier.heading.text() == stage.earlier.heading.text()
    assert stage.earlier.on_projector.isChecked()  # the meeting opens with the review on the projector
    assert projection.earlier.isVisible() and not projection.why.isVisible()
    stage.choose("how")  # moving to the rules leaves the review
    assert not projection.earlier.isVisible() and projection.rules["how"].isVisible()
    stage.earlier.on_projector.click()
    assert projection.earlier.isVisible()
    store.close()


def test_matching_factor_alone_is_enough_and_unrelated_shows_nothing(qtbot, sqlite_url) -> None:
    store = open_store(sqlite_url)
    demo = build_demo_retro()
    store.add_retro(demo)
    factor = next(iter(demo.factors.values()))
    by_factor = Retro.of(Incident("f", "Other service"), [Impact("i"), replace(factor, id="x")])
    stage = _stage(qtbot, store, by_factor)
    qtbot.waitUntil(lambda: stage.earlier.isVisible(), timeout=5000)
    unrelated = Retro.of(Incident("u", "Unrelated", services=("mail",)),
                         [Impact("i"), Factor("y", "Snow on the roof", FactorCategory.EXTERNAL)])
    quiet = _stage(qtbot, store, unrelated)
    qtbot.waitUntil(lambda: quiet.earlier.job is None or not quiet.earlier.job.running, timeout=5000)
    qtbot.wait(50)
    assert not quiet.earlier.isVisible() and quiet.earlier.review.total == 0
    store.close()


def test_the_panel_lists_six_counts_the_rest_and_the_projector_three(qtbot, sqlite_url) -> None:
    from datetime import date, timedelta

    from retro.domain import ActionItem, Priority

    store = open_store(sqlite_url)
    today = date.today()
    for n in range(3):  # 3 earlier retros on the same service, 4 open actions each, 1 done
        store.add_retro(Retro.of(Incident(f"old{n}", f"Outage {n}", services=("ledger",)), [
            Impact("i"),
            ActionItem("a", f"Late {n}", owner="Sam", due=today - timedelta(days=10 + n)),
            ActionItem("b", f"Soon {n}", owner="", due=today + timedelta(days=2), priority=Priority.HIGH),
            ActionItem("c", f"later {n}", owner="Priya", due=today + timedelta(days=30)),
            ActionItem("d", f"Undated {n}", owner="Priya"),
            ActionItem("e", f"Done {n}", owner="Sam", status=ActionStatus.DONE)]), new_ids=False)
    stage = _stage(qtbot, store, Retro.of(Incident("n", "Ledger again", services=("Ledger",)), [Impact("i")]))
    qtbot.waitUntil(lambda: stage.earlier.isVisible(), timeout=5000)
    assert stage.earlier.heading.text() == "Before we start: 12 open actions from 3 earlier incidents like this one, 3 overdue"
    soon = today + timedelta(days=2)
    assert stage.earlier.body.text().split("\n") == [
        *(f"• Late {n} — Sam, due {today - timedelta(days=10 + n):%Y-%m-%d} — overdue (Outage {n})" for n in (2, 1, 0)),
        *(f"• Soon {n} — no owner, due {soon:%Y-%m-%d} (Outage {n})" for n in (0, 1, 2)),
        "… and 6 more in the library's Follow-through tab."]
    projection = stage.projector_view()
    projection.show()
    assert projection.earlier.body.text().split("\n") == [
        "• Late 2 — Sam, overdue", "• Late 1 — Sam, overdue", "• Late 0 — Sam, overdue",
        "… and 9 more in the library's Follow-through tab."]
    store.close()


@pytest.mark.parametrize("roles", [False, True], ids=["names", "roles"])
def test_the_projector_names_earlier_owners_as_the_retros_option_says(qtbot, sqlite_url, roles: bool) -> None:
    from datetime import date, timedelta

    from retro.domain import ActionItem, Edit

    store = open_store(sqlite_url)
    late = date.today() - timedelta(days=3)
    store.add_retro(Retro.of(Incident("old", "Outage", services=("ledger",)), [
        Impact("i"), ActionItem("a", "Page on stale alerts", owner="Sam Rivera", due=late)]), new_ids=False)
    stage = _stage(qtbot, store, Retro.of(Incident("n", "Ledger again", services=("ledger",),
                                                   projector_shows_roles=roles), [Impact("i")]))
    qtbot.waitUntil(lambda: stage.earlier.isVisible(), timeout=5000)
    projection = stage.projector_view()
    qtbot.addWidget(projection)  # closed and deleted with the test, not left to the collector
    projection.show()
    shown = projection.earlier.body.text()
    assert ("Sam" in shown) is not roles, shown
    assert "Sam Rivera, overdue" in stage.earlier.body.text() or "Sam Rivera, due" in stage.earlier.body.text()
    # the option changed while the review shows: the projector follows
    document = stage.document
    assert document.edit("Roles", Edit(incident=replace(document.retro.incident, projector_shows_roles=not roles)))
    assert ("Sam" in projection.earlier.body.text()) is roles
    store.close()
