"""What every stage of the workspace offers the window around it.

A stage is a working editor for one step of the retrospective (Setup, Timeline, …). The
workspace shows one at a time beside the navigator; the projector window mirrors it through
:meth:`StageView.projector_view`, which must never show private notes or facilitator controls.
"""

from __future__ import annotations

from dataclasses import fields
from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from retro.domain import Edit, Stage

from .document import RetroDocument
from .widgets.commit_edit import CommitOnLeaveEdit


class StageView(QWidget):
    """Base class of the stage editors."""

    stage: ClassVar[Stage]
    #: True when the stage tells the person about a refused edit itself (an inline banner), so the
    #: window shows no modal notice on top of it; the status bar message is shown either way.
    shows_refusals_inline: ClassVar[bool] = False

    #: The facilitator selected an entity (its key), so the projector can follow; "" for none.
    selection_changed = Signal(str)
    #: Ask the workspace to go to another stage and select an entity there ("" for none).
    navigate_requested = Signal(object, str)

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setAccessibleName(self.stage.label)
        if self.shows_refusals_inline:
            document.refused.connect(self._refused_while_shown)
        document.refused.connect(self._keep_refused_text)

    def _keep_refused_text(self, _message: str, edit: Edit) -> None:
        """A refused edit: every long-text field of this stage showing text it would have stored
        keeps that text, unsaved, through the refresh that puts back what is stored."""
        offered = {value.strip() for entity in edit.upsert for f in fields(entity)
                   if isinstance(value := getattr(entity, f.name), str) and value.strip()}
        if not offered:
            return
        for field in self.findChildren(CommitOnLeaveEdit):
            if field.toPlainText().strip() in offered:
                field.keep_as_unsaved()

    def _refused_while_shown(self, message: str, _edit: object) -> None:
        if self.isVisible():  # a stage the facilitator is not on says nothing
            self.show_refusal(message)

    def show_refusal(self, message: str) -> None:
        """Say inline that an edit was not saved (stages with :attr:`shows_refusals_inline`)."""

    def focus_target(self, target_id: str) -> None:
        """Select and reveal the entity ``target_id`` (from a readiness finding). Default: nothing."""

    def projector_view(self) -> QWidget | None:
        """A new widget mirroring this stage in large type for the projector, or None for a title card.

        It follows the document and :attr:`selection_changed` by itself, and never shows private
        notes or controls.
        """
        return None
