"""A tab whose content is built the first time it is shown (or asked for).

The library's Insights tab pulls in the learning figures and their charts (``retro.analysis``,
the readiness rules, the wording coach): about a third of what the app imported before its
first paint, for a tab nobody has opened yet at start-up. The tab holds this light container
instead, and builds its content when it is first shown.

:class:`TabsBuiltLater` does the same for tabs whose view must be the tab itself (the
Follow-through and Recurring factors views): the real view replaces a placeholder when built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

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


class TabsBuiltLater:
    """Tabs of ``tabs`` that hold an empty placeholder until their content is built.

    A tab is built when :meth:`build` is called with its index (the page does when the tab is
    shown or its view asked for) or by :meth:`build_all` (the window does after its first paint).
    The content takes the placeholder's place: the same index, label and current tab.
    """

    def __init__(self, tabs: QTabWidget) -> None:
        self._tabs = tabs
        self._pending: dict[QWidget, Callable[[], QWidget]] = {}

    def add(self, label: str, build: Callable[[], QWidget]) -> None:
        placeholder = QWidget()
        self._pending[placeholder] = build
        self._tabs.addTab(placeholder, label)

    def build(self, index: int) -> None:
        placeholder = self._tabs.widget(index)
        build = None if placeholder is None else self._pending.pop(placeholder, None)
        if placeholder is None or build is None:
            return
        content = build()
        tabs, label, current = self._tabs, self._tabs.tabText(index), self._tabs.currentIndex()
        blocked = tabs.blockSignals(True)  # no "tab changed" while one widget stands in for another
        try:
            tabs.removeTab(index)
            tabs.insertTab(index, content, label)
            tabs.setCurrentIndex(current)
        finally:
            tabs.blockSignals(blocked)
        placeholder.deleteLater()

    def build_all(self) -> None:
        for index in range(self._tabs.count()):
            self.build(index)
