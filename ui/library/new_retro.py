"""The small dialog that starts a new retrospective: a title and a severity."""

from __future__ import annotations

from PySide6.QtCore import QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from retro.domain import Severity


def system_timezone() -> str:
    """The IANA name of this machine's time zone, or UTC."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "ignore")
    if name in ("Etc/UTC", "Etc/GMT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu", "GMT"):
        return "UTC"
    return name if "/" in name or name == "UTC" else "UTC"


class NewRetroDialog(QDialog):
    """Asks for what a new retro needs to exist: its title and severity."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New retrospective")
        self.title = QLineEdit()
        self.title.setPlaceholderText("What happened, in a few words (e.g. “Checkout errors after config change”)")
        self.title.setAccessibleName("Incident title")
        self.title.setMinimumWidth(420)
        self.severity = QComboBox()
        self.severity.setAccessibleName("Severity")
        for sev in Severity:
            self.severity.addItem(sev.label, sev)
        self.severity.setCurrentIndex(list(Severity).index(Severity.SEV3))
        self.description = QLabel()
        self.description.setObjectName("SeverityDescription")
        self.description.setWordWrap(True)
        self.severity.currentIndexChanged.connect(self._describe)
        self._describe()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title.textChanged.connect(self._enable)
        self._enable()
        form = QFormLayout(self)
        form.addRow("&Title", self.title)
        form.addRow("&Severity", self.severity)
        form.addRow("", self.description)
        form.addRow(self.buttons)

    def _describe(self) -> None:
        self.description.setText(self.chosen_severity().description)

    def _enable(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.title.text().strip()))

    def chosen_severity(self) -> Severity:
        return Severity(self.severity.currentData())

    def chosen_title(self) -> str:
        return self.title.text().strip()
