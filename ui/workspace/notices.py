"""Non-modal messages: a refusal is shown without blocking the meeting."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


def show_notice(parent: QWidget, title: str, text: str,
                icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
    """Open a window-modal, non-blocking message box; it deletes itself when closed."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("Notice")
    box.setAccessibleName(title)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def conflict_box(parent: QWidget, message: str) -> tuple[QMessageBox, QAbstractButton, QAbstractButton]:
    """The question after someone else changed the retro: (the box, re-apply button, discard button).

    Re-applying is the default and what Escape does: nothing the person did is lost by accident.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, "Someone else changed this retrospective",
                      "Someone else changed this retrospective since you opened it, so your last "
                      "change was not saved yet. Nothing was overwritten.", parent=parent)
    box.setObjectName("ConflictDialog")
    box.setInformativeText(message)
    reapply = box.addButton("Reload and re-apply my change", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Reload and discard my change", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(reapply)
    box.setEscapeButton(reapply)
    return box, reapply, discard
