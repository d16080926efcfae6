"""Choose which contributing factors an action addresses: a list of checkboxes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListView, QVBoxLayout, QWidget

from retro.domain import Factor

FACTOR_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class FactorPicker(QDialog):
    """Checkable contributing factors; :meth:`chosen` gives the ticked ids in list order."""

    def __init__(self, action_title: str, factors: list[Factor], chosen: tuple[str, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Contributing factors addressed")
        self.setAccessibleName("Choose the contributing factors this action addresses")
        self.model = QStandardItemModel(self)
        for factor in factors:
            item = QStandardItem(f"{factor.title}  ({factor.category.label})")
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if factor.id in chosen else Qt.CheckState.Unchecked)
            item.setData(factor.id, FACTOR_ID_ROLE)
            self.model.appendRow(item)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Contributing factors")
        self.list.setWordWrap(True)
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0, 0))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        heading = QLabel(f"Which contributing factors does “{action_title}” address? (Space ticks one.)")
        heading.setTextFormat(Qt.TextFormat.PlainText)  # the action's title as typed
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if not factors:
            layout.addWidget(QLabel("No contributing factors yet: add them in the Contributing factors stage."))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)

    def chosen(self) -> tuple[str, ...]:
        out = []
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(FACTOR_ID_ROLE)))
        return tuple(out)

    def set_checked(self, factor_id: str, checked: bool) -> None:
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.data(FACTOR_ID_ROLE) == factor_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
