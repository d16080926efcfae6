"""Non-modal messages: a refusal is shown without blocking the meeting."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def show_notice(parent: QWidget, title: str, text: str,
                icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
    """Open a window-modal, non-blocking message box; it deletes itself when closed."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("Notice")
    box.setAccessibleName(title)
    box.finished.connect(box.deleteLater)
    box.open()
    return box
