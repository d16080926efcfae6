"""The library's Retrospectives tab: search, the severity and status filters, the list, the buttons.

Only the widgets and their layout live here; :class:`~ui.library.page.LibraryPage` connects them
to what they do (reading the database, opening, duplicating, archiving, deleting).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from retro.domain import IncidentStatus, Severity
from retro.services import ReportState

from ..resources_path import icon
from .model import DATE, TITLE, LibraryFilter
from .widths import fixed_widths

E = TypeVar("E", bound=Enum)


class LibraryTable(QTableView):
    """The list of retros; says when it has painted (the window starts what waits for its first paint).

    A signal rather than an event filter on :meth:`viewport`: the first call of ``viewport()``
    makes PySide6 look the viewport's type up among every widget class, ~8 ms of start-up spent
    on the enums of dialogs and views the library never shows.
    """

    #: After each paint of the list (its viewport).
    painted = Signal()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()


def or_none(kind: type[E], value: object) -> E | None:
    """A combo's item data back as its enum (Qt hands a StrEnum back as a plain str)."""
    return None if value is None else kind(value)


def tab_button(text: str, icon_name: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(icon(icon_name), text)
    button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.clicked.connect(slot)
    return button


class RetrosTab(QWidget):
    """The widgets of the Retrospectives tab, showing ``proxy``."""

    def __init__(self, proxy: LibraryFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, services, tags and everything written…")
        self.search.setAccessibleName("Search retrospectives")
        self.search.setClearButtonEnabled(True)
        self.severity_filter = QComboBox()
        self.severity_filter.setAccessibleName("Filter by severity")
        self.severity_filter.addItem("All severities", None)
        for sev in Severity:
            self.severity_filter.addItem(sev.label, sev)
        self.severity_filter.currentIndexChanged.connect(
            lambda: proxy.set_severity(or_none(Severity, self.severity_filter.currentData())))
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Filter by status")
        self.status_filter.addItem("All statuses", None)
        for status in IncidentStatus:
            self.status_filter.addItem(status.label, status)
        self.status_filter.currentIndexChanged.connect(
            lambda: proxy.set_status(or_none(IncidentStatus, self.status_filter.currentData())))
        self.show_archived = QCheckBox("Show &archived")
        self.show_archived.setAccessibleName("Show archived retrospectives")
        self.show_archived.toggled.connect(proxy.set_show_archived)
        self.count_label = QLabel()
        self.count_label.setObjectName("Hint")
        self.count_label.setAccessibleName("How many retrospectives the list holds")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.severity_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.show_archived)
        filters.addWidget(self.count_label)
        self.table = self._table(proxy)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("Hint")
        self.empty_hint.setAccessibleName("Why the list is empty")
        self.empty_hint.hide()
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)

    def _table(self, proxy: LibraryFilter) -> LibraryTable:
        table = LibraryTable()
        table.setObjectName("LibraryTable")
        table.setAccessibleName("Retrospectives")
        table.setModel(proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        states = " ".join(max((state.label for state in ReportState), key=len).split())
        fixed_widths(table, {1: max((sev.label for sev in Severity), key=len),
                             2: max((st.label for st in IncidentStatus), key=len), 3: "2026-12-31",
                             4: states, 5: states, 6: "999 (99 overdue)"})
        return table

    def show_snippets(self) -> None:
        """Draw where a search matched under each title (once the list is read from the database).

        The quick list at start-up has no snippets, and Qt's own delegate draws its titles alike.
        """
        if self.table.itemDelegateForColumn(TITLE) is None:
            from .snippet_delegate import SnippetDelegate

            self.table.setItemDelegateForColumn(TITLE, SnippetDelegate(self.table))

    def add_buttons(self, new: QPushButton, others: list[QPushButton]) -> None:
        """New on the left; open, duplicate, archive and delete on the right."""
        self.buttons.addWidget(new)
        self.buttons.addStretch(1)
        for b in others:
            self.buttons.addWidget(b)
