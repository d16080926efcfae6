"""``python -m retro COMMAND``: the command line without the app (``retro`` with no command opens
the app, from :mod:`ui.launch`; this never imports Qt)."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
