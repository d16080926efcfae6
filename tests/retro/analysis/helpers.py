"""Small builders for analysis tests: a retro from titles and arrows."""

from __future__ import annotations

from retro.domain.entities import ActionItem, Factor, FactorEvidence, FactorLink, Impact, Incident
from retro.domain.enums import FactorCategory
from retro.domain.retro import Retro

IMPACT = "impact"


def make_retro(
    factors: dict[str, str] | list[str],
    arrows: list[tuple[str, str]],
    *,
    categories: dict[str, FactorCategory] | None = None,
    incident_id: str = "inc-1",
    incident_title: str = "Checkout outage",
    impact: bool = True,
) -> Retro:
    """Factors by id (→ title), arrows (cause, effect), and one impact with id ``impact``."""
    titles = factors if isinstance(factors, dict) else {f: f.replace("_", " ") for f in factors}
    cats = categories or {}
    entities: list[object] = [
        Factor(fid, title, cats.get(fid, FactorCategory.TECHNOLOGY)) for fid, title in titles.items()
    ]
    if impact:
        entities.append(Impact(IMPACT, "Customers could not pay"))
    entities.extend(FactorLink(f"l{i}", c, e) for i, (c, e) in enumerate(arrows))
    return Retro.of(Incident(incident_id, incident_title), entities)  # type: ignore[arg-type]


def with_evidence_and_actions(retro: Retro) -> Retro:
    """Every factor gets evidence and an action, so only graph-shaped findings remain."""
    entities: list[object] = list(retro.entities())
    for fid in retro.factors:
        entities.append(FactorEvidence(fid, "e1"))
    entities.append(ActionItem("a1", "Fix things", owner="Sam", factor_ids=tuple(retro.factors)))
    return Retro.of(retro.incident, entities)  # type: ignore[arg-type]
