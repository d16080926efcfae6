"""The schema revisions this app ships, read from the migration scripts' text (no Alembic import).

Reading the two assignment lines of each script keeps Alembic (about 100 ms of imports) off the
start-up path: it is imported only when a database really needs upgrading. A test checks this
reading against Alembic's own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")

_REVISION_LINE = re.compile(r'^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:"([^"]*)"|None)', re.MULTILINE)


@lru_cache(maxsize=1)
def revision_graph() -> dict[str, str | None]:
    """``{revision: down_revision}`` of the shipped scripts."""
    graph: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = {name: value or None for name, value in _REVISION_LINE.findall(script.read_text("utf-8"))}
        revision = found.get("revision")
        if revision:
            graph[revision] = found.get("down_revision")
    return graph


def head_revision() -> str:
    """The newest revision: the one no other script builds on."""
    graph = revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    assert len(heads) == 1, f"migration scripts must form one line, found heads {sorted(heads)}"
    return heads.pop()


def known_revisions() -> frozenset[str]:
    return frozenset(revision_graph())
