"""Errors about where the retrospectives are stored. Each names the database and what to do."""

from __future__ import annotations

from ..domain import RetroError


class StorageError(RetroError):
    """The database cannot be used: unreadable, not a database, locked, or not reachable."""


class SchemaError(StorageError):
    """The database's schema does not match this app.

    Either it was written by a newer version of the app (refused and left untouched), or it is a
    shared PostgreSQL database that is behind and must be upgraded on purpose with
    ``retro db upgrade --db URL``.
    """
