"""Each stage's editor, made on first visit; a placeholder where one cannot start.

A broken stage must not take the meeting down: its editor is replaced by a
:class:`StagePlaceholder` saying why, and the other stages carry on.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from retro.domain import Stage

from ..document import RetroDocument
from ..stages import stage_view_class

log = logging.getLogger(__name__)


class StagePlaceholder(QLabel):
    """Shown where a stage's editor is not available (not built yet, or it failed to start)."""

    def __init__(self, stage: Stage, why: str) -> None:
        super().__init__(f"The {stage.label} stage is not available yet.\n\n{why}")
        self.stage = stage
        self.setObjectName("Placeholder")
        self.setAccessibleName(f"{stage.label} (not available)")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)


def make_stage_editor(stage: Stage, document: RetroDocument) -> QWidget:
    """``stage``'s editor on ``document`` (a StageView), or a placeholder saying why not."""
    try:
        cls = stage_view_class(stage)
    except (ImportError, AttributeError) as exc:
        return StagePlaceholder(stage, f"({exc.__class__.__name__}: {exc})")
    try:
        return cls(document)
    except Exception as exc:  # a broken stage must not take the meeting down
        log.exception("The %s stage failed to start", stage.label)
        return StagePlaceholder(stage, f"It failed to start: {exc}")


def room_topic(view: QWidget | None) -> str:
    """What the room is on in ``view``, when the stage knows (the selected factor, event …), else ""."""
    topic = getattr(view, "current_topic", None)  # Factors: the selected factor's title
    if callable(topic):
        return str(topic() or "")
    event = getattr(view, "current_event", None)  # Timeline: the selected event
    if callable(event) and (current := event()) is not None:
        return str(current.text)
    actions = getattr(view, "selected_actions", None)  # Actions: the selected action
    if callable(actions) and (chosen := actions()):
        return str(chosen[0].title)
    return ""
