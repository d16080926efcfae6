"""The import preview, driven as a facilitator would: pick a file, untick a row, confirm, undo."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from retro.demo import build_demo_retro
from retro.services import RetroStore
from ui.document import RetroDocument
from ui.importing import ImportPreviewDialog
from ui.importing.preview_model import ImportPreviewModel, PreviewColumn
from ui.stages.timeline import TimelineStage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

NOTES = """# INC-2291 notes (all times Europe/Berlin)
## 2026-10-14
- 10:05 Alert: checkout error rate above 5 %
- **10:09** Paged the database on-call
- [10:14] Rolled back the worker-count change
- no time on this line
- 23:50 Late follow-up with the vendor
- 00:10 Vendor confirmed the proxy limit
"""


@pytest.fixture
def document(sqlite_url: str) -> RetroDocument:
    store = RetroStore(sqlite_url)
    incident_id = store.add_retro(build_demo_retro())
    return RetroDocument(store, store.load(incident_id))


def open_dialog_from_timeline(qtbot, document: RetroDocument) -> ImportPreviewDialog:
    stage = TimelineStage(document)
    qtbot.addWidget(stage)
    stage.show()
    assert stage.import_button.isEnabled()
    qtbot.mouseClick(stage.import_button, Qt.MouseButton.LeftButton)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportPreviewDialog) and w.isVisible()]
    assert len(dialogs) == 1
    qtbot.addWidget(dialogs[0])
    return dialogs[0]


def wait_for_preview(qtbot, dialog: ImportPreviewDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_busy() and (dialog.preview is not None or dialog.error_label.isVisible()),
                    timeout=10_000)


def test_pick_file_untick_confirm_undo(qtbot, document: RetroDocument, tmp_path: Path, monkeypatch) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    before = len(document.retro.events)
    stored_before = len(document.store.load(document.incident_id).events)
    dialog = open_dialog_from_timeline(qtbot, document)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(notes), ""))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    wait_for_preview(qtbot, dialog)

    model = dialog.table.model()
    texts = [model.index(r, PreviewColumn.TEXT).data() for r in range(model.rowCount())]
    assert texts[:3] == ["Alert: checkout error rate above 5 %", "Paged the database on-call",
                         "Rolled back the worker-count change"]
    assert model.index(1, PreviewColumn.KIND).data() == "Escalation"
    assert model.index(2, PreviewColumn.KIND).data() == "Mitigation"
    # past midnight: the last line rolls over to the next day
    assert model.index(4, PreviewColumn.TIME).data(Qt.ItemDataRole.EditRole).startswith("2026-10-15 00:10")
    skipped = [dialog.skipped.item(i).text() for i in range(dialog.skipped.count())]
    assert any("line 6" in s and "no time" in s for s in skipped)
    assert "Europe/Berlin" in dialog.summary.text() and "Internal only" in dialog.summary.text()
    assert dialog.add_button.text() == "Add 5 events"

    # untick the second row with the keyboard, as a person would (Space on the check cell)
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(model.index(1, PreviewColumn.ADD))
    QTest.keyClick(dialog.table.viewport(), Qt.Key.Key_Space)
    assert model.index(1, PreviewColumn.ADD).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert dialog.add_button.text() == "Add 4 events"

    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    added = {e.text for e in document.store.load(document.incident_id).events.values()}
    assert "Rolled back the worker-count change" in added
    assert "Paged the database on-call" not in added
    assert len(document.retro.events) == before + 4
    assert document.undo_stack.undoText() == "Import 4 timeline events"

    document.undo_stack.undo()
    assert len(document.store.load(document.incident_id).events) == stored_before
    assert len(document.retro.events) == before
    document.undo_stack.redo()
    assert len(document.store.load(document.incident_id).events) == stored_before + 4


def test_duplicates_are_marked_and_not_added_again(qtbot, document: RetroDocument) -> None:
    dialog = ImportPreviewDialog(document)
    qtbot.addWidget(dialog)
    dialog.show()
    existing = document.retro.timeline()[0]
    when = existing.at.astimezone(ZoneInfo(document.retro.incident.timezone))
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.paste_edit, f"{when:%Y-%m-%d %H:%M} {existing.text}")
    qtbot.keyClick(dialog.paste_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.paste_edit, f"{when:%Y-%m-%d} 23:59 New line")
    wait_for_preview(qtbot, dialog)
    assert dialog.preview is not None and dialog.preview.duplicate_count == 1
    assert dialog.add_button.text() == "Add 1 event"
    assert "already in the timeline" in dialog.summary.text()


def test_a_bad_file_says_where_and_changes_nothing(qtbot, document: RetroDocument, tmp_path: Path) -> None:
    bad = tmp_path / "log.json"
    bad.write_text('{"log_entries": [{"type": "trigger_log_entry", "created_at": "yesterday"', encoding="utf-8")
    version = document.retro.incident.version
    dialog = ImportPreviewDialog(document)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_source_path(bad)
    wait_for_preview(qtbot, dialog)
    assert dialog.error_label.isVisible()
    assert "log.json" in dialog.error_label.text() and "Nothing was imported" in dialog.error_label.text()
    assert not dialog.add_button.isEnabled()
    assert document.store.current_version(document.incident_id) == version


def test_preview_model_passes_the_model_tester(qtmodeltester, document: RetroDocument) -> None:
    from retro.io.importers import preview_text

    model = ImportPreviewModel("Europe/Berlin")
    model.set_preview(preview_text(NOTES, existing=document.retro.events.values()))
    qtmodeltester.check(model)
    assert model.rowCount() == 5
