"""Reading and saving the database's tracker setting (see :mod:`retro.io.trackers`)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select

from ..io.trackers import TrackerKind, TrackerSetting
from ..storage import models as m

_ROW_ID = 1


def load(conn: Connection) -> TrackerSetting | None:
    """The tracker setting of this database, or ``None`` when nobody has chosen one."""
    t = m.tracker_settings
    row = conn.execute(select(t).where(t.c.id == _ROW_ID)).first()
    if row is None:
        return None
    try:
        kind = TrackerKind(row.kind)
    except ValueError:  # written by a newer app with a tracker this one does not know
        return None
    return TrackerSetting(kind, row.url, row.project, row.issue_type, tuple(row.labels))


def save(conn: Connection, setting: TrackerSetting | None) -> None:
    """Store ``setting`` (checked first: a bad one changes nothing), or forget it with ``None``."""
    t = m.tracker_settings
    if setting is not None:
        setting.check()
    conn.execute(delete(t).where(t.c.id == _ROW_ID))
    if setting is None:
        return
    conn.execute(insert(t).values(
        id=_ROW_ID, kind=setting.kind.value, url=setting.url.strip(), project=setting.project.strip(),
        issue_type=setting.issue_type.strip(),
        labels=tuple(" ".join(label.split()) for label in setting.labels if label.strip()),
        updated_at=datetime.now(UTC),
    ))
