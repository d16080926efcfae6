"""The parking lot: topics parked mid-meeting, and turning each into what the room decided.

Each "turn into" is one :class:`~retro.domain.Edit` (one undo step): it creates the action item
or contributing factor and marks the item with what it became, in the same transaction.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .entities import ActionItem, Factor, ParkingItem, new_id
from .enums import FactorCategory, ParkingResolution, Stage
from .retro import Edit, Retro

#: Longest text of a parked topic.
MAX_PARKED_TEXT = 1200


def park(text: str, stage: Stage) -> Edit:
    """Park ``text``, raised during ``stage`` (the store stamps the time)."""
    return Edit.of(upsert=[ParkingItem(new_id(), text.strip(), stage)])


def into_action(item: ParkingItem, *, owner: str = "", due: date | None = None) -> tuple[Edit, ActionItem]:
    """An action item titled by the item, and the item marked as turned into it."""
    action = ActionItem(new_id(), _title(item.text), owner=owner, due=due,
                        description=item.text if len(item.text) > len(_title(item.text)) else "")
    marked = replace(item, resolution=ParkingResolution.ACTION, outcome_id=action.id)
    return Edit.of(upsert=[action, marked]), action


def into_factor(item: ParkingItem, category: FactorCategory = FactorCategory.PROCESS) -> tuple[Edit, Factor]:
    """A contributing factor titled by the item, and the item marked as turned into it."""
    factor = Factor(new_id(), _title(item.text), category,
                    description=item.text if len(item.text) > len(_title(item.text)) else "")
    marked = replace(item, resolution=ParkingResolution.FACTOR, outcome_id=factor.id)
    return Edit.of(upsert=[factor, marked]), factor


def resolve(item: ParkingItem, resolution: ParkingResolution) -> Edit:
    """Mark the item an open question, dropped, or open again (no link to anything)."""
    return Edit.of(upsert=[replace(item, resolution=resolution, outcome_id="")])


def open_questions(retro: Retro) -> list[ParkingItem]:
    """Parked topics the room left as open questions: the internal report lists them."""
    return [p for p in retro.parking_list() if p.resolution is ParkingResolution.QUESTION]


def still_open(retro: Retro) -> list[ParkingItem]:
    return [p for p in retro.parking_list() if p.resolution is ParkingResolution.OPEN]


def outcome_title(retro: Retro, item: ParkingItem) -> str:
    """What the item became, as shown ("Action: Alert on disk usage"), or its resolution."""
    if item.resolution is ParkingResolution.ACTION and item.outcome_id in retro.actions:
        return f"Action: {retro.actions[item.outcome_id].title}"
    if item.resolution is ParkingResolution.FACTOR and item.outcome_id in retro.factors:
        return f"Factor: {retro.factors[item.outcome_id].title}"
    if item.resolution in (ParkingResolution.ACTION, ParkingResolution.FACTOR):
        return f"{item.resolution.label} (since removed)"
    return item.resolution.label


def _title(text: str, limit: int = 120) -> str:
    first = " ".join(text.split())
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"
