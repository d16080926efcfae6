"""Opening the database the app and the CLI work on.

The URL comes from ``--db``, else the ``RETRO_DB`` environment variable, else a SQLite file in
the user's data folder. A brand-new database opened by the app gets the demo retro, so a first
launch has something real to explore.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .storage.location import sqlite_path

if TYPE_CHECKING:
    from .services import RetroStore


def resolve_url(url: str | None = None) -> str:
    """The database URL to use: the one given, ``RETRO_DB``, or the default SQLite file."""
    if url:
        return _expand_sqlite_path(url)
    env = os.environ.get("RETRO_DB", "").strip()
    if env:
        return _expand_sqlite_path(env)
    from .storage.location import default_url

    return default_url()


#: The databases the app can open, as ``dialect[+driver]`` (the drivers it ships with).
_SUPPORTED = frozenset({"sqlite", "sqlite+pysqlite", "postgres", "postgresql", "postgresql+psycopg"})


def _expand_sqlite_path(url: str) -> str:
    """Accept a plain file path as well as a database URL; refuse a URL the app cannot open.

    Checked here, before any driver is loaded, so ``--db bogus://x`` (or ``mysql://…``) is one
    clear line rather than SQLAlchemy's or the driver's traceback.
    """
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    from .storage.errors import StorageError

    scheme = url.split("://", 1)[0].lower()
    if scheme not in _SUPPORTED:
        raise StorageError(f"unsupported database URL {url!r} (use sqlite:///path or postgresql://…)")
    if scheme.startswith("sqlite") and sqlite_path(url) is None:
        raise StorageError(f"{url!r} is an in-memory database, which keeps nothing: name a file "
                           "(sqlite:///path) or use postgresql://…")
    return url


def open_store(url: str | None = None, *, seed_demo: bool = False) -> RetroStore:
    """Open (and for SQLite, create or upgrade) the database; add the demo retro when it is new."""
    resolved = resolve_url(url)
    path = sqlite_path(resolved)
    is_new = path is not None and (not path.exists() or path.stat().st_size == 0)
    if path is not None:
        from .storage.location import create_private_file

        try:
            create_private_file(path)  # 0600 in a 0700 folder: the library holds private notes
        except OSError as exc:
            from .storage.errors import StorageError
            from .storage.file_trouble import explain

            raise StorageError(explain(path, exc) or f"Cannot create the library {path}: {exc.strerror}.") from exc
    from .services import RetroStore

    store = RetroStore(resolved)
    if seed_demo and is_new:
        from .demo import build_demo_retro

        store.add_retro(build_demo_retro())
    return store
