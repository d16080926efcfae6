"""The graph close up, for the room: one factor with what contributed to it and what it led to.

The whole graph on a 720p projector draws card text at a size nobody past the second row can
read. Focus mode shows only the facilitator's selected factor (or the impact), its direct causes
in a column on the left and its direct effects on the right, as cards in the projector's own
text size (24 px at 1280×720), laid out by the widgets rather than zoomed, so the text wraps to
the room it has and is never smaller. When one side has more cards than the screen holds, the
last ones are summed up as "… and N more".
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from retro.domain import Changes

from ..document import RetroDocument
from .palette import CATEGORY_COLOURS, PROJECTOR, text_colour_on

#: The selected card's title is this much larger than the others'.
CURRENT_SCALE = 1.3


class FocusCard(QFrame):
    """One card: a band naming its category in its colour, and the title in large bold type."""

    def __init__(self, band: str, colour: str, title: str, *, current: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FocusCard")
        self.setProperty("current", current)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.band = QLabel(band)
        self.band.setObjectName("FocusBand")
        self.band.setTextFormat(Qt.TextFormat.PlainText)
        self.band.setStyleSheet(f"background: {colour}; color: {text_colour_on(QColor(colour)).name()};")
        self.title = QLabel(title)
        self.title.setObjectName("FocusCurrentTitle" if current else "FocusTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # titles are shown as typed
        self.title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.band)
        layout.addWidget(self.title)


class FocusPanel(QWidget):
    """The followed factor in the middle, its causes on the left and its effects on the right."""

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FocusPanel")
        self.setAccessibleName("The selected factor close up, with its causes and effects")
        self.document = document
        self.node_id = ""
        self.text_pixels = 24
        self.cards: list[FocusCard] = []
        self.causes = QVBoxLayout()
        self.centre = QVBoxLayout()
        self.effects = QVBoxLayout()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self._arrows = [QLabel("→"), QLabel("→")]
        for arrow in self._arrows:
            arrow.setObjectName("FocusArrow")
            arrow.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addLayout(self.causes, 10)
        row.addWidget(self._arrows[0])
        row.addLayout(self.centre, 8)
        row.addWidget(self._arrows[1])
        row.addLayout(self.effects, 10)
        self._row = row
        document.changed.connect(self._on_changed)
        document.reloaded.connect(self.rebuild)
        self._restyle()

    def show_node(self, node_id: str) -> None:
        self.node_id = node_id
        self.rebuild()

    def set_text_pixels(self, pixels: int) -> None:
        if pixels != self.text_pixels:
            self.text_pixels = pixels
            self._restyle()
            self.rebuild()

    def _restyle(self) -> None:
        px = self.text_pixels
        pad = max(4, round(px * 0.4))
        self._row.setSpacing(round(px * 0.6))
        for column in (self.causes, self.centre, self.effects):
            column.setSpacing(round(px * 0.5))
        self.setStyleSheet(
            f"QFrame#FocusCard {{ background: {PROJECTOR.card_fill}; border: 2px solid {PROJECTOR.card_border};"
            f" border-radius: {pad}px; }}"
            f"QFrame#FocusCard[current=\"true\"] {{ border: {max(3, px // 6)}px solid {PROJECTOR.selection}; }}"
            f"QLabel#FocusBand {{ font-size: {round(px * 0.8)}px; font-weight: 700; padding: 2px {pad}px;"
            f" border-top-left-radius: {pad}px; border-top-right-radius: {pad}px; }}"
            f"QLabel#FocusTitle, QLabel#FocusCurrentTitle {{ color: {PROJECTOR.card_text};"
            f" background: transparent; font-weight: 700; padding: {pad}px; }}"
            f"QLabel#FocusTitle {{ font-size: {px}px; }}"
            f"QLabel#FocusCurrentTitle {{ font-size: {round(px * CURRENT_SCALE)}px; }}"
            f"QLabel#FocusArrow {{ font-size: {round(px * 1.6)}px; font-weight: 700; color: {PROJECTOR.arrow}; }}"
            f"QLabel#FocusHeading, QLabel#FocusMore {{ font-size: {px}px; color: #C8C8C8; }}"
        )

    def _on_changed(self, changes: Changes) -> None:
        if changes.kinds() & {"Factor", "Impact", "FactorLink"}:
            self.rebuild()

    def _card(self, node_id: str, *, current: bool = False) -> FocusCard | None:
        retro = self.document.retro
        factor = retro.factors.get(node_id)
        if factor is not None:
            return FocusCard(factor.category.label, CATEGORY_COLOURS[factor.category], factor.title, current=current, parent=self)
        impact = retro.impacts.get(node_id)
        if impact is not None:
            return FocusCard("Impact", PROJECTOR.impact_border, impact.title, current=current, parent=self)
        return None

    def _column_width(self) -> int:
        spacing = self._row.spacing()
        arrows = sum(a.sizeHint().width() for a in self._arrows)
        return max(100, (self.width() - arrows - 4 * spacing) * 10 // 28)

    def _room(self, heading: QLabel, cards: list[FocusCard], more: QLabel) -> int:
        """How many of ``cards`` fit one under another in the panel's height, with the heading (and "more")."""
        width = self._column_width()
        spacing = self.causes.spacing()
        left = self.height() - heading.heightForWidth(width) - spacing
        for shown, card in enumerate(cards):
            need = card.heightForWidth(width) + spacing
            rest = len(cards) - shown - 1
            if need + (more.sizeHint().height() + spacing if rest else 0) > left:
                return shown
            left -= need
        return len(cards)

    def rebuild(self) -> None:
        """Cards for the followed node and its direct causes and effects, as they are now."""
        for column in (self.causes, self.centre, self.effects):
            while column.count():
                item = column.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        self.cards = []
        retro = self.document.retro
        current = self._card(self.node_id, current=True)
        if current is None:
            return
        causes = [link.cause_id for link in retro.links.values() if link.effect_id == self.node_id]
        effects = [link.effect_id for link in retro.links.values() if link.cause_id == self.node_id]
        for column, heading, ids in ((self.causes, "What contributed", causes),
                                     (self.effects, "What it led to", effects)):
            title = QLabel(f"{heading} ({len(ids)})" if ids else f"{heading}: nothing yet", self)
            title.setObjectName("FocusHeading")
            title.setWordWrap(True)
            column.addWidget(title)
            side = [card for card in (self._card(node_id) for node_id in ids) if card is not None]
            more = QLabel(self)  # made inside the panel, so its style sheet sizes it when measured
            more.setObjectName("FocusMore")
            for card in side:
                card.ensurePolished()
                card.title.ensurePolished()
            title.ensurePolished()
            more.setText("… and 99 more")
            more.ensurePolished()
            room = self._room(title, side, more) if self.height() else len(side)
            for card in side[:room]:
                self.cards.append(card)
                column.addWidget(card)
            for card in side[room:]:
                card.deleteLater()
            if room < len(side):
                more.setText(f"… and {len(side) - room} more")
                column.addWidget(more)
            else:
                more.deleteLater()
            column.addStretch(1)
        self.centre.addStretch(1)
        self.centre.addWidget(current)
        self.centre.addStretch(1)
        self.cards.insert(0, current)
        for arrow, ids in zip(self._arrows, (causes, effects), strict=True):
            arrow.setVisible(bool(ids))

    def minimumSizeHint(self) -> QSize:
        """Small: the panel fits its cards to the room it is given, never the other way round."""
        return QSize(200, 200)

    def sizeHint(self) -> QSize:
        return QSize(800, 450)

    def titles(self) -> list[str]:
        """The titles shown, the followed one first."""
        return [card.title.text() for card in self.cards]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size() != event.oldSize():
            self.rebuild()  # how many cards each side holds depends on the room
