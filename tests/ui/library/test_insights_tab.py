"""The library's Insights tab: figures read off the GUI thread, charts and what they rest on."""

from __future__ import annotations

from pathlib import Path

import pytest

from retro.services import RetroStore
from tests.retro.analysis.insights_library import known_library
from ui.library.insights import InsightsView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def view(qtbot, sqlite_url) -> InsightsView:
    store = RetroStore(sqlite_url)
    for retro in known_library():
        store.add_retro(retro, new_ids=False)
    view = InsightsView()
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.set_store(store)
    view.show()
    qtbot.waitUntil(lambda: view.insights is not None, timeout=5000)
    yield view
    store.close()


def test_cards_show_figures_and_their_basis(qtbot, view: InsightsView, tmp_path: Path) -> None:
    detect = view.cards["Time to detect"]
    assert detect.basis.text().startswith("Rests on 3 incidents; 3 left out")
    assert [b.label for b in detect.chart.bars] == ["2026 Q1", "2026 Q2"]
    actions = view.cards["Action items"]
    assert {b.label: b.text for b in actions.chart.bars}["Won't do"] == "2"
    assert "Replaced by platform work" in actions.basis.text()
    assert view.status.text().startswith("6 incidents")
    view.service.setText("payments")
    view.service.editingFinished.emit()
    qtbot.waitUntil(lambda: view.insights is not None and view.insights.incidents == 2, timeout=5000)
    assert view.status.text().startswith("2 incidents (service “payments”)")
    view.grab().save(str(tmp_path / "insights.png"))
    job = view.export_pdf(tmp_path / "review.pdf")
    assert job is not None
    qtbot.waitUntil(lambda: (tmp_path / "review.pdf").exists(), timeout=10000)
    qtbot.waitUntil(lambda: "Learning review written" in view.status.text(), timeout=5000)


def test_the_library_page_has_an_insights_tab(window) -> None:
    tabs = window.library.tabs
    assert [tabs.tabText(i).replace("&", "") for i in range(tabs.count())][-1] == "Insights"


def test_a_refused_read_says_why_and_reads_again_when_shown(qtbot, view: InsightsView, monkeypatch) -> None:
    from retro.domain import RetroError

    store = view._store
    real = store.insights

    def refuse(**_kw):
        raise RetroError("the library file is locked by another program")

    monkeypatch.setattr(store, "insights", refuse)
    with qtbot.waitSignal(view.message, timeout=5000) as said:
        view.mark_stale()
    assert said.args == ["the library file is locked by another program"]
    assert view.status.text() == "the library file is locked by another program"
    monkeypatch.setattr(store, "insights", real)
    view.hide()
    view.show()  # stale after the refusal: showing the tab reads again
    qtbot.waitUntil(lambda: view.status.text().startswith("6 incidents"), timeout=5000)
