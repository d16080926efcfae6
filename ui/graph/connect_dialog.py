"""Connect by keyboard: pick what the selected factor contributed to from a filterable list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ConnectDialog(QDialog):
    """Lists the factors and impacts a cause can point to; emits :attr:`chosen` with the id picked."""

    chosen = Signal(str)

    def __init__(self, cause_title: str, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect factors")
        self.setAccessibleName("Connect factors")
        label = QLabel(f"“{cause_title}” contributed to …", self)
        label.setWordWrap(True)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Type to filter")
        self.filter.setAccessibleName("Filter")
        self.model = QStandardItemModel(self)
        for node_id, title in choices:
            item = QStandardItem(title)
            item.setData(node_id, ID_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView(self)
        self.list.setModel(self.proxy)
        self.list.setAccessibleName("What it contributed to")
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        label.setBuddy(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Connect")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self.accept)
        self.list.activated.connect(lambda _index: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))
        self.resize(420, 360)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def choose(self, node_id: str) -> bool:
        """Make ``node_id`` the current choice (tests and scripts)."""
        for row in range(self.proxy.rowCount()):
            index: QModelIndex = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == node_id:
                self.list.setCurrentIndex(index)
                return True
        return False

    def accept(self) -> None:
        index = self.list.currentIndex()
        node_id = index.data(ID_ROLE) if index.isValid() else None
        super().accept()
        if node_id:
            self.chosen.emit(str(node_id))
