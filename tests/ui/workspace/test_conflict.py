"""Team databases: a stale edit is refused, the dialog offers reload, and nothing typed is lost."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from retro.startup import open_store
from tests.ui.workspace.harness import open_demo
from ui.main_window import MainWindow
from ui.stages.setup import SetupStage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def someone_else_renames(url: str, incident_id: str, title: str) -> None:
    """A second app (its own RetroStore on the same file) changes the retro."""
    other = open_store(url)
    try:
        incident = other.load(incident_id).incident
        other.update_incident(replace(incident, title=title), incident.version)
    finally:
        other.close()


def type_summary(qtbot, setup: SetupStage, text: str) -> None:
    area = setup.text_fields["summary"]
    area.setFocus()
    area.selectAll()
    qtbot.keyClicks(area, text)
    area.clearFocus()


@pytest.mark.parametrize("reapply", [True, False])
def test_conflict_dialog_reloads_and_reapplies_or_discards(qtbot, sqlite_url: str, window: MainWindow,
                                                           reapply: bool) -> None:
    document = open_demo(window)
    setup = window.workspace.current_view()
    assert isinstance(setup, SetupStage)
    someone_else_renames(sqlite_url, document.incident_id, "Renamed by Priya")

    type_summary(qtbot, setup, "My careful summary of what happened.")
    qtbot.waitUntil(lambda: window.conflict_dialog is not None and window.conflict_dialog.isVisible())
    dialog = window.conflict_dialog
    assert "changed by someone else" in dialog.informativeText()
    button = window.reapply_button if reapply else window.discard_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    stored = window.store.load(document.incident_id).incident
    assert stored.title == "Renamed by Priya"  # their change is kept either way
    assert window.document.retro.incident.title == "Renamed by Priya"
    assert window.workspace.incident_title.text() == "Renamed by Priya"
    if reapply:
        assert stored.summary == "My careful summary of what happened."
        assert setup.text_fields["summary"].toPlainText() == "My careful summary of what happened."
        assert window.undo_action.text().replace("&", "") == "Undo Re-apply my change"
    else:
        assert stored.summary.startswith("On 14 October 2026")
        assert setup.text_fields["summary"].toPlainText().startswith("On 14 October 2026")
    assert window.conflict_dialog is None
