"""Documents for UI tests: the real RetroStore on a temporary SQLite file, with the demo or a new retro."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from retro.domain import (
    Retro,
    Severity,
)
from retro.services import RetroStore
from ui.document import RetroDocument


def open_store(sqlite_url: str) -> RetroStore:
    """The real store on a fresh temporary SQLite file."""
    return RetroStore(sqlite_url)


def make_document(sqlite_url: str, retro: Retro | None = None) -> RetroDocument:
    """A document over ``retro`` (the demo when None) stored in a fresh database."""
    from retro.demo import build_demo_retro

    store = open_store(sqlite_url)
    incident_id = store.add_retro(retro if retro is not None else build_demo_retro())
    return RetroDocument(store, store.load(incident_id))


def make_empty_document(sqlite_url: str, title: str = "Test incident", *,
                        severity: Severity = Severity.SEV2, timezone: str = "UTC") -> RetroDocument:
    """A document over a brand-new retro with nothing recorded."""
    store = open_store(sqlite_url)
    retro = store.create_retro(title, severity, timezone=timezone)
    return RetroDocument(store, store.load(retro.incident.id))


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls under ``root`` a screen reader could not name (no accessible name, text or buddy)."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
    )

    def inside_a_control(widget: QWidget) -> bool:  # a combo's popup, a spin box's line edit …
        parent = widget.parentWidget()
        while parent is not None and parent is not root:
            if isinstance(parent, QComboBox | QAbstractSpinBox | QLineEdit | QAbstractItemView):
                return True
            if type(parent).__name__ == "QComboBoxPrivateContainer":
                return True
            parent = parent.parentWidget()
        return False

    buddies = {label.buddy() for label in root.findChildren(QLabel) if label.buddy() is not None}
    out = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, QAbstractButton | QAbstractItemView | QComboBox | QLineEdit | QPlainTextEdit):
            continue
        if inside_a_control(widget):
            continue
        named = widget.accessibleName() or widget in buddies
        if isinstance(widget, QAbstractButton):
            named = named or bool(widget.text().replace("&", "").strip())
        if not named:
            out.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return out


def as_shown(tooltip: str) -> str:
    """The text a person reads in a tooltip (tooltips may be escaped rich text)."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(tooltip)
    return doc.toPlainText()
