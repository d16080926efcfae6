"""The public preview in Review & export shows what customers read, marks every change, and follows edits."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument

from retro.domain import Audience, Edit, Incident, Participant, Retro, Role, Stage, TimelineEvent
from retro.report.audience import public_retro
from tests.ui.models.support import make_document
from ui.models.findings_model import MENTION_ROLE
from ui.stages.public_preview import PublicPreview
from ui.stages.review import ReviewStage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def names_retro() -> Retro:
    incident = Incident("inc-prev", "Checkout outage", summary="Will Page rolled back. Customers saw errors.")
    return Retro.of(incident, [
        Participant("p-1", "Will Page", frozenset({Role.RESPONDER})),
        Participant("p-2", "Joanna Kowalczyk", frozenset({Role.INCIDENT_COMMANDER})),
        TimelineEvent("e-pub", T0, "Kowalczyk declared the incident", audience=Audience.PUBLIC),
        TimelineEvent("e-jar", T0.replace(minute=30), "Tracked as INC-2291", audience=Audience.PUBLIC),
        TimelineEvent("e-int", T0.replace(hour=10), "Pool at 400 of 400 on db-primary-03", audience=Audience.INTERNAL),
    ])


def _shown_preview(qtbot, sqlite_url) -> tuple[ReviewStage, PublicPreview]:
    stage = ReviewStage(make_document(sqlite_url, names_retro()))
    qtbot.addWidget(stage)
    stage.resize(1400, 900)
    stage.show()
    qtbot.waitUntil(lambda: not stage.findings.is_checking())  # a retro just opened: checked after its paint
    qtbot.mouseClick(stage.preview_button, Qt.MouseButton.LeftButton)
    assert stage.tabs.currentWidget() is stage.public_preview
    return stage, stage.public_preview


def _click_text(qtbot, preview: PublicPreview, text: str) -> None:
    """Click the link whose text is ``text``, as a person would."""
    cursor = preview.browser.document().find(text, 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not cursor.isNull(), f"{text!r} is not in the preview"
    preview.browser.setTextCursor(cursor)
    preview.browser.ensureCursorVisible()
    rect = preview.browser.cursorRect(cursor)
    qtbot.mouseClick(preview.browser.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() - 4, rect.center().y()))


def test_the_preview_shows_the_public_text_beside_the_internal_one(qtbot, sqlite_url):
    _stage, preview = _shown_preview(qtbot, sqlite_url)
    shown = preview.browser.toPlainText()
    public = public_retro(names_retro())
    # the very text the public report prints, and the internal text beside it
    assert public.events["e-pub"].text == "The incident commander declared the incident"
    assert "The incident commander declared the incident" in shown
    assert "Kowalczyk declared the incident" in shown
    assert public.incident.summary in shown  # "An engineer rolled back. …"
    assert "Left out: an internal-only event" in shown and "Pool at 400 of 400" in shown
    assert "Left out: never in the public report" in shown  # the participants
    html = preview.browser.toHtml()
    assert "line-through" in html  # the replaced words are struck in the internal column
    assert "#d9e8fb" in html.lower() and "INC-2291" in shown  # jargon marked where customers read it
    assert "1 row left out" not in preview.status.text() and "mention" in preview.status.text()


def test_fine_to_publish_from_the_preview_is_one_undo_step(qtbot, sqlite_url):
    stage, preview = _shown_preview(qtbot, sqlite_url)
    document = stage.document
    _click_text(qtbot, preview, "fine to publish: “Will Page”")
    assert document.retro.incident.public_mentions == ("incident:summary|will page",)
    qtbot.waitUntil(lambda: "Will Page rolled back" in public_retro(document.retro).incident.summary)
    qtbot.waitUntil(lambda: "take back" in preview.browser.toPlainText())
    _click_text(qtbot, preview, "take back “fine to publish”")
    assert document.retro.incident.public_mentions == ()
    document.undo_stack.undo()
    assert document.retro.incident.public_mentions == ("incident:summary|will page",)
    document.undo_stack.undo()
    assert document.retro.incident.public_mentions == ()


def test_the_preview_follows_an_edit_made_elsewhere(qtbot, sqlite_url):
    stage, preview = _shown_preview(qtbot, sqlite_url)
    event = next(e for e in stage.document.retro.events.values() if e.text.startswith("Pool at"))
    stage.document.edit("Make public", Edit.of(upsert=[replace(event, audience=Audience.PUBLIC)]))
    qtbot.waitUntil(lambda: "Left out: an internal-only event" not in preview.browser.toPlainText())
    assert "Pool at 400 of 400 on db-primary-03" in preview.browser.toPlainText()


def test_a_label_goes_to_where_the_text_is_edited(qtbot, sqlite_url):
    stage, preview = _shown_preview(qtbot, sqlite_url)
    with qtbot.waitSignal(stage.navigate_requested) as navigate:
        _click_text(qtbot, preview, "2026-03-02 09:00 UTC")
    event = next(e for e in stage.document.retro.events.values() if e.text.startswith("Kowalczyk"))
    assert navigate.args == [Stage.TIMELINE, event.id]


def test_a_mention_finding_can_be_marked_fine_to_publish_from_the_findings(qtbot, sqlite_url):
    stage, _preview = _shown_preview(qtbot, sqlite_url)
    model = stage.findings
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(MENTION_ROLE) == "incident:summary|will page")
    assert not stage.fine_button.isEnabled() or stage.findings_view.currentIndex().row() != row
    stage.findings_view.setFocus()
    stage.findings_view.setCurrentIndex(model.index(row, 0))
    assert stage.fine_button.isEnabled()
    qtbot.mouseClick(stage.fine_button, Qt.MouseButton.LeftButton)
    assert stage.document.retro.incident.public_mentions == ("incident:summary|will page",)
    keys = [model.index(r, 0).data(MENTION_ROLE) for r in range(model.rowCount())]
    assert "incident:summary|will page" not in keys
    stage.document.undo_stack.undo()
    assert stage.document.retro.incident.public_mentions == ()


def test_only_changed_rows_and_long_sections_shown_in_part(qtbot, sqlite_url, monkeypatch):
    from ui.stages import public_preview as module

    _stage, preview = _shown_preview(qtbot, sqlite_url)
    assert "Checkout outage" in preview.browser.toPlainText()  # the title, the same in both
    qtbot.mouseClick(preview.changes_only, Qt.MouseButton.LeftButton)
    shown = preview.browser.toPlainText()
    assert "Checkout outage" not in shown and "The incident commander declared the incident" in shown
    qtbot.mouseClick(preview.changes_only, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(module, "ROWS_PER_SECTION", 1)  # three timeline rows: one shown, two behind a link
    preview.refresh()
    assert "Pool at 400 of 400" not in preview.browser.toPlainText()
    _click_text(qtbot, preview, "Show all rows of Timeline (2 more)")
    assert "Pool at 400 of 400" in preview.browser.toPlainText()
