"""The wording coach live: typed blame is underlined with a tooltip and becomes a stage finding."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from retro.domain import Stage
from retro.domain.readiness import readiness
from tests.ui.models.support import make_document
from ui.stages.accountability import AccountabilityStage
from ui.stages.timeline import TimelineStage
from ui.widgets.wording import tooltip_for, wording_of

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _underlined(edit) -> list[tuple[int, int]]:
    """The dotted-underlined ranges Qt will draw in a multi-line editor."""
    ranges = []
    block = edit.document().begin()
    while block.isValid():
        for r in block.layout().formats():
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine:
                ranges.append((block.position() + r.start, block.position() + r.start + r.length))
        block = block.next()
    return ranges


def test_a_blamed_timeline_event_is_underlined_and_becomes_a_finding(qtbot, sqlite_url):
    stage = TimelineStage(make_document(sqlite_url))
    qtbot.addWidget(stage)
    stage.resize(1400, 900)
    stage.show()
    stage.entry_text.setFocus()
    qtbot.keyClicks(stage.entry_text, "The on-call engineer ignored the disk alert")
    (finding,) = wording_of(stage.entry_text)
    assert finding.phrase == "ignored" and "attention" in tooltip_for(finding)
    assert stage.entry_text.text() == "The on-call engineer ignored the disk alert"  # never changed
    stage.entry_text.clear()
    qtbot.keyClicks(stage.entry_text, "The disk alert fired and the on-call engineer paged storage")
    assert wording_of(stage.entry_text) == []

    qtbot.keyClicks(stage.entry_time, "14:02")
    stage.entry_text.clear()
    stage.entry_text.setFocus()
    qtbot.keyClicks(stage.entry_text, "Sam botched the failover")
    qtbot.keyClick(stage.entry_text, Qt.Key.Key_Return)
    event = next(e for e in stage.document.retro.events.values() if e.text == "Sam botched the failover")
    found = [f for f in readiness(stage.document.retro) if f.code == "blame-wording" and f.target_id == event.id]
    assert found and found[0].stage is Stage.TIMELINE and "botched" in found[0].message


def test_a_statement_underlines_blame_of_others_not_ownership(qtbot, sqlite_url):
    from retro.demo import build_demo_retro

    retro = build_demo_retro()
    retro.statements.clear()
    stage = AccountabilityStage(make_document(sqlite_url, retro))
    qtbot.addWidget(stage)
    stage.resize(1400, 900)
    stage.show()
    card = next(c for c in stage.cards.values() if c.editor.isEnabled())
    card.editor.setFocus()
    qtbot.keyClicks(card.editor, "I decided to ship before the freeze. I should have pushed for a canary.")
    assert wording_of(card.editor) == [] and _underlined(card.editor) == []
    qtbot.keyClicks(card.editor, " The SRE team dropped the ball on the alert.")
    (finding,) = wording_of(card.editor)
    assert finding.phrase == "dropped the ball"
    text = card.editor.toPlainText()
    assert _underlined(card.editor) == [(text.index("dropped"), text.index("dropped") + len("dropped the ball"))]
    qtbot.mouseClick(card.record_button, Qt.MouseButton.LeftButton)
    found = [f for f in readiness(stage.document.retro) if f.code == "blame-wording"
             and f.stage is Stage.ACCOUNTABILITY]
    assert len(found) == 1 and "dropped the ball" in found[0].message


@pytest.mark.parametrize("stage_class", [TimelineStage, AccountabilityStage])
def test_the_projector_shows_no_underline(qtbot, sqlite_url, stage_class):
    from PySide6.QtWidgets import QWidget

    stage = stage_class(make_document(sqlite_url))
    qtbot.addWidget(stage)
    projector = stage.projector_view()
    qtbot.addWidget(projector)
    assert stage.findChildren(QWidget) and any(w.property("wording_coach") for w in stage.findChildren(QWidget))
    assert not [w for w in projector.findChildren(QWidget) if w.property("wording_coach")]
