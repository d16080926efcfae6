"""Where the retrospectives live by default: ``$RETRO_DB``, else a SQLite file in the user data dir.

In team mode the facilitator's private notes stay on this machine, in their own file
(:func:`local_notes_path`), never in the shared database.
"""

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


def local_notes_path() -> Path:
    """``$RETRO_LOCAL_NOTES`` when set, else ``private-notes.sqlite3`` in the user's data folder.

    Nothing is created here: the file is made on the first private note written in team mode.
    """
    configured = os.environ.get("RETRO_LOCAL_NOTES", "").strip()
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME)) / "private-notes.sqlite3"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite.

    Plain string work, so start-up code can ask without importing SQLAlchemy.
    """
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    rest = rest.split("?", 1)[0]
    return Path(rest) if rest and rest != ":memory:" else None
