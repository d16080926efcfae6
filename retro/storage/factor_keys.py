"""The recurrence index: every contributing factor's normalised key, written in the edit's transaction.

``factor_keys`` holds one row per factor (its category and :func:`~retro.analysis.recurrence.factor_key`),
``factor_key_words`` the words of every distinct key. Both are written by the same services that
write the factors (``add_retro`` and ``apply_edit``); a retro's rows go with it (``ON DELETE
CASCADE``). Reading them:

- :func:`key_counts` — the library's distinct keys, one grouped query;
- :func:`sightings_with_keys` — the factors having some keys, with their titles;
- :func:`candidate_keys` — the distinct keys sharing a word with some (category, key) pairs;
- :func:`strongest_incidents` — the incidents matching one retro's factors best, one statement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, delete, distinct, func, insert, select

from ..analysis.recurrence import FactorSighting, factor_key, key_words
from ..domain import Factor, FactorCategory
from . import models as m

_CHUNK = 400


def pair_chunks(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """``(first, [seconds…])`` chunks of (category, key-or-word) pairs: ``category = ? AND key IN (…)``
    seeks the (category, key) index, where a row-value ``IN`` scans it on SQLite."""
    by_first: dict[str, list[str]] = {}
    for a, b in sorted(set(pairs)):
        by_first.setdefault(a, []).append(b)
    return [(a, bs[i : i + _CHUNK]) for a, bs in by_first.items() for i in range(0, len(bs), _CHUNK)]


def index_factors(conn: Connection, incident_id: str, factors: Iterable[Factor], *, new: bool = False) -> None:
    """(Re)write the keys of ``factors`` of one retro; ``new`` says none has a key row yet."""
    items = list(factors)
    if not items:
        return
    if not new:
        forget_factors(conn, incident_id, [f.id for f in items])
    rows = [{"incident_id": incident_id, "factor_id": f.id, "category": f.category.value,
             "key": factor_key(f.title), "title": f.title} for f in items]
    conn.execute(insert(m.factor_keys), rows)
    remember_words(conn, {(r["category"], r["key"]) for r in rows})


def forget_factors(conn: Connection, incident_id: str, factor_ids: Sequence[str]) -> None:
    """Drop the key rows of the named factors of one retro."""
    fk = m.factor_keys
    for start in range(0, len(factor_ids), _CHUNK):
        chunk = list(factor_ids[start : start + _CHUNK])
        conn.execute(delete(fk).where(fk.c.incident_id == incident_id, fk.c.factor_id.in_(chunk)))


def remember_words(conn: Connection, keys: Iterable[tuple[str, str]]) -> None:
    """Add the words of new distinct (category, key) pairs to ``factor_key_words`` (known ones are kept)."""
    rows = [{"category": c, "word": w, "key": k} for c, k in sorted(keys) for w in sorted(key_words(k))]
    if not rows:
        return
    kw = m.factor_key_words
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(pg_insert(kw).on_conflict_do_nothing(), rows)
    else:
        conn.execute(insert(kw).prefix_with("OR IGNORE"), rows)


def library_sightings(conn: Connection, *, include_archived: bool) -> list[tuple[FactorSighting, str]]:
    """Every keyed factor of the library with its key, sorted by (incident id, factor id).

    Three plain reads (the keys table, incident titles, archived ids) and no join: the cost is a
    scan of one narrow table.
    """
    inc = m.incidents
    titles = {r[0]: r[1] for r in conn.execute(select(inc.c.id, inc.c.title))}
    hidden = set() if include_archived else set(conn.execute(select(inc.c.id).where(inc.c.archived.is_(True))).scalars())
    categories = {c.value: c for c in FactorCategory}
    # Straight through the driver's cursor: 75,000 rows of plain text need no type processing.
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute("SELECT incident_id, factor_id, category, title, key FROM factor_keys "
                       "ORDER BY incident_id, factor_id")  # the primary key's order: no sort
        rows = cursor.fetchall()
    finally:
        cursor.close()
    make = tuple.__new__  # a named tuple without its Python-level __new__: 75,000 of them
    return [(make(FactorSighting, (i, titles[i], f, categories[c], t)), k) for i, f, c, t, k in rows if i not in hidden]


def library_rows(conn: Connection, *, include_archived: bool) -> list[tuple[str, str, str, str]]:
    """(incident id, category, key, title) of every keyed factor, in (incident id, factor id)
    order, straight from the driver (no objects built)."""
    inc = m.incidents
    hidden = set() if include_archived else set(conn.execute(select(inc.c.id).where(inc.c.archived.is_(True))).scalars())
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute("SELECT incident_id, category, key, title FROM factor_keys ORDER BY incident_id, factor_id")
        rows = cursor.fetchall()
    finally:
        cursor.close()
    found: list[tuple[str, str, str, str]] = [tuple(r) for r in rows]  # DB-API rows, as tuples
    return [r for r in found if r[0] not in hidden] if hidden else found


def key_counts(conn: Connection, *, include_archived: bool) -> list[tuple[FactorCategory, str, int]]:
    """Every distinct (category, key) of the library with how many incidents have it (one grouped query)."""
    fk, inc = m.factor_keys, m.incidents
    query = select(fk.c.category, fk.c.key, func.count(distinct(fk.c.incident_id))).where(fk.c.key != "")
    if not include_archived:
        query = query.join(inc, inc.c.id == fk.c.incident_id).where(inc.c.archived.is_(False))
    query = query.group_by(fk.c.category, fk.c.key)
    return [(FactorCategory(c), k, int(n)) for c, k, n in conn.execute(query)]


def incident_keys(conn: Connection, keys: Iterable[tuple[str, str]], *,
                  exclude_incident: str | None = None) -> list[tuple[str, str, str]]:
    """(incident id, category, key) of every factor having one of ``keys`` (archived included):
    read from the covering index on (category, key, incident id), no titles."""
    fk = m.factor_keys
    out: list[tuple[str, str, str]] = []
    for category, chunk in pair_chunks(keys):
        query = select(fk.c.incident_id, fk.c.category, fk.c.key).where(fk.c.category == category,
                                                                          fk.c.key.in_(chunk))
        if exclude_incident is not None:
            query = query.where(fk.c.incident_id != exclude_incident)
        out += [(r[0], r[1], r[2]) for r in conn.execute(query).all()]
    return out


def sightings_with_keys(conn: Connection, keys: Iterable[tuple[str, str]], *, include_archived: bool,
                        exclude_incident: str | None = None,
                        incident_ids: frozenset[str] | None = None) -> list[tuple[FactorSighting, str]]:
    """The factors whose (category value, key) is in ``keys`` (of ``incident_ids`` only, when
    given), sorted by (incident id, factor id)."""
    wanted = sorted(set(keys))
    if not wanted or (incident_ids is not None and not incident_ids):
        return []
    fk, inc = m.factor_keys, m.incidents
    base = (
        select(fk.c.incident_id, inc.c.title, fk.c.factor_id, fk.c.category, fk.c.title.label("factor_title"),
               fk.c.key)
        .join(inc, inc.c.id == fk.c.incident_id)
    )
    if not include_archived:
        base = base.where(inc.c.archived.is_(False))
    if exclude_incident is not None:
        base = base.where(fk.c.incident_id != exclude_incident)
    if incident_ids is not None and len(incident_ids) <= _CHUNK:
        base = base.where(fk.c.incident_id.in_(sorted(incident_ids)))
    out: list[tuple[FactorSighting, str]] = []
    categories: dict[str, FactorCategory] = {}
    for cat, chunk in pair_chunks(wanted):
        for r in conn.execute(base.where(fk.c.category == cat, fk.c.key.in_(chunk))):
            if incident_ids is not None and r.incident_id not in incident_ids:
                continue
            category = categories.get(r.category) or categories.setdefault(r.category, FactorCategory(r.category))
            out.append((FactorSighting(r.incident_id, r.title, r.factor_id, category, r.factor_title), r.key))
    out.sort(key=lambda t: (t[0].incident_id, t[0].factor_id))
    return out


def candidate_keys(conn: Connection, keys: Iterable[tuple[str, str]]) -> list[tuple[FactorCategory, str]]:
    """The distinct (category, key) pairs sharing at least one word with one of ``keys``."""
    pairs = sorted({(c, w) for c, k in keys for w in key_words(k)})
    if not pairs:
        return []
    kw = m.factor_key_words
    found: set[tuple[str, str]] = set()
    for category, chunk in pair_chunks(pairs):
        found.update(
            (r.category, r.key)
            for r in conn.execute(select(kw.c.category, kw.c.key).where(kw.c.category == category, kw.c.word.in_(chunk)))
        )
    return [(FactorCategory(c), k) for c, k in sorted(found)]


MOST_WORDS = 5000
"""The most factor words :func:`strongest_incidents` takes (four parameters each, well inside
SQLite's 32,766); a retro with more is matched key by key instead."""

NEAR = 1e-9
"""Sums of similarities closer than this may be equal sums added in another order: when cutting
the database's ranking, :func:`strongest_incidents` keeps them all (the exact ranking decides)."""


def strongest_incidents(conn: Connection, factors: Sequence[tuple[str, frozenset[str]]], *, threshold: float,
                        exclude_incident: str, limit: int | None = None) -> list[str]:
    """The incidents but ``exclude_incident`` with a factor like one of ``factors`` (every one, or
    with ``limit`` only those that can be among the ``limit`` strongest), by incident id.

    ``factors`` are one retro's factors as (category value, key words). A stored key is like a
    factor when they share the category and the Jaccard index of their words is at least
    ``threshold`` (computed as :func:`~retro.analysis.recurrence.similarity` does: one division
    of the same two counts). An incident's strength is how many factors it matches, then the sum of
    its best similarity to each. The database ranks them and keeps its first ``limit`` and every
    incident whose sum is within :data:`NEAR` of the last of those, since it adds in its own
    order: the caller ranks what is returned exactly. One statement: the word index finds the keys
    sharing a word, the covering (category, key, incident id) index the incidents having them, and
    only the kept ids leave the database.
    """
    mine = [(category, i, word, len(words)) for i, (category, words) in enumerate(factors) for word in sorted(words)]
    if not mine or (limit is not None and limit <= 0):
        return []
    if len(mine) > MOST_WORDS:
        raise ValueError(f"{len(mine)} factor words are more than one statement takes ({MOST_WORDS})")
    # Plain SQL through the driver: SQLAlchemy compiles a VALUES list afresh for every retro (25 ms
    # for a few hundred rows), where this string costs nothing to build.
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    params: list[object] = [x for row in mine for x in row]
    sql = (
        f"WITH mine(category, factor, word, n) AS (VALUES {', '.join([f'({mark}, {mark}, {mark}, {mark})'] * len(mine))}), "
        'shared AS (SELECT m.category, m.factor, kw."key", COUNT(*) AS c, MAX(m.n) AS n FROM mine m '
        "JOIN factor_key_words kw ON kw.category = m.category AND kw.word = m.word "
        'GROUP BY m.category, m.factor, kw."key"), '
        # A key's words are its spaces plus one (normalised words hold no space).
        'close AS (SELECT category, "key", factor, CAST(c AS DOUBLE PRECISION) '
        "/ (n + length(\"key\") - length(replace(\"key\", ' ', '')) + 1 - c) AS sim FROM shared), "
        "per_factor AS (SELECT fk.incident_id, m.factor, MAX(m.sim) AS best FROM close m "
        'JOIN factor_keys fk ON fk.category = m.category AND fk."key" = m."key" '
        f"WHERE m.sim >= {mark} AND fk.incident_id <> {mark} GROUP BY fk.incident_id, m.factor)"
    )
    params += [threshold, exclude_incident]
    if limit is None:
        sql += " SELECT DISTINCT incident_id FROM per_factor"
    else:
        sql += (
            ", scored AS (SELECT incident_id, COUNT(*) AS n, SUM(best) AS total FROM per_factor GROUP BY incident_id), "
            f"cut AS (SELECT n, total FROM scored ORDER BY n DESC, total DESC LIMIT 1 OFFSET {int(limit) - 1}) "
            "SELECT s.incident_id FROM scored s LEFT JOIN cut ON 1 = 1 WHERE cut.n IS NULL "
            f"OR s.n > cut.n OR (s.n = cut.n AND s.total >= cut.total - {NEAR!r})"
        )
    return sorted(r[0] for r in conn.exec_driver_sql(sql, tuple(params)))


def incident_sightings(conn: Connection, incident_ids: Iterable[str]) -> list[tuple[FactorSighting, str]]:
    """Every keyed factor of some incidents with its key, sorted by (incident id, factor id)."""
    wanted = sorted(set(incident_ids))
    fk, inc = m.factor_keys, m.incidents
    categories = {c.value: c for c in FactorCategory}
    out: list[tuple[FactorSighting, str]] = []
    for start in range(0, len(wanted), _CHUNK):
        query = (select(fk.c.incident_id, inc.c.title, fk.c.factor_id, fk.c.category, fk.c.title, fk.c.key)
                 .join(inc, inc.c.id == fk.c.incident_id)
                 .where(fk.c.incident_id.in_(wanted[start : start + _CHUNK])))
        out += [(FactorSighting(i, t, f, categories[c], ft), k) for i, t, f, c, ft, k in conn.execute(query)]
    out.sort(key=lambda t: (t[0].incident_id, t[0].factor_id))
    return out


def rows_for_backfill(factors: Iterable[Any]) -> list[dict[str, str]]:
    """Key rows for stored factor rows (incident_id, id, category, title): the migration's backfill."""
    return [{"incident_id": r.incident_id, "factor_id": r.id, "category": r.category, "key": factor_key(r.title),
             "title": r.title} for r in factors]
