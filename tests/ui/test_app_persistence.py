# ruff: noqa: F811  (pytest fixtures imported from the shared harness)
"""No Save button: edits are on disk when shown, and closing the window (even mid-typing) loses nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from retro.startup import open_store
from tests.ui.workspace.harness import demo_store, open_demo, window  # noqa: F401
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.stages.setup import SetupStage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_edits_survive_closing_and_reopening_without_save(qtbot, sqlite_url: str, window: MainWindow) -> None:
    document = open_demo(window)
    incident_id = document.incident_id
    setup = window.workspace.current_view()
    assert isinstance(setup, SetupStage)
    title = setup.text_fields["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Checkout outage, 14 October")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    lessons = setup.text_fields["lessons_learned"]
    lessons.setFocus()
    lessons.selectAll()
    qtbot.keyClicks(lessons, "Still typing when the window closes")
    assert not any(a.text().replace("&", "") == "Save" for a in window.menuBar().actions())
    window.close()  # never asks; commits the field being typed in
    window.store.close()

    reopened = open_store(sqlite_url)
    try:
        incident = reopened.load(incident_id).incident
        assert incident.title == "Checkout outage, 14 October"
        assert incident.lessons_learned == "Still typing when the window closes"
        again = MainWindow(reopened, UiSettings())
        qtbot.addWidget(again)
        again.show()
        assert again.library.model.summary(0).title == "Checkout outage, 14 October"
        again.close()
    finally:
        reopened.close()


def test_window_geometry_and_splitter_are_remembered(qtbot, demo_store) -> None:
    first = MainWindow(demo_store, UiSettings())
    qtbot.addWidget(first)
    first.resize(701, 533)
    first.show()
    first.workspace.splitter.setSizes([277, 400])
    first.close()
    second = MainWindow(demo_store, UiSettings())
    qtbot.addWidget(second)
    assert second.size().width() == 701
    assert second.size().height() == 533
    assert second.workspace.splitter.sizes()[0] == 277
