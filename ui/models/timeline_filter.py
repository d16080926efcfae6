"""The timeline filter: events of one kind whose text holds every typed word, fast at 10,000.

Why not a ``QSortFilterProxyModel``: it asks Python once per row for every keystroke and then
reports what disappeared as hundreds of separate removals, which costs 10–30 ms on 10,000
events. Here a keystroke is one list comprehension over the model's precomputed casefolded
texts (under a millisecond) and one reset; the stage puts the selection back afterwards.
Between keystrokes, the model's own inserts, removals, moves and edits are passed on row by row,
so editing while filtered keeps the view where it is.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from retro.domain import EventKind

from .timeline_columns import COLUMNS, FLAGS
from .timeline_model import DATA_ROLES, TimelineModel

Index = QModelIndex | QPersistentModelIndex


class TimelineFilter(QAbstractProxyModel):
    """Shows the events of one kind (or all) whose text contains every typed word."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model: TimelineModel | None = None
        self._words: list[str] = []
        self._kind: EventKind | None = None
        self._rows: list[int] = []  # proxy row -> source row, ascending
        self._removing: tuple[int, int, int] = (0, 0, 0)
        self._moving: list[tuple[QModelIndex, QPersistentModelIndex]] = []

    # -- the filter --------------------------------------------------------------------------

    def setSourceModel(self, model: TimelineModel) -> None:  # type: ignore[override]
        if not isinstance(model, TimelineModel):
            raise TypeError("TimelineFilter filters a TimelineModel")
        self.beginResetModel()
        super().setSourceModel(model)
        self._model = model
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._end_reset)
        model.rowsAboutToBeRemoved.connect(self._before_remove)
        model.rowsRemoved.connect(self._after_remove)
        model.rowsInserted.connect(self._after_insert)
        model.rowsAboutToBeMoved.connect(self._before_move)
        model.rowsMoved.connect(self._after_move)
        model.dataChanged.connect(self._on_data_changed)
        model.headerDataChanged.connect(self.headerDataChanged)
        self._rows = self._accepted_rows()
        self.endResetModel()

    def set_filter(self, text: str | None = None, kind: EventKind | bool | None = False) -> None:
        """Change the text (None: keep) and/or the kind (False: keep; None: all kinds)."""
        words = self._words if text is None else text.casefold().split()
        new_kind = self._kind if kind is False else kind
        if words == self._words and new_kind is self._kind:
            return
        # Typing on narrows what is shown: only the rows shown now can still match.
        narrower = new_kind is self._kind and bool(self._words) and all(
            any(old in word for word in words) for old in self._words)
        self.beginResetModel()
        self._words = words
        self._kind = new_kind  # type: ignore[assignment]
        self._rows = self._accepted_rows(self._rows if narrower else None)
        self.endResetModel()

    @property
    def filter_text(self) -> str:
        return " ".join(self._words)

    @property
    def kind(self) -> EventKind | None:
        return self._kind

    def is_filtering(self) -> bool:
        return bool(self._words) or self._kind is not None

    def accepts(self, source_row: int) -> bool:
        assert self._model is not None
        if self._kind is not None and self._model.event_list()[source_row].kind is not self._kind:
            return False
        if not self._words:
            return True
        text = self._model.search_texts()[source_row]
        return all(w in text for w in self._words)

    def _accepted_rows(self, among: list[int] | None = None) -> list[int]:
        """The source rows the filter shows, ascending; ``among``: only these can match (a narrower filter)."""
        if self._model is None:
            return []
        events = self._model.event_list()
        if not self.is_filtering():
            return list(range(len(events)))
        kind = self._kind
        rows: list[int] | range
        if among is not None:
            rows = among
        else:
            rows = range(len(events)) if kind is None else [i for i, e in enumerate(events) if e.kind is kind]
        words = self._words
        if not words:
            return list(rows)
        search = self._model.search_texts()  # made on the first text filter
        for word in sorted(words, key=len, reverse=True):  # one pass per word, the rarest (longest) first
            rows = [i for i in rows if word in search[i]]
        return list(rows)

    # -- mapping -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._model is None else self._model.columnCount()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._rows)) or not (0 <= column < COLUMNS) or self._model is None:
            return QModelIndex()
        return self.createIndex(row, column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        # The model's flags (the same for every cell), without a mapToSource and a model.index()
        # into Python for each cell painted, as QAbstractProxyModel.flags() does.
        if not index.isValid() or self._model is None or index.row() >= len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        return FLAGS

    def parent(self, child: Index | None = None) -> QModelIndex:  # type: ignore[override]
        return QModelIndex()

    def sibling(self, row: int, column: int, index: Index) -> QModelIndex:
        return self.index(row, column)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._rows)

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        if not proxy_index.isValid() or self._model is None or proxy_index.row() >= len(self._rows):
            return QModelIndex()
        return self._model.index(self._rows[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = self._proxy_row(source_index.row())
        return self.createIndex(row, source_index.column()) if row >= 0 else QModelIndex()

    def _proxy_row(self, source_row: int) -> int:
        at = bisect_left(self._rows, source_row)
        return at if at < len(self._rows) and self._rows[at] == source_row else -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in DATA_ROLES or self._model is None or not index.isValid():
            return None
        row = index.row()
        if row >= len(self._rows):
            return None
        return self._model.data_at(self._rows[row], index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._model is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        return self._model.headerData(section, orientation, role)

    # -- passing the model's own changes on --------------------------------------------------

    def _end_reset(self) -> None:
        self._rows = self._accepted_rows()
        self.endResetModel()

    def _before_remove(self, _parent: QModelIndex, first: int, last: int) -> None:
        start = bisect_left(self._rows, first)
        end = bisect_left(self._rows, last + 1)
        self._removing = (start, end, last - first + 1)
        if end > start:
            self.beginRemoveRows(QModelIndex(), start, end - 1)

    def _after_remove(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        start, end, count = self._removing
        self._rows = self._rows[:start] + [r - count for r in self._rows[end:]]
        if end > start:
            self.endRemoveRows()

    def _after_insert(self, _parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        at = bisect_left(self._rows, first)
        self._rows = self._rows[:at] + [r + count for r in self._rows[at:]]
        new = [r for r in range(first, last + 1) if self.accepts(r)]
        if new:
            self.beginInsertRows(QModelIndex(), at, at + len(new) - 1)
            self._rows[at:at] = new
            self.endInsertRows()

    def _before_move(self, *_args: object) -> None:
        self.layoutAboutToBeChanged.emit()
        self._moving = [(p, QPersistentModelIndex(self.mapToSource(p))) for p in self.persistentIndexList()]

    def _after_move(self, *_args: object) -> None:
        # A move changes an event's time, never its text or kind, so the same events are shown.
        self._rows = self._accepted_rows()
        old = [proxy for proxy, _source in self._moving]
        new = [self.mapFromSource(source) for _proxy, source in self._moving]
        self.changePersistentIndexList(old, new)
        self._moving = []
        self.layoutChanged.emit()

    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: list[int]) -> None:
        last_column = self.columnCount() - 1
        for source_row in range(top_left.row(), bottom_right.row() + 1):
            row = self._proxy_row(source_row)
            shown, wanted = row >= 0, self.accepts(source_row)
            if shown and wanted:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last_column), roles)
            elif shown:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
            elif wanted:
                at = bisect_left(self._rows, source_row)
                self.beginInsertRows(QModelIndex(), at, at)
                self._rows.insert(at, source_row)
                self.endInsertRows()
