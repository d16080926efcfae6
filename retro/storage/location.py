"""Where the retrospectives live by default: ``$RETRO_DB``, else a SQLite file in the user data dir.

In team mode the facilitator's private notes stay on this machine, in their own file
(:func:`local_notes_path`), never in the shared database.
"""

from __future__ import annotations

import contextlib
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
    private_folder(folder)
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


#: The library, its backups and the private notes hold the facilitator's private notes: only the
#: person who runs the app may read them. (Exports are the person's to share: they keep the umask.)
PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


def private_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) when missing; a folder created here is owner-only (0700).

    An existing folder the person chose is left as it is, except the app's own data folder.
    """
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
        _chmod(folder, PRIVATE_FOLDER_MODE)  # mkdir's mode is subject to the umask
    elif _is_app_folder(folder):
        _chmod(folder, PRIVATE_FOLDER_MODE)


def create_private_file(path: Path) -> bool:
    """Create an empty owner-only (0600) file at ``path`` in a private folder; False if it exists."""
    private_folder(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except FileExistsError:
        return False
    _chmod(path, PRIVATE_FILE_MODE)
    return True


def _is_app_folder(folder: Path) -> bool:
    from platformdirs import user_data_dir  # a dependency; imported on use, as above

    return folder.absolute() == Path(user_data_dir(APP_NAME)).absolute()


def _chmod(path: Path, mode: int) -> None:
    if os.name == "posix":
        # Not ours to change (another owner, a read-only mount): the open then says what is wrong.
        with contextlib.suppress(OSError):
            os.chmod(path, mode)
