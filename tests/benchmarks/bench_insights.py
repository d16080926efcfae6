"""Between meetings at 10,000 retros: insights, the follow-through list, recurrence for one new retro.

The library is generated straight into the tables (Core ``executemany``; a few seconds), on
SQLite and, when reachable, on PostgreSQL. Each figure stands beside the raw query it rests on
(same rows, fetched through the driver with no mapping), measured in the same run.
"""

from __future__ import annotations

import os
import random
import tempfile
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from tests.benchmarks.table import Row, absolute_row, median_ms

RETROS = 10_000
ACTIONS_PER_RETRO = 5
FACTORS_PER_RETRO = 5
PG_URL = os.environ.get("RETRO_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

_WORDS = ("pool", "timeout", "retry", "cache", "deploy", "alert", "runbook", "queue", "disk", "certificate",
          "dns", "config", "load", "test", "review", "ownership", "handover", "capacity", "failover", "limit")
_SERVICES = [f"service-{i}" for i in range(30)]
_CATEGORIES = ("technology", "process", "organisation", "human_factors", "external")
_STATUSES = ("open", "in_progress", "done", "wont_do")


def generate(url: str, n: int = RETROS, seed: int = 16) -> None:
    """``n`` retros with actions, factors and lifecycle times (about 1 in 8 missing one)."""
    from retro.analysis.recurrence import factor_key
    from retro.storage import models as m
    from retro.storage.engine import make_engine
    from retro.storage.factor_keys import remember_words
    from retro.storage.incident_figures import refresh

    rnd = random.Random(seed)
    t0 = datetime(2023, 1, 1, tzinfo=UTC)
    incidents, actions, links, factors = [], [], [], []
    for i in range(n):
        iid = uuid.UUID(int=rnd.getrandbits(128)).hex
        start = t0 + timedelta(minutes=rnd.randrange(0, 3 * 365 * 24 * 60))

        def later(minutes: int, base: datetime = start) -> datetime | None:
            return None if rnd.random() < 0.12 else base + timedelta(minutes=rnd.randrange(1, minutes))

        resolved = later(600)
        incidents.append(dict(
            id=iid, title=f"Incident {i}", severity=f"sev{rnd.randrange(1, 5)}", status="reviewed", summary="",
            services=tuple(rnd.sample(_SERVICES, rnd.randrange(0, 3))), tags=(), customer_impact="", timezone="UTC",
            started_at=None if rnd.random() < 0.08 else start, detected_at=later(60), declared_at=None,
            mitigated_at=later(240), resolved_at=resolved, lessons_learned="", went_well="", got_lucky="",
            surprises="", internal_report_shared_at=None if resolved is None or rnd.random() < 0.3 else later(60 * 48, resolved),
            public_report_shared_at=None if resolved is None or rnd.random() < 0.5 else later(60 * 120, resolved),
            archived=False, created_at=start + timedelta(days=1), version=1,
        ))
        for k in range(FACTORS_PER_RETRO):
            title = " ".join(rnd.sample(_WORDS, 3))
            factors.append(dict(incident_id=iid, id=f"f{k}", title=title, category=rnd.choice(_CATEGORIES),
                                description="", audience="internal", x=None, y=None))
        for k in range(ACTIONS_PER_RETRO):
            status = rnd.choice(_STATUSES)
            due = (start + timedelta(days=rnd.randrange(5, 60))).date()
            actions.append(dict(
                incident_id=iid, id=f"a{k}", title=f"Action {k} of {i}", owner=f"Owner {rnd.randrange(200)}", due=due,
                description="", action_type="prevent", horizon="fix_for_real", priority="medium", status=status,
                status_reason="Superseded" if status == "wont_do" else "", ticket_url="", created_at=start,
                completed_at=start + timedelta(days=rnd.randrange(1, 70)) if status == "done" else None,
            ))
            links.append(dict(incident_id=iid, action_id=f"a{k}", position=0, factor_id=f"f{rnd.randrange(FACTORS_PER_RETRO)}"))
    # The recurrence index is written with the factors, as the store's own write path does.
    keys = [{"incident_id": f["incident_id"], "factor_id": f["id"], "category": f["category"],
             "key": factor_key(f["title"]), "title": f["title"]} for f in factors]
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for table, rows in ((m.incidents, incidents), (m.factors, factors), (m.action_items, actions),
                                (m.action_factors, links), (m.factor_keys, keys)):
                for chunk in range(0, len(rows), 5000):
                    conn.execute(insert(table), rows[chunk:chunk + 5000])
            remember_words(conn, {(k["category"], k["key"]) for k in keys})
            # …and so are the per-retro insight figures (revision 0012), worked out from the stored rows.
            refresh(conn, [r["id"] for r in incidents])
        if engine.dialect.name == "postgresql":  # as autovacuum leaves a library soon after a bulk load (mid-run
            # otherwise): statistics, so the planner does not take the tables for empty, and the visibility
            # map, so the covering indexes are read without the table
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE incidents, factors, action_items, action_factors, factor_keys, "
                                  "incident_figures")
    finally:
        engine.dispose()


def _floor(store, sql: str):
    def run() -> object:
        with store._engine.connect() as conn:
            return conn.exec_driver_sql(sql).fetchall()
    return run


def _rows(label: str, url: str) -> list[Row]:
    from retro.domain import Factor, FactorCategory, Impact, Incident, Retro
    from retro.domain.follow_through import GroupBy
    from retro.services import RetroStore

    store = RetroStore(url)
    try:
        insights_ms = median_ms(store.insights, repeat=5)
        insights_floor = median_ms(lambda: [_floor(store, q)() for q in (
            "SELECT id, title, severity, services, started_at, detected_at, mitigated_at, resolved_at, "
            "internal_report_shared_at, public_report_shared_at, created_at FROM incidents WHERE NOT archived",
            "SELECT incident_id, status, due, completed_at, status_reason FROM action_items",
            "SELECT incident_id, category, title FROM factors")], repeat=5)
        # What insights read now (revision 0012): every chosen retro's figures row, and the factor
        # keys grouped by (category, key) with their incidents counted.
        figures_floor = median_ms(lambda: [_floor(store, q)() for q in (
            "SELECT * FROM incident_figures WHERE NOT archived",
            "SELECT category, key, count(DISTINCT incident_id) FROM factor_keys WHERE key != '' "
            "GROUP BY category, key")], repeat=5)
        today = date.today()
        def first_screen(by: GroupBy) -> object:  # the Follow-through tab: headings, the first group's first page
            groups = store.follow_groups(by, today=today)
            return store.follow_group_page(groups[0], today=today, limit=200) if groups else []

        follow_ms = max(median_ms(lambda b=by: first_screen(b), repeat=5) for by in GroupBy)
        follow_floor = median_ms(_floor(store,
            "SELECT a.*, i.title, i.severity, i.services, i.version, i.resolved_at FROM action_items a "
            "JOIN incidents i ON i.id = a.incident_id WHERE a.status IN ('open', 'in_progress') AND NOT i.archived"),
            repeat=5)
        new = Retro.of(Incident("new-retro", "New one"), [
            Impact("imp"), Factor("n1", "pool timeout retry", FactorCategory.TECHNOLOGY),
            Factor("n2", "runbook review handover", FactorCategory.PROCESS)])
        recur_ms = median_ms(lambda: store.related_incidents(new, limit=10), repeat=5)  # "seen before": the ten shown
        recur_floor = median_ms(_floor(store, "SELECT f.incident_id, i.title, f.id, f.category, f.title FROM factors f "
                                              "JOIN incidents i ON i.id = f.incident_id"), repeat=3)
        seen_ms = median_ms(lambda: store.seen_before("new-retro", new.factors["n1"]), repeat=5)  # the side panel, counted
        # The start of the new retro's meeting: open actions of earlier retros sharing a service or
        # a factor with it (the panel counts them all and lists the first few: what is read).
        new.incident = replace(new.incident, services=("service-3",))
        earlier_ms = median_ms(lambda: store.earlier_review(new), repeat=5)
        earlier_floor = median_ms(_floor(store,
            "SELECT a.*, i.title, i.severity, i.services, i.version, i.resolved_at FROM action_items a "
            "JOIN incidents i ON i.id = a.incident_id WHERE a.status IN ('open', 'in_progress') AND NOT i.archived "
            "AND i.services LIKE '%%\"service-3\"%%'"), repeat=5)  # %% : psycopg's placeholders
    finally:
        store.close()
    n = f"{RETROS:,} retros, {label}"
    return [
        absolute_row(f"insights, {n}", insights_ms, insights_floor, "raw 3 queries", 200),
        absolute_row(f"insights, {n}, vs what they read now", insights_ms, figures_floor,
                     "raw figures + key groups", 200),
        absolute_row(f"follow-through first screen (slowest grouping), {n}", follow_ms, follow_floor, "raw join", 100),
        absolute_row(f"recurrence for one new retro, {n}", recur_ms, recur_floor, "raw factor read", 100),
        absolute_row(f"seen before, one factor (graph side panel), {n}", seen_ms, recur_floor, "raw factor read", 100),
        absolute_row(f"earlier open actions at a meeting's start, {n}", earlier_ms, earlier_floor,
                     "raw join, one service", 100),
    ]


def run() -> list[Row]:
    from retro.services import RetroStore
    from retro.storage import upgrade

    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'library.sqlite3'}"
        RetroStore(url).close()  # creates the schema
        generate(url)
        rows += _rows("SQLite", url)
    try:
        import psycopg

        dsn = PG_URL.replace("postgresql+psycopg://", "postgresql://")
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(dsn, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    except Exception:
        return rows
    url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    try:
        upgrade(url)
        generate(url)
        rows += _rows("PostgreSQL", url)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    return rows


__all__ = ["generate", "run", "text"]
