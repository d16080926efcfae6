"""Table columns that give the width to people's words.

A table such as the timeline or the actions has one column of people's words ("What happened",
the action's title) and several short ones (time, kind, owner, due date, a link). Fixed pixel
widths let the short columns keep their width on a laptop while the words shrink to two letters,
and they are wrong at another font size or DPI. :class:`WordsColumnShare` sizes the short columns
in characters of the table's own font, lets the words column stretch, and, when the table is
narrow, shrinks the short columns (down to their header's width) before the words column gets
less than its share. Columns whose cells are one of a few labels (a kind, an audience, a
status) or a fixed format (a time) can be listed in ``whole``: they never shrink below their
widest text, so a label is never cut to "Communi…".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

#: The words column keeps at least this share of the table's width while others can shrink.
WORDS_SHARE = 0.45


class WordsColumnShare(QObject):
    """Keeps ``words`` stretched and the other columns at ``chars`` characters, shrinking them when narrow.

    ``chars`` gives a column's preferred width in characters, or (least, preferred): a column
    never shrinks below its header's width nor below ``least`` characters (a date stays whole).
    ``whole`` gives, for some of those columns, the texts their cells can hold (called at each
    fit): such a column is at least as wide as the widest of them, in the table's font.
    """

    def __init__(
        self,
        table: QTableView,
        words: int,
        chars: dict[int, int | tuple[int, int]],
        whole: dict[int, Callable[[], Iterable[str]]] | None = None,
    ) -> None:
        super().__init__(table)
        self._table = table
        self._words = words
        self._whole = dict(whole or {})
        self._least = {c: v[0] if isinstance(v, tuple) else 0 for c, v in chars.items()}
        self._chars = {c: v[1] if isinstance(v, tuple) else v for c, v in chars.items()}
        header = table.horizontalHeader()
        header.setSectionResizeMode(words, QHeaderView.ResizeMode.Stretch)
        for column in self._chars:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(self._char_width() * 3)
        #: The header's and the ``whole`` texts' widths, measured at the last :meth:`fit` (a resize
        #: shares the width again without measuring them: neither their words nor the fonts changed).
        self._measured: tuple[dict[int, int], dict[int, int]] | None = None
        self._pending = False  # a fit asked for while the table was hidden: done when it shows
        table.viewport().installEventFilter(self)
        self.fit()

    def _char_width(self) -> int:
        return max(1, self._table.fontMetrics().horizontalAdvance("0"))  # like CSS's "ch": digits stay whole

    def header_width(self, column: int) -> int:
        """The width the column's header needs to be read whole (text, padding, sort arrow)."""
        header = self._table.horizontalHeader()
        text = str(self._table.model().headerData(column, Qt.Orientation.Horizontal) or "")
        return header.fontMetrics().horizontalAdvance(text) + self._char_width() + 14

    def text_width(self, text: str) -> int:
        """The width a cell needs to show ``text`` whole (the text and the cell's margins)."""
        margin = self._table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self._table) + 1
        return self._table.fontMetrics().horizontalAdvance(text) + 2 * margin + self._char_width()

    def whole_width(self, column: int) -> int:
        """The width the widest of the column's ``whole`` texts needs (0 for other columns)."""
        texts = self._whole.get(column)
        return max((self.text_width(t) for t in texts()), default=0) if texts else 0

    def preferred_width(self, column: int) -> int:
        return max(self.header_width(column), self._chars[column] * self._char_width(), self.whole_width(column))

    def fit(self) -> None:
        """Share the table's width: short columns at their preferred width, shrunk towards their header's when narrow.

        The texts are measured again (their words may have changed). While the table is hidden the
        fit waits for it to show: the width it would share is not the one it will have.
        """
        self._measured = None
        if not self._table.isVisible():
            self._pending = True
            return
        self._share()

    def _share(self) -> None:
        self._pending = False
        available = self._table.viewport().width()
        if available <= 0:
            return
        cw = self._char_width()
        if self._measured is None:
            self._measured = ({c: self.header_width(c) for c in self._chars},  # each measured once per fit
                              {c: self.whole_width(c) for c in self._chars})
        header, whole = self._measured
        preferred = {c: max(header[c], self._chars[c] * cw, whole[c]) for c in self._chars}
        least = {c: min(preferred[c], max(header[c], self._least[c] * cw, whole[c])) for c in self._chars}
        room = available - int(available * WORDS_SHARE)
        total, floor = sum(preferred.values()), sum(least.values())
        if total <= room or total == floor:
            widths = preferred
        else:
            give = max(0.0, min(1.0, (room - floor) / (total - floor)))
            widths = {c: least[c] + int((preferred[c] - least[c]) * give) for c in self._chars}
        for column, width in widths.items():
            if self._table.columnWidth(column) != width:
                self._table.setColumnWidth(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()  # the type first: the viewport has events while the table is being deleted
        if kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._measured = None  # the same texts, other widths
        elif (kind == QEvent.Type.Resize or (kind == QEvent.Type.Show and self._pending)) \
                and watched is self._table.viewport():
            self._share()
        return False
