"""Accountability: the manager / leader speaks first, then anyone who wants to.

Each participant has a statement editor. Until a leader has recorded a statement, everyone
else's editor is locked and says why (:func:`retro.domain.lock_reason`); the store refuses such
a statement too, so the rule holds even if this screen were bypassed. Nobody is asked to speak:
other statements are optional. The facilitator's private notes sit at the bottom, marked as
never exported and never projected.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from retro.domain import AccountabilityStatement, Changes, Edit, Participant, PrivateNote, Stage, new_id
from retro.domain.accountability import NO_LEADER_REASON
from retro.domain.speakers import Speaker, next_speaker
from ui.document import RetroDocument
from ui.models.speakers_model import PARTICIPANT_ID_ROLE, SpeakingOrderModel
from ui.projector.stage_views import AccountabilityProjector
from ui.stage_base import StageView
from ui.stages.statement_card import Draft, StatementCard
from ui.widgets.banner import Banner, Tone
from ui.widgets.colours import PRIVATE
from ui.widgets.commit_edit import CommitOnLeaveEdit
from ui.widgets.speaker_timer import SpeakerTimer

PRIVATE_MARKING = "Private — never exported, never on the projector"


class AccountabilityStage(StageView):
    """The accountability editor."""

    stage = Stage.ACCOUNTABILITY
    shows_refusals_inline = True

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.order_model = SpeakingOrderModel(document, self)
        self.cards: dict[str, StatementCard] = {}
        #: Drafts of people no longer in the retro, kept in case they come back (an undone removal).
        self._parked_drafts: dict[str, Draft] = {}
        self._build()
        self._speaker_id = ""  # whose turn the facilitator chose; survives the list being rebuilt
        self.order_model.modelReset.connect(self._refresh)
        self.order_model.modelReset.connect(self._restore_current)
        document.changed.connect(self._on_changed)
        document.reloaded.connect(self._rebuild_cards)
        self._rebuild_cards()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.no_leader = QFrame()
        self.no_leader.setAccessibleName("Nobody holds the manager / leader role")
        self.no_leader_banner = Banner(Tone.WARNING, NO_LEADER_REASON, name="No manager / leader")
        self.setup_button = QPushButton("Go to Setup ▸ Participants")
        self.setup_button.setAccessibleName("Go to Setup to give someone the leader role")
        self.setup_button.clicked.connect(lambda: self.navigate_requested.emit(Stage.SETUP, ""))
        row = QHBoxLayout(self.no_leader)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.no_leader_banner, 1)
        row.addWidget(self.setup_button)
        self.turn_label = QLabel()
        self.turn_label.setTextFormat(Qt.TextFormat.PlainText)  # it holds a name
        self.turn_label.setAccessibleName("Whose turn it is")
        self.turn_label.setStyleSheet("font-size: 13pt;")
        self.turn_label.setWordWrap(True)  # never wider than a laptop's window
        self.timer = SpeakerTimer()
        top = QHBoxLayout()
        top.addWidget(self.turn_label, 1)
        top.addWidget(self.timer)

        self.order_view = QListView()
        self.order_view.setAccessibleName("Speaking order")
        self.order_view.setModel(self.order_model)
        self.order_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.order_view.setWordWrap(True)
        self.order_view.setSpacing(3)
        self.order_view.selectionModel().currentChanged.connect(self._on_current)
        self.order_view.activated.connect(self._focus_card)
        order_box = QGroupBox("Speaking order")
        order_layout = QVBoxLayout(order_box)
        hint = QLabel("The manager / leader speaks first. Everyone else may add a reflection; nobody is asked to.")
        hint.setWordWrap(True)
        order_layout.addWidget(hint)
        order_layout.addWidget(self.order_view, 1)

        self.cards_host = QWidget()
        self.cards_layout = QVBoxLayout(self.cards_host)
        self.cards_layout.addStretch(1)
        self.statements_scroll = QScrollArea()
        self.statements_scroll.setWidgetResizable(True)
        self.statements_scroll.setWidget(self.cards_host)
        self.statements_scroll.setAccessibleName("Statements")

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(order_box)
        splitter.addWidget(self.statements_scroll)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 1200])
        splitter.setChildrenCollapsible(False)

        self.problem_banner = Banner(Tone.ERROR, name="Accountability problem")
        layout = QVBoxLayout(self)
        layout.addWidget(self.no_leader)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problem_banner)
        layout.addWidget(self._build_private_notes())

    def _build_private_notes(self) -> QWidget:
        box = QGroupBox("Facilitator's private notes")
        box.setObjectName("privateNotes")
        box.setAccessibleName("Facilitator's private notes (private, never exported)")
        box.setStyleSheet(
            "QGroupBox#privateNotes { background: rgba(155, 123, 208, 0.10);"
            f" border: 2px dashed {PRIVATE}; border-radius: 6px;"
            " margin-top: 14px; padding-top: 8px; }"
            f"QGroupBox#privateNotes::title {{ subcontrol-origin: margin; left: 10px; color: {PRIVATE}; font-weight: bold; }}"
        )
        self.private_marking = Banner(Tone.PRIVATE, PRIVATE_MARKING, name="Private notes marking")
        self.note_about = QComboBox()
        self.note_about.setAccessibleName("Private note about")
        self.note_about.currentIndexChanged.connect(self._switch_note)
        self.note_edit = CommitOnLeaveEdit(
            "Private note (never exported, never projected)",
            "Coaching notes for yourself: who to check in with, what to follow up.",
        )
        self.note_edit.left.connect(self.save_note)
        self.note_edit.setFixedHeight(72)
        head = QHBoxLayout()
        head.addWidget(self.private_marking, 1)
        head.addWidget(QLabel("About:"))
        head.addWidget(self.note_about)
        layout = QVBoxLayout(box)
        layout.addLayout(head)
        layout.addWidget(self.note_edit)
        return box

    # -- following the document --------------------------------------------------------------

    def drafts(self) -> dict[str, Draft]:
        """Statements typed and not recorded yet, by participant id (also of people removed since)."""
        drafts = dict(self._parked_drafts)
        for participant_id, card in self.cards.items():
            draft = card.draft()
            if draft is not None:
                drafts[participant_id] = draft
        return drafts

    def _rebuild_cards(self) -> None:
        """New cards for the people in the retro; what was typed and not recorded is carried over."""
        drafts = self.drafts()
        focused = next((pid for pid, card in self.cards.items() if card.editor.hasFocus()), "")
        for card in self.cards.values():
            card.setParent(None)
            card.deleteLater()
        self.cards = {}
        for speaker in self.order_model.speakers():
            card = StatementCard(speaker, self.record_statement)
            self.cards[speaker.participant.id] = card
            self.cards_layout.insertWidget(self.cards_layout.count() - 1, card)
            draft = drafts.pop(speaker.participant.id, None)
            if draft is not None:
                card.restore_draft(draft)
        self._parked_drafts = drafts
        self._refresh_note_people()
        self._refresh()
        card = self.cards.get(focused)
        if card is not None and card.editor.isEnabled():
            card.editor.setFocus()  # the person typing keeps typing where they were

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Participant):
            # The speaking order model has already refreshed the cards (and rebuilt them if people
            # came or went); names and roles are updated in place, so typing is not interrupted.
            self._refresh_note_people()
        elif changes.touches(PrivateNote) and not self.note_edit.hasFocus():
            self._load_note()

    def _refresh(self) -> None:
        speakers = self.order_model.speakers()
        if set(self.cards) != {s.participant.id for s in speakers}:
            self._rebuild_cards()
            return
        for position, speaker in enumerate(speakers):
            card = self.cards[speaker.participant.id]
            card.update_from(speaker)
            self.cards_layout.removeWidget(card)
            self.cards_layout.insertWidget(position, card)
        self.no_leader.setVisible(not self.document.retro.leaders())
        self.turn_label.setText(self._turn_text(speakers))

    def _turn_text(self, speakers: list[Speaker]) -> str:
        chosen = self.current_speaker()
        if chosen is not None:
            return f"Now speaking: {chosen.participant.name}"
        if not speakers:
            return "Add the participants in Setup first."
        upcoming = next_speaker(speakers)
        if upcoming is None:
            if not self.document.retro.leaders():
                return "Waiting for a manager / leader."
            return "Everyone who wished to has spoken."
        return f"Next to speak: {upcoming.participant.name} (choose them in the speaking order)"

    def current_speaker(self) -> Speaker | None:
        index = self.order_view.currentIndex()
        if not index.isValid():
            return None
        return self.order_model.speakers()[index.row()]

    def _restore_current(self) -> None:
        """After the list is rebuilt (a statement recorded), keep the same person chosen."""
        row = self.order_model.row_of(self._speaker_id) if self._speaker_id else -1
        if row >= 0:
            self.order_view.setCurrentIndex(self.order_model.index(row, 0))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        participant_id = str(current.data(PARTICIPANT_ID_ROLE) or "")
        if not participant_id:
            return  # the list is being rebuilt; _restore_current chooses the same person again
        if participant_id != self._speaker_id:
            self.timer.reset()  # a new speaker starts with the full time
        self._speaker_id = participant_id
        self.turn_label.setText(self._turn_text(self.order_model.speakers()))
        card = self.cards.get(participant_id)
        if card is not None:
            self.statements_scroll.ensureWidgetVisible(card)
        self.selection_changed.emit(participant_id)

    def _focus_card(self, index: QModelIndex) -> None:
        card = self.cards.get(str(index.data(PARTICIPANT_ID_ROLE) or ""))
        if card is not None and card.editor.isEnabled():
            card.editor.setFocus()

    def focus_target(self, target_id: str) -> None:
        row = self.order_model.row_of(target_id)
        if row >= 0:
            self.order_view.setCurrentIndex(self.order_model.index(row, 0))
        elif self.order_model.rowCount():
            self.order_view.setCurrentIndex(self.order_model.index(0, 0))

    # -- edits -------------------------------------------------------------------------------

    def record_statement(self, participant_id: str, text: str) -> bool:
        """Record or update ``participant_id``'s statement as one undo step."""
        text = text.strip()
        retro = self.document.retro
        name = retro.participant_name(participant_id) or "this participant"
        existing = next((s for s in retro.speaking_order() if s.participant_id == participant_id), None)
        if not text and existing is None:
            self._show_problem(f"Write {name}'s statement first.")
            return False
        if existing is not None and not text:  # emptied: withdrawn (the leader's only if they are alone)
            ok = self.document.edit(f"Withdraw {name}'s statement", Edit.of(remove=[existing]))
            card = self.cards.get(participant_id)
            if not ok and card is not None:  # refused: show what still stands
                card.editor.setPlainText(existing.text)
        elif existing is not None:
            if existing.text == text:
                return True
            ok = self.document.edit(f"Edit {name}'s statement", Edit.of(upsert=[replace(existing, text=text)]))
        else:
            statement = AccountabilityStatement(new_id(), participant_id, text)
            ok = self.document.edit(f"Record {name}'s statement", Edit.of(upsert=[statement]))
        if ok:
            self.problem_banner.show_text("")
        return ok

    def commit_pending(self) -> None:
        """Keep what was typed and not recorded (the window is closing or the retro is closed).

        A typed statement is recorded, one undo step each, in speaking order so that the
        leader's draft is recorded before the others it unlocks. An emptied editor never
        withdraws a recorded statement here: withdrawing takes the person's own click. A draft the
        rule still refuses (the leader has not spoken) stays in its editor, with the reason in the
        problem banner. The private note being typed is saved as well.
        """
        self.save_note()
        drafts = self.drafts()
        for speaker in self.order_model.speakers():  # the leader first: their record unlocks others
            participant_id = speaker.participant.id
            draft = drafts.get(participant_id)
            card = self.cards.get(participant_id)
            if draft is None or not draft.text.strip() or card is None or card.locked:
                continue
            if self.record_statement(participant_id, draft.text):
                recorded = self.cards.get(participant_id)
                if recorded is not None:
                    recorded.editor.document().setModified(False)
        refused = [card for card in self.cards.values()
                   if card.locked and (card.draft() or Draft("", 0)).text.strip()]
        if refused:
            names = ", ".join(card.speaker.participant.name for card in refused)
            self._show_problem(f"Not recorded yet ({names}): {refused[0].speaker.lock_reason}")

    def _refresh_note_people(self) -> None:
        current = self.note_about.currentData()
        self.note_about.blockSignals(True)
        self.note_about.clear()
        self.note_about.addItem("General", "")
        for person in self.document.retro.people():
            self.note_about.addItem(person.name, person.id)
        self.note_about.setCurrentIndex(max(self.note_about.findData(current), 0))
        self.note_about.blockSignals(False)
        same_person = str(self.note_about.currentData() or "") == getattr(self, "_note_about_id", None)
        if not (same_person and self.note_edit.document().isModified()):
            self._load_note()  # a note being typed about the same person is kept

    def _note(self, participant_id: str) -> PrivateNote | None:
        notes = self.document.retro.private_notes.values()
        return next((n for n in notes if (n.participant_id or "") == participant_id), None)

    def _switch_note(self) -> None:
        self.save_note()  # what was typed about the previous person is kept
        self._load_note()

    def _load_note(self) -> None:
        note = self._note(str(self.note_about.currentData() or ""))
        self._note_about_id = str(self.note_about.currentData() or "")
        self.note_edit.setPlainText(note.text if note else "")
        self.note_edit.document().setModified(False)

    def save_note(self) -> bool:
        """Store the private note being edited (one undo step), if it changed."""
        if not self.note_edit.document().isModified():
            return True
        about = getattr(self, "_note_about_id", "")
        text = self.note_edit.toPlainText()
        note = self._note(about)
        if note is None and not text.strip():
            return True
        now = datetime.now(UTC)
        if note is None:
            note = PrivateNote(new_id(), text, about or None, now)
        else:
            note = replace(note, text=text, updated_at=now)
        ok = self.document.edit("Edit private note", Edit.of(upsert=[note]))
        if ok:
            self.note_edit.document().setModified(False)
        return ok

    # -- messages ----------------------------------------------------------------------------

    def _show_problem(self, message: str) -> None:
        self.problem_banner.show_text(message)

    def show_refusal(self, message: str) -> None:
        self._show_problem(f"Not saved: {message}")

    # -- projector ---------------------------------------------------------------------------

    def projector_view(self) -> QWidget:
        view = AccountabilityProjector(self.document)
        self.selection_changed.connect(view.follow)
        self.timer.ticked.connect(view.show_clock)
        current = self.current_speaker()
        view.follow(current.participant.id if current else "")
        return view
