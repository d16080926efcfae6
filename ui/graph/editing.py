"""Every edit the contributing-factor screens make, each one undo step through the document.

The canvas, the side panel and the prompts call these; each builds one
:class:`~retro.domain.Edit` and hands it to :meth:`RetroDocument.edit` with a label in the
room's words ("Connect factors", "Move 3 factors"). Nothing here touches a view: the views
refresh from the document's ``changed`` signal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date

from retro.analysis import apply_layout, layered_layout
from retro.domain import (
    ActionItem,
    Audience,
    Edit,
    Factor,
    FactorCategory,
    FactorEvidence,
    FactorLink,
    Impact,
    Retro,
    default_action_due,
    new_id,
)

from ..document import RetroDocument
from .palette import CARD_HEIGHT, CARD_WIDTH

NEW_FACTOR_TITLE = "New contributing factor"
MAX_TITLE = 300
LAYOUT_COLUMN_GAP = 60.0
LAYOUT_ROW_GAP = 30.0


def plural(n: int, word: str) -> str:
    """For undo labels: "factor" for one, "3 factors" for more."""
    return word if n == 1 else f"{n} {word}s"


class GraphEditor:
    """Turns gestures on the contributing-factor graph into undoable edits."""

    def __init__(self, document: RetroDocument) -> None:
        self.document = document
        #: The category a new factor gets unless one is given (chosen in the Factors toolbar).
        self.new_category = FactorCategory.TECHNOLOGY

    @property
    def retro(self) -> Retro:
        return self.document.retro

    # factors --------------------------------------------------------------------------------

    def add_factor(self, x: float, y: float, *, title: str = NEW_FACTOR_TITLE,
                   category: FactorCategory | None = None) -> str | None:
        """Add a factor with its top-left at (x, y); its id, or None when refused."""
        factor = Factor(new_id(), title, category or self.new_category, x=round(x, 1), y=round(y, 1))
        ok = self.document.edit("Add contributing factor", Edit.of(upsert=[factor]))
        return factor.id if ok else None

    def add_linked_factor(self, title: str, category: FactorCategory, *, effect_id: str = "",
                          cause_id: str = "") -> str | None:
        """Add a factor that leads to ``effect_id`` (or follows from ``cause_id``), as one step.

        The new card goes left of its effect (or right of its cause), below what is already there.
        """
        anchor = self._node(effect_id or cause_id)
        x, y = (0.0, 0.0)
        if anchor is not None and anchor.x is not None and anchor.y is not None:
            dx = -(CARD_WIDTH + LAYOUT_COLUMN_GAP) if effect_id else CARD_WIDTH + LAYOUT_COLUMN_GAP
            x, y = self.free_spot(anchor.x + dx, anchor.y)
        factor = Factor(new_id(), " ".join(title.split()) or NEW_FACTOR_TITLE, category, x=x, y=y)
        if effect_id:
            link = FactorLink(new_id(), factor.id, effect_id)
        else:
            link = FactorLink(new_id(), cause_id, factor.id)
        ok = self.document.edit("Add contributing factor", Edit.of(upsert=[factor, link]))
        return factor.id if ok else None

    def free_spot(self, x: float, y: float) -> tuple[float, float]:
        """(x, y), moved down a row at a time until no card is there."""
        taken = [
            (n.x, n.y)
            for n in (*self.retro.factors.values(), *self.retro.impacts.values())
            if n.x is not None and n.y is not None
        ]
        step = CARD_HEIGHT + LAYOUT_ROW_GAP
        for _ in range(200):
            if not any(abs(x - tx) < CARD_WIDTH and abs(y - ty) < CARD_HEIGHT for tx, ty in taken):
                break
            y += step
        return round(x, 1), round(y, 1)

    def rename(self, node_id: str, title: str) -> bool:
        """Give a factor or impact a new title (blank titles are refused here, quietly)."""
        title = " ".join(title.split())[:MAX_TITLE]
        node = self._node(node_id)
        if node is None or not title or title == node.title:
            return False
        label = "Rename impact" if isinstance(node, Impact) else "Rename factor"
        return self.document.edit(label, Edit.of(upsert=[replace(node, title=title)]))

    def update_factor(self, factor_id: str, label: str, **fields: object) -> bool:
        """Change some fields of one factor (description, category, audience) as one step."""
        factor = self.retro.factors.get(factor_id)
        if factor is None:
            return False
        changed = replace(factor, **fields)  # type: ignore[arg-type]
        if changed == factor:
            return False
        return self.document.edit(label, Edit.of(upsert=[changed]))

    def set_category(self, factor_id: str, category: FactorCategory) -> bool:
        return self.update_factor(factor_id, "Change factor category", category=category)

    def set_audience(self, factor_id: str, audience: Audience) -> bool:
        return self.update_factor(factor_id, "Change factor audience", audience=audience)

    def set_description(self, factor_id: str, text: str) -> bool:
        return self.update_factor(factor_id, "Describe factor", description=text.strip())

    # arrows ---------------------------------------------------------------------------------

    def why_not_connect(self, cause_id: str, effect_id: str) -> str:
        """Why an arrow from cause to effect cannot be drawn, in plain words ("" when it can)."""
        retro = self.retro
        if cause_id not in retro.factors:
            return "Arrows start at a contributing factor."
        if effect_id not in retro.factors and effect_id not in retro.impacts:
            return "Arrows end at a contributing factor or the impact."
        if cause_id == effect_id:
            return "A factor cannot contribute to itself."
        if any(lk.cause_id == cause_id and lk.effect_id == effect_id for lk in retro.links.values()):
            return "These two are already connected."
        return ""

    def connect(self, cause_id: str, effect_id: str) -> bool:
        if self.why_not_connect(cause_id, effect_id):
            return False
        link = FactorLink(new_id(), cause_id, effect_id)
        return self.document.edit("Connect factors", Edit.of(upsert=[link]))

    def effect_choices(self, cause_id: str) -> list[tuple[str, str]]:
        """(id, title) of everything ``cause_id`` could be connected to: impacts first."""
        impacts = sorted(self.retro.impacts.values(), key=lambda i: i.title.casefold())
        factors = self.retro.factor_list()
        return [
            (n.id, n.title)
            for n in (*impacts, *factors)
            if not self.why_not_connect(cause_id, n.id)
        ]

    # removing -------------------------------------------------------------------------------

    def delete(self, factor_ids: Iterable[str] = (), link_ids: Iterable[str] = ()) -> bool:
        """Remove factors (with their arrows and evidence) and arrows, as one step."""
        factors = [self.retro.factors[f] for f in dict.fromkeys(factor_ids) if f in self.retro.factors]
        gone = {f.id for f in factors}
        links = [
            self.retro.links[lk]
            for lk in dict.fromkeys(link_ids)
            if lk in self.retro.links
            and self.retro.links[lk].cause_id not in gone
            and self.retro.links[lk].effect_id not in gone
        ]
        if not factors and not links:
            return False
        if factors and links:
            label = f"Delete {plural(len(factors), 'factor')} and {plural(len(links), 'arrow')}"
        elif factors:
            label = f"Delete {plural(len(factors), 'factor')}"
        else:
            label = f"Delete {plural(len(links), 'arrow')}"
        return self.document.edit(label, Edit.of(remove=[*factors, *links]))

    # positions ------------------------------------------------------------------------------

    def move(self, positions: Mapping[str, tuple[float, float]], *, merge: bool = False) -> bool:
        """Store new top-left positions for factors and impacts, as one "Move" step.

        With ``merge`` (Ctrl+arrow nudges) a run of moves of the same cards stays one undo step.
        """
        moved: list[Factor | Impact] = []
        for node_id, (x, y) in positions.items():
            node = self._node(node_id)
            if node is not None and (node.x, node.y) != (round(x, 1), round(y, 1)):
                moved.append(replace(node, x=round(x, 1), y=round(y, 1)))
        if not moved:
            return False
        n_factors = sum(isinstance(m, Factor) for m in moved)
        if n_factors == len(moved):
            label = f"Move {plural(n_factors, 'factor')}"
        elif n_factors == 0:
            label = "Move impact"
        else:
            label = f"Move {plural(len(moved), 'card')}"
        key = "move:" + ",".join(sorted(m.id for m in moved)) if merge else ""
        return self.document.edit(label, Edit.of(upsert=moved), merge=key)

    def layout_positions(self) -> dict[str, tuple[float, float]]:
        """Where auto-arrange would put every factor and impact (nothing stored)."""
        return layered_layout(
            self.retro, (CARD_WIDTH, CARD_HEIGHT), LAYOUT_COLUMN_GAP, LAYOUT_ROW_GAP
        )

    def auto_arrange(self) -> bool:
        """Lay the graph out left to right by causal depth, as one undoable step."""
        moved = apply_layout(self.retro, self.layout_positions())
        if not moved:
            return False
        return self.document.edit("Auto-arrange", Edit.of(upsert=moved))

    # evidence and actions -------------------------------------------------------------------

    def link_evidence(self, factor_id: str, event_ids: Iterable[str]) -> bool:
        retro = self.retro
        new = [
            FactorEvidence(factor_id, e)
            for e in dict.fromkeys(event_ids)
            if e in retro.events and f"{factor_id}:{e}" not in retro.evidence
        ]
        if factor_id not in retro.factors or not new:
            return False
        label = "Cite evidence" if len(new) == 1 else f"Cite {len(new)} events as evidence"
        return self.document.edit(label, Edit.of(upsert=new))

    def unlink_evidence(self, factor_id: str, event_ids: Iterable[str]) -> bool:
        gone = [
            self.retro.evidence[key]
            for key in (f"{factor_id}:{e}" for e in dict.fromkeys(event_ids))
            if key in self.retro.evidence
        ]
        if not gone:
            return False
        return self.document.edit("Remove evidence", Edit.of(remove=gone))

    def create_action(self, factor_id: str, today: date | None = None) -> str | None:
        """A new action addressing the factor: no owner yet (the Actions stage asks for one)."""
        factor = self.retro.factors.get(factor_id)
        if factor is None:
            return None
        due = default_action_due(self.retro.incident.severity, today or date.today())
        title = f"Address: {factor.title}"
        action = ActionItem(new_id(), title[:200], owner="", due=due, factor_ids=(factor.id,))
        ok = self.document.edit("Create action", Edit.of(upsert=[action]))
        return action.id if ok else None

    # helpers --------------------------------------------------------------------------------

    def _node(self, node_id: str) -> Factor | Impact | None:
        return self.retro.factors.get(node_id) or self.retro.impacts.get(node_id)
