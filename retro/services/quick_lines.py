"""What ``retro list`` prints, read straight from a SQLite file with one stdlib ``sqlite3`` query.

Like :mod:`retro.services.quick_library`, but without a summary per retro (no dates parsed, no
report states worked out): the command prints id, severity, status, start date, open actions and
title, so that is all it reads. Only a SQLite file at this app's newest schema is read; anything
else returns ``None`` and the command takes the store's path.

:func:`list_text` has SQLite write each line, so a library of 10,000 retros makes 10,000 Python
strings (not 70,000 values to format one by one) and the command prints them in one write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..storage.location import sqlite_path

if TYPE_CHECKING:
    from ..domain.enums import _Labelled

_OPEN_ACTIONS = ("(SELECT COUNT(*) FROM action_items a WHERE a.incident_id = i.id "
                 "AND a.status IN ('open', 'in_progress'))")
_ORDER = "ORDER BY i.created_at IS NULL, i.created_at DESC, i.id"  # RetroStore.list_retros's order

_LINES = f"""
SELECT i.id, i.severity, i.status, substr(i.started_at, 1, 10), {_OPEN_ACTIONS}, i.title, i.archived
FROM incidents i
WHERE i.archived = 0 OR ?
{_ORDER}
"""

#: The printed line itself: ``id⇥severity⇥status⇥date (or -)⇥N open⇥title[ (archived)]``, the
#: labels filled in by :func:`_labels`' CASEs (a value with no label makes the line NULL).
_TEXT = f"""
SELECT i.id || char(9) || {{severity}} || char(9) || {{status}}
       || char(9) || coalesce(nullif(substr(i.started_at, 1, 10), ''), '-')
       || char(9) || {_OPEN_ACTIONS} || ' open'
       || char(9) || i.title || CASE WHEN i.archived THEN ' (archived)' ELSE '' END
FROM incidents i
WHERE i.archived = 0 OR :archived
{_ORDER}
"""

#: One line of ``retro list``: id, severity, status, incident start date ("" when not set),
#: open actions, title, archived.
ListLine = tuple[str, str, str, str, int, str, bool]


def _connect(url: str) -> sqlite3.Connection | None:
    """A read-only connection to the library at ``url`` when it is a SQLite file at our newest schema."""
    path = sqlite_path(url)
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return None
    from ..storage.revisions import head_revision

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is not None and row[0] == head_revision():
            return conn
    except sqlite3.Error:
        pass
    conn.close()
    return None


def quick_lines(url: str, *, include_archived: bool) -> list[ListLine] | None:
    """What ``retro list`` prints for each retro, in one query (None when unsure, as above).

    The same order and values as :meth:`RetroStore.list_retros`, without building a summary per
    retro.
    """
    try:
        conn = _connect(url)
        if conn is None:
            return None
        try:
            return [(r[0], r[1], r[2], r[3] or "", int(r[4]), r[5], bool(r[6]))
                    for r in conn.execute(_LINES, (1 if include_archived else 0,))]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def list_text(url: str, *, include_archived: bool) -> str | None:
    """All of ``retro list``'s output, each line ended by ``\\n`` (None when unsure, as above).

    Line for line what formatting :func:`quick_lines` gives (a test holds them equal); a
    severity or status this app has no label for gives None, so the store's path says what it is.
    """
    from ..domain.enums import IncidentStatus, Severity

    params: dict[str, object] = {"archived": 1 if include_archived else 0}
    sql = _TEXT.format(severity=_labels("i.severity", Severity, params), status=_labels("i.status", IncidentStatus, params))
    try:
        conn = _connect(url)
        if conn is None:
            return None
        try:
            lines = [line for (line,) in conn.execute(sql, params)]
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    if None in lines:
        return None
    lines.append("")
    return "\n".join(lines)


def _labels(column: str, enum: Iterable[_Labelled], params: dict[str, object]) -> str:
    """``CASE column WHEN value THEN label … END`` for ``enum``'s members, the words as ``params``."""
    whens = []
    for member in enum:
        n = len(params)
        params[f"v{n}"], params[f"l{n}"] = member.value, member.label
        whens.append(f"WHEN :v{n} THEN :l{n}")
    return f"CASE {column} {' '.join(whens)} END"
