"""The graph mirror: a scene that shows a retro's factors, impacts and arrows and follows its edits.

It is built once from the retro, then follows :attr:`RetroDocument.changed` item by item:
only the cards and arrows an edit touched are added, removed or updated. Arrows spread along
their cards' edges and go around cards in their way (a coarse grid finds those quickly).
:class:`~ui.graph.scene.FactorScene` adds the facilitator's gestures on top; the projector
uses a read-only one in its own style that follows the facilitator through
:meth:`GraphMirror.set_highlight`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from retro.analysis import loop_arrows
from retro.domain import ActionItem, Changes, Factor, FactorEvidence, FactorLink, Impact

from ..document import RetroDocument
from ..theme import is_dark, theme_signals
from .arrows import LinkArrow
from .editing import GraphEditor
from .items import AttachedArrow, FactorCard, ImpactNode, NodeItem
from .palette import FACILITATOR, FACILITATOR_DARK, GraphStyle, facilitator_style

SCENE_MARGIN = 400.0
GRID_CELL = 300.0
#: Up to this many cards moved by one edit, arrows passing where they land are rerouted too.
REROUTE_LIMIT = 40


class GraphMirror(QGraphicsScene):
    """The graph of one retro's contributing factors, kept in step with its document."""

    #: The one selected factor or impact id, "" when none or several are selected.
    selected_node_changed = Signal(str)

    def __init__(self, document: RetroDocument, *, style: GraphStyle = FACILITATOR, editable: bool = False,
                 parent: QObject | None = None, build: bool = True) -> None:
        super().__init__(parent)
        self.document = document
        self.editor = GraphEditor(document)
        follows_theme = style in (FACILITATOR, FACILITATOR_DARK)  # the projector keeps its own
        if follows_theme:
            style = facilitator_style(is_dark())
        self.graph_style = style
        self.editable = editable
        self.cards: dict[str, FactorCard] = {}
        self.impacts: dict[str, ImpactNode] = {}
        self.arrows: dict[str, LinkArrow] = {}
        self._batch: set[NodeItem] | None = None
        self._highlight: NodeItem | None = None
        self._selected = ""
        self._grid: dict[tuple[int, int], set[NodeItem]] = {}
        self._vacated: list[QRectF] = []
        self._cells: dict[NodeItem, list[tuple[int, int]]] = {}
        self.setBackgroundBrush(QColor(style.background))
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        document.changed.connect(self._on_changed)
        document.reloaded.connect(self.rebuild)
        self.selectionChanged.connect(self._on_selection_changed)
        if follows_theme:
            theme_signals().changed.connect(self._theme_changed)
        if build:
            self.rebuild()

    # the theme -----------------------------------------------------------------------------

    def _theme_changed(self, dark: bool) -> None:
        self.set_style(facilitator_style(dark))

    def set_style(self, style: GraphStyle) -> None:
        """Draw every card and arrow in ``style`` from now on (the light or dark theme, live)."""
        if style == self.graph_style:
            return
        self.graph_style = style
        self.setBackgroundBrush(QColor(style.background))
        for item in [*self.nodes(), *self.arrows.values()]:
            item.style = style
            item.update()
        for arrow in self.arrows.values():
            arrow.update_path()

    # hooks for the interactive scene ------------------------------------------------------------

    def dragging(self) -> bool:
        """Is a drag of cards under way (arrows then take plain curves until it ends)?"""
        return False

    def _before_rebuild(self) -> None:
        """Drop any half-done gesture before every item goes."""

    def _node_leaving(self, item: NodeItem) -> None:
        """``item`` is about to be removed from the scene."""

    # reading --------------------------------------------------------------------------------

    def node(self, node_id: str) -> NodeItem | None:
        return self.cards.get(node_id) or self.impacts.get(node_id)

    def nodes(self) -> list[NodeItem]:
        return [*self.cards.values(), *self.impacts.values()]

    def selected_nodes(self) -> list[NodeItem]:
        return [i for i in self.selectedItems() if isinstance(i, NodeItem)]

    def selected_factor_ids(self) -> list[str]:
        return [i.node_id for i in self.selectedItems() if isinstance(i, FactorCard)]

    def selected_link_ids(self) -> list[str]:
        return [i.link.id for i in self.selectedItems() if isinstance(i, LinkArrow)]

    def graph_rect(self) -> QRectF:
        """The rectangle around every card and arrow."""
        return self.itemsBoundingRect()

    # building -------------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Throw every item away and build the graph again from the retro."""
        self._before_rebuild()
        self.clear()
        self.cards.clear()
        self.impacts.clear()
        self.arrows.clear()
        self._grid.clear()
        self._cells.clear()
        self._highlight = None
        retro = self.document.retro
        unplaced = any(n.x is None or n.y is None for n in (*retro.factors.values(), *retro.impacts.values()))
        fallback = self.editor.layout_positions() if unplaced else {}
        self._batch = set()
        for factor in retro.factors.values():
            self._add_node(FactorCard(factor, self.graph_style, self.editable), factor, fallback)
        for impact in retro.impacts.values():
            self._add_node(ImpactNode(impact, self.graph_style, self.editable), impact, fallback)
        for link in retro.links.values():
            self._add_arrow(link)
        self._finish_batch(links_changed=True, badges=True)
        self._grow_scene_rect()

    def _add_node(self, item: NodeItem, entity: Factor | Impact,
                  fallback: dict[str, tuple[float, float]] | None = None) -> None:
        if entity.x is None or entity.y is None:
            x, y = (fallback or {}).get(entity.id) or self.editor.free_spot(0.0, 0.0)
            item.setPos(x, y)
        self.addItem(item)
        self._place_in_grid(item)
        if isinstance(item, FactorCard):
            self.cards[entity.id] = item
        else:
            self.impacts[entity.id] = item  # type: ignore[assignment]
        if self._batch is not None:
            self._batch.add(item)

    # where the cards are: a coarse grid, so arrows can find the cards in their way quickly

    @staticmethod
    def _cells_of(rect: QRectF) -> list[tuple[int, int]]:
        x0, x1 = int(rect.left() // GRID_CELL), int(rect.right() // GRID_CELL)
        y0, y1 = int(rect.top() // GRID_CELL), int(rect.bottom() // GRID_CELL)
        return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]

    def _place_in_grid(self, node: NodeItem) -> None:
        cells = self._cells_of(node.scene_rect())
        old = self._cells.get(node)
        if old == cells:
            return
        for cell in old or ():
            self._grid[cell].discard(node)
        for cell in cells:
            self._grid.setdefault(cell, set()).add(node)
        self._cells[node] = cells

    def _drop_from_grid(self, node: NodeItem) -> None:
        for cell in self._cells.pop(node, ()):
            self._grid[cell].discard(node)

    def cards_near(self, rect: QRectF) -> set[NodeItem]:
        """Cards and impacts whose grid cells meet ``rect`` (a superset of those inside it).

        Nothing while a drag is under way: arrows then take the direct curve, and go around
        cards again when the drag ends (that keeps each move event well inside a frame).
        """
        if self.dragging():
            return set()
        found: set[NodeItem] = set()
        for cell in self._cells_of(rect):
            found.update(self._grid.get(cell, ()))
        return found

    def _add_arrow(self, link: FactorLink) -> None:
        cause, effect = self.node(link.cause_id), self.node(link.effect_id)
        if cause is None or effect is None:
            return
        arrow = LinkArrow(link, cause, effect, self.graph_style, self.editable)
        arrow.obstacles = self.cards_near
        cause.arrows_out.append(arrow)
        effect.arrows_in.append(arrow)
        self.arrows[link.id] = arrow
        self.addItem(arrow)
        if self._batch is not None:
            self._batch.update((cause, effect))

    def _remove_arrow(self, link_id: str) -> None:
        arrow = self.arrows.pop(link_id, None)
        if arrow is None:
            return
        for node, ends in ((arrow.cause, arrow.cause.arrows_out), (arrow.effect, arrow.effect.arrows_in)):
            if arrow in ends:
                ends.remove(arrow)
            if self._batch is not None and node.scene() is self:
                self._batch.add(node)
        self.removeItem(arrow)

    def _remove_node(self, item: NodeItem | None) -> None:
        if item is None:
            return
        self._node_leaving(item)
        for arrow in [*item.arrows_in, *item.arrows_out]:
            self._remove_arrow(arrow.link.id)
        if self._highlight is item:
            self._highlight = None
        if self._batch is not None:
            self._batch.discard(item)
        self._drop_from_grid(item)
        self._vacated.append(item.scene_rect())
        self.removeItem(item)

    def _finish_batch(self, *, links_changed: bool, badges: bool) -> None:
        touched, self._batch = self._batch or set(), None
        if links_changed:
            self._refresh_feedback()
        if badges:
            self._refresh_badges()
        self._refresh_ports(touched)
        vacated, self._vacated = self._vacated, []
        if (touched or vacated) and len(touched) + len(vacated) <= REROUTE_LIMIT:
            self._reroute_around(touched, vacated)

    def _reroute_around(self, nodes: Iterable[NodeItem], vacated: Iterable[QRectF] = ()) -> None:
        """Redraw arrows passing where these cards are (or were), so they go around only what is there."""
        rects = [n.scene_rect() for n in nodes if n.scene() is self]
        rects.extend(vacated)
        for arrow in self.arrows.values():
            bounds = arrow.boundingRect()
            if any(bounds.intersects(r) for r in rects):
                arrow.update_path()

    def _refresh_feedback(self) -> None:
        loops = loop_arrows(self.document.retro)
        for arrow in self.arrows.values():
            arrow.set_feedback((arrow.link.cause_id, arrow.link.effect_id) in loops)

    def _refresh_badges(self) -> None:
        retro = self.document.retro
        counts = Counter(ev.factor_id for ev in retro.evidence.values())
        addressed = {fid for action in retro.actions.values() for fid in action.factor_ids}
        for factor_id, card in self.cards.items():
            card.set_badges(counts[factor_id], factor_id in addressed)

    def _refresh_ports(self, nodes: Iterable[NodeItem]) -> None:
        """Spread each card's arrows along its edges (ordered by the far end's height), then redraw."""
        arrows: set[AttachedArrow] = set()
        for node in nodes:
            outs = sorted(node.arrows_out, key=lambda a: a.effect.y())
            for i, arrow in enumerate(outs):
                arrow.out_port = (i, len(outs))
            ins = sorted(node.arrows_in, key=lambda a: a.cause.y())
            for i, arrow in enumerate(ins):
                arrow.in_port = (i, len(ins))
            arrows.update(outs)
            arrows.update(ins)
        for arrow in arrows:
            arrow.update_path()

    def node_moved(self, node: NodeItem) -> None:
        """A card moved (dragged, or placed by an edit): its arrows follow.

        While a drag is under way only the card's own arrows are redrawn; the order of the
        arrows along its neighbours' edges is settled once, on release.
        """
        if node in self._cells:
            self._place_in_grid(node)
        if self._batch is not None:
            self._batch.add(node)
            return
        if self.dragging():
            for arrow in (*node.arrows_out, *node.arrows_in):
                arrow.update_path()
            return
        near = {node}
        near.update(a.effect for a in node.arrows_out)
        near.update(a.cause for a in node.arrows_in)
        self._refresh_ports(near)

    def _grow_scene_rect(self) -> None:
        """Leave room around the graph to drag cards into and to double-click new ones."""
        rect = self.itemsBoundingRect().adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)
        self.setSceneRect(rect.united(self.sceneRect()) if self.items() else rect)

    # following the document -----------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(Factor, Impact, FactorLink, FactorEvidence, ActionItem):
            return
        retro = self.document.retro
        self._batch = set()
        for ref in changes.removed:
            if ref.is_a(Factor):
                self._remove_node(self.cards.pop(ref.key, None))
            elif ref.is_a(Impact):
                self._remove_node(self.impacts.pop(ref.key, None))
            elif ref.is_a(FactorLink):
                self._remove_arrow(ref.key)
        for entity in changes.upserted:
            if isinstance(entity, Factor):
                card = self.cards.get(entity.id)
                if card is None:
                    self._add_node(FactorCard(entity, self.graph_style, self.editable), entity)
                else:
                    card.set_factor(entity)
                    self._place(card, entity)
            elif isinstance(entity, Impact):
                node = self.impacts.get(entity.id)
                if node is None:
                    self._add_node(ImpactNode(entity, self.graph_style, self.editable), entity)
                else:
                    node.set_impact(entity)
                    self._place(node, entity)
        for entity in changes.upserted:
            if isinstance(entity, FactorLink):
                self._remove_arrow(entity.id)
                if entity.id in retro.links:
                    self._add_arrow(entity)
        links_changed = changes.touches(FactorLink) or any(r.is_a(Factor) or r.is_a(Impact) for r in changes.removed)
        self._finish_batch(links_changed=links_changed, badges=True)
        self._grow_scene_rect()

    def _place(self, item: NodeItem, entity: Factor | Impact) -> None:
        if entity.x is not None and entity.y is not None and (item.x(), item.y()) != (entity.x, entity.y):
            self._vacated.append(item.scene_rect())
            item.setPos(entity.x, entity.y)

    def sync_positions(self) -> None:
        """Put every card back where the retro says it is (after a refused move)."""
        retro = self.document.retro
        for node_id, item in [*self.cards.items(), *self.impacts.items()]:
            entity = retro.factors.get(node_id) or retro.impacts.get(node_id)
            if entity is not None:
                self._place(item, entity)

    # selection ------------------------------------------------------------------------------

    def _on_selection_changed(self) -> None:
        nodes = self.selected_nodes()
        selected = nodes[0].node_id if len(nodes) == 1 else ""
        if selected != self._selected:
            self._selected = selected
            self.selected_node_changed.emit(selected)

    def select_node(self, node_id: str) -> NodeItem | None:
        """Select only ``node_id`` (a factor or impact); returns its item."""
        item = self.node(node_id)
        self.clearSelection()
        if item is not None:
            item.setSelected(True)
            item.setFocus()
        return item

    def set_highlight(self, node_id: str) -> NodeItem | None:
        """Outline ``node_id`` (the facilitator's selection, on the projector)."""
        item = self.node(node_id)
        if self._highlight is not None and self._highlight is not item:
            self._highlight.set_highlighted(False)
        self._highlight = item
        if item is not None:
            item.set_highlighted(True)
        return item

    def set_findings(self, reasons: dict[str, str]) -> None:
        """Mark the cards an analysis finding is about, with its reasons as the tooltip."""
        for node_id, item in [*self.cards.items(), *self.impacts.items()]:
            item.set_finding(reasons.get(node_id, ""))
