"""Showing what people typed exactly as they typed it, never as markup.

``QLabel`` and tooltips guess whether a text is rich text: "Checkout served an <html> error page"
would lose "<html>", and everything after "<!-- … -->" would vanish. Labels that show user text
use :func:`plain_label` (or ``setTextFormat(Qt.TextFormat.PlainText)``); tooltips cannot be told
their format, so :func:`plain_tooltip` escapes the text inside a paragraph that keeps its lines.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows ``text`` (and whatever is set later) as plain text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as typed: ``<``, ``&`` and line breaks are content."""
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"
