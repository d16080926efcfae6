"""Widen the view: a question per category, and a "five whys" helper that grows a graph.

Categories with no factor yet come first and are marked "not on the graph yet". The five-whys
helper works on the selected factor (or the impact): it asks what made it possible (a new
factor that leads to it) and, for each thing it led to, what *else* led there too — so every
level invites siblings and the result is a graph, not a chain. Each answer adds the factor
and its arrow as one undo step.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from retro.analysis import CausalGraph, category_prompts, next_why
from retro.domain import Changes, Factor, FactorCategory, FactorLink, Impact

from ..document import RetroDocument
from .editing import GraphEditor
from .palette import CATEGORY_COLOURS


class _Answer(QWidget):
    """A question, a line to answer it and a category for the new factor."""

    def __init__(self, question: str, button: str, on_add: Callable[[str, FactorCategory], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = QLabel(question, self)
        self.question.setTextFormat(Qt.TextFormat.PlainText)  # it quotes factor titles as typed
        self.question.setWordWrap(True)
        self.answer = QLineEdit(self)
        self.answer.setPlaceholderText("A condition, not a person")
        self.answer.setAccessibleName(question)
        self.category = QComboBox(self)
        self.category.setAccessibleName("Category of the new factor")
        for category in FactorCategory:
            self.category.addItem(category.label, category)
        self.add = QPushButton(button, self)
        self.add.setAccessibleName(f"{button}: {question}")
        self.question.setBuddy(self.answer)
        row = QHBoxLayout()
        row.addWidget(self.category, 1)
        row.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.question)
        layout.addWidget(self.answer)
        layout.addLayout(row)
        self.add.clicked.connect(lambda: on_add(self.answer.text(), FactorCategory(self.category.currentData())))
        self.answer.returnPressed.connect(self.add.click)


class PromptsPanel(QWidget):
    """Category prompts and the five-whys helper for the selected node."""

    #: Ask the canvas to add a factor of this category and open its title.
    add_factor_requested = Signal(object)
    #: A factor was added here (select it on the canvas).
    factor_added = Signal(str)

    def __init__(self, document: RetroDocument, editor: GraphEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.editor = editor
        self.node_id = ""
        self.whys: list[_Answer] = []
        self.setAccessibleName("Widen the view")
        self.categories_box = QGroupBox("What else made this possible?", self)
        self.categories_layout = QVBoxLayout(self.categories_box)
        self.whys_box = QGroupBox("Five whys, growing a graph", self)
        self.whys_layout = QVBoxLayout(self.whys_box)
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.categories_box)
        layout.addWidget(self.whys_box)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        document.changed.connect(self._on_changed)
        document.reloaded.connect(self._timer.start)
        self.refresh()

    def set_node(self, node_id: str) -> None:
        if node_id != self.node_id:
            self.node_id = node_id
            self._show_whys()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Factor, Impact, FactorLink):
            self._timer.start()

    def refresh(self) -> None:
        self._show_categories()
        self._show_whys()

    @staticmethod
    def _clear(layout: QVBoxLayout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _show_categories(self) -> None:
        self._clear(self.categories_layout)
        for prompt in category_prompts(self.document.retro):
            row = QWidget(self.categories_box)
            swatch = QLabel(row)
            swatch.setFixedSize(14, 14)
            swatch.setStyleSheet(f"background: {CATEGORY_COLOURS[prompt.category]}; border: 1px solid black;")
            question = html.escape(prompt.question, quote=False)
            mark = "" if prompt.covered else "<br><b>Not on the graph yet.</b>"
            text = QLabel(f"<b>{question}</b>{mark}" if not prompt.covered else question, row)
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.RichText)
            add = QPushButton("Add factor", row)
            add.setAccessibleName(f"Add a {prompt.category.label.lower()} factor")
            add.clicked.connect(partial(self.add_factor_requested.emit, prompt.category))
            box = QHBoxLayout(row)
            box.setContentsMargins(0, 2, 0, 2)
            box.addWidget(swatch, 0, Qt.AlignmentFlag.AlignTop)
            box.addWidget(text, 1)
            box.addWidget(add, 0, Qt.AlignmentFlag.AlignTop)
            self.categories_layout.addWidget(row)
            row.show()

    def _show_whys(self) -> None:
        self._clear(self.whys_layout)
        self.whys = []
        retro = self.document.retro
        if self.node_id not in retro.factors and self.node_id not in retro.impacts:
            hint = QLabel("Select a factor (or the impact) to ask what made it possible, and what else did.",
                          self.whys_box)
            hint.setWordWrap(True)
            self.whys_layout.addWidget(hint)
            hint.show()
            return
        step = next_why(retro, self.node_id)
        deeper = _Answer(step.question, "Add cause", partial(self._add, effect_id=self.node_id), self.whys_box)
        self.whys.append(deeper)
        self.whys_layout.addWidget(deeper)
        deeper.show()
        effects = CausalGraph.from_retro(retro).effects.get(self.node_id, ())
        for effect_id, invitation in zip(effects, step.sibling_invitations, strict=False):
            wider = _Answer(invitation, "Add sibling", partial(self._add, effect_id=effect_id), self.whys_box)
            self.whys.append(wider)
            self.whys_layout.addWidget(wider)
            wider.show()

    def _add(self, title: str, category: FactorCategory, *, effect_id: str) -> str | None:
        if not title.strip():
            return None
        factor_id = self.editor.add_linked_factor(title, category, effect_id=effect_id)
        if factor_id is not None:
            self.factor_added.emit(factor_id)
        return factor_id
