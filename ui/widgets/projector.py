"""Building blocks of the projector views: large type, high contrast, no controls.

A projector view is what the room reads from across a meeting table. It shows content only:
no buttons, no editors, nothing that takes focus, and never the facilitator's private notes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

BACKGROUND = "#0B0B0B"
FOREGROUND = "#f4f4f0"
MUTED = "#b8c0c8"
HIGHLIGHT = "#FFD400"
BODY_POINTS = 22
TITLE_POINTS = 32

STYLE = f"""
QWidget#projector {{ background: {BACKGROUND}; }}
QWidget#projector QLabel {{ color: {FOREGROUND}; background: transparent; }}
QWidget#projector QLabel#ProjectorSubtitle {{ color: {MUTED}; }}
QWidget#projector QListView {{
    background: {BACKGROUND}; color: {FOREGROUND}; border: none; outline: none;
}}
"""


def font(points: int, *, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSize(points)
    f.setBold(bold)
    return f


class ProjectorPanel(QWidget):
    """A dark page with an optional subtitle and content below.

    The projector window already shows the stage's name above what a stage builds, so the title
    is hidden unless ``show_title`` (for a panel shown on its own). Object names match the
    projector window's stylesheet (``resources/styles/projector.qss``), whose sizes win there.
    """

    def __init__(self, title: str, name: str, parent: QWidget | None = None, *, show_title: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("projector")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.title = QLabel(title)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setFont(font(TITLE_POINTS, bold=True))
        self.title.setWordWrap(True)
        self.title.setVisible(show_title)
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setObjectName("ProjectorSubtitle")
        self.subtitle.setFont(font(BODY_POINTS - 2))
        self.subtitle.setWordWrap(True)
        self.subtitle.hide()
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(8, 4, 8, 4)
        self.body.setSpacing(14)
        self.body.addWidget(self.title)
        self.body.addWidget(self.subtitle)

    def set_subtitle(self, text: str) -> None:
        self.subtitle.setText(text)
        self.subtitle.setVisible(bool(text))

    def large_label(self, text: str = "", *, points: int = BODY_POINTS, bold: bool = False) -> QLabel:
        """A label in large type that shows ``text`` as plain text (what was typed, never markup)."""
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(text)
        label.setObjectName("ProjectorBody")
        label.setFont(font(points, bold=bold))
        label.setWordWrap(True)
        label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return label


class RoleAsDisplay(QIdentityProxyModel):
    """Shows another role of the source model (e.g. a one-line summary) as the display text."""

    def __init__(self, role: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._role = role

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            role = self._role
        elif role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole):
            return None
        return super().data(index, role)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return super().flags(index) & ~Qt.ItemFlag.ItemIsEditable


class ProjectorLineDelegate(QStyledItemDelegate):
    """Draws a line of the projector's list: wrapped, never cut off, a rule underneath.

    The style's own item drawing sizes rows with one font and paints with another once a
    stylesheet sets a size, and then cuts the last line with "…"; this measures and paints
    with the same font and the same width.
    """

    PADDING = 10

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _text_rect(self, width: int) -> QRect:
        return QRect(0, 0, max(width - 2 * self.PADDING, 50), 100_000)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = self._view.viewport().width() - 2 * self._view.spacing()
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        metrics = QFontMetrics(self._view.font())
        bounds = metrics.boundingRect(self._text_rect(width), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(width, bounds.height() + 2 * self.PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        height = self._view.viewport().height()
        rect = option.rect
        if (rect.top() < 0 or rect.bottom() > height) and rect.height() <= height:
            return  # only whole rows: a row cut by the picture's edge is counted by MoreRows instead
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setFont(self._view.font())
        if selected:
            painter.fillRect(option.rect, QColor(HIGHLIGHT))
        painter.setPen(QColor(BACKGROUND if selected else FOREGROUND))
        text_rect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        painter.drawText(text_rect, int(Qt.TextFlag.TextWordWrap), str(index.data() or ""))
        painter.setPen(QColor("#2a3038"))
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()


class ProjectorList(QListView):
    """A read-only, word-wrapped list in large type; the highlighted row follows the facilitator.

    It tells how many rows are out of the picture above and below (:attr:`out_of_view`), so the
    room knows more follows (:class:`MoreRows`).
    """

    #: (rows above the picture, rows below it), after a scroll, a resize or a change of rows.
    out_of_view = Signal(int, int)

    def __init__(self, model: QAbstractItemModel, role: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown = RoleAsDisplay(role, self)
        self.shown.setSourceModel(model)
        self.setModel(self.shown)
        self.setAccessibleName(name)
        self.setFont(font(BODY_POINTS))
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(2)
        self.setUniformItemSizes(False)
        self.setItemDelegate(ProjectorLineDelegate(self))
        self._row = -1
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self._counted = (-1, -1)
        self._count_later = QTimer(self)
        self._count_later.setSingleShot(True)
        self._count_later.setInterval(0)
        self._count_later.timeout.connect(self.count_out_of_view)
        self.verticalScrollBar().valueChanged.connect(self._recount)
        self.verticalScrollBar().rangeChanged.connect(self._recount)
        for signal in (self.shown.rowsInserted, self.shown.rowsRemoved, self.shown.modelReset,
                       self.shown.layoutChanged, self.shown.dataChanged):
            signal.connect(self._recount)

    def _recount(self, *_args: object) -> None:
        self._count_later.start(0)  # once the list has laid its rows out (and never with an argument as msec)

    def rows_out_of_view(self) -> tuple[int, int]:
        """How many rows are not wholly in the picture: (above it, below it).

        The rows lie top to bottom in order, so the first row whose top is in the picture and the
        first whose bottom is past it are found by halving: a few rectangles whatever the rows'
        number (asking each row's rectangle took 0.5 s at 10,000 timeline rows, on every scroll).
        """
        model, height = self.model(), self.viewport().height()
        rows = model.rowCount()
        if not rows:
            return 0, 0
        column = self.modelColumn()

        def first(past: Callable[[QRect], bool]) -> int:
            low, high = 0, rows  # the first row in [low, high) for which ``past`` holds, else rows
            while low < high:
                middle = (low + high) // 2
                if past(self.visualRect(model.index(middle, column))):
                    high = middle
                else:
                    low = middle + 1
            return low

        above = first(lambda rect: rect.top() >= 0)
        below = rows - max(above, first(lambda rect: rect.bottom() > height))
        return above, below

    def count_out_of_view(self) -> None:
        counted = self.rows_out_of_view()
        if counted != self._counted:
            self._counted = counted
            self.out_of_view.emit(*counted)

    def highlight_row(self, row: int) -> None:
        """Highlight the source model's ``row`` and scroll it to the middle (-1: no highlight)."""
        self._row = row
        model = self.model()
        if row < 0 or row >= model.rowCount():
            self.clearSelection()
            return
        index = model.index(row, self.modelColumn(), QModelIndex())
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def highlighted_row(self) -> int:
        return self._row

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._row >= 0:  # keep the highlighted row in view as the window finds its size
            QTimer.singleShot(0, self, lambda: self.highlight_row(self._row))
        self._recount()


class MoreRows:
    """"▲ 3 earlier" over a :class:`ProjectorList` and "▼ 12 more below" under it, shown only then."""

    def __init__(self, rows: ProjectorList, earlier: str = "earlier", later: str = "more below") -> None:
        self.above = QLabel()
        self.below = QLabel()
        for label, name in ((self.above, "Rows above the picture"), (self.below, "Rows below the picture")):
            label.setObjectName("ProjectorMore")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAccessibleName(name)
            label.setStyleSheet(f"color: {HIGHLIGHT};")
            label.hide()
        self._words = (earlier, later)
        rows.out_of_view.connect(self.show_counts)

    def show_counts(self, above: int, below: int) -> None:
        earlier, later = self._words
        self.above.setText(f"▲ {above} {earlier}" if above else "")
        self.above.setVisible(bool(above))
        self.below.setText(f"▼ {below} {later}" if below else "")
        self.below.setVisible(bool(below))
