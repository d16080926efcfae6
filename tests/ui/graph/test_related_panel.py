"""Seen before: the factors stage's panel of earlier retros with a factor that reads alike."""

from __future__ import annotations

import pytest

from retro.domain import ActionItem, ActionStatus, Factor, FactorCategory, Impact, Incident, Retro
from retro.startup import open_store
from ui.document import RetroDocument
from ui.graph.related_panel import RelatedRetrosPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
T = FactorCategory.TECHNOLOGY


def test_similar_earlier_factor_with_its_actions_and_one_decision(qtbot, sqlite_url) -> None:
    store = open_store(sqlite_url)
    store.add_retro(Retro.of(Incident("old", "Black Friday checkout"), [
        Impact("i"), Factor("o1", "The pool of connections was too small", T),
        ActionItem("a1", "Size the pool from load", status=ActionStatus.DONE, factor_ids=("o1",)),
        ActionItem("a2", "Alert on pool saturation", factor_ids=("o1",))]), new_ids=False)
    new_id = store.add_retro(Retro.of(Incident("new", "Cyber Monday checkout"), [
        Impact("i"), Factor("n1", "Conection pool too small", T)]), new_ids=False)
    panel = RelatedRetrosPanel(RetroDocument(store, store.load(new_id)))
    qtbot.addWidget(panel)
    panel.show()
    panel.set_factor("n1")
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=5000)  # read off the GUI thread
    text = panel.list.item(0).text()
    assert "Black Friday checkout" in text and "actions: 1 done, 1 open" in text and "% alike" in text
    panel.same_button.click()
    qtbot.waitUntil(lambda: panel.list.count() == 1 and panel.list.item(0).text().startswith("✓ confirmed"),
                    timeout=5000)
    assert panel.list.item(0).text().startswith("✓ confirmed — Black Friday checkout")
    assert not panel.same_button.isEnabled()
    panel.different_button.click()
    qtbot.waitUntil(lambda: "reads like no factor" in panel.intro.text(), timeout=5000)
    assert panel.list.count() == 0
    store.close()


def test_the_closest_twelve_are_listed_and_the_others_counted(qtbot, sqlite_url) -> None:
    store = open_store(sqlite_url)
    for i in range(15):  # fifteen earlier retros with the same factor, one of them judged different below
        store.add_retro(Retro.of(Incident(f"e{i:02d}", f"Outage {i:02d}"), [
            Impact("i"), Factor("f", "Pool too small", T)]), new_ids=False)
    new_id = store.add_retro(Retro.of(Incident("new", "Again"), [Impact("i"), Factor("n1", "pool too small", T)]),
                             new_ids=False)
    panel = RelatedRetrosPanel(RetroDocument(store, store.load(new_id)))
    qtbot.addWidget(panel)
    panel.show()
    panel.set_factor("n1")
    qtbot.waitUntil(lambda: panel.list.count() == 12, timeout=5000)
    assert panel.intro.text() == "“pool too small” — 12 earlier retros with a factor that reads alike, and 3 more."
    panel.different_button.click()  # the first listed is not the same: it leaves, one counted comes in
    qtbot.waitUntil(lambda: panel.intro.text().endswith("and 2 more."), timeout=5000)
    assert panel.list.count() == 12 and panel.more == 2
    store.close()
