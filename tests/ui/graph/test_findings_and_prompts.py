"""Findings with plain-language reasons, category prompts and the five-whys helper."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from retro.analysis import CATEGORY_PROMPTS
from retro.domain import Edit, FactorCategory, FactorLink, new_id
from ui.document import RetroDocument
from ui.graph.editing import GraphEditor
from ui.graph.findings_panel import TARGET_ROLE, FindingsPanel
from ui.graph.prompts_panel import PromptsPanel

from .conftest import Canvas

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _chain(document: RetroDocument) -> tuple[str, str]:
    """Make A → B → impact a single chain; returns (A, B) ids."""
    retro = document.retro
    a = next(f for f in retro.factors.values() if f.title.startswith("Pool"))
    b = next(f for f in retro.factors.values() if f.title.startswith("Config"))
    impact = next(iter(retro.impacts))
    existing = next(iter(retro.links.values()))
    document.edit("chain", Edit.of(
        upsert=[FactorLink(new_id(), a.id, b.id), FactorLink(new_id(), b.id, impact)], remove=[existing]))
    return a.id, b.id


def test_findings_list_reasons_and_select_their_factor(qtbot: QtBot, canvas: Canvas) -> None:
    _chain(canvas.document)
    panel = FindingsPanel(canvas.document)
    qtbot.addWidget(panel)
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert any("single chain" in t and "what else made this possible" in t for t in texts)
    assert any(t.startswith("Must fix") and "no path to the impact" in t for t in texts)  # the third factor
    assert all("root cause" not in t.replace("“one root cause”", "") for t in texts)
    chosen: list[str] = []
    panel.finding_activated.connect(chosen.append)
    item = next(panel.list.item(i) for i in range(panel.list.count()) if "single chain" in panel.list.item(i).text())
    panel.list.itemClicked.emit(item)
    assert chosen == [item.data(TARGET_ROLE)] and chosen[0] in canvas.document.retro.factors


def test_finding_markers_reach_the_cards(qtbot: QtBot, canvas: Canvas) -> None:
    panel = FindingsPanel(canvas.document)
    qtbot.addWidget(panel)
    panel.findings_updated.connect(canvas.scene.set_findings)
    c = next(f for f in canvas.document.retro.factors.values() if f.title.startswith("Nobody"))
    canvas.scene.editor.rename(c.id, "Nobody owns the budget at all")
    qtbot.waitUntil(lambda: "no path to the impact" in canvas.scene.cards[c.id].finding_text)
    assert "no path to the impact" in canvas.scene.cards[c.id].toolTip()


def test_category_prompts_put_missing_categories_first(qtbot: QtBot, canvas: Canvas) -> None:
    panel = PromptsPanel(canvas.document, GraphEditor(canvas.document))
    qtbot.addWidget(panel)
    rows = [panel.categories_layout.itemAt(i).widget() for i in range(panel.categories_layout.count())]
    texts = [row.findChildren(QLabel)[1].text() for row in rows]
    missing = [c for c in FactorCategory if c not in {f.category for f in canvas.document.retro.factors.values()}]
    assert missing == [FactorCategory.HUMAN_FACTORS, FactorCategory.EXTERNAL]
    for text, category in zip(texts[:2], missing, strict=True):
        assert CATEGORY_PROMPTS[category] in text and "Not on the graph yet" in text
    assert "Not on the graph yet" not in texts[2]
    asked: list[object] = []
    panel.add_factor_requested.connect(asked.append)
    QTest.mouseClick(rows[0].findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert asked == [FactorCategory.HUMAN_FACTORS]


def test_five_whys_grows_deeper_and_invites_siblings(qtbot: QtBot, canvas: Canvas) -> None:
    document = canvas.document
    a_id, b_id = _chain(document)
    panel = PromptsPanel(document, GraphEditor(document))
    qtbot.addWidget(panel)
    panel.set_node(a_id)
    deeper, *wider = panel.whys
    assert "What made “Pool size follows worker count” possible?" in deeper.question.text()
    assert len(wider) == 1 and "What else, besides “Pool size follows worker count”" in wider[0].question.text()
    assert "led to “Config skips the canary”" in wider[0].question.text()

    QTest.keyClicks(deeper.answer, "Workers and pool share one setting")
    deeper.category.setCurrentIndex(deeper.category.findData(FactorCategory.TECHNOLOGY))
    QTest.mouseClick(deeper.add, Qt.MouseButton.LeftButton)
    retro = document.retro
    new = next(f for f in retro.factors.values() if f.title == "Workers and pool share one setting")
    assert any(lk.cause_id == new.id and lk.effect_id == a_id for lk in retro.links.values())
    assert document.undo_stack.text(document.undo_stack.count() - 1) == "Add contributing factor"

    qtbot.waitUntil(lambda: len(panel.whys) == 2)
    sibling = panel.whys[1]
    QTest.keyClicks(sibling.answer, "Traffic forecast missed the newsletter")
    sibling.category.setCurrentIndex(sibling.category.findData(FactorCategory.EXTERNAL))
    QTest.keyClick(sibling.answer, Qt.Key.Key_Return)
    new2 = next(f for f in document.retro.factors.values() if f.title == "Traffic forecast missed the newsletter")
    assert new2.category is FactorCategory.EXTERNAL
    assert any(lk.cause_id == new2.id and lk.effect_id == b_id for lk in document.retro.links.values())
    count = document.undo_stack.count()
    document.undo_stack.undo()  # factor and arrow go together
    assert new2.id not in document.retro.factors
    assert all(new2.id not in (lk.cause_id, lk.effect_id) for lk in document.retro.links.values())
    assert document.undo_stack.index() == count - 1
