"""The accountability stage: the leader speaks first, visibly and for real."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from retro.demo import build_demo_retro
from retro.domain import AccountabilityStatement, Edit, Participant, Role, Stage, new_id
from retro.domain.accountability import LEADER_FIRST_REASON
from tests.ui.models.support import make_document, unnamed_controls
from ui.stages.accountability import AccountabilityProjector, AccountabilityStage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _retro(*, statements: bool = False, leader: bool = True):
    retro = build_demo_retro()
    if not statements:
        retro.statements.clear()
    if not leader:
        for pid, person in list(retro.participants.items()):
            retro.participants[pid] = Participant(person.id, person.name, person.roles - {Role.LEADER}, person.position)
    return retro


def _stage(qtbot, sqlite_url, **kwargs) -> AccountabilityStage:
    stage = AccountabilityStage(make_document(sqlite_url, _retro(**kwargs)))
    qtbot.addWidget(stage)
    stage.resize(1400, 900)
    with qtbot.waitActive(stage):  # focus moves (saving notes on leaving) need an active window
        stage.show()
        stage.activateWindow()
    return stage


def _card(stage: AccountabilityStage, name: str):
    return next(c for c in stage.cards.values() if c.speaker.participant.name == name)


def test_others_are_locked_with_the_reason_until_the_leader_records(qtbot, sqlite_url):
    stage = _stage(qtbot, sqlite_url)
    leader, jonas = _card(stage, "Daniel Okafor"), _card(stage, "Jonas Weber")
    assert stage.order_model.speakers()[0].participant.name == "Daniel Okafor"
    assert leader.editor.isEnabled() and leader.record_button.isEnabled()
    assert not jonas.editor.isEnabled() and not jonas.record_button.isEnabled()
    assert jonas.lock_label.isVisible() and LEADER_FIRST_REASON in jonas.lock_label.text()

    leader.editor.setFocus()
    qtbot.keyClicks(leader.editor, "I approved the change without asking what else it controlled.")
    qtbot.mouseClick(leader.record_button, Qt.MouseButton.LeftButton)

    assert stage.document.undo_stack.undoText() == "Record Daniel Okafor's statement"
    jonas = _card(stage, "Jonas Weber")
    assert jonas.editor.isEnabled() and not jonas.lock_label.isVisible()
    jonas.editor.setFocus()
    qtbot.keyClicks(jonas.editor, "I restarted the pods because the runbook said so.")
    qtbot.keyClick(jonas.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    spoken = [s.participant.name for s in stage.order_model.speakers() if s.has_spoken]
    assert spoken == ["Daniel Okafor", "Jonas Weber"]

    stage.document.undo_stack.undo()
    stage.document.undo_stack.undo()
    assert not _card(stage, "Jonas Weber").editor.isEnabled()
    assert not stage.document.retro.statements
    stage.document.undo_stack.redo()
    stage.document.undo_stack.redo()
    assert _card(stage, "Jonas Weber").editor.toPlainText() == "I restarted the pods because the runbook said so."


def test_the_rule_holds_even_when_the_screen_is_bypassed(qtbot, sqlite_url):
    stage = _stage(qtbot, sqlite_url)
    jonas = _card(stage, "Jonas Weber")
    jonas.editor.setPlainText("Trying to speak first")
    with qtbot.waitSignal(stage.document.refused):
        jonas.record()  # as if the disabled button had been pressed
    assert not stage.document.retro.statements
    assert stage.problem_banner.isVisible() and "speaks first" in stage.problem_banner.text()
    direct = AccountabilityStatement(new_id(), jonas.participant_id, "Sneaking in")
    assert not stage.document.edit("Record", Edit.of(upsert=[direct]))
    assert stage.document.undo_stack.count() == 0


def test_without_a_leader_the_stage_asks_for_one_and_leads_to_setup(qtbot, sqlite_url):
    stage = _stage(qtbot, sqlite_url, leader=False)
    assert stage.no_leader.isVisible()
    assert "Nobody holds the manager / leader role" in stage.no_leader_banner.text()
    assert all(not card.editor.isEnabled() for card in stage.cards.values())
    with qtbot.waitSignal(stage.navigate_requested) as navigate:
        qtbot.mouseClick(stage.setup_button, Qt.MouseButton.LeftButton)
    assert navigate.args == [Stage.SETUP, ""]


def test_private_notes_are_marked_saved_on_leaving_and_never_projected(qtbot, sqlite_url):
    stage = _stage(qtbot, sqlite_url, statements=True)
    assert "never exported, never on the projector" in stage.private_marking.text()
    stage.note_about.setCurrentIndex(stage.note_about.findText("Jonas Weber"))
    assert stage.note_edit.toPlainText().startswith("PRIVATE: Jonas went quiet")
    stage.note_about.setCurrentIndex(0)
    stage.note_edit.setFocus()
    qtbot.keyClicks(stage.note_edit, "PRIVATE: ask Lena about the proxy dashboard")
    stage.order_view.setFocus()  # leaving the field saves it
    qtbot.waitUntil(lambda: stage.document.undo_stack.undoText() == "Edit private note")
    assert any(n.text.endswith("proxy dashboard") for n in stage.document.retro.private_notes.values())

    projector = stage.projector_view()
    qtbot.addWidget(projector)
    projector.show()
    assert isinstance(projector, AccountabilityProjector)
    shown = " ".join(projector.texts())
    assert "Daniel Okafor" in shown and "I approved raising the worker count" in shown
    assert "PRIVATE" not in shown
    assert not projector.findChildren(QPlainTextEdit)
    for widget in projector.findChildren(QWidget):
        assert "PRIVATE" not in (widget.accessibleName() + widget.toolTip())
        if isinstance(widget, QLabel):
            assert "PRIVATE" not in widget.text()


def test_the_projector_shows_whose_turn_it_is(qtbot, sqlite_url):
    stage = _stage(qtbot, sqlite_url, statements=True)
    projector = stage.projector_view()
    qtbot.addWidget(projector)
    assert projector.turn.text() == "Next to speak: Mara Lindqvist"  # the first who has not spoken
    stage.focus_target(_card(stage, "Priya Raman").participant_id)
    assert projector.turn.text() == "Now speaking: Priya Raman"
    assert stage.turn_label.text() == "Now speaking: Priya Raman"


def test_the_speaker_timer_counts_down_and_resets_for_the_next_speaker(qtbot, sqlite_url):
    stage = _stage(qtbot, sqlite_url, statements=True)
    projector = stage.projector_view()
    qtbot.addWidget(projector)
    timer = stage.timer
    assert timer.clock.text() == "3:00"
    qtbot.mouseClick(timer.start_button, Qt.MouseButton.LeftButton)
    assert timer.running and timer.start_button.text() == "Pause"
    for _ in range(190):
        timer.tick()
    assert timer.clock.text() == "-0:10"
    assert projector.clock.text() == "0:10 over"
    lena = _card(stage, "Lena Fischer")
    stage.focus_target(lena.participant_id)
    assert timer.clock.text() == "3:00" and not timer.running
    qtbot.mouseClick(timer.start_button, Qt.MouseButton.LeftButton)
    timer.tick()
    lena.editor.setPlainText("I will make the proxy's headroom visible.")
    lena.record()  # recording rebuilds the speaking order: the same speaker and clock carry on
    assert stage.current_speaker().participant.name == "Lena Fischer"
    assert timer.running and timer.clock.text() == "2:59"


def test_every_control_has_a_name_for_screen_readers(qtbot, sqlite_url):
    stage = _stage(qtbot, sqlite_url)
    assert unnamed_controls(stage) == []
    assert unnamed_controls(stage.projector_view()) == []


def test_an_emptied_statement_is_withdrawn_but_never_the_leaders_while_others_stand(qtbot, sqlite_url):
    stage = _stage(qtbot, sqlite_url, statements=True)
    leader, jonas = _card(stage, "Daniel Okafor"), _card(stage, "Jonas Weber")
    leader.editor.clear()
    with qtbot.waitSignal(stage.document.refused):
        leader.record()
    assert leader.speaker.has_spoken and "speaks first" in stage.problem_banner.text()
    assert leader.editor.toPlainText().startswith("I approved raising the worker count")
    jonas.editor.clear()
    jonas.record()
    assert stage.document.undo_stack.undoText() == "Withdraw Jonas Weber's statement"
    assert not _card(stage, "Jonas Weber").speaker.has_spoken


def _type_draft(qtbot, stage: AccountabilityStage, name: str, text: str) -> None:
    editor = _card(stage, name).editor
    editor.setFocus()
    qtbot.keyClicks(editor, text)


def _person(stage: AccountabilityStage, name: str) -> Participant:
    return next(p for p in stage.document.retro.people() if p.name == name)


def test_a_typed_statement_survives_changes_to_the_people_and_a_reload(qtbot, sqlite_url):
    stage = _stage(qtbot, sqlite_url)
    draft = "I pushed for the Friday deploy; I will change the freeze policy."
    _type_draft(qtbot, stage, "Daniel Okafor", draft)
    document = stage.document

    jonas = _person(stage, "Jonas Weber")  # the facilitator fixes a name in Setup
    assert document.edit("Rename", Edit.of(upsert=[replace(jonas, name="Jonas Weber-Lang")]))
    assert _card(stage, "Daniel Okafor").editor.toPlainText() == draft
    assert _card(stage, "Jonas Weber-Lang").editor.accessibleName() == "Statement of Jonas Weber-Lang"

    lena = _person(stage, "Lena Fischer")  # a role changes
    assert document.edit("Role", Edit.of(upsert=[replace(lena, roles=frozenset({Role.SCRIBE}))]))
    newcomer = Participant(new_id(), "Sam Ortiz", frozenset({Role.RESPONDER}), 99)
    assert document.edit("Add participant", Edit.of(upsert=[newcomer]))  # every card is rebuilt
    leader = _card(stage, "Daniel Okafor")
    assert leader.editor.toPlainText() == draft
    assert leader.editor.hasFocus()  # the person typing can carry on typing
    qtbot.keyClicks(leader.editor, " Soon.")
    assert _card(stage, "Daniel Okafor").editor.toPlainText() == draft + " Soon."

    document.reload()  # after a conflict: the whole retro is read again
    leader = _card(stage, "Daniel Okafor")
    assert leader.editor.toPlainText() == draft + " Soon."
    assert not document.retro.statements  # nothing was recorded behind the person's back
    qtbot.mouseClick(leader.record_button, Qt.MouseButton.LeftButton)
    assert [s.text for s in document.retro.statements.values()] == [draft + " Soon."]


def test_a_typed_statement_comes_back_with_its_person_on_undo(qtbot, sqlite_url):
    stage = _stage(qtbot, sqlite_url)
    assert stage.document.edit("Leader", Edit.of(upsert=[replace(_person(stage, "Jonas Weber"),
                                                                 roles=frozenset({Role.LEADER}))]))
    _type_draft(qtbot, stage, "Jonas Weber", "I restarted the pods.")
    stage.order_view.setFocus()
    assert stage.document.edit("Remove", Edit.of(remove=[_person(stage, "Jonas Weber")]))
    assert all(c.speaker.participant.name != "Jonas Weber" for c in stage.cards.values())
    stage.document.undo_stack.undo()
    assert _card(stage, "Jonas Weber").editor.toPlainText() == "I restarted the pods."


def test_commit_pending_records_typed_statements_leader_first_and_never_withdraws(qtbot, sqlite_url):
    stage = _stage(qtbot, sqlite_url, statements=True)
    document = stage.document
    mine = "I approved it; I will ask what else a setting controls."
    leader = _card(stage, "Daniel Okafor")
    leader.editor.setFocus()
    leader.editor.selectAll()
    qtbot.keyClicks(leader.editor, mine)
    _type_draft(qtbot, stage, "Priya Raman", "I paged the wrong team at first.")
    jonas = _card(stage, "Jonas Weber").editor
    jonas.setFocus()
    jonas.selectAll()
    qtbot.keyClick(jonas, Qt.Key.Key_Delete)  # emptied: not withdrawn by closing the window
    stage.note_edit.setPlainText("PRIVATE: check in with Priya")
    stage.note_edit.document().setModified(True)

    stage.commit_pending()

    by_name = {document.retro.participant_name(s.participant_id): s.text
               for s in document.retro.statements.values()}
    assert by_name["Daniel Okafor"] == mine
    assert by_name["Priya Raman"] == "I paged the wrong team at first."
    assert "Jonas Weber" in by_name
    assert any(n.text == "PRIVATE: check in with Priya" for n in document.retro.private_notes.values())
    assert _card(stage, "Daniel Okafor").draft() is None and _card(stage, "Priya Raman").draft() is None
    assert _card(stage, "Jonas Weber").editor.toPlainText() == ""  # still only typed, not acted on


def test_commit_pending_records_the_leaders_draft_before_the_others_it_unlocks(qtbot, sqlite_url):
    stage = _stage(qtbot, sqlite_url)
    document = stage.document
    _type_draft(qtbot, stage, "Daniel Okafor", "First words.")
    qtbot.mouseClick(_card(stage, "Daniel Okafor").record_button, Qt.MouseButton.LeftButton)
    _type_draft(qtbot, stage, "Jonas Weber", "I restarted the pods.")
    document.undo_stack.undo()  # the leader's statement is gone again: Jonas is locked, his text kept
    jonas = _card(stage, "Jonas Weber")
    assert jonas.locked and jonas.editor.toPlainText() == "I restarted the pods."
    _type_draft(qtbot, stage, "Daniel Okafor", "I approved the change.")

    stage.commit_pending()

    spoken = [(s.participant.name, s.statement.text) for s in stage.order_model.speakers() if s.statement]
    assert spoken == [("Daniel Okafor", "I approved the change."), ("Jonas Weber", "I restarted the pods.")]
    assert not stage.problem_banner.isVisible()


def test_commit_pending_keeps_a_draft_the_rule_refuses_and_says_why(qtbot, sqlite_url):
    stage = _stage(qtbot, sqlite_url)
    _type_draft(qtbot, stage, "Daniel Okafor", "First words.")
    qtbot.mouseClick(_card(stage, "Daniel Okafor").record_button, Qt.MouseButton.LeftButton)
    _type_draft(qtbot, stage, "Jonas Weber", "I restarted the pods.")
    stage.document.undo_stack.undo()

    stage.commit_pending()

    assert not stage.document.retro.statements
    assert _card(stage, "Jonas Weber").editor.toPlainText() == "I restarted the pods."
    assert "Jonas Weber" in stage.problem_banner.text() and LEADER_FIRST_REASON in stage.problem_banner.text()


def test_a_private_note_being_typed_survives_a_reload(qtbot, sqlite_url):
    stage = _stage(qtbot, sqlite_url)
    stage.note_edit.setFocus()
    qtbot.keyClicks(stage.note_edit, "PRIVATE: ask Lena how she is")
    stage.document.reload()
    assert stage.note_edit.toPlainText() == "PRIVATE: ask Lena how she is"
    stage.order_view.setFocus()
    qtbot.waitUntil(lambda: stage.document.undo_stack.undoText() == "Edit private note")
