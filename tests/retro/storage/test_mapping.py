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
