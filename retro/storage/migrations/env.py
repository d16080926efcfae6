"""Alembic environment: run on the connection :mod:`retro.storage.schema` hands over.

No ``alembic.ini`` is needed at runtime: the schema module builds the configuration in code and
passes an open connection in ``config.attributes["connection"]``. For developers, ``-x url=...``
on the alembic command line works too.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from retro.storage.engine import make_engine
from retro.storage.models import Base

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database given: pass -x url=sqlite:///path/to/retro.sqlite3")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported; run against a database")
run_migrations_online()
