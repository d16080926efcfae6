"""The library's title cell during a search: the title, and under it the words where it matched.

The matched words are drawn bold; everything is drawn as plain text (``QPainter.drawText``),
so a retro whose text looks like markup (``<b>``, ``&amp;``) shows exactly those characters.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from retro.domain.snippets import Snippet

from .model import SNIPPET_ROLE

Index = QModelIndex | QPersistentModelIndex


def snippet_line(snippet: Snippet) -> str:
    """The second line as a person reads it (also what assistive technology is told)."""
    where = f"in {snippet.found_in}: " if snippet.found_in else ""
    return where + snippet.text


class SnippetDelegate(QStyledItemDelegate):
    """Title on the first line; where the search matched on the second (matched words bold)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        snippet = index.data(SNIPPET_ROLE)
        if not isinstance(snippet, Snippet):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        text_colour = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected
                                        else QPalette.ColorRole.Text)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(2, 1, -2, -1)
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(text_colour)
        painter.setFont(opt.font)
        first = QFontMetrics(opt.font)
        top = QRect(rect.left(), rect.top(), rect.width(), first.height())
        painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         first.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()))
        plain = QFont(opt.font)
        plain.setBold(False)
        plain.setItalic(False)
        bold = QFont(plain)
        bold.setBold(True)
        if not selected:  # the found words read as a note under the title; matches stay full colour
            muted = opt.palette.color(group, QPalette.ColorRole.PlaceholderText)
        else:
            muted = text_colour
        x, y = rect.left(), rect.top() + first.height()
        line = QRect(x, y, rect.width(), rect.bottom() - y)
        if snippet.found_in:
            painter.setFont(plain)
            painter.setPen(muted)
            prefix = f"in {snippet.found_in}: "
            painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), prefix)
            x += QFontMetrics(plain).horizontalAdvance(prefix)
        for text, hit in snippet.parts:
            if x >= rect.right():
                break
            font = bold if hit else plain
            painter.setFont(font)
            painter.setPen(text_colour if hit else muted)
            metrics = QFontMetrics(font)
            room = rect.right() - x
            shown = text if metrics.horizontalAdvance(text) <= room else metrics.elidedText(
                text, Qt.TextElideMode.ElideRight, room)
            painter.drawText(QRect(x, y, room, line.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)
            x += metrics.horizontalAdvance(shown)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        if isinstance(index.data(SNIPPET_ROLE), Snippet):
            size.setHeight(size.height() + option.fontMetrics.height())
        return size
