"""The row ⇄ entity mapping works on ORM instances as well as Core rows, for every kind."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from retro.services import RetroStore
from retro.storage import models as m
from retro.storage import upgrade
from retro.storage.engine import is_sqlite, make_engine
from retro.storage.mapping import TABLES, incident_from_row, roles_from_text, roles_to_text
from tests.retro.services.builders import full_retro

ORM_CLASSES = {
    "Participant": m.ParticipantRow, "TimelineEvent": m.TimelineEventRow, "Factor": m.FactorRow,
    "Impact": m.ImpactRow, "FactorLink": m.FactorLinkRow, "FactorEvidence": m.FactorEvidenceRow,
    "AccountabilityStatement": m.AccountabilityStatementRow, "PrivateNote": m.PrivateNoteRow,
    "ActionItem": m.ActionItemRow, "ReviewAnswer": m.ReviewAnswerRow,
}


def test_orm_instances_map_to_the_stored_entities(db_url: str) -> None:
    if not is_sqlite(db_url):
        upgrade(db_url)
    store = RetroStore(db_url)
    retro = store.load(store.add_retro(full_retro(), new_ids=False))
    store.close()
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            incident = session.get(m.IncidentRow, retro.incident.id)
            assert incident_from_row(incident) == retro.incident
            for kind, cls in ORM_CLASSES.items():
                objs = session.scalars(select(cls).where(cls.incident_id == retro.incident.id)).all()
                if kind == "ActionItem":
                    mapped = {o.id: TABLES[kind].from_row(o, retro.actions[o.id].factor_ids) for o in objs}
                else:
                    mapped = {TABLES[kind].key_of_row(o): TABLES[kind].from_row(o) for o in objs}
                # In team mode private notes never reach the shared database.
                local_only = kind == "PrivateNote" and not is_sqlite(db_url)
                assert mapped == ({} if local_only else retro.collection(kind)), kind
    finally:
        engine.dispose()


def test_roles_are_stored_as_sorted_tokens() -> None:
    roles = full_retro().participants["p-resp"].roles
    assert roles_to_text(roles) == "incident_commander,responder"
    assert roles_from_text(roles_to_text(roles)) == roles
    assert roles_from_text("") == frozenset()


def test_a_whole_timeline_read_by_the_driver_equals_the_same_rows_read_through_sqlalchemy(db_url: str) -> None:
    """The store's read of a retro's events (past SQLAlchemy's rows on SQLite) and one from_row per
    ORM row agree on every field: times to the microsecond and in UTC, kinds, audiences, roles."""
    from dataclasses import replace
    from datetime import UTC, datetime, timedelta, timezone

    from retro.domain import Audience, EventKind, Role, TimelineEvent, new_id

    if not is_sqlite(db_url):
        upgrade(db_url)
    retro = full_retro()
    base = datetime(2026, 3, 29, 0, 59, 59, 999_999, tzinfo=UTC)
    berlin_summer = timezone(timedelta(hours=2))
    extra = [
        TimelineEvent(new_id(), base, "to the microsecond", EventKind.ALERT, "Grafana", "https://x.example/1",
                      Audience.PUBLIC, Role.RESPONDER),
        TimelineEvent(new_id(), datetime(2026, 3, 29, 3, 0, tzinfo=berlin_summer), "given in +02:00",
                      EventKind.DECISION),
        TimelineEvent(new_id(), base.replace(microsecond=0), "on the second", EventKind.RESOLUTION),
    ]
    retro = replace(retro, events={**retro.events, **{e.id: e for e in extra}})
    store = RetroStore(db_url)
    loaded = store.load(store.add_retro(retro, new_ids=False))
    store.close()
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            objs = session.scalars(select(m.TimelineEventRow).where(
                m.TimelineEventRow.incident_id == retro.incident.id)).all()
            assert {o.id: TABLES["TimelineEvent"].from_row(o) for o in objs} == loaded.events
    finally:
        engine.dispose()
    assert len(loaded.events) == len(retro.events)
    for event in extra:
        got = loaded.events[event.id]
        assert got == replace(event, at=event.at.astimezone(UTC)) and got.at.tzinfo is UTC


def test_events_unpacked_without_init_are_the_same_frozen_values_as_constructed_ones() -> None:
    """The whole-timeline read fills empty instances through the slots: equal, same hash, still frozen."""
    import dataclasses
    from datetime import UTC, datetime

    import pytest

    from retro.domain import Audience, EventKind, Role, TimelineEvent
    from retro.storage.mapping import events_from_sqlite, events_from_tuples

    at = datetime(2026, 3, 29, 0, 59, 59, 250_000, tzinfo=UTC)
    expected = [
        TimelineEvent("e1", at, "Alert fires", EventKind.ALERT, "Grafana", "https://x.example/1", Audience.PUBLIC,
                      Role.RESPONDER),
        TimelineEvent("e2", at, "Rolled back", EventKind.MITIGATION),
    ]
    rows = [("e1", at, "Alert fires", "alert", "Grafana", "https://x.example/1", "public", "responder"),
            ("e2", at, "Rolled back", "mitigation", "", "", "internal", None)]
    text_rows = [(i, "2026-03-29 00:59:59.250000", *rest) for i, _at, *rest in rows]
    for unpacked in (events_from_tuples(rows), events_from_sqlite(text_rows)):
        assert list(unpacked.values()) == expected
        assert [hash(e) for e in unpacked.values()] == [hash(e) for e in expected]
        event = unpacked["e2"]
        assert event.at.tzinfo is UTC and dataclasses.replace(event, text="x").text == "x"
        with pytest.raises(dataclasses.FrozenInstanceError):
            event.text = "changed"  # type: ignore[misc]
