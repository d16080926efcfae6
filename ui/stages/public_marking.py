"""'Mark selected public' for the Contributing factors and Actions stages: one undo step for the selection.

The public report shows public factors and, of the actions, those whose every factor is public
(:func:`retro.report.audience.is_public_action`). Marking actions public therefore marks the
factors they address public — the only way an action reaches the public report. The Review
stage's "public report would be empty" blocker points here (and to the Timeline's menu).
"""

from __future__ import annotations

from dataclasses import replace

from retro.domain import ActionItem, Audience, Edit, Factor
from ui.document import RetroDocument


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def mark_factors_public(document: RetroDocument, factor_ids: list[str]) -> str:
    """Mark the given factors public in one undoable edit; what happened, said for the person."""
    factors = [f for fid in factor_ids if (f := document.retro.factors.get(fid)) is not None]
    change = [f for f in factors if f.audience is not Audience.PUBLIC]
    if not factors:
        return "Select the contributing factors customers should read first."
    if not change:
        return f"The selected {'factor is' if len(factors) == 1 else 'factors are'} already public."
    label = f"Mark {_plural(len(change), 'factor')} public"
    if not document.edit(label, Edit.of(upsert=[replace(f, audience=Audience.PUBLIC) for f in change])):
        return ""
    return f"Marked {_plural(len(change), 'contributing factor')} public (Undo takes it back)."


def mark_actions_public(document: RetroDocument, actions: list[ActionItem]) -> str:
    """Make the given actions public: mark every factor they address public (one undoable edit)."""
    if not actions:
        return "Select the actions customers should read first."
    without = [a for a in actions if not a.factor_ids]
    factors: dict[str, Factor] = {}
    for action in actions:
        for fid in action.factor_ids:
            factor = document.retro.factors.get(fid)
            if factor is not None and factor.audience is not Audience.PUBLIC:
                factors[fid] = factor
    skipped = (f" {_plural(len(without), 'action')} address no contributing factor, so "
               f"{'it stays' if len(without) == 1 else 'they stay'} out: choose its factors first.") if without else ""
    if not factors:
        return ("The selected actions are already public." if not without else skipped.strip())
    label = f"Mark {_plural(len(actions) - len(without), 'action')} public"
    if not document.edit(label, Edit.of(upsert=[replace(f, audience=Audience.PUBLIC) for f in factors.values()])):
        return ""
    return (f"Marked {_plural(len(factors), 'contributing factor')} public so the selected actions appear in the "
            f"public report (Undo takes it back).{skipped}")
