"""The projector window: a second top-level window mirroring the current stage for the room.

High contrast and very large type, readable from the back row. It shows the stage's name, the
time box countdown and the stage's own :meth:`~ui.stage_base.StageView.projector_view` (or a
title card), replaced on every navigation. It never shows private notes or facilitator controls:
it only ever holds what ``projector_view`` builds, and that contract is tested by walking the
widget tree. With a second screen attached it goes full screen there, and it follows screens
being plugged in and unplugged (:mod:`ui.projector.screens`).

Its text sizes follow its own size (:func:`~ui.theme.projector_text_pixels`): the style sheet is
worked out again whenever a resize changes the body text size, and a content widget with a
``set_text_pixels(int)`` method (the graph, its legend) is told the new size too.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from retro.domain import Stage

from ..stage_base import StageView
from ..theme import projector_stylesheet, projector_text_pixels
from ..widgets.timebox import countdown_text
from .parking_view import MeetingAids
from .screens import projector_screen

log = logging.getLogger(__name__)

#: What the room sees for a stage without its own projector view.
TITLE_CARD_TEXT: dict[Stage, str] = {
    Stage.SETUP: "What happened, when, and who is in the room.",
    Stage.GROUND_RULES: "Hard on systems, soft on people.",
    Stage.TIMELINE: "What happened, in order — and how do we know?",
    Stage.FACTORS: "What made this possible? Many factors, not one cause.",
    Stage.ACCOUNTABILITY: "The leader speaks first.",
    Stage.ACTIONS: "What will we change, who owns it, and by when?",
    Stage.REVIEW: "Are we ready to share what we learned?",
}


class ProjectorWindow(QWidget):
    """The room's view of the retrospective."""

    #: The window was closed by the person at the projector (Esc or the window manager).
    closed = Signal()
    #: The body text size changed (pixels), after a resize or a move to another screen.
    text_size_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("Projector")
        self.setWindowTitle("Blameless Retro — Projector")
        self.setAccessibleName("Projector view")
        self.text_pixels = projector_text_pixels(1280, 720)
        self.setStyleSheet(projector_stylesheet(self.text_pixels))
        self._facilitator_screen: QScreen | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.stage: Stage | None = None
        self.stage_label = QLabel()
        self.stage_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stage_label.setObjectName("ProjectorStage")
        self.incident_label = QLabel()
        self.incident_label.setTextFormat(Qt.TextFormat.PlainText)  # the title as typed, never markup
        self.incident_label.setObjectName("ProjectorIncident")
        self.incident_label.setWordWrap(True)
        self.countdown = QLabel()
        self.countdown.setObjectName("ProjectorCountdown")
        self.countdown.setAccessibleName("Time box countdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.stage_label)
        titles.addWidget(self.incident_label)
        top = QHBoxLayout()
        top.addLayout(titles, 1)
        top.addWidget(self.countdown, 0, Qt.AlignmentFlag.AlignTop)
        self.content: QWidget = QWidget()
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(top)
        self._layout.addWidget(self.content, 1)
        # The parking lot strip and the ELMO notice (issue 11): ui/projector/parking_view.py.
        self.meeting_aids = MeetingAids(self, self._layout)
        self._apply_text_size(self.text_pixels, force=True)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self._screens_changed)
            app.screenRemoved.connect(self._screens_changed)

    # -- sizes that follow the window --------------------------------------------------------

    def _apply_text_size(self, pixels: int, *, force: bool = False) -> None:
        if pixels == self.text_pixels and not force:
            return
        self.text_pixels = pixels
        self.setStyleSheet(projector_stylesheet(pixels))
        # margins and gaps in the same unit as the text, so a 4K screen is a larger 720p screen
        self._layout.setContentsMargins(pixels, round(pixels * 0.6), pixels, round(pixels * 0.6))
        self._layout.setSpacing(round(pixels * 0.6))
        self._tell_content()
        self.text_size_changed.emit(pixels)

    def _tell_content(self) -> None:
        resize_text = getattr(self.content, "set_text_pixels", None)
        if callable(resize_text):
            resize_text(self.text_pixels)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._apply_text_size(projector_text_pixels(event.size().width(), event.size().height()))
        super().resizeEvent(event)

    # -- what it shows -----------------------------------------------------------------------

    def show_stage(self, stage: Stage, view: QWidget | None, incident_title: str = "") -> None:
        """Mirror ``stage``: its projector view when it has one, else a title card."""
        self.stage = stage
        self.stage_label.setText(stage.label)
        self.incident_label.setText(incident_title)
        mirror: QWidget | None = None
        if isinstance(view, StageView):
            try:
                mirror = view.projector_view()
            except Exception:  # a broken mirror must not take the meeting down: show the title card
                log.exception("The %s stage could not build its projector view", stage.label)
        if mirror is None:
            mirror = self._card(stage.label, TITLE_CARD_TEXT[stage])
        self._replace_content(mirror)

    def _replace_content(self, mirror: QWidget) -> None:
        mirror.setParent(self)
        self._layout.replaceWidget(self.content, mirror)
        self.content.hide()
        self.content.deleteLater()
        self.content = mirror
        self._tell_content()
        mirror.show()

    def show_idle(self) -> None:
        """No retro is open: a calm title card."""
        self.stage = None
        self.stage_label.setText("Blameless retrospective")
        self.incident_label.setText("")
        self.countdown.setText("")
        self._replace_content(self._card("Welcome", "Hard on systems, soft on people."))

    def set_incident_title(self, title: str) -> None:
        self.incident_label.setText(title)

    def show_clock(self, remaining: int, total: int, running: bool) -> None:
        self.countdown.setText(countdown_text(remaining) if total or remaining else "")
        over = remaining < 0
        if self.countdown.property("overtime") != over:
            self.countdown.setProperty("overtime", over)
            self.countdown.style().unpolish(self.countdown)
            self.countdown.style().polish(self.countdown)

    def _card(self, heading: str, text: str) -> QWidget:
        card = QWidget()
        layout = QVBoxLayout(card)
        layout.addStretch(1)
        title = QLabel(heading)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setObjectName("ProjectorTitleCard")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(text)
        subtitle.setTextFormat(Qt.TextFormat.PlainText)
        subtitle.setObjectName("ProjectorSubtitle")
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addStretch(2)
        return card

    # -- where it shows ----------------------------------------------------------------------

    def present(self, facilitator_screen: QScreen | None = None) -> None:
        """Full screen on another screen when one is attached; else a large window here."""
        self._facilitator_screen = facilitator_screen
        other = projector_screen(QGuiApplication.screens(), facilitator_screen, QGuiApplication.primaryScreen())
        if other is not None:
            if self.isFullScreen() and self.screen() is other:
                return
            self.setScreen(other)
            self.setGeometry(other.geometry())
            self.showFullScreen()
        else:
            here = facilitator_screen or QGuiApplication.primaryScreen()
            if self.isFullScreen() or not self.isVisible():
                self.showNormal()
                self.resize(1280, 720)
                if here is not None:  # on the facilitator's screen, inside it
                    area = here.availableGeometry()
                    self.resize(min(1280, area.width()), min(720, area.height()))
                    self.move(area.center() - self.rect().center())
            self.show()
        if QGuiApplication.platformName() != "offscreen":
            self.raise_()

    def _screens_changed(self, *_screen: QScreen) -> None:
        """A screen was plugged in or unplugged: go full screen on the new one, or come back here."""
        if self.isVisible():  # once Qt has moved windows off a screen that went away
            QTimer.singleShot(0, self, self.follow_screens)

    def follow_screens(self) -> None:
        """Show the window where :meth:`present` would, with the screens attached now."""
        if not self.isVisible():
            return
        facilitator = self._facilitator_screen
        self.present(facilitator if facilitator in QGuiApplication.screens() else None)

    def set_frameless(self, frameless: bool) -> None:
        """Without the window frame (a clean picture when the projector shares this screen)."""
        visible = self.isVisible()
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, frameless)
        if visible:
            self.show()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)
