"""A generated library of N retros for the scale benchmarks (cached under /tmp within a run).

Every retro is varied: a title from services and symptoms, one to three services of 60, four to
twelve contributing factors drawn from ~700 titles in five categories (spelled in several ways,
so recurrence has real grouping to do), four action items (two in three open, due dates around
today, so some are overdue), three timeline events, dates spread over three years. Each retro's
summary carries a unique ticket number (the one-hit search) and the word "customers" (the
every-retro search). Rows go in through the store's own tables and index writers, in bulk, in one
transaction: 10,000 retros take a few seconds.
"""

from __future__ import annotations

import os
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from retro.domain import (
    ActionItem,
    ActionStatus,
    Audience,
    EventKind,
    Factor,
    FactorCategory,
    Incident,
    IncidentStatus,
    Severity,
    TimelineEvent,
)

#: Where the libraries are kept; RETRO_BENCH_CACHE picks another folder (a branch whose schema is
#: newer than main's must not upgrade the shared copies: the store upgrades a library it opens).
CACHE = Path(os.environ.get("RETRO_BENCH_CACHE", "/tmp/retro-bench-library"))
VERSION = 1  # bump when the generated data changes

SERVICES = [f"{a}-{b}" for a in ("checkout", "search", "billing", "auth", "catalog", "payments", "ledger",
                                  "notify", "gateway", "profile") for b in ("api", "db", "worker", "cache",
                                                                             "web", "queue")]
SUBJECTS = ["cache eviction", "deploy pipeline", "DNS resolver", "connection pool", "feature flag", "TLS certificate",
            "disk usage alert", "retry policy", "rate limiter", "load balancer health check", "database failover",
            "config change", "schema migration", "on-call handover", "runbook", "canary analysis", "queue backlog",
            "memory limit", "log rotation", "timeout setting", "dependency upgrade", "access review",
            "paging rule", "capacity plan", "backup restore", "cron schedule", "secret rotation", "CDN purge",
            "vendor status page", "autoscaling policy", "circuit breaker", "dashboard", "error budget",
            "incident channel", "status update", "change freeze", "code review", "test coverage",
            "load test", "thread pool"]
PROBLEMS = {
    FactorCategory.TECHNOLOGY: ["failed under load", "was misconfigured", "had no alert", "exhausted quickly",
                                "silently dropped requests"],
    FactorCategory.PROCESS: ["was not reviewed", "skipped for urgent fixes", "had no owner", "was out of date"],
    FactorCategory.HUMAN_FACTORS: ["knew only one engineer", "was learned the hard way", "left the team"],
    FactorCategory.ORGANISATION: ["was not announced", "reached customers late", "went to the wrong channel"],
    FactorCategory.EXTERNAL: ["changed without notice", "was down for hours"],
}
SYMPTOMS = ["outage", "slow responses", "errors at checkout", "failed logins", "missing emails", "stale prices",
            "double charges", "timeouts", "data delay", "partial outage"]


def _spellings(title: str, rng: random.Random) -> str:
    """The same factor as different people write it."""
    choice = rng.random()
    if choice < 0.15:
        return title.capitalize() + "s" if not title.endswith("s") else title.capitalize()
    if choice < 0.3:
        return title.upper() if len(title) < 20 else title.title()
    if choice < 0.4:
        return "The " + title
    return title[0].upper() + title[1:]


def factor_titles() -> list[tuple[FactorCategory, str]]:
    return [(cat, f"{subject} {problem}") for cat, problems in PROBLEMS.items()
            for subject in SUBJECTS for problem in problems]


def library_url(n: int) -> str:
    """A SQLite URL of a library of ``n`` generated retros (made once, then reused).

    The file is named after the schema revision too: a branch with a newer schema never upgrades
    (and so locks out) the file another branch's benchmark reads.
    """
    from retro.storage.revisions import head_revision

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"library-{n}-v{VERSION}-{head_revision()}.sqlite3"
    url = f"sqlite:///{path}"
    if not path.exists():
        tmp = path.with_suffix(".partial")
        for leftover in CACHE.glob(tmp.name + "*"):
            leftover.unlink()
        fill(f"sqlite:///{tmp}", n)
        tmp.rename(path)
    return url


def pg_library_url(server: str, n: int) -> str | None:
    """A PostgreSQL URL of a library of ``n`` generated retros in its own database on ``server``
    (``postgresql+psycopg://user@host:port``), made once; ``None`` when the server cannot be used.

    Its own database (``retro_bench_<n>_<revision>``), so the tests' ``test`` database is untouched.
    """
    import psycopg

    from retro.storage import upgrade
    from retro.storage.revisions import head_revision

    name = f"retro_bench_{n}_{head_revision()}".lower()
    admin = server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if exists:
                ready = _pg_filled(server.replace("postgresql+psycopg://", "postgresql://") + f"/{name}", n)
                if ready:
                    return f"{server}/{name}"
                conn.execute(f'DROP DATABASE "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return None
    url = f"{server}/{name}"
    upgrade(url)
    fill(url, n)
    with psycopg.connect(server.replace("postgresql+psycopg://", "postgresql://") + f"/{name}", autocommit=True) as conn:
        conn.execute("CREATE TABLE bench_filled (n integer)")
        conn.execute("INSERT INTO bench_filled VALUES (%s)", (n,))
        conn.execute("VACUUM ANALYZE")  # as autovacuum leaves a team's database: index-only scans can skip the heap
    return url


def _pg_filled(dsn: str, n: int) -> bool:
    import psycopg

    try:
        with psycopg.connect(dsn) as conn:
            row = conn.execute("SELECT n FROM bench_filled").fetchone()
            return row is not None and row[0] == n
    except psycopg.Error:
        return False


def fill(url: str, n: int, *, seed: int = 14) -> None:
    """Create the database at ``url`` and store ``n`` generated retros in one transaction."""
    from sqlalchemy import insert

    from retro.services import RetroStore
    from retro.services.library_index import follow_new_retro
    from retro.storage import models as m
    from retro.storage import search
    from retro.storage.mapping import entity_values, incident_values

    rng = random.Random(seed)
    pool = factor_titles()
    store = RetroStore(url)
    today = date.today()
    now = datetime.now(UTC)
    try:
        with store._writer.begin() as conn:
            incidents, by_table, docs = [], {}, []
            for i in range(n):
                incident, entities = _retro(i, n, rng, pool, today, now)
                values = incident_values(incident)
                values["version"] = 1
                incidents.append(values)
                for e in entities:
                    by_table.setdefault(type(e).__name__, []).append(entity_values(incident.id, e))
                    if isinstance(e, ActionItem):
                        by_table.setdefault("_af", []).extend(
                            {"incident_id": incident.id, "action_id": e.id, "position": p, "factor_id": f}
                            for p, f in enumerate(e.factor_ids))
                docs.append((incident, entities))
            conn.execute(insert(m.incidents), incidents)
            from retro.storage.mapping import TABLES

            for kind, rows in by_table.items():
                table = m.action_factors if kind == "_af" else TABLES[kind].table
                conn.execute(insert(table), rows)
            for incident, entities in docs:
                search.index_entities(conn, incident.id, [incident, *entities], new=True)
                follow_new_retro(conn, incident.id, entities)
    finally:
        store.close()


def _retro(i: int, n: int, rng: random.Random, pool: list[tuple[FactorCategory, str]], today: date,
           now: datetime) -> tuple[Incident, list]:
    inc_id = f"gen-{i:05d}"
    services = tuple(rng.sample(SERVICES, rng.randint(1, 3)))
    started = now - timedelta(days=rng.uniform(1, 3 * 365), minutes=rng.randint(0, 1440))
    resolved = started + timedelta(minutes=rng.randint(20, 600)) if rng.random() < 0.9 else None
    shared = resolved + timedelta(hours=rng.randint(2, 200)) if resolved and rng.random() < 0.6 else None
    incident = Incident(
        id=inc_id,
        title=f"{services[0]} {rng.choice(SYMPTOMS)}",
        severity=rng.choice(list(Severity)),
        status=rng.choice(list(IncidentStatus)),
        summary=f"Ticket PD-{i:05d}. Some customers saw {rng.choice(SYMPTOMS)} on {', '.join(services)}.",
        services=services,
        tags=tuple(rng.sample(["db", "network", "deploy", "vendor", "capacity", "security"], rng.randint(0, 2))),
        started_at=started,
        resolved_at=resolved,
        internal_report_shared_at=shared,
        created_at=started + timedelta(hours=1),
        archived=rng.random() < 0.05,
    )
    entities: list = []
    picked = rng.sample(pool, rng.randint(4, 12))
    factors = []
    for j, (cat, title) in enumerate(picked):
        f = Factor(id=f"{inc_id}-f{j}", title=_spellings(title, rng), category=cat, audience=Audience.INTERNAL)
        factors.append(f)
    entities.extend(factors)
    for j in range(3):
        entities.append(TimelineEvent(id=f"{inc_id}-e{j}", at=started + timedelta(minutes=7 * j),
                                      text=f"{rng.choice(SUBJECTS)} alarm on {services[0]}",
                                      kind=EventKind.ALERT))
    for j in range(4):
        status = ActionStatus.OPEN if rng.random() < 0.5 else (
            ActionStatus.IN_PROGRESS if rng.random() < 0.35 else ActionStatus.DONE)
        entities.append(ActionItem(
            id=f"{inc_id}-a{j}", title=f"Fix {rng.choice(SUBJECTS)} on {rng.choice(services)}",
            owner=rng.choice(["Amara Okafor", "李伟", "José Núñez", "Ørjan Håland", "Priya Raman", ""]),
            due=today + timedelta(days=rng.randint(-200, 200)) if rng.random() < 0.85 else None,
            status=status,
            completed_at=now if status is ActionStatus.DONE else None,
            created_at=started,
            factor_ids=(factors[j % len(factors)].id,),
        ))
    return incident, entities
