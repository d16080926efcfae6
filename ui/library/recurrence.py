"""The library's "Recurring factors" tab: contributing factors seen in more than one incident."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from retro.domain import RetroError, Stage

if TYPE_CHECKING:  # the analysis package stays off the start-up path
    from retro.analysis.recurrence import FactorSighting, RecurringFactor, RecurringSummary

    Group = RecurringFactor | RecurringSummary
    #: Reads the sightings of a group listed by its summary only (``store.group_sightings``).
    SightingReader = Callable[[RecurringSummary], list[FactorSighting]]

_ROLE_TARGET = Qt.ItemDataRole.UserRole + 1
_ROLE_PENDING = Qt.ItemDataRole.UserRole + 2

NONE_RECUR = "No contributing factor appears in more than one retrospective yet."
READING = "Looking for contributing factors that recur across retrospectives…"


class RecurrenceModel(QStandardItemModel):
    """Groups of recurring factors; each group's children are where it was seen."""

    HEADERS = ("Contributing factor", "Category", "Incidents")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.setHorizontalHeaderLabels(list(self.HEADERS))

    #: Groups seen more often than this get their sightings when first expanded (a library of
    #: 10,000 retros has groups of thousands: 75,000 rows would be built for nobody).
    EAGER = 50

    def set_groups(self, groups: Iterable[Group], read: SightingReader | None = None) -> None:
        """Show ``groups``: whole ones (their sightings listed at once when few), or summaries whose
        sightings ``read`` fetches when the group is first expanded."""
        self.removeRows(0, self.rowCount())
        self._pending: dict[int, Group] = {}
        self._read = read
        for group in groups:
            title = _item(group.title)
            title.setToolTip(f"Seen in {group.incident_count:,} incidents")
            whole = hasattr(group, "sightings")
            if whole and group.sighting_count <= self.EAGER:
                self._add_sightings(title, group.category.label, group.sightings)  # type: ignore[union-attr]
            else:
                self._pending[id(title)] = group
                title.setData(id(title), _ROLE_PENDING)
                title.appendRow([_item(f"{group.sighting_count:,} sightings: expand to list them"), _item(""),
                                 _item("")])
            self.appendRow([title, _item(group.category.label), _item(f"{group.incident_count:,}")])

    def fill(self, index: QModelIndex) -> None:
        """List the sightings of a group shown only by its count so far (when it is expanded)."""
        item = self.itemFromIndex(index.siblingAtColumn(0))
        key = item.data(_ROLE_PENDING) if item is not None else None
        group = self._pending.pop(key, None) if key is not None else None
        if group is None:
            return
        if hasattr(group, "sightings"):
            sightings = list(group.sightings)
        elif self._read is not None:
            try:
                sightings = self._read(group)
            except RetroError as exc:
                self._pending[key] = group  # try again on the next expansion
                item.child(0).setText(f"Could not list them: {exc}")
                return
        else:
            return
        item.setData(None, _ROLE_PENDING)
        item.removeRows(0, item.rowCount())
        self._add_sightings(item, group.category.label, sightings)

    @staticmethod
    def _add_sightings(title: QStandardItem, category: str, sightings: Iterable[FactorSighting]) -> None:
        for sighting in sightings:
            child = _item(f"“{sighting.title}” in {sighting.incident_title}")
            child.setData((sighting.incident_id, sighting.factor_id), _ROLE_TARGET)
            child.setToolTip("Double-click or press Enter to open this factor in its retrospective")
            title.appendRow([child, _item(category), _item("")])

    def target(self, index: QModelIndex) -> tuple[str, str] | None:
        """``(incident_id, factor_id)`` of a sighting row, or None for a group row."""
        value = self.data(index.siblingAtColumn(0), _ROLE_TARGET)
        return (str(value[0]), str(value[1])) if value else None


def _item(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    return item


class RecurrenceView(QWidget):
    """The tab: a hint, then the groups; opening a sighting goes to its factor."""

    open_requested = Signal(str, object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RecurrenceModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("RecurrenceTree")
        self.tree.setAccessibleName("Contributing factors seen in more than one incident")
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.expanded.connect(self.model.fill)
        self.tree.doubleClicked.connect(self._open)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.tree, lambda: self._open(self.tree.currentIndex()),
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.empty = QLabel(NONE_RECUR)
        self.empty.setAccessibleName("Recurring factors status")
        self.empty.setObjectName("Hint")
        hint = QLabel("Contributing factors that keep coming back across incidents (similar wording, "
                      "same category). A factor that recurs is worth a “fix for real” action.")
        hint.setObjectName("Hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)

    def show_reading(self) -> None:
        """Say the groups are being looked for (the ones shown stay until the new ones arrive)."""
        self.empty.setText(READING)
        self.empty.show()

    def set_groups(self, groups: list[Group], read: SightingReader | None = None) -> None:
        self.model.set_groups(groups, read)
        if all(hasattr(g, "sightings") for g in groups) and sum(g.sighting_count for g in groups) <= 500:
            # a few: show them all; many: the groups first
            self.tree.expandAll()
        self.empty.setText(NONE_RECUR)
        self.empty.setVisible(not groups)

    def _open(self, index: QModelIndex) -> None:
        target = self.model.target(index) if index.isValid() else None
        if target is not None:
            incident_id, factor_id = target
            self.open_requested.emit(incident_id, Stage.FACTORS, factor_id)
