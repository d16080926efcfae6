"""The projector's meeting aids (issue 11): the parking lot strip and the ELMO notice.

The strip along the bottom shows the topics still parked, on every stage, so the room sees its
side-tracks were heard. The ELMO notice ("Enough, let's move on") covers the stage for a few
seconds when the facilitator asks for it. Neither holds a control; both show only what the room
typed into the parking lot (never a private note).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from retro.domain import Changes, ParkingItem, ParkingResolution

from ..document import RetroDocument

#: How long the ELMO notice stays up.
ELMO_SECONDS = 6
#: How many parked topics the strip lists before "… and N more".
SHOWN_TOPICS = 3


class ParkingStrip(QWidget):
    """"Parking lot · 2 open: • Who owns the proxy? • Vendor retries" along the projector's foot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProjectorParking")
        self.setAccessibleName("Parking lot on the projector")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.label = QLabel()
        self.label.setObjectName("ProjectorParkingText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # what was typed, never markup
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.label)
        self.document: RetroDocument | None = None
        self.hide()

    def set_document(self, document: RetroDocument | None) -> None:
        if document is self.document:
            self.refresh()
            return
        if self.document is not None:
            self.document.changed.disconnect(self._changed)
            self.document.reloaded.disconnect(self.refresh)
        self.document = document
        if document is not None:
            document.changed.connect(self._changed)
            document.reloaded.connect(self.refresh)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.touches(ParkingItem):
            self.refresh()

    def topics(self) -> list[str]:
        if self.document is None:
            return []
        return [p.text for p in self.document.retro.parking_list() if p.resolution is ParkingResolution.OPEN]

    def refresh(self) -> None:
        topics = self.topics()
        if not topics:
            self.label.setText("")
            self.hide()
            return
        shown = "   ".join(f"• {_short(t)}" for t in topics[:SHOWN_TOPICS])
        more = f"   … and {len(topics) - SHOWN_TOPICS} more" if len(topics) > SHOWN_TOPICS else ""
        self.label.setText(f"Parking lot · {len(topics)} open:   {shown}{more}")
        self.show()


class ElmoNotice(QFrame):
    """The ELMO card over the projector's stage, for :data:`ELMO_SECONDS` seconds."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("ProjectorElmo")
        self.setAccessibleName("ELMO: enough, let's move on")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.heading = QLabel("ELMO\nEnough, let's move on")
        self.heading.setObjectName("ProjectorElmoHeading")
        self.topic = QLabel()
        self.topic.setObjectName("ProjectorElmoTopic")
        for label in (self.heading, self.topic):
            label.setTextFormat(Qt.TextFormat.PlainText)  # a topic as typed, never markup
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.topic)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        host.installEventFilter(self)
        self.hide()

    def text(self) -> str:
        """What the card says (heading, then the topic line)."""
        return f"{self.heading.text()}\n\n{self.topic.text()}"

    def show_notice(self, topic: str = "", seconds: int = ELMO_SECONDS) -> None:
        self.topic.setText(f"Parking it for later: {_short(topic, 90)}" if topic.strip()
                           else "We park it and come back to it.")
        self.show()
        self._fit()
        self.raise_()
        self.timer.start(seconds * 1000)

    def _fit(self) -> None:
        host, layout = self.parentWidget(), self.layout()
        if host is not None and layout is not None:
            w, h = host.width(), host.height()
            width = w * 8 // 10
            height = min(h * 9 // 10, max(h // 3, layout.heightForWidth(width)))
            self.setGeometry((w - width) // 2, (h - height) // 2, width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False


class MeetingAids:
    """The strip and the notice, attached to the projector window's layout."""

    def __init__(self, window: QWidget, layout: QVBoxLayout) -> None:
        self.parking = ParkingStrip(window)
        layout.addWidget(self.parking)
        self.elmo = ElmoNotice(window)

    def set_document(self, document: RetroDocument | None) -> None:
        self.parking.set_document(document)

    def show_elmo(self, topic: str = "") -> None:
        self.elmo.show_notice(topic)


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
