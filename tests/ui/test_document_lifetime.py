"""A closed document freed by the cycle collector takes its undo history with it, without a crash."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Before the fix this crashed the process (exit 139, in QUndoStack::clear) at the first collection:
# the collector freed an edit's command wrapper before the stack that deletes it.
SCRIPT = textwrap.dedent("""
    import gc, os, sys, weakref
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from datetime import date
    from retro.domain import ActionItem, Edit, new_id
    from tests.ui.models.support import make_document

    def edit_and_forget(n):
        document = make_document(f"sqlite:///{sys.argv[1]}/retro{n}.db")
        added = ActionItem(new_id(), "Write the alert", owner="Lena", due=date(2026, 10, 18))
        assert document.edit("Add action", Edit.of(upsert=[added]))
        assert document.edit("Rename", Edit.of(upsert=[ActionItem(added.id, "Write it", owner="Lena")]))
        document.undo_stack.undo()
        assert document.undo_stack.count() == 2
        return weakref.ref(document)

    for n in range(4):
        gone = edit_and_forget(n)
        gc.collect()
        assert gone() is None, "the document outlived its last holder"
    print("freed")
""")


def test_a_forgotten_document_with_undo_history_is_collected_without_a_crash(tmp_path):
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "freed"
