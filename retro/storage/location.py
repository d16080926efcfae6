"""Where the retrospectives live by default: ``$RETRO_DB``, else a SQLite file in the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "blameless-retro"


def default_url() -> str:
    """``$RETRO_DB`` when set, else the SQLite file in the user's data folder (created if missing)."""
    configured = os.environ.get("RETRO_DB", "").strip()
    if configured:
        return configured
    from platformdirs import user_data_dir

    folder = Path(user_data_dir(APP_NAME))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'retro.sqlite3'}"
