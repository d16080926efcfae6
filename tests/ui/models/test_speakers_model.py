"""The speaking-order model: leader first, valid for Qt's model tester through edits."""

from __future__ import annotations

from retro.demo import build_demo_retro
from retro.domain import AccountabilityStatement, Edit, new_id
from tests.ui.models.support import make_document
from ui.models.speakers_model import LOCK_REASON_ROLE, PARTICIPANT_ID_ROLE, SpeakingOrderModel


def test_leader_first_then_speakers_then_the_rest(qtmodeltester, sqlite_url):
    retro = build_demo_retro()
    retro.statements.clear()
    document = make_document(sqlite_url, retro)
    model = SpeakingOrderModel(document)
    qtmodeltester.check(model)
    names = [s.participant.name for s in model.speakers()]
    assert names[0] == "Daniel Okafor"
    assert model.index(1, 0).data(LOCK_REASON_ROLE)
    assert model.index(1, 0).data().endswith("· waits")

    by_name = {p.name: p.id for p in document.retro.participants.values()}
    leader = AccountabilityStatement(new_id(), by_name["Daniel Okafor"], "I approved it.")
    assert document.edit("Record", Edit.of(upsert=[leader]))
    sam = AccountabilityStatement(new_id(), by_name["Sam Whitfield"], "I saw it late.")
    assert document.edit("Record", Edit.of(upsert=[sam]))
    qtmodeltester.check(model)
    names = [s.participant.name for s in model.speakers()]
    assert names[:2] == ["Daniel Okafor", "Sam Whitfield"]
    assert not model.index(2, 0).data(LOCK_REASON_ROLE)
    assert model.index(1, 0).data(PARTICIPANT_ID_ROLE) == by_name["Sam Whitfield"]
    assert model.index(1, 0).data().startswith("2. ✓ Sam Whitfield")
