"""Durable storage: SQLAlchemy tables, engines, Alembic migrations and full-text search.

Only :mod:`retro.services` uses this package; the ui never does (an import-linter contract).
The names below are imported on first use (PEP 562): the package itself imports nothing heavy,
so :mod:`retro.storage.location` and :mod:`retro.storage.revisions` stay cheap for start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import make_engine
    from .errors import SchemaError, StorageError
    from .location import default_url
    from .schema import SchemaState, SchemaStatus, schema_status, upgrade

_HOMES = {
    "make_engine": ".engine",
    "SchemaError": ".errors",
    "StorageError": ".errors",
    "default_url": ".location",
    "SchemaState": ".schema",
    "SchemaStatus": ".schema",
    "schema_status": ".schema",
    "upgrade": ".schema",
}

__all__ = [
    "SchemaError",
    "SchemaState",
    "SchemaStatus",
    "StorageError",
    "default_url",
    "make_engine",
    "schema_status",
    "upgrade",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home, __name__), name)
