"""Alembic migrations, shipped inside the package and driven by :mod:`retro.storage.schema`."""
