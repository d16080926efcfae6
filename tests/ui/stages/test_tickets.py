"""Create ticket from the Actions stage: choose the tracker once, open the page, keep the link."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import QItemSelectionModel

from tests.ui.models.support import make_document
from ui.models.actions_model import ActionColumn
from ui.stages.actions import ActionsStage
from ui.stages.tickets import TicketFlow, TicketLinkDialog, TrackerDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def stage(qtbot, sqlite_url, monkeypatch) -> ActionsStage:
    opened: list[str] = []
    monkeypatch.setattr(TicketFlow, "open_url", staticmethod(opened.append))
    stage = ActionsStage(make_document(sqlite_url))
    stage.opened = opened  # type: ignore[attr-defined]
    qtbot.addWidget(stage)
    stage.resize(1400, 800)
    stage.show()
    index = stage.sorted.index(0, ActionColumn.TITLE)
    stage.table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    return stage


def test_first_ticket_asks_for_the_tracker_then_opens_and_keeps_the_link(qtbot, stage) -> None:
    action = stage.current_action()
    assert action is not None
    stage.create_ticket_button.click()
    dialog = stage.tickets.dialog
    assert isinstance(dialog, TrackerDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("github"))
    dialog.address.setText("https://github.com/acme")  # no repository: refused, said inline
    dialog.save_button.click()
    assert dialog.problem.isVisible() and "owner and repository" in dialog.problem.text()
    assert stage.document.store.tracker_setting() is None
    dialog.address.setText("https://github.com/acme/payments")
    dialog.labels.setText("sre, follow-up")
    dialog.save_button.click()
    assert stage.document.store.tracker_setting().url == "https://github.com/acme/payments"
    assert len(stage.opened) == 1
    q = parse_qs(urlsplit(stage.opened[0]).query)
    assert q["title"] == [action.title] and q["labels"][0].startswith("sre,follow-up,retro-action")
    assert f"retro://retro/{stage.document.incident_id}?action={action.id}" in q["body"][0]
    link = stage.tickets.dialog
    assert isinstance(link, TicketLinkDialog)
    link.url.setText("not a link")
    link._check()
    assert link.problem.isVisible() and link.isVisible()
    link.url.setText("https://github.com/acme/payments/issues/42")
    link._check()
    assert stage.document.retro.actions[action.id].ticket_url == "https://github.com/acme/payments/issues/42"
    assert stage.document.undo_stack.undoText() == "Store ticket link"
    stage.document.undo_stack.undo()
    assert stage.document.retro.actions[action.id].ticket_url == action.ticket_url
