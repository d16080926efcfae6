"""Add imports only what is on screen: never an earlier file, an earlier text or earlier options.

Reads that must still be running when the test acts are held on a gate (an Event) rather than
made big, so nothing depends on how fast the machine is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from retro.demo import build_demo_retro
from retro.io.importers import ImportCancelled, preview_import
from retro.services import RetroStore
from ui.document import RetroDocument
from ui.importing import ImportPreviewDialog
from ui.importing import dialog as dialog_module

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

#: Upper bound for a held read, so a failing test never leaves a pool thread waiting for ever.
HOLD = 60


@pytest.fixture
def document(sqlite_url: str) -> Iterator[RetroDocument]:
    store = RetroStore(sqlite_url)
    incident_id = store.add_retro(build_demo_retro())
    yield RetroDocument(store, store.load(incident_id))
    store.close()


@pytest.fixture
def dialog(qtbot, document: RetroDocument) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(document)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


@pytest.fixture
def notes(tmp_path: Path) -> Callable[[str, str], Path]:
    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(f"## 2026-10-14\n- 10:05 {text}\n", encoding="utf-8")
        return path

    return write


class Gates:
    """Holds the reading of chosen files until released; other files are read as usual."""

    def __init__(self) -> None:
        self.held: dict[str, threading.Event] = {}
        self.started: dict[str, threading.Event] = {}

    def hold(self, path: Path) -> threading.Event:
        self.held[path.name] = threading.Event()
        self.started[path.name] = threading.Event()
        return self.held[path.name]

    def read(self, path: Path, options: Any, existing: Any, *, progress: Any = None,
             is_cancelled: Any = None) -> Any:
        gate = self.held.get(path.name)
        if gate is not None:
            self.started[path.name].set()
            for _ in range(HOLD * 100):  # until released or told to stop, as a real read would
                if gate.wait(0.01):
                    break
                if is_cancelled is not None and is_cancelled():
                    raise ImportCancelled(f"{path.name}: reading stopped")
            else:
                raise ImportCancelled("held too long")
        return preview_import(path, options, existing, progress=progress, is_cancelled=is_cancelled)

    def release_all(self) -> None:
        for gate in self.held.values():
            gate.set()


@pytest.fixture
def gates(monkeypatch) -> Iterator[Gates]:
    gates = Gates()
    monkeypatch.setattr(dialog_module, "preview_import", gates.read)
    yield gates
    gates.release_all()
    QThreadPool.globalInstance().waitForDone(HOLD * 1000)


def settle(qtbot, dialog: ImportPreviewDialog) -> None:
    """Wait until the dialog has nothing left to read."""
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)


def wait_for_preview(qtbot, dialog: ImportPreviewDialog) -> None:
    """Wait until a preview is shown and nothing is left to read."""
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.is_busy(), timeout=10_000)


def events_with(document: RetroDocument, word: str) -> list:
    return [e for e in document.retro.events.values() if word in e.text]


def test_a_new_file_clears_the_old_preview_and_stop_leaves_nothing_to_add(
        qtbot, dialog: ImportPreviewDialog, gates: Gates, notes) -> None:
    a, b = notes("a.md", "from file A"), notes("b.md", "from file B")
    dialog.set_source_path(a)
    wait_for_preview(qtbot, dialog)
    assert dialog.add_button.text() == "Add 1 event" and dialog.add_button.isEnabled()

    gates.hold(b)
    dialog.set_source_path(b)
    assert dialog.path_edit.text().endswith("b.md")
    assert dialog.preview is None and dialog.model.rowCount() == 0
    assert not dialog.add_button.isEnabled() and dialog.add_button.text() == "Add 0 events"
    assert dialog.cancel_button.isVisible()

    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    settle(qtbot, dialog)
    assert dialog.preview is None and dialog.model.rowCount() == 0
    assert not dialog.add_button.isEnabled()
    assert dialog.summary.text() == "Reading stopped; nothing to add."
    assert not dialog.cancel_button.isVisible()


def test_a_read_that_ends_as_stop_is_pressed_shows_nothing(
        qtbot, dialog: ImportPreviewDialog, document: RetroDocument, notes) -> None:
    dialog.set_source_path(notes("a.md", "from file A"))
    # The read ends on the pool and its result is on its way, not yet shown: the person presses Stop.
    assert QThreadPool.globalInstance().waitForDone(HOLD * 1000)
    assert dialog.is_busy() and dialog.cancel_button.isVisible() and not dialog.add_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    settle(qtbot, dialog)
    assert dialog.preview is None and not dialog.add_button.isEnabled()
    assert dialog.summary.text() == "Reading stopped; nothing to add."


def test_an_earlier_read_arriving_late_is_ignored(
        qtbot, dialog: ImportPreviewDialog, gates: Gates, notes) -> None:
    a, b = notes("a.md", "from file A"), notes("b.md", "from file B")
    dialog.set_source_path(a)
    # A's read is done on the pool; its result has not reached the dialog when B is chosen.
    assert QThreadPool.globalInstance().waitForDone(HOLD * 1000)
    release_b = gates.hold(b)
    dialog.set_source_path(b)
    assert dialog.is_busy()
    assert gates.started["b.md"].wait(HOLD)
    QApplication.processEvents()  # A's result and its end arrive now
    assert dialog.preview is None and not dialog.add_button.isEnabled()
    assert dialog.is_busy() and dialog.cancel_button.isVisible()

    release_b.set()
    settle(qtbot, dialog)
    assert dialog.preview is not None and dialog.preview.source_name == "b.md"
    assert dialog.add_button.text() == "Add 1 event" and dialog.add_button.isEnabled()


def test_add_is_off_while_an_edit_to_the_notes_waits_to_be_read(
        qtbot, dialog: ImportPreviewDialog, document: RetroDocument) -> None:
    dialog.tabs.setCurrentIndex(1)
    dialog.paste_edit.setPlainText("## 2026-10-14\n- 10:05 Alert yyy\n")
    wait_for_preview(qtbot, dialog)
    assert dialog.add_button.text() == "Add 1 event" and dialog.add_button.isEnabled()

    dialog.paste_edit.appendPlainText("- 10:09 Second line yyy")
    assert not dialog.add_button.isEnabled()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not events_with(document, "yyy")

    settle(qtbot, dialog)
    assert dialog.add_button.text() == "Add 2 events" and dialog.add_button.isEnabled()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert len(events_with(document, "yyy")) == 2


def test_confirming_right_after_a_timezone_change_reads_again_first(
        qtbot, dialog: ImportPreviewDialog, document: RetroDocument) -> None:
    dialog.tabs.setCurrentIndex(1)
    dialog.tz_combo.setCurrentText("UTC")
    dialog.paste_edit.setPlainText("## 2026-10-14\n- 10:05 Alert zzz\n")
    wait_for_preview(qtbot, dialog)
    assert dialog.preview is not None and dialog.preview.timezone == "UTC"

    dialog.tz_combo.setCurrentText("America/New_York")
    assert not dialog.add_button.isEnabled()
    dialog.confirm()  # what Enter or an eager click would ask for
    assert dialog.isVisible() and not events_with(document, "zzz")
    assert dialog.preview is None  # the UTC preview is gone; the new zone is being read

    settle(qtbot, dialog)
    assert dialog.preview is not None and dialog.preview.timezone == "America/New_York"
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    (event,) = events_with(document, "zzz")
    assert event.at.astimezone(UTC).hour == 14  # 10:05 in New York (EDT) is 14:05 UTC


def test_tab_leaves_the_paste_box_instead_of_typing_a_tab(qtbot, dialog: ImportPreviewDialog) -> None:
    dialog.tabs.setCurrentIndex(1)
    box: QPlainTextEdit = dialog.paste_edit
    box.setFocus()
    assert box.hasFocus()
    QTest.keyClicks(box, "10:05 Alert")
    QTest.keyClick(box, Qt.Key.Key_Tab)
    assert box.toPlainText() == "10:05 Alert"
    assert not box.hasFocus() and QApplication.focusWidget() is not None
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert box.hasFocus()
