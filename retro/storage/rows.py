"""Reading and writing a retro's rows with Core statements (fast; no ORM identity map).

The services decide *what* to read and write; this module knows *how*: which table, which key
columns, and the ordered ``action_factors`` join rows behind ``ActionItem.factor_ids``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, delete, insert, or_, select, update

from ..cycle_collection import cycle_collection_paused
from ..domain import ActionItem, Entity, EntityRef, Incident, Retro
from . import models as m
from .engine import driver_errors
from .mapping import TABLES, EntityTable, action_from_row, entity_values, incident_from_row, incident_values

_CHUNK = 400

# Built once: reading a kind's rows (all, or by id) is on the path of every edit and load.
_ALL = {
    kind: select(*(t.table.c[c] for c in t.columns) if t.columns else (t.table,))
    .where(t.table.c.incident_id == bindparam("incident_id"))
    for kind, t in TABLES.items()
}
# The same whole-retro reads as the SQLite driver's own statement (see load_kind).
_SQLITE_ALL = {
    kind: f"SELECT {', '.join(t.columns)} FROM {t.table.name} WHERE incident_id = ?"
    for kind, t in TABLES.items()
    if t.from_sqlite is not None
}
_BY_ID = {
    kind: select(t.table).where(
        t.table.c.incident_id == bindparam("incident_id"), t.table.c.id.in_(bindparam("keys", expanding=True))
    )
    for kind, t in TABLES.items()
    if t.key_columns == ("id",)
}


def load_incident(conn: Connection, incident_id: str, *, lock: bool = False) -> Incident | None:
    """The incident row, or ``None``; ``lock`` takes its write lock (``FOR UPDATE``, PostgreSQL)."""
    query = select(m.incidents).where(m.incidents.c.id == incident_id)
    row = conn.execute(query.with_for_update() if lock else query).first()
    return incident_from_row(row) if row is not None else None


def _key_filter(spec: EntityTable, keys: Sequence[str]) -> Any:
    if len(spec.key_columns) == 1:
        return spec.table.c[spec.key_columns[0]].in_(keys)
    return or_(*(and_(*(spec.table.c[c] == v for c, v in spec.key_values(k).items())) for k in keys))


def load_kind(conn: Connection, kind: str, incident_id: str, keys: Iterable[str] | None = None) -> dict[str, Entity]:
    """Entities of one kind of a retro: all of them, or only those with the given keys."""
    spec = TABLES[kind]
    if keys is None and spec.from_tuples is not None:  # the timeline of a big retro: unpacked straight
        with cycle_collection_paused():  # no collector passes over the new events; fetched whole (one fetchall, not a fetchone per row), then unpacked
            if spec.from_sqlite is not None and conn.dialect.name == "sqlite":
                return spec.from_sqlite(_sqlite_rows(conn, _SQLITE_ALL[kind], incident_id))
            return spec.from_tuples(conn.execute(_ALL[kind], {"incident_id": incident_id}).all())
    if keys is None:
        rows = conn.execute(_ALL[kind], {"incident_id": incident_id}).all()
    else:
        wanted = sorted(set(keys))
        rows = []
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            if kind in _BY_ID:
                rows.extend(conn.execute(_BY_ID[kind], {"incident_id": incident_id, "keys": chunk}).all())
            else:
                query = select(spec.table).where(spec.table.c.incident_id == incident_id, _key_filter(spec, chunk))
                rows.extend(conn.execute(query).all())
    if kind == ActionItem.__name__:
        factor_ids = action_factor_ids(conn, incident_id, None if keys is None else [r.id for r in rows])
        return {r.id: action_from_row(r, factor_ids.get(r.id, ())) for r in rows}
    from_row = spec.from_row
    if spec.key_columns == ("id",):
        return {r.id: from_row(r) for r in rows}
    return {spec.key_of_row(r): from_row(r) for r in rows}


def _sqlite_rows(conn: Connection, statement: str, incident_id: str) -> list[tuple[Any, ...]]:
    """The driver's tuples for ``statement``, on ``conn``'s own connection (so in its transaction):
    10,000 events without SQLAlchemy's row objects and result processors (a third of the read)."""
    with driver_errors(conn, statement):
        cursor = conn.connection.cursor()
        try:
            cursor.execute(statement, (incident_id,))
            return list(cursor.fetchall())
        finally:
            cursor.close()


def action_factor_ids(conn: Connection, incident_id: str, action_ids: list[str] | None) -> dict[str, tuple[str, ...]]:
    af = m.action_factors
    query = select(af.c.action_id, af.c.factor_id).where(af.c.incident_id == incident_id)
    if action_ids is not None:
        if not action_ids:
            return {}
        query = query.where(af.c.action_id.in_(action_ids))
    grouped: dict[str, list[str]] = defaultdict(list)
    for action_id, factor_id in conn.execute(query.order_by(af.c.action_id, af.c.position)):
        grouped[action_id].append(factor_id)
    return {k: tuple(v) for k, v in grouped.items()}


def load_retro(conn: Connection, incident_id: str, *, kinds: Iterable[str] = TABLES,
               lock: bool = False) -> Retro | None:
    """The whole retro as one value (only the named ``kinds`` of entity), or ``None`` when there is none.

    ``lock`` takes the incident row's write lock first (PostgreSQL), so no edit can commit to it
    while the rest is read (every edit takes that lock through the version guard).
    """
    incident = load_incident(conn, incident_id, lock=lock)
    if incident is None:
        return None
    retro = Retro(incident)
    for kind in kinds:
        retro.collection(kind).update(load_kind(conn, kind, incident_id))
    return retro


# -- writing ---------------------------------------------------------------------------------


def insert_incident(conn: Connection, incident: Incident, version: int) -> None:
    conn.execute(insert(m.incidents).values(**incident_values(incident), version=version))


def update_incident(conn: Connection, incident: Incident) -> None:
    values = incident_values(incident)
    del values["id"]
    conn.execute(update(m.incidents).where(m.incidents.c.id == incident.id).values(**values))


def insert_entities(conn: Connection, incident_id: str, entities: Iterable[Entity]) -> None:
    """Insert new rows, grouped by kind (one executemany per table)."""
    by_kind: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        by_kind[type(entity).__name__].append(entity)
    for kind, items in by_kind.items():
        insert_rows(conn, TABLES[kind].table, [entity_values(incident_id, e) for e in items])
        if kind == ActionItem.__name__:
            _insert_action_factors(conn, incident_id, items)  # type: ignore[arg-type]


#: Above this many rows, SQLite gets the rows straight through the driver's executemany.
_MANY = 200


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (column → value) into ``table`` in one executemany.

    On SQLite, a large batch (an import of 100,000 events) skips the per-row parameter building
    of a compiled statement, which costs more than the insert itself: each column's own bind
    processor (the UTC datetimes' included) is applied here, and the tuples go to the driver.
    The statement and the stored values are the same; PostgreSQL keeps the compiled path
    (psycopg's batched "insertmanyvalues" is fast already).
    """
    if not rows:
        return
    if conn.dialect.name != "sqlite" or len(rows) <= _MANY:
        conn.execute(insert(table), rows)
        return
    columns = list(rows[0])
    defaulted = any(c.name not in rows[0] and (c.default is not None or c.server_default is not None) for c in table.c)
    if defaulted or any(len(r) != len(columns) for r in rows):  # SQLAlchemy fills defaults, sorts shapes out
        conn.execute(insert(table), rows)
        return
    quote = conn.dialect.identifier_preparer.quote
    values_by_column = []
    for column in columns:  # column by column: one map() per processor instead of a call per cell
        process = table.c[column].type.bind_processor(conn.dialect)
        values = [r[column] for r in rows]
        values_by_column.append(values if process is None else list(map(process, values)))
    params = list(zip(*values_by_column, strict=True))
    names = ", ".join(quote(c) for c in columns)
    marks = ", ".join("?" for _ in columns)
    conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", params)


def _insert_action_factors(conn: Connection, incident_id: str, actions: Iterable[ActionItem]) -> None:
    rows = [
        {"incident_id": incident_id, "action_id": a.id, "position": i, "factor_id": f}
        for a in actions
        for i, f in enumerate(a.factor_ids)
    ]
    insert_rows(conn, m.action_factors, rows)


def update_entity(conn: Connection, incident_id: str, entity: Entity, before: Entity) -> None:
    """Rewrite one existing row (and an action's factor list when it changed)."""
    spec = TABLES[type(entity).__name__]
    values = spec.values(entity)
    where = [spec.table.c.incident_id == incident_id]
    where += [spec.table.c[c] == v for c, v in spec.key_values(entity.key).items()]
    for column in spec.key_columns:
        values.pop(column)
    if values:
        conn.execute(update(spec.table).where(*where).values(**values))
    if isinstance(entity, ActionItem) and isinstance(before, ActionItem) and entity.factor_ids != before.factor_ids:
        af = m.action_factors
        conn.execute(delete(af).where(af.c.incident_id == incident_id, af.c.action_id == entity.id))
        _insert_action_factors(conn, incident_id, [entity])


def delete_entities(conn: Connection, incident_id: str, refs: Iterable[EntityRef]) -> None:
    """Delete rows by reference (an action's factor rows go with it: ON DELETE CASCADE)."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for ref in refs:
        by_kind[ref.kind].append(ref.key)
    for kind, keys in by_kind.items():
        spec = TABLES[kind]
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            conn.execute(delete(spec.table).where(spec.table.c.incident_id == incident_id, _key_filter(spec, chunk)))
