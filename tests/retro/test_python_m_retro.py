"""``python -m retro`` runs the command line, without Qt."""

from __future__ import annotations

import subprocess
import sys


def test_python_m_retro_runs_the_cli_without_qt() -> None:
    code = "import runpy, sys; sys.argv = ['retro', '--version']\n" \
           "try:\n    runpy.run_module('retro', run_name='__main__')\nexcept SystemExit as e:\n    assert not e.code, e.code\n" \
           "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    bad = subprocess.run([sys.executable, "-m", "retro", "--db", "bogus://x", "list"], capture_output=True,
                         text=True, timeout=60)
    assert bad.returncode == 2 and "unsupported database URL" in bad.stderr, bad.stderr
