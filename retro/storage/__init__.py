"""Durable storage: SQLAlchemy tables, engines, Alembic migrations and full-text search.

Only :mod:`retro.services` uses this package; the ui never does (an import-linter contract).
"""

from .engine import make_engine
from .errors import SchemaError, StorageError
from .location import default_url
from .schema import SchemaState, SchemaStatus, schema_status, upgrade

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
