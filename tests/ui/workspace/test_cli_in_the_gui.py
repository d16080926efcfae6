"""The GUI does what the CLI does: File ▸ Open JSON document… and importing events from any stage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from retro.demo import build_demo_retro
from retro.domain import Stage
from retro.io.document import dump
from tests.ui.workspace.harness import open_demo, trigger
from ui.importing import ImportPreviewDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _document(tmp_path: Path, title: str, mutate: object = None) -> Path:
    document = dump(build_demo_retro())
    document["incident"]["title"] = title
    if callable(mutate):
        mutate(document)
    path = tmp_path / f"{abs(hash(title))}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_open_json_document_loads_a_new_retro_and_a_bad_one_says_what_and_where(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    store = window.store
    assert store is not None
    before = len(store.list_retros())
    bad = _document(tmp_path, "Broken", lambda d: d["timeline"][3].__setitem__("at", "yesterday"))
    chosen = [str(bad)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (chosen[0], ""))
    assert window.menus.open_document_action.shortcut().toString() == "Ctrl+Shift+O"
    trigger(window.menus.open_document_action)
    notice = window.findChild(QMessageBox, "Notice")
    assert notice is not None and notice.isVisible()
    assert str(bad) in notice.text()
    assert "$.timeline[3].at" in notice.text() and "Nothing was added" in notice.text()  # what and where
    notice.close()
    assert len(store.list_retros()) == before  # nothing changed

    chosen[0] = str(_document(tmp_path, "Ação — 東京 replica lag"))
    trigger(window.menus.open_document_action)
    assert len(store.list_retros()) == before + 1
    assert window.document is not None
    assert window.document.retro.incident.title == "Ação — 東京 replica lag"
    assert window.pages.currentWidget() is window.workspace


@pytest.mark.parametrize("stage", [Stage.SETUP, Stage.FACTORS, Stage.ACTIONS])
def test_timeline_import_opens_from_any_stage_and_adds_one_undo_step(
        qtbot, window: MainWindow, stage: Stage) -> None:
    assert not window.menus.import_action.isEnabled()  # the library: no retro to import into
    document = open_demo(window)
    window.workspace.go_to(stage)
    assert type(window.workspace.current_view()).__name__ != "TimelineStage"
    before = len(document.retro.events)
    trigger(window.menus.import_action)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportPreviewDialog) and w.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.paste_edit, "2026-10-14 13:40 Status page set to resolved")
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.preview is not None and dialog.add_button.isEnabled(),
                    timeout=10_000)
    assert dialog.add_button.text() == "Add 1 event"
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert len(document.retro.events) == before + 1
    assert document.undo_stack.undoText() == "Import 1 timeline event"
    document.undo_stack.undo()
    assert len(document.retro.events) == before
