"""A tab whose content is built the first time it is shown (or asked for).

The library's Insights tab pulls in the learning figures and their charts (``retro.analysis``,
the readiness rules, the wording coach): about a third of what the app imported before its
first paint, for a tab nobody has opened yet at start-up. The tab holds this light container
instead, and builds its content when it is first shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

Content = TypeVar("Content", bound=QWidget)


class LazyTab(QWidget, Generic[Content]):
    """Holds the widget ``build()`` makes, made on first show or first :meth:`content` call."""

    def __init__(self, build: Callable[[], Content], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._content: Content | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._content is not None

    def content(self) -> Content:
        if self._content is None:
            self._content = self._build()
            self._layout.addWidget(self._content)
        return self._content

    def showEvent(self, event: QShowEvent) -> None:
        self.content()
        super().showEvent(event)
