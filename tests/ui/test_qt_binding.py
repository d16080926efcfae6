"""The Qt binding we install must not leak or over-release references on everyday calls.

PySide6 6.12.0 released a reference to ``None`` on every void call; on Python 3.11 the
interpreter aborted after a few thousand (one drag in a big factor graph). pyproject.toml keeps
us below it; this test runs the calls in a child process so a crash shows up as a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
import sys
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QLabel
app = QApplication([])
label, item = QLabel(), QGraphicsRectItem()
before = sys.getrefcount(None)
for _ in range(50_000):
    label.setText("x")
    item.setPos(1.0, 2.0)
    item.update()
print(sys.getrefcount(None) - before)
"""


def test_void_calls_keep_none_alive() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, f"the interpreter died: {result.stderr[-500:]}"
    assert abs(int(result.stdout.strip().splitlines()[-1])) < 1000
