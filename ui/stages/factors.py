"""Contributing factors: the causal graph the room builds together, never one root cause.

The canvas (cards, arrows, legend) sits beside a tabbed panel: the selected factor's details,
evidence and actions; the findings about the graph; and the prompts that widen the view. A
toolbar offers every canvas gesture for mouse users, and the canvas keys (see
:mod:`ui.graph.view`) for keyboard users. The projector gets a high-contrast mirror of the graph
that follows the facilitator's selection and zoom.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QComboBox, QLabel, QSplitter, QTabWidget, QToolBar, QVBoxLayout, QWidget
from shiboken6 import isValid

from retro.domain import FactorCategory, Stage
from ui.document import RetroDocument
from ui.graph.findings_panel import FindingsPanel
from ui.graph.legend import Legend
from ui.graph.projector import ProjectorGraph
from ui.graph.prompts_panel import PromptsPanel
from ui.graph.related_panel import RelatedRetrosPanel
from ui.graph.scene import FactorScene
from ui.graph.side_panel import FactorPanel
from ui.graph.view import GraphView
from ui.settings import UiSettings
from ui.stage_base import StageView
from ui.stages.public_marking import mark_factors_public
from ui.widgets.banner import Banner, Tone
from ui.widgets.scrolling import scrolling

SPLITTER_KEY = "factors/splitter"


class FactorsStage(StageView):
    """The contributing-factor graph editor."""

    stage = Stage.FACTORS
    shows_refusals_inline = True

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.scene = FactorScene(document, parent=self)
        self.view = GraphView(self.scene, self)
        self.editor = self.scene.editor
        self.panel = FactorPanel(document, self.editor, self)
        self.findings = FindingsPanel(document, self)
        self.prompts = PromptsPanel(document, self.editor, self)
        self.legend = Legend(self.scene.graph_style, self)
        self.banner = Banner(Tone.INFO, name="Canvas message", parent=self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Factor details, findings and prompts")
        self.tabs.setUsesScrollButtons(False)  # every tab's name is read whole; the panel is as wide as they need
        self.tabs.addTab(scrolling(self.panel), "&Factor")  # a tall form scrolls on a laptop
        self.tabs.addTab(self.findings, "Fi&ndings")
        self.tabs.addTab(self.prompts, "&Widen the view")
        self.related = RelatedRetrosPanel(document, self)  # issue 16: near-duplicates in earlier retros
        self.related.message.connect(lambda text: self._show_message(text, Tone.WARNING))
        self.tabs.addTab(self.related, "Seen &before")
        self.toolbar = self._build_toolbar()

        canvas = QWidget(self)
        canvas_layout = QVBoxLayout(canvas)
        canvas_layout.setContentsMargins(0, 0, 0, 0)
        canvas_layout.addWidget(self.toolbar)
        canvas_layout.addWidget(self.banner)
        canvas_layout.addWidget(self.legend)
        canvas_layout.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("FactorsSplitter")
        self.splitter.addWidget(canvas)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1100, 420])
        self.splitter.setChildrenCollapsible(False)
        self._settings = UiSettings()
        saved = self._settings.geometry(SPLITTER_KEY)
        if saved is not None:
            self.splitter.restoreState(saved)
        self.splitter.splitterMoved.connect(self._remember_splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.scene.selected_node_changed.connect(self._on_selected)
        self.scene.message.connect(self._show_message)
        document.changed.connect(lambda _changes: self.banner.show_text(""))
        self.findings.findings_updated.connect(lambda _reasons: self._count_findings())
        self.findings.finding_activated.connect(self.focus_target)
        self.findings.findings_updated.connect(self.scene.set_findings)
        self.scene.set_findings(self._current_reasons())
        self._count_findings()
        self.prompts.add_factor_requested.connect(self.add_factor_of)
        self.prompts.factor_added.connect(self.focus_target)
        self.setFocusProxy(self.view)
        self._fitted = False
        self._build_projector_focus_key()

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar("Canvas", self)
        bar.setAccessibleName("Canvas tools")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        def add(text: str, tip: str, slot: Callable[[], object], name: str) -> QAction:
            action = QAction(text, self)
            action.setToolTip(tip)
            action.setObjectName(name)
            action.triggered.connect(slot)
            bar.addAction(action)
            return action

        # A new factor's category is chosen on creation (issue 11): the combo says which one Insert,
        # a double-click and "Add factor" give; Alt+1 … Alt+5 choose it from the keyboard.
        label = QLabel("New factor &is ")
        self.new_category = QComboBox()
        self.new_category.setAccessibleName("Category of new factors")
        self.new_category.setToolTip("The category a new factor gets (Alt+1 … Alt+5); change any later in Factor")
        for number, category in enumerate(FactorCategory, start=1):
            self.new_category.addItem(f"{category.label}  (Alt+{number})", category)
            choose = QAction(self)
            choose.setShortcut(QKeySequence(f"Alt+{number}"))
            choose.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            choose.triggered.connect(lambda _c=False, c=category: self.choose_new_category(c))
            self.addAction(choose)
        self.new_category.currentIndexChanged.connect(
            lambda _i: self._set_new_category(FactorCategory(self.new_category.currentData())))
        label.setBuddy(self.new_category)
        bar.addWidget(label)
        bar.addWidget(self.new_category)
        self.add_action = add("Add factor", "Add a contributing factor of the chosen category "
                              "(Insert, or double-click the canvas)", self.view.add_factor_here, "addFactor")
        self.connect_action = add("Connect…", "Connect the selected factor to what it contributed to (C). "
                                  "Or drag from a card's round handle onto another card.",
                                  self.view.open_connect_dialog, "connectFactors")
        self.connect_mode_action = add("Connect by dragging",
                                       "While on, dragging a card onto another draws an arrow instead of "
                                       "moving it (same as holding Shift)", self._toggle_connect_mode, "connectMode")
        self.connect_mode_action.setCheckable(True)
        self.delete_action = add("Delete", "Delete the selected factors and arrows (Delete)",
                                 self.scene.delete_selection, "deleteSelection")
        self.public_action = add("Mark selected public", "Customers read the selected factors in the public "
                                 "report (one undo step; see Review & export → Public preview)",
                                 self.mark_selected_public, "markSelectedPublic")
        bar.addSeparator()
        self.arrange_action = add("Auto-arrange", "Lay the graph out left to right by causal depth (undoable)",
                                  self.auto_arrange, "autoArrange")
        bar.addSeparator()
        add("Zoom in", "Zoom in (Ctrl+=)", lambda: self.view.zoom_by(1.2), "zoomIn")
        add("Zoom out", "Zoom out (Ctrl+-)", lambda: self.view.zoom_by(1 / 1.2), "zoomOut")
        add("Fit", "Show the whole graph (Ctrl+0)", self.view.fit_graph, "fitGraph")
        return bar

    def choose_new_category(self, category: FactorCategory) -> None:
        """The category the next new factor gets (the focus stays where it was)."""
        self.new_category.setCurrentIndex(list(FactorCategory).index(category))

    def _set_new_category(self, category: FactorCategory) -> None:
        self.editor.new_category = category
        self._show_message(f"New factors are {category.label}.")

    def current_topic(self) -> str:
        """The selected factor's title: what ELMO offers to park (issue 11)."""
        selected = self.scene.selected_nodes()
        if len(selected) != 1:
            return ""
        factor = self.document.retro.factors.get(selected[0].node_id)
        return factor.title if factor is not None else ""

    def mark_selected_public(self) -> str:
        """Mark the selected factors public (one undo step); the outcome is said in the banner."""
        message = mark_factors_public(self.document, self.scene.selected_factor_ids())
        if message:
            self.banner.show_text(message)
        return message

    # reacting -------------------------------------------------------------------------------

    def _on_selected(self, node_id: str) -> None:
        self.panel.set_factor(node_id)
        self.prompts.set_node(node_id)
        self.related.set_factor(node_id)
        self.selection_changed.emit(node_id)

    def show_refusal(self, message: str) -> None:
        self._show_message(message, Tone.WARNING)

    def _show_message(self, text: str, tone: Tone = Tone.INFO) -> None:
        self.banner.set_tone(tone)
        self.banner.show_text(text)

    def _toggle_connect_mode(self) -> None:
        self.scene.connect_mode = self.connect_mode_action.isChecked()
        self.view.setFocus()

    def _count_findings(self) -> None:
        count = len(self.findings.findings)
        index = self.tabs.indexOf(self.findings)
        self.tabs.setTabText(index, f"Fi&ndings ({count})" if count else "Fi&ndings")

    def _remember_splitter(self) -> None:
        self._settings.set_geometry(SPLITTER_KEY, self.splitter.saveState())

    def _current_reasons(self) -> dict[str, str]:
        reasons: dict[str, list[str]] = {}
        for finding in self.findings.findings:
            if finding.target_id:
                reasons.setdefault(finding.target_id, []).append(finding.message)
        return {k: "\n".join(v) for k, v in reasons.items()}

    # commands -------------------------------------------------------------------------------

    def auto_arrange(self) -> bool:
        done = self.editor.auto_arrange()
        if done:
            self.view.fit_graph()
        return done

    def add_factor_of(self, category: FactorCategory) -> str | None:
        """Add a factor of ``category`` in view and open its title for typing."""
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        x, y = self.editor.free_spot(centre.x() - 105, centre.y() - 56)
        factor_id = self.editor.add_factor(x, y, category=category)
        if factor_id is not None:
            self.focus_target(factor_id)
            node = self.scene.node(factor_id)
            if node is not None:
                self.scene.start_title_edit(node)
        return factor_id

    def focus_target(self, target_id: str) -> None:
        """Select and reveal a factor or the impact (from a finding or another stage)."""
        item = self.scene.select_node(target_id)
        if item is not None:
            self.view.setFocus()
            self.view.ensureVisible(item, 60, 60)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            self.view.fit_graph()

    def _build_projector_focus_key(self) -> None:
        """F toggles the projector between the selected factor close up and the whole graph."""
        self.projected: ProjectorGraph | None = None
        self.projector_focus = False
        key = QShortcut(QKeySequence(Qt.Key.Key_F), self)
        key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        key.activated.connect(self.toggle_projector_focus)

    def toggle_projector_focus(self) -> bool:
        """Focus the projector on the selection (and its causes and effects), or show the whole graph."""
        self.projector_focus = not self.projector_focus
        if self.projected is not None and isValid(self.projected):  # the projector may have dropped it
            self.projected.set_focus_mode(self.projector_focus)
        return self.projector_focus

    def projector_view(self) -> QWidget | None:
        mirror = ProjectorGraph(self.document)
        mirror.set_focus_mode(self.projector_focus)
        self.projected = mirror
        mirror.follow(self.view)
        self.selection_changed.connect(mirror.follow_selection)
        selected = self.scene.selected_nodes()
        mirror.follow_selection(selected[0].node_id if len(selected) == 1 else "")
        return mirror
